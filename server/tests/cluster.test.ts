/**
 * POINTS_WORKERS: the service's HTTP in several processes on one data folder (server/src/cluster.ts). The primary
 * keeps the folder's lock (a second service still refuses), a worker that dies is replaced, and a stop takes
 * every process and the embedded database down cleanly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StartupError } from '../src/db/engine.ts';
import { workerCount, workerPoolSize } from '../src/cluster.ts';
import { freePort } from '../../scripts/free-port.mjs';
import { serveFolder, workersOf } from './serve-folder.ts';

const folder = serveFolder('hc-points-cluster-');
const { dataDir } = folder;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(f: () => T | Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('POINTS_WORKERS', () => {
  it('reads 1 by default, N from 1 to 8, auto as one per CPU (at most 8); anything else is one clear refusal', () => {
    expect(workerCount(undefined)).toBe(1);
    expect(workerCount(' ')).toBe(1);
    expect(workerCount('3')).toBe(3);
    expect(workerCount('auto', 2)).toBe(2);
    expect(workerCount('auto', 64)).toBe(8);
    for (const bad of ['0', '9', '1.5', 'two', '-2'])
      expect(() => workerCount(bad)).toThrow(
        new StartupError(`POINTS_WORKERS must be a whole number from 1 to 8, or auto (got "${bad}")`),
      );
    // The single process's 20 connections shared out, never below 5 a worker.
    expect([1, 2, 4, 8].map(workerPoolSize)).toEqual([20, 10, 5, 5]);
  });

  it('two workers serve one port on the embedded default; a dead worker is replaced; a stop leaves nothing running', async () => {
    const port = await freePort();
    const { child, output } = await folder.serve(port, { POINTS_WORKERS: '2' });
    expect(output()).toMatch(/embedded-postgres in .*, 2 processes\) at http:\/\/127\.0\.0\.1:\d+\//);
    const pid = child.pid!;
    const first = workersOf(pid);
    expect(first).toHaveLength(2);

    const api = `http://127.0.0.1:${port}/api/v1`;
    // Each request on its own connection, so both workers answer some.
    const health = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${api}/health`, { headers: { connection: 'close' } }).then((r) => r.json()),
      ),
    );
    expect(health.every((h) => (h as { engine: string }).engine === 'embedded-postgres')).toBe(true);

    // The primary holds the folder: a second service refuses, as with one process.
    const second = folder.serveAgain(await freePort());
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/another points service \(pid \d+\) is using/);

    // A worker killed outright: the primary starts another, and the port keeps answering.
    process.kill(first[0]!, 'SIGKILL');
    const now = await until(
      () => workersOf(pid),
      (w) => w.length === 2 && !w.includes(first[0]!),
    );
    expect(now).toHaveLength(2);
    expect(now).not.toContain(first[0]);
    expect(output()).toMatch(/a worker stopped \(exit \S+\); starting another/);
    expect((await fetch(`${api}/health`)).status).toBe(200);

    // SIGTERM: the workers, then the database, then the primary; nothing left behind.
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(now.filter(alive)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'pg/postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'service.lock'))).toBe(false);
  });
});
