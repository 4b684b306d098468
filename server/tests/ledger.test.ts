/**
 * The ledger under concurrency, on both engines: overdrafts, the last item in stock, offline check-ins sent
 * twice out of order, idempotent retries, corrections, lost cards, expiry and backups. points:verify after each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDate } from '@hc/domain/time.ts';
import { backup, restore } from '../src/backup.ts';
import { verifyLedger } from '../src/ledger/verify.ts';
import { ENGINES, fixture, newKey, useFixture } from './helpers.ts';

describe.each(ENGINES)('ledger on $name', (engine) => {
  const f = useFixture(engine);

  it('200 simultaneous redemptions on a card that can afford 10: exactly 10 succeed, the balance never below 0', async () => {
    const c = await f.card(100); // massage costs 10
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        f.call('POST', '/api/v1/me/redemptions', { as: { card: c.token }, body: { reward: 'massage' } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    const bodies = await Promise.all(
      results.filter((r) => r.status === 409).map((r) => r.json() as Promise<{ type: string }>),
    );
    expect(new Set(bodies.map((b) => b.type))).toEqual(
      new Set(['https://jiankang.example/problems/insufficient-points']),
    );
    const me = (await (await f.call('GET', '/api/v1/me', { as: { card: c.token } })).json()) as { balance: number };
    expect(me.balance).toBe(0);
    await f.verify();
  });

  it('two desks taking the last item in stock: one succeeds, the other is told it is gone', async () => {
    const [a, b] = [await f.card(5), await f.card(5)];
    const [ra, rb] = await Promise.all([
      f.call('POST', '/api/v1/redemptions', { as: 'desk', body: { reward: 'last-one', card: { number: a.number } } }),
      f.call('POST', '/api/v1/redemptions', { as: 'admin', body: { reward: 'last-one', card: { token: b.token } } }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([201, 409]);
    const lost = ra.status === 409 ? ra : rb;
    expect(((await lost.json()) as { type: string }).type).toMatch(/out-of-stock$/);
    const left = await f.db.db
      .selectFrom('rewards')
      .select(['taken', 'supplied'])
      .where('id', '=', 'last-one')
      .executeTakeFirstOrThrow();
    expect(left).toEqual({ taken: 1, supplied: 1 });
    await f.verify();
  });

  it('1,000 offline check-ins sent twice, out of order: each counted once', async () => {
    const cards = await Promise.all(Array.from({ length: 50 }, () => f.card()));
    const occurrences = Array.from({ length: 20 }, (_, i) => `talk-${i}/${localDate(f.now.value)}T09:00`);
    // 50 cards × 20 lectures; the daily cap for lectures is 3, so use 20 occurrences across 3 rules' worth? No: a
    // lecture rule allows 3 a day, so each card attends 3 of them and the rest are refused by the cap; to count
    // 1,000 distinct check-ins the outbox holds 1,000 distinct (card, occurrence) pairs under their own keys.
    const outbox = cards.flatMap((c) =>
      occurrences.map((o) => ({ key: newKey(), body: { occurrence: o, card: { number: c.number } } })),
    );
    expect(outbox).toHaveLength(1000);
    const shuffled = (xs: typeof outbox) =>
      xs
        .map((x) => [Math.random(), x] as const)
        .sort((p, q) => p[0] - q[0])
        .map((p) => p[1]);
    const send = async (batch: typeof outbox) => {
      const out: number[] = [];
      for (let i = 0; i < batch.length; i += 50)
        out.push(
          ...(await Promise.all(
            batch
              .slice(i, i + 50)
              .map((x) =>
                f
                  .call('POST', '/api/v1/attendance', { as: 'volunteer', key: x.key, body: x.body })
                  .then((r) => r.status),
              ),
          )),
        );
      return out;
    };
    const first = await send(shuffled(outbox));
    const second = await send(shuffled(outbox));
    // The per-day cap (3 lectures a day) holds: 3 per card are counted, the rest refused, whichever order.
    expect(first.filter((s) => s === 201)).toHaveLength(150);
    expect(first.filter((s) => s === 409)).toHaveLength(850);
    // The second sending returns the first results: the same 150 successes, nothing counted again.
    expect(second.filter((s) => s === 201)).toHaveLength(150);
    const earned = await f.db.db
      .selectFrom('attendance')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'card_id',
        'in',
        cards.map((c) => c.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(earned.n)).toBe(150);
    // And without keys (a volunteer's phone that lost its outbox): the database refuses a second attendance.
    const again = await Promise.all(
      cards.slice(0, 10).map((c) =>
        f.call('POST', '/api/v1/attendance', {
          as: 'volunteer',
          body: { occurrence: occurrences[0], card: { number: c.number } },
        }),
      ),
    );
    for (const r of again) expect([409]).toContain(r.status);
    await f.verify();
  });

  it('a retry with the same key returns the first result; the same key with another body is refused', async () => {
    const c = await f.card(50);
    const key = newKey();
    const one = await f.call('POST', '/api/v1/me/redemptions', {
      as: { card: c.token },
      key,
      body: { reward: 'massage' },
    });
    const two = await f.call('POST', '/api/v1/me/redemptions', {
      as: { card: c.token },
      key,
      body: { reward: 'massage' },
    });
    expect(one.status).toBe(201);
    expect(two.status).toBe(201);
    expect(two.headers.get('idempotent-replayed')).toBe('true');
    expect(await two.json()).toEqual(await one.json());
    const other = await f.call('POST', '/api/v1/me/redemptions', {
      as: { card: c.token },
      key,
      body: { reward: 'once' },
    });
    expect(other.status).toBe(422);
    const me = (await (await f.call('GET', '/api/v1/me', { as: { card: c.token } })).json()) as { balance: number };
    expect(me.balance).toBe(40);
  });

  it('earning: points from the catalogue (per event), check-in codes, per-day caps as constraints', async () => {
    const c = await f.card();
    const taiji = `taiji-a/${localDate(f.now.value)}T07:00`;
    const r = await f.call('POST', '/api/v1/me/checkins', {
      as: { card: c.token },
      body: { code: await f.code(taiji) },
    });
    expect(r.status).toBe(201);
    expect(((await r.json()) as { points: number }).points).toBe(7); // the per-event amount, not the rule's 5
    const vol = await Promise.all(
      [1, 2, 3].map(() =>
        f.call('POST', '/api/v1/activities', {
          as: 'desk',
          body: { rule: 'volunteering', card: { number: c.number } },
        }),
      ),
    );
    expect(vol.map((x) => x.status).sort()).toEqual([201, 201, 409]); // dailyCap 2
    const screening = await f.call('POST', '/api/v1/attendance', {
      as: 'volunteer',
      body: { occurrence: `screen/${localDate(f.now.value)}T10:00`, card: { number: c.number } },
    });
    expect(screening.status).toBe(422); // no rule for screenings in this catalogue
    const me = (await (await f.call('GET', '/api/v1/me', { as: { card: c.token } })).json()) as {
      balance: number;
      expiring: Array<{ amount: number; expiresOn: string }>;
    };
    expect(me.balance).toBe(47);
    expect(me.expiring[0]!.expiresOn).toBe(`${Number(localDate(f.now.value).slice(0, 4)) + 1}-12-31`);
    expect(me.expiring.reduce((s, l) => s + l.amount, 0)).toBe(47);
    expect((me as unknown as { month: { events: number } }).month.events).toBe(1); // the taiji check-in
    // The desk's look at the card (found by its number) is the same summary as the resident's (by token).
    const desk = await f.call('GET', `/api/v1/cards/${c.number}`, { as: 'desk' });
    expect(await desk.json()).toEqual(me);
  });

  it('redemption: hand-over once, cancel returns the points, per-person limit and validity dates hold', async () => {
    const c = await f.card(30);
    const v = (await (
      await f.call('POST', '/api/v1/me/redemptions', { as: { card: c.token }, body: { reward: 'once' } })
    ).json()) as { voucher: string };
    expect(
      (await f.call('POST', '/api/v1/me/redemptions', { as: { card: c.token }, body: { reward: 'once' } })).status,
    ).toBe(409);
    expect(
      (await f.call('POST', '/api/v1/me/redemptions', { as: { card: c.token }, body: { reward: 'future' } })).status,
    ).toBe(409);
    const hands = await Promise.all(
      [1, 2].map(() => f.call('POST', `/api/v1/redemptions/${v.voucher}/handover`, { as: 'desk' })),
    );
    expect(hands.map((h) => h.status).sort()).toEqual([200, 409]);
    expect((await f.call('POST', `/api/v1/redemptions/${v.voucher}/cancel`, { as: 'desk' })).status).toBe(409);
    const w = (await (
      await f.call('POST', '/api/v1/me/redemptions', { as: { card: c.token }, body: { reward: 'massage' } })
    ).json()) as { voucher: string };
    const cancelled = await f.call('POST', `/api/v1/me/redemptions/${w.voucher}/cancel`, { as: { card: c.token } });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { balance: number }).balance).toBe(29);
    await f.verify();
  });

  it('corrections reverse a transfer once; a lost card moves its lots; a deleted card keeps no personal data', async () => {
    const c = await f.card(40);
    const grant = await f.db.db
      .selectFrom('transfers')
      .select('id')
      .where('kind', '=', 'correction')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const rev = await Promise.all(
      [1, 2].map(() =>
        f.call('POST', '/api/v1/admin/corrections', {
          as: 'admin',
          body: { reverses: grant.id, reason: 'granted by mistake' },
        }),
      ),
    );
    expect(rev.map((r) => r.status).sort()).toEqual([201, 409]);
    const d = await f.card(25);
    const moved = await f.call('POST', `/api/v1/cards/${d.number}/replace`, { as: 'desk' });
    expect(moved.status).toBe(201);
    const fresh = (await moved.json()) as { token: string; moved: number };
    expect(fresh.moved).toBe(25);
    expect((await f.call('GET', '/api/v1/me', { as: { card: d.token } })).status).toBe(410); // the lost card is closed
    expect(
      ((await (await f.call('GET', '/api/v1/me', { as: { card: fresh.token } })).json()) as { balance: number })
        .balance,
    ).toBe(25);
    expect((await f.call('DELETE', '/api/v1/me', { as: { card: fresh.token } })).status).toBe(200);
    const gone = await f.db.db.selectFrom('cards').selectAll().where('status', '=', 'deleted').execute();
    expect(gone.length).toBeGreaterThan(0);
    for (const g of gone)
      expect([g.birth_year, g.community, g.phone_enc, g.display_name]).toEqual([null, null, null, null]);
    expect(c.id).toBeGreaterThan(0);
    await f.verify();
  });

  it('transfers and audit entries cannot be changed or deleted, even by SQL', async () => {
    await expect(f.db.pool.query('UPDATE transfers SET amount = amount + 1')).rejects.toThrow(/append-only/);
    await expect(f.db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(f.db.pool.query('UPDATE accounts SET balance = -1 WHERE kind = $1', ['member'])).rejects.toThrow(
      /balance_check/,
    );
  });

  it('points:verify finds a cached balance that disagrees with its transfers', async () => {
    const c = await f.card(7);
    const account = `(SELECT account_id FROM cards WHERE id = $1)`;
    await f.db.pool.query(`UPDATE accounts SET balance = balance + 3 WHERE id = ${account}`, [c.id]);
    const report = await verifyLedger(f.db.db);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/cached balance 10 but its transfers sum to 7/);
    await f.db.pool.query(`UPDATE accounts SET balance = balance - 3 WHERE id = ${account}`, [c.id]);
    expect((await verifyLedger(f.db.db)).ok).toBe(true);
  });

  it('expiry by lots is idempotent; backup and restore give back the same ledger', async () => {
    const c = await f.card(10);
    const year = Number(localDate(f.now.value).slice(0, 4));
    const saved = f.now.value;
    f.now.value = new Date(Date.UTC(year + 2, 0, 2, 4)); // 2 January two years on
    const first = await f.ledger.expire();
    const second = await f.ledger.expire();
    f.now.value = saved;
    expect(first.points).toBeGreaterThanOrEqual(10);
    expect(second).toEqual({ accounts: 0, points: 0 });
    expect(
      ((await (await f.call('GET', '/api/v1/me', { as: { card: c.token } })).json()) as { balance: number }).balance,
    ).toBe(0);
    await f.verify();
    const dir = mkdtempSync(path.join(tmpdir(), 'hc-backup-'));
    try {
      const file = path.join(dir, 'points.jsonl.gz');
      const counts = await backup(f.db.pool, file);
      const g = await fixture(engine);
      await expect(restore(g.db.pool, file)).rejects.toThrow(/empty ledger/); // the fixture made staff
      const empty = await import('./helpers.ts').then(async () => {
        const { openDatabase } = await import('../src/db/engine.ts');
        const u = new URL(engine.url);
        const pg = (await import('pg')).default;
        const client = new pg.Client({ connectionString: engine.url });
        await client.connect();
        const name = `r_${Date.now()}`;
        await client.query(`CREATE DATABASE ${name}`);
        await client.end();
        u.pathname = `/${name}`;
        return openDatabase({ url: u.toString() });
      });
      const restored = await restore(empty.pool, file);
      expect(restored.transfers).toBe(counts.transfers);
      const { verifyLedger } = await import('../src/ledger/verify.ts');
      const v = await verifyLedger(empty.db);
      expect(v.problems).toEqual([]);
      expect(v.transfers).toBe(counts.transfers);
      await empty.close();
      await g.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
