/**
 * The command line's exit code is what it says: `npm run points:verify` exits 1 when the ledger is inconsistent, on
 * the embedded default too (its package hooks the process's exit and used to end every run with code 0, so an
 * inconsistent ledger, or a failed test run, looked like success to cron and CI).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadKeyring } from '../src/crypto.ts';
import { openDatabase } from '../src/db/engine.ts';
import { Ledger } from '../src/ledger/ledger.ts';
import { testCatalogue } from './helpers.ts';
import { serveFolder } from './serve-folder.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const folder = serveFolder('hc-points-cli-');

const verify = () =>
  spawnSync(process.execPath, ['scripts/points.ts', 'verify'], {
    cwd: ROOT,
    env: { ...process.env, POINTS_DATA_DIR: folder.dataDir, POINTS_SYNC: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('points:verify', () => {
  it('exits 0 on a consistent ledger and 1 on an inconsistent one, on the embedded default', async () => {
    const setup = await openDatabase({ dataDir: folder.dataDir });
    const ledger = new Ledger(setup.db, loadKeyring(folder.dataDir));
    await ledger.sync(testCatalogue(new Date()));
    await ledger.tx((trx) => ledger.enrol(trx, { consentVersion: 'v1', olderThan14: true }));
    await setup.close();

    const ok = verify();
    expect(ok.stdout).toMatch(/points: consistent/);
    expect(ok.status).toBe(0);

    // A balance changed behind the ledger's back (no transfer says so).
    const tamper = await openDatabase({ dataDir: folder.dataDir });
    await sql`UPDATE accounts SET balance = balance + 5 WHERE kind = 'member'`.execute(tamper.db);
    await tamper.close();

    const bad = verify();
    expect(bad.stdout).toMatch(/points: INCONSISTENT/);
    expect(bad.status).toBe(1);
  });
});
