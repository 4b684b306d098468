/**
 * The direct routes (check-ins, activities, a resident's card, check-in by code, redemption) are answered from
 * Node's request without Hono's Web Request and Response (app.ts, `direct`). They must answer exactly as Hono
 * does: each request below goes once through Hono alone (callHono) and once over HTTP to the Node listener
 * (call), with the same staff and a twin card, and the two answers must match: status, the headers a client reads,
 * and the body (ids and voucher codes aside).
 */
import { describe, expect, it } from 'vitest';
import { localDate } from '@hc/domain/time.ts';
import { ACCESS } from '../src/http/app.ts';
import { ENGINES, newKey, useFixture, type CallOptions, type Fixture } from './helpers.ts';

type Card = Awaited<ReturnType<Fixture['card']>>;
/** One request, written for a card (each front gets its own twin with the same balance). */
interface Case {
  name: string;
  method: string;
  path: string;
  opts: (card: Card, occ: string) => CallOptions;
  /** Send it twice with the same key (the second is a replay). */
  twice?: boolean;
}

const HEADERS = ['content-type', 'cache-control', 'x-content-type-options', 'content-language', 'idempotent-replayed'];
/** What differs between two equal answers: new ids, voucher codes, the twin's card number. */
const VARYING = new Set(['transfer', 'voucher', 'instance', 'number']);

async function answer(r: Response) {
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: compared as text */
  }
  const strip = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, VARYING.has(k) ? typeof x : strip(x)]))
      : v;
  return {
    status: r.status,
    headers: Object.fromEntries(HEADERS.map((h) => [h, r.headers.get(h)])),
    body: strip(body),
  };
}

const big = 'x'.repeat(20_000);
/** A volunteer's (or another staff member's) check-in of a card. */
const checkIn = (name: string, opts: Case['opts']): Case => ({
  name,
  method: 'POST',
  path: '/api/v1/attendance',
  opts,
});
const CASES: Case[] = [
  {
    ...checkIn('a check-in by number', (c, occ) => ({
      as: 'volunteer',
      body: { occurrence: occ, card: { number: c.number } },
    })),
    twice: true,
  },
  checkIn('a check-in by token, in English', (c) => ({
    as: 'admin',
    body: { occurrence: 'screen/TODAYT10:00', card: { token: c.token } },
    headers: { 'accept-language': 'en' },
  })),
  checkIn('the same card at the same occurrence again (another key)', (c, occ) => ({
    as: 'volunteer',
    body: { occurrence: occ, card: { number: c.number } },
  })),
  checkIn('a key reused with another body', (c) => ({
    as: 'volunteer',
    key: 'REUSED',
    body: { occurrence: 'talk-3/TODAYT09:00', card: { number: c.number } },
  })),
  checkIn('no key', (c, occ) => ({
    as: 'volunteer',
    key: null,
    body: { occurrence: occ, card: { number: c.number } },
  })),
  checkIn('a malformed key', (c, occ) => ({
    as: 'volunteer',
    key: 'k',
    body: { occurrence: occ, card: { number: c.number } },
  })),
  checkIn('truncated JSON', () => ({ as: 'volunteer', raw: '{"occurrence": "talk-1/' })),
  checkIn('an empty body', () => ({ as: 'volunteer', raw: '' })),
  checkIn('a mistyped field, in Traditional Chinese', (c, occ) => ({
    as: 'volunteer',
    body: { occurence: occ, card: { number: c.number } },
    headers: { 'accept-language': 'zh-TW' },
  })),
  checkIn('points in the request, a number for a string, both token and number', (c) => ({
    as: 'volunteer',
    body: { occurrence: 42, points: 1000, card: { number: c.number, token: c.token } },
  })),
  checkIn('a wrong check digit', (c, occ) => ({
    as: 'volunteer',
    body: { occurrence: occ, card: { number: `${c.number.slice(0, -1)}${(Number(c.number.at(-1)) + 1) % 10}` } },
  })),
  checkIn('an unknown occurrence', (c) => ({
    as: 'volunteer',
    body: { occurrence: "x'; DROP TABLE transfers; --", card: { number: c.number } },
  })),
  checkIn('text/plain', (c, occ) => ({
    as: 'volunteer',
    body: { occurrence: occ, card: { number: c.number } },
    headers: { 'content-type': 'text/plain' },
  })),
  checkIn('another site’s origin', (c, occ) => ({
    as: 'volunteer',
    body: { occurrence: occ, card: { number: c.number } },
    headers: { origin: 'https://evil.example' },
  })),
  checkIn('a staff cookie without an origin', (c, occ) => ({
    as: 'volunteer',
    body: { occurrence: occ, card: { number: c.number } },
    headers: { origin: '' },
  })),
  checkIn('nobody signed in', (c, occ) => ({ body: { occurrence: occ, card: { number: c.number } } })),
  checkIn('the desk (not allowed to record attendance)', (c, occ) => ({
    as: 'desk',
    body: { occurrence: occ, card: { number: c.number } },
  })),
  checkIn('a body over 16 KB', (c, occ) => ({
    as: 'volunteer',
    body: { occurrence: occ, card: { number: c.number }, big },
  })),
  {
    name: 'another activity by rule',
    method: 'POST',
    path: '/api/v1/activities',
    opts: (c) => ({ as: 'desk', body: { rule: 'volunteering', card: { number: c.number } } }),
  },
  {
    name: 'an unknown rule',
    method: 'POST',
    path: '/api/v1/activities',
    opts: (c) => ({ as: 'desk', body: { rule: '<script>alert(1)</script>', card: { number: c.number } } }),
  },
  { name: 'my card', method: 'GET', path: '/api/v1/me', opts: (c) => ({ as: { card: c.token } }) },
  { name: 'my card, with a query', method: 'GET', path: '/api/v1/me?x=1', opts: (c) => ({ as: { card: c.token } }) },
  {
    name: 'a token naming no card',
    method: 'GET',
    path: '/api/v1/me',
    opts: () => ({ as: { card: 'no-such-card-token-000000' } }),
  },
  {
    name: 'a malformed authorization',
    method: 'GET',
    path: '/api/v1/me',
    opts: () => ({ headers: { authorization: 'Bearer x' } }),
  },
  {
    name: 'a redemption',
    method: 'POST',
    path: '/api/v1/me/redemptions',
    opts: (c) => ({ as: { card: c.token }, body: { reward: 'massage' } }),
    twice: true,
  },
  {
    name: 'a reward that does not exist',
    method: 'POST',
    path: '/api/v1/me/redemptions',
    opts: (c) => ({ as: { card: c.token }, body: { reward: 'nothing' } }),
  },
  {
    name: 'a reward limited to one per person',
    method: 'POST',
    path: '/api/v1/me/redemptions',
    opts: (c) => ({ as: { card: c.token }, body: { reward: 'once' } }),
  },
  {
    name: 'that reward again (another key)',
    method: 'POST',
    path: '/api/v1/me/redemptions',
    opts: (c) => ({ as: { card: c.token }, body: { reward: 'once' } }),
  },
  {
    name: 'a forged check-in code',
    method: 'POST',
    path: '/api/v1/me/checkins',
    opts: (c) => ({ as: { card: c.token }, body: { code: 'HC1.talk-0.123.forged' } }),
  },
  {
    name: 'no key and a body that is not JSON (the key is checked first)',
    method: 'POST',
    path: '/api/v1/me/redemptions',
    opts: (c) => ({ as: { card: c.token }, key: null, raw: '{"reward":' }),
  },
  {
    name: 'a key given twice in the body',
    method: 'POST',
    path: '/api/v1/me/redemptions',
    opts: (c) => ({ as: { card: c.token }, raw: '{"reward":"nothing","reward":"massage"}' }),
  },
  {
    name: 'a body nested too deep',
    method: 'POST',
    path: '/api/v1/me/redemptions',
    opts: (c) => ({ as: { card: c.token }, raw: `{"reward":${'['.repeat(100)}${']'.repeat(100)}}` }),
  },
  checkIn('a NUL in the occurrence', (c) => ({
    as: 'volunteer',
    body: { occurrence: 'talk\u0000-0', card: { number: c.number } },
  })),
  checkIn('half a surrogate pair in the occurrence, in English', (c) => ({
    as: 'volunteer',
    headers: { 'accept-language': 'en' },
    body: { occurrence: 'talk\ud800-0', card: { number: c.number } },
  })),
];

