/**
 * The embedded default as a centre's PC runs it: `npm run serve` on a data folder, a stream of check-ins, then
 * kill -9 of the service and of its database server. Every acknowledged write is there after the next start;
 * a second service on the same folder refuses with one line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localDate } from '@hc/domain/time.ts';
import { describe, expect, it } from 'vitest';
import { loadKeyring } from '../src/crypto.ts';
import { openDatabase } from '../src/db/engine.ts';
import { Ledger } from '../src/ledger/ledger.ts';
import { issueEnrolment } from '../src/ledger/staff.ts';
import { verifyLedger } from '../src/ledger/verify.ts';
import { freePort } from '../../scripts/free-port.mjs';
import { testCatalogue } from './helpers.ts';
import { serveFolder } from './serve-folder.ts';

const folder = serveFolder('hc-points-kill-');
const { dataDir } = folder;
const serve = (port: number) => folder.serve(port, { POINTS_RATE_LIMITS: 'checkin=1000000' });

describe('the embedded default survives kill -9', () => {
  it('every acknowledged check-in is there after a restart; a second service on the folder refuses', async () => {
    // Prepare the folder as an operator would: a catalogue, a volunteer's enrolment link, 40 cards.
    const setup = await openDatabase({ dataDir });
    const ledger = new Ledger(setup.db, loadKeyring(dataDir));
    await ledger.sync(testCatalogue(new Date()));
    const link = await ledger.tx((trx) => issueEnrolment(ledger, trx, { role: 'volunteer', displayName: 'v' }));
    const cards = await ledger.tx(async (trx) => {
      const out: string[] = [];
      for (let i = 0; i < 40; i++)
        out.push((await ledger.enrol(trx, { consentVersion: 'v1', olderThan14: true })).number);
      return out;
    });
    await setup.close();

    const port = await freePort();
    const first = await serve(port);
    const url = `http://127.0.0.1:${port}/api/v1`;
    const origin = `http://127.0.0.1:${port}`;
    expect(((await (await fetch(`${url}/health`)).json()) as { engine: string }).engine).toBe('embedded-postgres');
    const enrol = await fetch(`${url}/staff/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'idempotency-key': 'enrol-volunteer' },
      body: JSON.stringify({ token: link.token, device: 'test' }),
    });
    const cookie = enrol.headers.get('set-cookie')!.split(';')[0]!;

    // A second service on the same folder refuses with one clear line.
    const second = folder.serveAgain(await freePort());
    expect(second.status).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(/another points service \(pid \d+\) is using/);

    // A stream of check-ins: 40 cards × 20 lectures (3 a day count, the rest are refused by the cap: also answers).
    const today = localDate(new Date());
    const acked: Array<{ key: string; transfer: number }> = [];
    const state = { stop: false };
    const pairs = cards.flatMap((n) => Array.from({ length: 20 }, (_, i) => ({ n, occ: `talk-${i}/${today}T09:00` })));
    const workers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; i < pairs.length && !state.stop; i += 8) {
        const key = `kill-${i}`;
        try {
          const r = await fetch(`${url}/attendance`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin, cookie, 'idempotency-key': key },
            body: JSON.stringify({ occurrence: pairs[i]!.occ, card: { number: pairs[i]!.n } }),
          });
          if (r.status === 201) acked.push({ key, transfer: ((await r.json()) as { transfer: number }).transfer });
        } catch {
          return; // the service is gone
        }
      }
    });
    while (acked.length < 40) await new Promise((r) => setTimeout(r, 20));
    // kill -9 the service and its database server mid-stream: a power cut as far as processes can tell.
    const pgPid = Number(readFileSync(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]);
    first.child.kill('SIGKILL');
    process.kill(pgPid, 'SIGKILL');
    state.stop = true;
    await Promise.all(workers);
    const ackedNow = [...acked];
    expect(ackedNow.length).toBeGreaterThanOrEqual(40);

    const again = await serve(await freePort());
    const check = await openDatabase({ dataDir, attach: true });
    const found = await check.db
      .selectFrom('transfers')
      .select('id')
      .where(
        'id',
        'in',
        ackedNow.map((a) => a.transfer),
      )
      .execute();
    expect(found.length).toBe(ackedNow.length);
    const keys = await check.db
      .selectFrom('idempotency')
      .select('key')
      .where(
        'key',
        'in',
        ackedNow.map((a) => a.key),
      )
      .execute();
    expect(keys.length).toBe(ackedNow.length);
    const v = await verifyLedger(check.db);
    expect(v.problems).toEqual([]);
    // Each acknowledged check-in's audit entry too: committed with it, chained after the restart if it was pending.
    const audited = await check.pool.query<{ t: number }>(
      `SELECT (entry::jsonb->'detail'->>'transfer')::bigint AS t FROM audit_log WHERE entry::jsonb->>'action' = 'attendance.record'`,
    );
    const inChain = new Set(audited.rows.map((r) => Number(r.t)));
    expect(ackedNow.filter((a) => !inChain.has(a.transfer))).toEqual([]);
    expect(audited.rows.length).toBe(inChain.size); // none twice
    await check.close();
    again.child.kill('SIGTERM');
    // A clean stop: HTTP, then the database (not the database first, from embedded-postgres's own signal hook).
    expect(await new Promise((r) => again.child.once('exit', r))).toBe(0);
  });
});
