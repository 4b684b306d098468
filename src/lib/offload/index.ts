/**
 * Build work that needs no page (the search index of a locale, an article's pinyin layer) runs on worker
 * threads, so a two-core build machine renders pages on one core while the other does it. Astro renders on
 * one thread; without this, half of a small build server sat idle.
 *
 *   offload('search/build.ts', 'buildIndex', [docs, opts], buildIndex)
 *
 * `module` is a path under src/lib; `local` is the same function, imported as usual: it is called instead
 * when workers cannot be used — the module is not on disk (a bundle moved elsewhere), the Node.js has no
 * TypeScript type stripping, a worker cannot start or the job fails in it. So the result never depends on
 * where the work ran, only the time does. Arguments and results cross by structured clone (plain data,
 * Maps, Sets; no functions). HC_BUILD_WORKERS=0 turns workers off; a number sets how many.
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

interface Slot {
  worker: Worker;
  busy: number;
}

const POOL = Symbol.for('jiankang-shequ.offload');
type Pool = {
  slots: Slot[];
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
  next: number;
  broken: boolean;
};
const shared = globalThis as { [POOL]?: Pool };

function pool(lib: string): Pool {
  const existing = shared[POOL];
  if (existing) return existing;
  const p: Pool = { slots: [], pending: new Map(), next: 0, broken: false };
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
    // Idle workers never keep a finished build (or a test run) alive.
    worker.unref();
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (a: Answer) => {
      slot.busy -= 1;
      if (slot.busy === 0) worker.unref();
      const job = p.pending.get(a.id);
      p.pending.delete(a.id);
      if (!job) return;
      if (a.ok) job.resolve(a.value);
      else job.reject(new Error(a.error));
    });
    worker.on('error', (e) => {
      p.broken = true;
      for (const [, job] of p.pending) job.reject(e);
      p.pending.clear();
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
  const slot = p.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  const id = p.next++;
  const answer = new Promise<unknown>((resolve, reject) => p.pending.set(id, { resolve, reject }));
  slot.busy += 1;
  slot.worker.ref();
  slot.worker.postMessage({ id, module: pathToFileURL(path.join(lib, module)).href, name, args } satisfies Job);
  try {
    return (await answer) as R;
  } catch {
    // The job could not run in a worker (no type stripping, a module it could not load …): do it here.
    return local(...args);
  }
}

/** The thread this runs on (0 is the main thread): offload it to see where work runs. */
export function currentThread(): number {
  return threadId;
}