describe.each(ENGINES)('direct routes answer as Hono does, on $name', (engine) => {
  const f = useFixture(engine);

  it('every route marked direct is compared here', () => {
    const covered = new Set(CASES.map((c) => `${c.method} ${c.path.split('?')[0]}`));
    const direct = ACCESS.filter((a) => a.direct).map((a) => `${a.method} ${a.path}`);
    expect(direct.length).toBeGreaterThan(0);
    for (const id of direct) expect(covered.has(id), id).toBe(true);
  });

  it('each request gets the same answer from both fronts', async () => {
    const today = localDate(f.now.value);
    const occ = `talk-0/${today}T09:00`;
    // Twin cards: the same balance, one for each front.
    const twins = { hono: await f.card(40), node: await f.card(40) };
    const reused = { hono: newKey(), node: newKey() };
    for (const front of ['hono', 'node'] as const) {
      const r = await f.call('POST', '/api/v1/attendance', {
        as: 'volunteer',
        key: reused[front],
        body: { occurrence: `talk-2/${today}T09:00`, card: { number: twins[front].number } },
      });
      expect(r.status).toBe(201);
    }
    for (const c of CASES) {
      const got: Record<string, unknown[]> = { hono: [], node: [] };
      for (const front of ['hono', 'node'] as const) {
        const o = c.opts(twins[front], occ);
        if (o.key === 'REUSED') o.key = reused[front];
        else if (o.key === undefined && c.method !== 'GET') o.key = newKey();
        if (o.body && typeof o.body === 'object' && 'occurrence' in o.body && typeof o.body.occurrence === 'string')
          o.body = { ...o.body, occurrence: o.body.occurrence.replace('TODAY', today) };
        const send = front === 'hono' ? f.callHono : f.call;
        for (let i = 0; i < (c.twice ? 2 : 1); i++) got[front]!.push(await answer(await send(c.method, c.path, o)));
      }
      expect(got.node, c.name).toEqual(got.hono);
    }
    // Both twins end with the same balance: the same writes happened on each side.
    const balances = await Promise.all(
      Object.values(twins).map(
        async (t) =>
          ((await (await f.call('GET', '/api/v1/me', { as: { card: t.token } })).json()) as { balance: number })
            .balance,
      ),
    );
    expect(balances[0]).toBe(balances[1]);
  });

  it('a chunked body over the limit is refused while it is read, and the connection serves the next request', async () => {
    const chunk = new TextEncoder().encode(`{"occurrence":"${'x'.repeat(8_000)}`);
    const body = new ReadableStream({
      start(ctl) {
        for (let i = 0; i < 4; i++) ctl.enqueue(chunk);
        ctl.close();
      },
    });
    const r = await f.call('POST', '/api/v1/attendance', {
      as: 'volunteer',
      headers: { 'content-type': 'application/json' },
      raw: body as unknown as string,
    });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { type: string }).type).toMatch(/too-large$/);
    const card = await f.card();
    expect((await f.call('GET', '/api/v1/me', { as: { card: card.token } })).status).toBe(200);
  });
});
