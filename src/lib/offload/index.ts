/**
 * Build work that needs no page (the search index of a locale, an article's pinyin layer) runs on worker
 * threads, so a two-core build machine renders pages on one core while the other does it. Astro renders on
 * one thread; without this, half of a small build server sat idle.
 *
 *   offload('search/build.ts', 'buildIndex', [docs, opts], buildIndex)
 *
 * `module` is a path under src/lib (the domain core is ../domain/…); `local` is the same function, imported as
 * usual: it is called instead when workers cannot be used — the module is not on disk (a bundle moved
 * elsewhere), the Node.js has no TypeScript type stripping, a worker cannot start or the job fails in it. So
 * the result never depends on where the work ran, only the time does. Arguments and results cross by
 * structured clone (plain data, Maps, Sets; no functions). HC_BUILD_WORKERS=0 turns workers off; a number
 * sets how many.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, threadId } from 'node:worker_threads';
import type { Answer, Job } from './worker.ts';

/** src/lib, as a directory on disk: next to this file in the source tree, else under the working directory. */
function libDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [path.dirname(here), path.resolve('src/lib')])
    if (existsSync(path.join(dir, 'offload/worker.ts'))) return dir;
  return undefined;
}

function workerCount(): number {
  const set = process.env.HC_BUILD_WORKERS;
  if (set !== undefined && set !== '') return Math.max(0, Math.floor(Number(set)) || 0);
  // One core is Astro's (it renders pages while workers run); the others are the workers'. On 2 cores one
  // worker beat two at 1,000 articles (24.1 s and 2.0 GB peak against 26.2 s and 2.5 GB: three busy threads
  // on two cores only took turns, and each worker holds its own dictionaries).
  return Math.min(4, Math.max(1, os.availableParallelism() - 1));
}

interface Queued {
  job: Job;
  /** The same work, in-process. */
  local: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** The job this worker is doing: one at a time, so what is still queued can be done elsewhere. */
  job?: Queued;
}

const POOL = Symbol.for('jiankang-shequ.offload');
interface Pool {
  slots: Slot[];
  /** Jobs no worker has taken yet, oldest first. */
  queue: Queued[];
  next: number;
  broken: boolean;
}
const shared = globalThis as { [POOL]?: Pool };

function runLocal(q: Queued): Promise<void> {
  return Promise.resolve().then(q.local).then(q.resolve, q.reject);
}

function pump(p: Pool): void {
  for (const slot of p.slots) {
    if (slot.job) continue;
    const q = p.queue.shift();
    if (!q) {
      // Idle workers never keep a finished build (or a test run) alive.
      slot.worker.unref();
      continue;
    }
    slot.job = q;
    slot.worker.ref();
    slot.worker.postMessage(q.job);
  }
}

function pool(lib: string): Pool {
  const existing = shared[POOL];
  if (existing) return existing;
  const p: Pool = { slots: [], queue: [], next: 0, broken: false };
  shared[POOL] = p;
  const typescript = (process.features as { typescript?: string | false }).typescript;
  for (let i = 0; i < workerCount(); i++) {
    let worker: Worker;
    try {
      worker = new Worker(pathToFileURL(path.join(lib, 'offload/worker.ts')), {
        execArgv: typescript ? [] : ['--experimental-strip-types', '--no-warnings=ExperimentalWarning'],
      });
    } catch {
      // A Node.js that refuses these options for a worker: the work runs in-process.
      p.broken = true;
      break;
    }
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (a: Answer) => {
      const q = slot.job;
      slot.job = undefined;
      if (q && q.job.id === a.id) {
        if (a.ok) q.resolve(a.value);
        // The job could not run in a worker (no type stripping, a module it could not load …): do it here.
        else void runLocal(q);
      }
      pump(p);
    });
    worker.on('error', () => {
      p.broken = true;
      const left = [...p.slots.flatMap((s) => (s.job ? [s.job] : [])), ...p.queue.splice(0)];
      for (const s of p.slots) s.job = undefined;
      for (const q of left) void runLocal(q);
    });
    p.slots.push(slot);
  }
  return p;
}

export async function offload<A extends unknown[], R>(
  module: string,
  name: string,
  args: NoInfer<A>,
  local: (...args: A) => R | Promise<R>,
): Promise<R> {
  const lib = workerCount() > 0 ? libDir() : undefined;
  const p = lib ? pool(lib) : undefined;
  if (!lib || !p || p.broken || !p.slots.length) return local(...args);
  return new Promise<R>((resolve, reject) => {
    const job: Job = { id: p.next++, module: pathToFileURL(path.join(lib, module)).href, name, args };
    p.queue.push({ job, local: () => local(...args), resolve: resolve as (v: unknown) => void, reject });
    pump(p);
  });
}

/**
 * Does queued jobs on this thread until none is left: for a caller that would otherwise only wait for the
 * workers (the build, once every page is rendered). Takes from the back of the queue; workers take from the front.
 * `only` (a function name) limits it to the jobs of that function: the ones the caller is about to wait for,
 * leaving the rest to the workers while this thread goes on.
 */
export async function helpWithQueuedWork(only?: string): Promise<number> {
  const p = shared[POOL];
  let done = 0;
  for (;;) {
    const i = p ? p.queue.findLastIndex((q) => only === undefined || q.job.name === only) : -1;
    if (i < 0) break;
    await runLocal(p!.queue.splice(i, 1)[0]!);
    done += 1;
    // Let the workers' answers in between, so they get their next job at once.
    await new Promise((r) => setImmediate(r));
  }
  return done;
}

/** The thread this runs on (0 is the main thread): offload it to see where work runs. */
export function currentThread(): number {
  return threadId;
}
