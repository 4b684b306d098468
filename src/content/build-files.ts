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

type Content = string | Uint8Array;
type Batch = Promise<Iterable<readonly [string, Content | Promise<Content>]>>;

const KEY = Symbol.for('jiankang-shequ.build-files');
const shared = globalThis as { [KEY]?: Batch[] };

function pending(): Batch[] {
  return (shared[KEY] ??= []);
}

function checked(file: string): string {
  const clean = path.posix.normalize(file);
  if (clean.startsWith('/') || clean.startsWith('..') || clean !== file)
    throw new Error(`build file "${file}" must be a plain path inside dist/`);
  return clean;
}

/**
 * Queues files for dist/ (paths relative to it, e.g. "search-index/en/ab12/t3.json"), also when their names
 * are only known once their content is made (hashed names).
 */
export function emitBuildFiles(files: Batch): void {
  // Failures surface when the files are written (and fail the build), not as an unhandled rejection before.
  files.catch(() => {});
  pending().push(files);
}

/** Queues one file for dist/. */
export function emitBuildFile(file: string, content: Content | Promise<Content>): void {
  const clean = checked(file);
  const p = Promise.resolve(content);
  p.catch(() => {});
  emitBuildFiles(Promise.resolve([[clean, p]]));
}

/** Writes every queued file under `dir` and forgets them; returns how many were written. */
export async function writeBuildFiles(dir: string): Promise<number> {
  const batches = pending().splice(0);
  const files = new Map<string, Content | Promise<Content>>();
  for (const batch of batches)
    for (const [file, content] of await batch) {
      const clean = checked(file);
      if (files.has(clean)) throw new Error(`build file "${file}" was emitted twice`);
      files.set(clean, content);
    }
  const list = [...files];
  const dirs = new Set(list.map(([f]) => path.dirname(path.join(dir, f))));
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
  for (let i = 0; i < list.length; i += 64)
    await Promise.all(list.slice(i, i + 64).map(async ([f, content]) => writeFile(path.join(dir, f), await content)));
  return list.length;
}
