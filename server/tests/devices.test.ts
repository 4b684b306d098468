/**
 * Issue 26 on both engines: one card on several devices (transfer codes, forgetting one device), check-ins sent
 * late, a history that says what, when and who, and this month's numbers for the resident and the public.
 */
import { describe, expect, it } from 'vitest';
import { localDate } from '@hc/domain/time.ts';
import { ENGINES, useFixture, newKey } from './helpers.ts';

type Problem = { type: string; title: string };
const problem = async (r: Response) => ((await r.json()) as Problem).type.replace(/^.*\//, '');

describe.each(ENGINES)('devices, late check-ins and history on $name', (engine) => {
  const f = useFixture(engine);

  const count = async (table: 'card_devices' | 'transfer_codes' | 'idempotency') =>
    Number(
      (
        await f.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const issue = async (token: string, key?: string) => {
    const r = await f.call('POST', '/api/v1/me/transfer-codes', { as: { card: token }, key });
    expect(r.status).toBe(201);
    return (await r.json()) as { code: string; expiresAt: string };
  };
  const claim = (code: string, opts: { key?: string; device?: string; lang?: string } = {}) =>
    f.call('POST', '/api/v1/cards/claim', {
      key: opts.key,
      body: { code, ...(opts.device ? { device: opts.device } : {}) },
      headers: opts.lang ? { 'accept-language': opts.lang } : {},
    });
  const me = (token: string) => f.call('GET', '/api/v1/me', { as: { card: token } });

  it('a transfer code opens the card on a second device; both keep working', async () => {
    const c = await f.card(12);
    const t = await issue(c.token);
    expect(t.code).toMatch(/^[0-9]{8}$/);
    expect(new Date(t.expiresAt).getTime() - f.now.value.getTime()).toBe(10 * 60_000);
    // Typed with a space and in full-width digits, as a phone keyboard may give it.
    const typed = `${t.code.slice(0, 4)} ${t.code.slice(4)}`.replace(/[0-9]/g, (d) =>
      String.fromCharCode(0xff10 + Number(d)),
    );
    const r = await claim(typed, { device: '微信' });
    expect(r.status).toBe(201);
    const second = (await r.json()) as { token: string; number: string };
    expect(second.number).toBe(c.number);
    expect(second.token).not.toBe(c.token);
    for (const token of [c.token, second.token]) {
      const m = await me(token);
      expect(m.status).toBe(200);
      expect(((await m.json()) as { balance: number }).balance).toBe(12);
    }
    // The token is stored only hashed; the code only as a keyed hash.
    const rows = await f.db.db.selectFrom('card_devices').selectAll().where('card_id', '=', c.id).execute();
    expect(rows).toHaveLength(2);
    expect(rows.map((d) => d.device)).toContain('微信');
    expect(JSON.stringify(rows)).not.toContain(second.token);
    const stored = await f.db.db.selectFrom('transfer_codes').selectAll().where('card_id', '=', c.id).execute();
    expect(JSON.stringify(stored)).not.toContain(t.code);
    const kept = await f.db.pool.query('SELECT response::text AS r FROM idempotency');
    expect(kept.rows.map((x: { r: string }) => x.r).join('\n')).not.toContain(second.token);
    expect(kept.rows.map((x: { r: string }) => x.r).join('\n')).not.toContain(t.code);
  });

  it('a code works once; a used, wrong or expired one is one refusal in words that does not say which', async () => {
    const c = await f.card();
    const t = await issue(c.token);
    expect((await claim(t.code)).status).toBe(201);
    const devices = await count('card_devices');
    const used = await claim(t.code, { lang: 'en' });
    const wrong = await claim(String((Number(t.code) + 1) % 1e8).padStart(8, '0'), { lang: 'en' });
    const u = (await used.json()) as Problem;
    const w = (await wrong.json()) as Problem;
    expect([used.status, wrong.status]).toEqual([410, 410]);
    expect(u).toEqual(w); // the same words for both
    expect(u.type).toMatch(/transfer-code-invalid$/);
    expect(u.title).toMatch(/wrong, used or expired/);
    const hans = (await (await claim(t.code)).json()) as Problem;
    expect(hans.title).toMatch(/转移码/);
    const hant = (await (await claim(t.code, { lang: 'zh-TW' })).json()) as Problem;
    expect(hant.title).toMatch(/轉移碼/);
    // Expired: 10 minutes and a second later.
    const e = await issue(c.token);
    const saved = f.now.value;
    f.now.value = new Date(saved.getTime() + 10 * 60_000 + 1000);
    const expired = await claim(e.code);
    f.now.value = saved;
    expect(expired.status).toBe(410);
    expect(await problem(expired)).toBe('transfer-code-invalid');
    expect(await count('card_devices')).toBe(devices); // nothing written on a refusal
  });

  it('a new code voids the previous unused one; replaying the issue gives the same code back', async () => {
    const c = await f.card();
    const key = newKey();
    const first = await issue(c.token, key);
    const again = await f.call('POST', '/api/v1/me/transfer-codes', { as: { card: c.token }, key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(first);
    const second = await issue(c.token);
    expect((await claim(first.code)).status).toBe(410);
    expect((await claim(second.code)).status).toBe(201);
  });

  it('a claim retried with its key gets the same token back, and makes no second device', async () => {
    const c = await f.card();
    const t = await issue(c.token);
    const key = newKey();
    const one = await claim(t.code, { key });
    const devices = await count('card_devices');
    const two = await claim(t.code, { key });
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(two.headers.get('idempotent-replayed')).toBe('true');
    expect(await two.json()).toEqual(await one.json());
    expect(await count('card_devices')).toBe(devices);
    // The same key with another code is refused.
    expect((await claim('00000000', { key })).status).toBe(422);
  });

  it('twenty simultaneous claims of one code: exactly one wins', async () => {
    const c = await f.card();
    const t = await issue(c.token);
    const devices = await count('card_devices');
    const rs = await Promise.all(Array.from({ length: 20 }, () => claim(t.code)));
    const statuses = rs.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(19);
    expect(await count('card_devices')).toBe(devices + 1);
  });

  it('forget this card on this phone: that token is refused (401), the card and the other device keep working', async () => {
    const c = await f.card(5);
    const other = (await (await claim((await issue(c.token)).code)).json()) as { token: string };
    const key = newKey();
    const r = await f.call('POST', '/api/v1/me/forget', { as: { card: other.token }, key });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ forgotten: true });
    const after = await me(other.token);
    expect(after.status).toBe(401);
    expect(await problem(after)).toBe('unauthenticated');
    // A retry after it worked: the device is already forgotten, which is what the retry wanted.
    expect((await f.call('POST', '/api/v1/me/forget', { as: { card: other.token }, key })).status).toBe(401);
    expect((await me(c.token)).status).toBe(200);
    // Staff can still find the card by its number; the forgotten token no longer finds it.
    expect((await f.call('GET', `/api/v1/cards/${c.number}`, { as: 'desk' })).status).toBe(200);
    const byToken = await f.call('POST', '/api/v1/activities', {
      as: 'desk',
      body: { rule: 'volunteering', card: { token: other.token } },
    });
    expect(byToken.status).toBe(404);
  });

  it('a deleted or replaced card: every device stops working, and its live code too', async () => {
    const a = await f.card(3);
    const a2 = (await (await claim((await issue(a.token)).code)).json()) as { token: string };
    const pending = await issue(a.token);
    expect((await f.call('DELETE', '/api/v1/me', { as: { card: a2.token } })).status).toBe(200);
    for (const token of [a.token, a2.token]) expect((await me(token)).status).toBe(410);
    expect((await claim(pending.code)).status).toBe(410);

    const b = await f.card(4);
    const b2 = (await (await claim((await issue(b.token)).code)).json()) as { token: string };
    const replaced = await f.call('POST', `/api/v1/cards/${b.number}/replace`, { as: 'desk' });
    expect(replaced.status).toBe(201);
    const fresh = (await replaced.json()) as { token: string };
    for (const token of [b.token, b2.token]) expect((await me(token)).status).toBe(410);
    expect((await me(fresh.token)).status).toBe(200);
    const closed = await f.db.db
      .selectFrom('card_devices')
      .select(['revoked_at'])
      .where('card_id', 'in', [a.id, b.id])
      .execute();
    expect(closed.every((d) => d.revoked_at !== null)).toBe(true);
  });

  it('late check-ins: the code must match scannedAt, the scan lie within the event, the request come within 24 h', async () => {
    const c = await f.card();
    const today = localDate(f.now.value);
    const t0 = f.now.value; // every test occurrence starts now and ends an hour later
    const during = new Date(t0.getTime() + 20 * 60_000);
    const saved = f.now.value;
    const send = async (occ: string, codeAt: Date, scannedAt?: Date) =>
      f.call('POST', '/api/v1/me/checkins', {
        as: { card: c.token },
        body: { code: await f.code(occ, codeAt), ...(scannedAt ? { scannedAt: scannedAt.toISOString() } : {}) },
      });
    try {
      // Three hours later, with signal again.
      f.now.value = new Date(t0.getTime() + 3 * 3600_000);
      const occ1 = `talk-11/${today}T09:00`;
      const without = await send(occ1, during);
      expect(without.status).toBe(422);
      expect(await problem(without)).toBe('code-expired');
      const late = await send(occ1, during, during);
      expect(late.status).toBe(201);
      expect(((await late.json()) as { points: number; occurrence: string }).occurrence).toBe(occ1);
      // A code from another moment than the one claimed: refused (the window must match).
      const mismatch = await send(`talk-12/${today}T09:00`, during, new Date(during.getTime() + 5 * 60_000));
      expect(await problem(mismatch)).toBe('code-expired');
      // A scan said to be an hour before the event began (outside the 30 minutes allowed).
      const early = new Date(t0.getTime() - 60 * 60_000);
      expect(await problem(await send(`talk-12/${today}T09:00`, early, early))).toBe('code-expired');
      // A forged code is still forged.
      const forged = await f.call('POST', '/api/v1/me/checkins', {
        as: { card: c.token },
        body: { code: `hc1:1:AAAAAAAAAAAAAAAAAAAAAA:talk-12/${today}T09:00`, scannedAt: during.toISOString() },
      });
      expect(await problem(forged)).toBe('code-forged');
      // In the future by more than 2 minutes of clock skew.
      f.now.value = during;
      const ahead = new Date(during.getTime() + 3 * 60_000);
      expect(await problem(await send(`talk-12/${today}T09:00`, ahead, ahead))).toBe('code-expired');
      // One minute ahead is clock skew: accepted.
      const skew = new Date(during.getTime() + 60_000);
      expect((await send(`talk-13/${today}T09:00`, skew, skew)).status).toBe(201);
      // More than 24 hours after the end: too late.
      f.now.value = new Date(t0.getTime() + 3600_000 + 24 * 3600_000 + 60_000);
      expect(await problem(await send(`taiji-a/${today}T07:00`, during, during))).toBe('code-expired');
      // Just inside 24 hours, on the next day: still counted for the day of the event.
      f.now.value = new Date(t0.getTime() + 3600_000 + 23 * 3600_000);
      const nextDay = await send(`taiji-a/${today}T07:00`, during, during);
      expect(nextDay.status).toBe(201);
    } finally {
      f.now.value = saved;
    }
    const days = await f.db.db.selectFrom('daily_earnings').selectAll().where('card_id', '=', c.id).execute();
    expect(new Set(days.map((d) => d.day))).toEqual(new Set([today]));
  });

  it('history says what, when and who; the desk sees the same, and its look is in the audit log', async () => {
    const c = await f.card();
    const today = localDate(f.now.value);
    const talk = `talk-15/${today}T09:00`;
    expect(
      (
        await f.call('POST', '/api/v1/attendance', {
          as: 'volunteer',
          body: { occurrence: talk, card: { number: c.number } },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await f.call('POST', '/api/v1/me/checkins', {
          as: { card: c.token },
          body: { code: await f.code(`talk-16/${today}T09:00`) },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await f.call('POST', '/api/v1/activities', {
          as: 'desk',
          body: { rule: 'volunteering', card: { number: c.number } },
        })
      ).status,
    ).toBe(201);
    expect(
      (await f.call('POST', '/api/v1/me/redemptions', { as: { card: c.token }, body: { reward: 'massage' } })).status,
    ).toBe(201);
    const mine = (await (await f.call('GET', '/api/v1/me/transfers', { as: { card: c.token } })).json()) as {
      transfers: Array<{
        kind: string;
        title: unknown;
        startsAt: string | null;
        recordedBy: string | null;
        points: number;
      }>;
    };
    const [redeem, volunteering, checkin, attended] = mine.transfers;
    expect(redeem).toMatchObject({
      kind: 'redeem',
      title: { 'zh-hans': '推拿' },
      startsAt: null,
      recordedBy: null,
      points: -10,
    });
    expect(volunteering).toMatchObject({
      kind: 'earn',
      title: { 'zh-hans': '志愿' },
      startsAt: null,
      recordedBy: 'desk',
    });
    expect(checkin).toMatchObject({ kind: 'earn', title: `talk-16/${today}T09:00`, recordedBy: null });
    expect(attended).toMatchObject({ kind: 'earn', title: talk, recordedBy: 'volunteer' });
    expect(new Date(attended!.startsAt!).getTime()).toBe(new Date(f.now.value.toISOString()).getTime());

    // Entries reach audit_log through the chainer: flush it before reading.
    const audited = async () =>
      (await f.ledger.chainAudit(), await f.db.db.selectFrom('audit_log').select('entry').execute()).filter(
        (e) => e.entry.includes('"action":"card.view"') && e.entry.includes('"view":"transfers"'),
      ).length;
    const before = await audited();
    const desk = await f.call('GET', `/api/v1/cards/${c.number}/transfers`, { as: 'desk' });
    expect(desk.status).toBe(200);
    expect(await desk.json()).toEqual(mine);
    expect(await audited()).toBe(before + 1);
    expect((await f.call('GET', `/api/v1/cards/${c.number}/transfers`, { as: 'volunteer' })).status).toBe(403);
  });

  it("this month's numbers: mine on /me; the public ones suppressed under 5 people, cached 5 minutes", async () => {
    const month = localDate(f.now.value).slice(0, 7);
    const today = localDate(f.now.value);
    const occ = `talk-19/${today}T09:00`;
    const totals = async () => {
      const r = await f.call('GET', '/api/v1/community-totals');
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('public, max-age=300');
      return ((await r.json()) as { month: { month: string; participations: number | null; people: number | null } })
        .month;
    };
    // Earlier tests made a few attendances this month; start from a count taken directly.
    const people = async () =>
      Number(
        (
          await f.db.pool.query(
            `SELECT count(DISTINCT a.card_id) AS n FROM attendance a JOIN occurrences o ON o.id = a.occurrence_id WHERE to_char(o.local_date, 'YYYY-MM') = $1`,
            [month],
          )
        ).rows[0].n,
      );
    const first = await totals();
    expect(first.month).toBe(month);
    if ((await people()) < 5) expect(first).toEqual({ month, participations: null, people: null });
    const cards = await Promise.all(Array.from({ length: 5 }, () => f.card()));
    for (const c of cards)
      expect(
        (
          await f.call('POST', '/api/v1/attendance', {
            as: 'volunteer',
            body: { occurrence: occ, card: { number: c.number } },
          })
        ).status,
      ).toBe(201);
    const n = await people();
    const t = await totals();
    expect(t.people).toBe(n);
    expect(t.participations).toBeGreaterThanOrEqual(n);
    const mine = (await (await f.call('GET', '/api/v1/me', { as: { card: cards[0]!.token } })).json()) as {
      month: { month: string; events: number };
    };
    expect(mine.month).toEqual({ month, events: 1 });
    // Private answers stay uncached.
    expect((await f.call('GET', '/api/v1/me', { as: { card: cards[0]!.token } })).headers.get('cache-control')).toBe(
      'no-store',
    );
  });
});
