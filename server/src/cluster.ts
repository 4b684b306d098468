/**
 * The service in several processes (POINTS_WORKERS=N, or `auto` for one per CPU): one Node process runs HTTP,
 * Hono, Zod and the `pg` protocol on one core, and under a district's load that process, not PostgreSQL, is what
 * limits check-ins (docs/points.md, Measuring). With workers, the primary holds the database (the embedded
 * server, its data-folder lock, migrations, the sync), runs the background jobs once (expiry, audit chainer), and
 * forks N HTTP workers that share the port (node:cluster) and reach the same database by URL.
 *
 * Each worker keeps its own 5-second caches and its own rate-limit counts (rate-limit.ts: a client's keep-alive
 * connection stays with one worker; the shared limit belongs in the proxy). A worker that dies is replaced; when
 * the primary goes, its workers go too.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openDatabase, StartupError, type Database, type Engine } from './db/engine.ts';
import { ledgerFor, startBackground, startService } from './service.ts';

/** POINTS_WORKERS: unset or 1 → one process; N (2–8) → N HTTP workers; `auto` → one per CPU. */
export function workerCount(value: string | undefined, cpus = availableParallelism()): number {
  const v = (value ?? '').trim();
  if (!v) return 1;
  if (v === 'auto') return Math.max(1, Math.min(8, cpus));
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 8)
    throw new StartupError(`POINTS_WORKERS must be a whole number from 1 to 8, or auto (got "${v}")`);
  return n;
}

/** Connections per worker: the single process's 20 shared out (at least 5 each), plus each one's read pool. */
export const workerPoolSize = (workers: number) => Math.max(5, Math.ceil(20 / workers));

interface Listen {
  site?: (req: IncomingMessage, res: ServerResponse) => void;
  port: number;
  host: string;
  origins?: string[];
  trustProxy?: boolean;
}

/** In a worker: the HTTP service on the primary's database, stopped by the primary's message. */
export async function serveWorker(listen: Listen, workers: number): Promise<void> {
  const url = process.env.HC_WORKER_DATABASE;
  if (!url) throw new StartupError('a points worker needs the primary (start it with npm run serve)');
  const opened = await openDatabase({ url, migrate: false, poolSize: workerPoolSize(workers) });
  const database: Database = {
    ...opened,
    engine: process.env.HC_WORKER_ENGINE as Engine,
    dataDir: process.env.HC_WORKER_DATA_DIR || undefined,
  };
  const svc = await startService({ database, ...listen, background: false });
  const stop = async () => {
    await svc.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (m) => m === 'stop' && void stop());
  // Ctrl-C and systemd's SIGTERM reach the whole group: the primary stops the workers itself, in order.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  // The primary is gone (killed): nothing holds the database any more.
  process.on('disconnect', () => process.exit(1));
  process.send?.('ready');
}

/** In the primary: N workers on listen's port, the background jobs here; stop() takes all of it down. */
export async function startCluster(
  database: Database,
  workers: number,
): Promise<{ url: string; stop(): Promise<void> }> {
  const stopBackground = startBackground(ledgerFor(database));
  const env = {
    HC_WORKER_DATABASE: database.url,
    HC_WORKER_ENGINE: database.engine,
    HC_WORKER_DATA_DIR: database.dataDir ?? '',
  };
  let stopping = false;
  let url = '';
  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const w = cluster.fork(env);
      w.once('listening', (a) => {
        const host = a.address ?? '127.0.0.1';
        url ||= `http://${host.includes(':') ? `[${host}]` : host}:${a.port}`;
      });
      w.once('message', (m) => m === 'ready' && resolve(w));
      w.once('exit', (code, signal) => {
        const how = signal ?? code;
        reject(new StartupError(`a points worker stopped while starting (exit ${how})`));
        if (!stopping && live.has(w)) {
          live.delete(w);
          console.error(`points: a worker stopped (exit ${how}); starting another`);
          void fork()
            .then((n) => live.add(n))
            .catch((e) => console.error(`points: ${(e as Error).message}`));
        }
      });
    });
  const live = new Set<Worker>();
  try {
    for (const w of await Promise.all(Array.from({ length: workers }, fork))) live.add(w);
  } catch (e) {
    stopping = true;
    for (const w of live) w.kill();
    await stopBackground();
    await database.close();
    throw e;
  }
  return {
    url,
    async stop() {
      stopping = true;
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (w) =>
            new Promise<void>((r) => {
              if (!w || w.isDead()) return r();
              const t = setTimeout(() => w.kill('SIGKILL'), 10_000);
              w.once('exit', () => (clearTimeout(t), r()));
              w.send('stop');
            }),
        ),
      );
      await stopBackground();
      await database.close();
    },
  };
}
