/**
 * Files the build writes beside its pages without a route per file: the search index's token shards and doc
 * files, the pinyin files, the social images. There are thousands of them (four locales × a doc file per
 * page, a pinyin file per Simplified and Traditional article text), and each one Astro renders as a route costs
 * a Request, a Response and a directory check on the main thread — at a few hundred articles that was seconds,
 * while their content was ready long before. Routes hand them here during the build; the build-files
 * integration (src/integrations/build-files.ts) writes them when Astro is done. The dev server still serves
 * each file from its route.
 *
 * The registry lives on globalThis: the pages' bundle and the integrations are separate module graphs in one
 * process.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const KEY = Symbol.for('jiankang-shequ.build-files');
const shared = globalThis as { [KEY]?: Map<string, Promise<string | Uint8Array>> };

function pending(): Map<string, Promise<string | Uint8Array>> {
  return (shared[KEY] ??= new Map());
}

/** Queues a file for dist/ (`file` relative to it, e.g. "search-index/en/ab12/t3.json"). */
export function emitBuildFile(file: string, content: string | Uint8Array | Promise<string | Uint8Array>): void {
  const clean = path.posix.normalize(file);
  if (clean.startsWith('/') || clean.startsWith('..') || clean !== file)
    throw new Error(`build file "${file}" must be a plain path inside dist/`);
  if (pending().has(clean)) throw new Error(`build file "${file}" was emitted twice`);
  const p = Promise.resolve(content);
  // Failures surface when the files are written (and fail the build), not as an unhandled rejection before.
  p.catch(() => {});
  pending().set(clean, p);
}

/** Writes every queued file under `dir` and forgets them; returns how many were written. */
export async function writeBuildFiles(dir: string): Promise<number> {
  const files = [...pending()];
  pending().clear();
  const dirs = new Set(files.map(([f]) => path.dirname(path.join(dir, f))));
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
  for (let i = 0; i < files.length; i += 64)
    await Promise.all(files.slice(i, i + 64).map(async ([f, content]) => writeFile(path.join(dir, f), await content)));
  return files.length;
}
