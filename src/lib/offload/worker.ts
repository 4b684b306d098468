/**
 * A build worker (see ./index.ts): imports the module it is told to, calls the named export with the
 * arguments, and posts back the result or the error. Runs src/lib modules as TypeScript through Node's own
 * type stripping; they are plain functions of their arguments, so the answer is the same as in-process.
 */
import { parentPort } from 'node:worker_threads';

export interface Job {
  id: number;
  module: string;
  name: string;
  args: unknown[];
}
export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

parentPort?.on('message', async ({ id, module, name, args }: Job) => {
  try {
    const mod = (await import(module)) as Record<string, unknown>;
    const fn = mod[name];
    if (typeof fn !== 'function') throw new Error(`${module} has no function "${name}"`);
    parentPort!.postMessage({ id, ok: true, value: await fn(...args) } satisfies Answer);
  } catch (e) {
    parentPort!.postMessage({
      id,
      ok: false,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    } satisfies Answer);
  }
});
