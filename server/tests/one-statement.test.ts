/**
 * A resident's redemption and a volunteer's check-in by card run as one statement (hc_redeem, hc_attend) and
 * answer exactly as the transaction path does.
 *
 * A volunteer's check-in by card runs as one statement (hc_attend, one-statement.ts) and answers exactly as the
 * transaction path does: the same body, replays, a reused key refused, unknown and closed cards, the cap and the
 * one-attendance rule, the same audit entry; errors leave nothing behind, the key included.
 */
import { describe, expect, it, vi } from 'vitest';
import { localDate } from '@hc/domain/time.ts';
import { ENGINES, useFixture, newKey, testCatalogue } from './helpers.ts';

describe.each(ENGINES)('check-in in one statement on $name', (engine) => {
  const f = useFixture(engine);
  const talk = (i: number) => `talk-${i}/${localDate(f.now.value)}T09:00`;
  const keyRow = async (key: string) =>
    (await f.db.pool.query('SELECT status FROM idempotency WHERE key = $1', [key])).rows;

  it('no transaction for a check-in; a replay, a reused key, the cap and a second attendance answer as before', async () => {
    const c = await f.card();
    const tx = vi.spyOn(f.ledger, 'tx');
    try {
      const key = newKey();
      const body = { occurrence: talk(0), card: { number: c.number } };
      const r = await f.call('POST', '/api/v1/attendance', { as: 'volunteer', key, body });
      expect(r.status).toBe(201);
      const first = (await r.json()) as { transfer: number; points: number; balance: number };
      expect(first).toEqual({ transfer: expect.any(Number), points: 10, balance: 10 });
      const again = await f.call('POST', '/api/v1/attendance', { as: 'volunteer', key, body });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(first);
      const reused = await f.call('POST', '/api/v1/attendance', {
        as: 'volunteer',
        key,
        body: { occurrence: talk(1), card: { number: c.number } },
      });
      expect(reused.status).toBe(422);
      const twice = await f.call('POST', '/api/v1/attendance', { as: 'volunteer', body });
      expect(((await twice.json()) as { type: string }).type).toMatch(/already-counted$/);
      for (const i of [1, 2])
        expect(
          (await f.call('POST', '/api/v1/attendance', { as: 'volunteer', body: { ...body, occurrence: talk(i) } }))
            .status,
        ).toBe(201);
      const capKey = newKey();
      const capped = await f.call('POST', '/api/v1/attendance', {
        as: 'volunteer',
        key: capKey,
        body: { ...body, occurrence: talk(3) },
      });
      expect(((await capped.json()) as { type: string }).type).toMatch(/daily-cap$/);
      expect(await keyRow(capKey)).toEqual([]); // nothing written, the key included: a retry runs again
      expect(tx).not.toHaveBeenCalled();
    } finally {
      tx.mockRestore();
    }
    // The audit entry has the shape audit() writes.
    await f.ledger.chainAudit();
    const entries = (
      await f.db.pool.query<{ entry: string }>(
        `SELECT entry FROM audit_log WHERE entry::jsonb->>'action' = 'attendance.record' AND entry::jsonb->>'subject' = $1`,
        [`card:${c.id}`],
      )
    ).rows.map((r) => JSON.parse(r.entry));
    expect(entries).toHaveLength(3);
    expect(Object.keys(entries[0])).toEqual(['at', 'actor', 'action', 'subject', 'detail']);
    expect(entries[0]).toMatchObject({
      actor: `staff:${f.staffIds.volunteer}`,
      detail: { occurrence: talk(0), transfer: expect.any(Number) },
    });
    expect(new Date(entries[0].at).toISOString()).toBe(entries[0].at);
  });

  it('unknown, mistyped and closed cards, by number or token: refused, nothing written', async () => {
    const c = await f.card();
    const closed = await f.card();
    expect((await f.call('DELETE', '/api/v1/me', { as: { card: closed.token } })).status).toBe(200);
    const cases: Array<[unknown, RegExp]> = [
      [{ number: '0000000000' }, /unknown-card$/],
      [{ number: `${c.number.slice(0, 9)}${(Number(c.number[9]) + 1) % 10}` }, /unknown-card$/],
      [{ token: 'x'.repeat(43) }, /unknown-card$/],
      [{ number: closed.number }, /card-closed$/],
      [{ token: closed.token }, /card-closed$/],
    ];
    for (const [card, type] of cases) {
      const key = newKey();
      const r = await f.call('POST', '/api/v1/attendance', {
        as: 'volunteer',
        key,
        body: { occurrence: talk(5), card },
      });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(((await r.json()) as { type: string }).type).toMatch(type);
      expect(await keyRow(key)).toEqual([]);
    }
    // By token it counts like by number.
    const byToken = await f.call('POST', '/api/v1/attendance', {
      as: 'volunteer',
      body: { occurrence: talk(5), card: { token: c.token } },
    });
    expect(byToken.status).toBe(201);
    await f.verify();
  });

  it('an occurrence no longer recordable falls back to the transaction path: a stored result still replays', async () => {
    const c = await f.card();
    const key = newKey();
    const body = { occurrence: talk(6), card: { number: c.number } };
    const r = await f.call('POST', '/api/v1/attendance', { as: 'volunteer', key, body });
    expect(r.status).toBe(201);
    // The event is cancelled after the check-in (a new catalogue): a retry still gets its first result.
    const cat = testCatalogue(f.now.value);
    await f.ledger.sync({
      ...cat,
      occurrences: cat.occurrences.map((o) => (o.id === talk(6) ? { ...o, status: 'cancelled' as const } : o)),
    });
    try {
      const again = await f.call('POST', '/api/v1/attendance', { as: 'volunteer', key, body });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const late = await f.call('POST', '/api/v1/attendance', {
        as: 'volunteer',
        body: { ...body, card: { number: (await f.card()).number } },
      });
      expect(((await late.json()) as { type: string }).type).toMatch(/not-today$/);
    } finally {
      await f.ledger.sync(testCatalogue(f.now.value));
    }
  });

  it('a redemption in one statement: no transaction, the same answers, errors leave nothing (the key included)', async () => {
    const c = await f.card(25);
    const tx = vi.spyOn(f.ledger, 'tx');
    try {
      const key = newKey();
      const r = await f.call('POST', '/api/v1/me/redemptions', {
        as: { card: c.token },
        key,
        body: { reward: 'massage' },
      });
      expect(r.status).toBe(201);
      const first = (await r.json()) as Record<string, unknown>;
      expect(first).toEqual({
        voucher: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/),
        reward: 'massage',
        cost: 10,
        balance: 15,
        validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      const row = await f.db.db
        .selectFrom('redemptions')
        .select(['valid_until', 'status'])
        .where('voucher', '=', first.voucher as string)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ valid_until: first.validUntil, status: 'issued' });
      const again = await f.call('POST', '/api/v1/me/redemptions', {
        as: { card: c.token },
        key,
        body: { reward: 'massage' },
      });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(first);
      const reused = await f.call('POST', '/api/v1/me/redemptions', {
        as: { card: c.token },
        key,
        body: { reward: 'once' },
      });
      expect(reused.status).toBe(422);
      const cases: Array<[string, RegExp]> = [
        ['no-such-reward', /not-found$/],
        ['future', /reward-unavailable$/],
      ];
      for (const [reward, type] of cases) {
        const k = newKey();
        const x = await f.call('POST', '/api/v1/me/redemptions', { as: { card: c.token }, key: k, body: { reward } });
        expect(((await x.json()) as { type: string }).type).toMatch(type);
        expect(await keyRow(k)).toEqual([]);
      }
      expect(
        (await f.call('POST', '/api/v1/me/redemptions', { as: { card: c.token }, body: { reward: 'once' } })).status,
      ).toBe(201);
      const limitKey = newKey();
      const limit = await f.call('POST', '/api/v1/me/redemptions', {
        as: { card: c.token },
        key: limitKey,
        body: { reward: 'once' },
      });
      expect(((await limit.json()) as { type: string }).type).toMatch(/per-person-limit$/);
      expect(await keyRow(limitKey)).toEqual([]);
      expect(
        (await f.call('POST', '/api/v1/me/redemptions', { as: { card: c.token }, body: { reward: 'massage' } })).status,
      ).toBe(201); // 14 → 4
      const poorKey = newKey();
      const poor = await f.call('POST', '/api/v1/me/redemptions', {
        as: { card: c.token },
        key: poorKey,
        body: { reward: 'massage' },
      });
      expect(((await poor.json()) as { type: string }).type).toMatch(/insufficient-points$/);
      expect(await keyRow(poorKey)).toEqual([]);
      expect(tx).not.toHaveBeenCalled();
    } finally {
      tx.mockRestore();
    }
    const me = (await (await f.call('GET', '/api/v1/me', { as: { card: c.token } })).json()) as { balance: number };
    expect(me.balance).toBe(4);
    await f.verify();
  });
});
