/**
 * Files the build writes beside its pages without a route per file: the search index's token shards and doc
 * files, the pinyin files, the social images. There are thousands of them (four locales × a doc file per
 * page, a pinyin file per Simplified and Traditional article text), and each one Astro renders as a route costs
 * a Request, a Response and a directory check on the main thread — at a few hundred articles that was seconds,
 * while their content was ready long before. Routes hand them here during the build; the build-files
 * integration (src/integrations/build-files.ts) writes each as soon as it is made. The dev server still serves
 * each file from its route.
 *
 * The registry lives on globalThis: the pages' bundle and the integrations are separate module graphs in one
 * process.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { helpWithQueuedWork } from '../lib/offload/index.ts';

type Content = string | Uint8Array;
type Batch = Promise<Iterable<readonly [string, Content | Promise<Content>]>>;

interface State {
  /** dist/, once the build has started: files are written as soon as they are made, and not kept. */
  dir?: string;
  /** Batches emitted before the directory was known. */
  pending: Batch[];
  /** Writes under way, and the paths written or being written. */
  writes: Array<Promise<void>>;
  written: Set<string>;
  /** Directories made (or being made): a search index's thousand files share a dozen. */
  dirs: Map<string, Promise<unknown>>;
}

const KEY = Symbol.for('jiankang-shequ.build-files');
const shared = globalThis as { [KEY]?: State };

function state(): State {
  return (shared[KEY] ??= { pending: [], writes: [], written: new Set(), dirs: new Map() });
}

function checked(file: string): string {
  const clean = path.posix.normalize(file);
  if (clean.startsWith('/') || clean.startsWith('..') || clean !== file)
    throw new Error(`build file "${file}" must be a plain path inside dist/`);
  return clean;
}

async function write(dir: string, batch: Batch): Promise<void> {
  const s = state();
  const files = [...(await batch)];
  for (const [file] of files) {
    const clean = checked(file);
    if (s.written.has(clean)) throw new Error(`build file "${file}" was emitted twice`);
    s.written.add(clean);
  }
  for (let i = 0; i < files.length; i += 64)
    await Promise.all(
      files.slice(i, i + 64).map(async ([file, content]) => {
        const target = path.join(dir, file);
        const parent = path.dirname(target);
        let made = s.dirs.get(parent);
        if (!made) s.dirs.set(parent, (made = mkdir(parent, { recursive: true })));
        await made;
        await writeFile(target, await content);
      }),
    );
}

function start(dir: string, batch: Batch): void {
  const w = write(dir, batch);
  // Failures surface in writeBuildFiles (and fail the build), not as an unhandled rejection before.
  w.catch(() => {});
  state().writes.push(w);
}

/** Where build files go (dist/), set when a build starts: from then on each is written as soon as it is made. */
export function setBuildFilesDir(dir: string): void {
  const s = state();
  s.dir = dir;
  for (const batch of s.pending.splice(0)) start(dir, batch);
}

/**
 * Queues files for dist/ (paths relative to it, e.g. "search-index/en/ab12/t3.json"), also when their names
 * are only known once their content is made (hashed names).
 */
export function emitBuildFiles(files: Batch): void {
  const s = state();
  if (s.dir) start(s.dir, files);
  else {
    files.catch(() => {});
    s.pending.push(files);
  }
}

/** Queues one file for dist/. */
export function emitBuildFile(file: string, content: Content | Promise<Content>): void {
  const clean = checked(file);
  const p = Promise.resolve(content);
  p.catch(() => {});
  emitBuildFiles(Promise.resolve([[clean, p]]));
}

/** Waits until every queued file is written under `dir`; returns how many files were written. */
export async function writeBuildFiles(dir: string): Promise<number> {
  const s = state();
  if (!s.dir) setBuildFilesDir(dir);
  else for (const batch of s.pending.splice(0)) start(s.dir, batch);
  // Every page is rendered: rather than wait for the worker, this thread takes what it has not started yet.
  await helpWithQueuedWork();
  while (s.writes.length) await Promise.all(s.writes.splice(0));
  const n = s.written.size;
  shared[KEY] = undefined;
  return n;
}
