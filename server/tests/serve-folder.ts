/**
 * The service as a centre's PC runs it, for the test files that start `node scripts/points.ts serve` themselves:
 * a fresh folder with a data folder and a one-page built site, `serve()` to start the service on it, and after the
 * file every process it started (with its workers, and an embedded database a failed test left running) stopped
 * and the folder removed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The node processes a process forked (a service's HTTP workers). */
export function workersOf(pid: number): number[] {
  return readdirSync('/proc')
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
}

export function serveFolder(prefix: string) {
  const base = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(base, 0o755); // the embedded database runs as `postgres` when the tests run as root
  const dataDir = path.join(base, 'data');
  const dist = path.join(base, 'dist');
  mkdirSync(dist);
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dist, '404.html'), '<!doctype html><title>404</title>');
  const started: ChildProcess[] = [];
  const env = (port: number, more: Record<string, string>) => ({
    ...process.env,
    POINTS_DATA_DIR: dataDir,
    PORT: String(port),
    POINTS_SYNC: '0',
    ...more,
  });

  afterAll(() => {
    for (const c of started) {
      if (c.pid) for (const w of workersOf(c.pid)) process.kill(w, 'SIGKILL');
      if (c.exitCode === null) c.kill('SIGKILL');
    }
    try {
      // A database server still running after a failed test (a clean stop removes postmaster.pid).
      process.kill(Number(readFileSync(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL');
    } catch {
      /* already stopped */
    }
    rmSync(base, { recursive: true, force: true });
  });

  return {
    dataDir,
    dist,
    /** The service on the folder; resolves once it says it is serving, rejects if it exits first. */
    serve(port: number, more: Record<string, string> = {}): Promise<{ child: ChildProcess; output: () => string }> {
      const child = spawn(process.execPath, ['scripts/points.ts', 'serve', '--dist', dist], {
        cwd: ROOT,
        env: env(port, more),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.push(child);
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      return new Promise((resolve, reject) => {
        const t = setInterval(() => {
          if (out.includes('serving ')) {
            clearInterval(t);
            resolve({ child, output: () => out });
          }
        }, 50);
        child.once('exit', (code) => {
          clearInterval(t);
          reject(new Error(`serve exited ${code}: ${out}`));
        });
      });
    },
    /** A second service on the same folder, run to its end (it should refuse). */
    serveAgain(port: number) {
      return spawnSync(process.execPath, ['scripts/points.ts', 'serve', '--dist', dist], {
        cwd: ROOT,
        env: env(port, {}),
        encoding: 'utf8',
      });
    },
  };
}
