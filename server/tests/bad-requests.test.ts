/**
 * Hostile and broken requests: each is answered with a 4xx problem+json that says what is wrong, and nothing is
 * written (the only new rows are audit entries of refused access). points:verify is clean afterwards.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localDate } from '@hc/domain/time.ts';
import { checkinCode, windowOf } from '@hc/domain/points/checkin-code.ts';
import { createApp } from '../src/http/app.ts';
import { ENGINES, fixture, newKey, type Fixture } from './helpers.ts';

const COUNTED = [
  'transfers',
  'cards',
  'card_devices',
  'transfer_codes',
  'accounts',
  'redemptions',
  'attendance',
  'daily_earnings',
  'redemption_counts',
  'idempotency',
  'staff',
  'sessions',
  'enrolments',
  'rewards',
] as const;
const HOSTILE = [`'; DROP TABLE transfers; --`, `<script>alert(1)</script>`, `" OR 1=1 --`, '\u0000', '💥'.repeat(50)];

describe.each(ENGINES)('bad requests on $name', (engine) => {
  let f: Fixture;
  let member: { token: string; number: string };
  let voucher: string;
  let occ: string;
  beforeAll(async () => {
    f = await fixture(engine);
    member = await f.card(30);
    voucher = (
      (await (
        await f.call('POST', '/api/v1/me/redemptions', { as: { card: member.token }, body: { reward: 'massage' } })
      ).json()) as { voucher: string }
    ).voucher;
    occ = `talk-0/${localDate(f.now.value)}T09:00`;
    // A used key and a used check-in code, for the replays below.
    expect(
      (
        await f.call('POST', '/api/v1/me/checkins', {
          as: { card: member.token },
          key: 'used-key-0001',
          body: { code: await f.code(occ) },
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await f.verify();
    await f.close();
  });

  const snapshot = async () => {
    const out: Record<string, unknown> = {};
    for (const t of COUNTED)
      out[t] = (
        await f.db.pool.query(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`)
      ).rows[0].h;
    await f.ledger.chainAudit(); // entries reach audit_log through the chainer (a test flushes it)
    out.audit = (
      await f.db.pool.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE entry NOT LIKE '%"action":"access.refused"%'`,
      )
    ).rows[0].n;
    return out;
  };

  it('at least 40 bad requests: each a 4xx with a clear message, nothing written', async () => {
    const card = () => ({ as: { card: member.token } });
    const cases: Array<[string, () => Promise<Response>, number?]> = [
      ['no body', () => f.call('POST', '/api/v1/me/redemptions', { ...card(), raw: '' }), 400],
      ['truncated JSON', () => f.call('POST', '/api/v1/me/redemptions', { ...card(), raw: '{"reward": "mass' }), 400],
      ['JSON that is a string', () => f.call('POST', '/api/v1/me/redemptions', { ...card(), raw: '"massage"' }), 400],
      ['JSON array', () => f.call('POST', '/api/v1/me/redemptions', { ...card(), raw: '[1,2]' }), 400],
      [
        'huge body',
        () =>
          f.call('POST', '/api/v1/me/redemptions', { ...card(), raw: JSON.stringify({ reward: 'x'.repeat(200_000) }) }),
        413,
      ],
      [
        'form instead of JSON',
        () =>
          f.call('POST', '/api/v1/me/redemptions', {
            ...card(),
            raw: 'reward=massage',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          }),
        415,
      ],
      // A content type is JSON, in UTF-8 (RFC 8259), or refused alike through Hono and on a direct route.
      ...[
        'application/json;',
        'application/json ; charset=utf-8',
        'application/x1+json',
        'application/json; charset=utf-16',
        'application/json; charset="latin1"',
        'text/json',
      ].flatMap((type): Array<[string, () => Promise<Response>, number]> => [
        [
          `content type ${type} (Hono)`,
          () =>
            f.call('POST', '/api/v1/cards', {
              raw: '{"consentVersion":"v1","olderThan14":true}',
              headers: { 'content-type': type },
            }),
          415,
        ],
        [
          `content type ${type} (direct)`,
          () =>
            f.call('POST', '/api/v1/me/redemptions', {
              ...card(),
              raw: '{"reward":"massage"}',
              headers: { 'content-type': type },
            }),
          415,
        ],
      ]),
      ['wrong type', () => f.call('POST', '/api/v1/me/redemptions', { ...card(), body: { reward: 42 } }), 400],
      [
        'unknown field',
        () => f.call('POST', '/api/v1/me/redemptions', { ...card(), body: { reward: 'massage', points: 1000 } }),
        400,
      ],
      [
        'misspelt field',
        () => f.call('POST', '/api/v1/me/redemptions', { ...card(), body: { reword: 'massage' } }),
        400,
      ],
      [
        'unknown reward',
        () => f.call('POST', '/api/v1/me/redemptions', { ...card(), body: { reward: 'gold-bar' } }),
        404,
      ],
      [
        'no idempotency key',
        () => f.call('POST', '/api/v1/me/redemptions', { ...card(), key: null, body: { reward: 'massage' } }),
        400,
      ],
      [
        'a short idempotency key',
        () => f.call('POST', '/api/v1/me/redemptions', { ...card(), key: 'abc', body: { reward: 'massage' } }),
        400,
      ],
      [
        'a reused key with another body',
        () =>
          f.call('POST', '/api/v1/me/checkins', {
            ...card(),
            key: 'used-key-0001',
            body: { code: 'hc1:1:AAAAAAAAAAAAAAAAAAAAAA:x' },
          }),
        422,
      ],
      [
        'negative correction points as a string',
        () =>
          f.call('POST', '/api/v1/admin/corrections', {
            as: 'admin',
            body: { card: { number: member.number }, points: '-5', reason: 'x' },
          }),
        400,
      ],
      [
        'fractional correction',
        () =>
          f.call('POST', '/api/v1/admin/corrections', {
            as: 'admin',
            body: { card: { number: member.number }, points: 2.5, reason: 'x' },
          }),
        400,
      ],
      [
        'zero correction',
        () =>
          f.call('POST', '/api/v1/admin/corrections', {
            as: 'admin',
            body: { card: { number: member.number }, points: 0, reason: 'x' },
          }),
        400,
      ],
      [
        'a correction that would overdraw',
        () =>
          f.call('POST', '/api/v1/admin/corrections', {
            as: 'admin',
            body: { card: { number: member.number }, points: -100_000, reason: 'x' },
          }),
        409,
      ],
      [
        'a correction without a reason',
        () =>
          f.call('POST', '/api/v1/admin/corrections', {
            as: 'admin',
            body: { card: { number: member.number }, points: 5 },
          }),
        400,
      ],
      [
        'points in an attendance request',
        () =>
          f.call('POST', '/api/v1/attendance', {
            as: 'volunteer',
            body: { occurrence: occ, card: { number: member.number }, points: 999 },
          }),
        400,
      ],
      [
        'a card number with a wrong check digit',
        () =>
          f.call('POST', '/api/v1/attendance', {
            as: 'volunteer',
            body: {
              occurrence: occ,
              card: { number: member.number.slice(0, 9) + String((Number(member.number[9]) + 1) % 10) },
            },
          }),
        404,
      ],
      [
        'both token and number',
        () =>
          f.call('POST', '/api/v1/attendance', {
            as: 'volunteer',
            body: { occurrence: occ, card: { number: member.number, token: member.token } },
          }),
        400,
      ],
      [
        'an unknown occurrence',
        () =>
          f.call('POST', '/api/v1/attendance', {
            as: 'volunteer',
            body: { occurrence: 'nope/2020-01-01T09:00', card: { number: member.number } },
          }),
        404,
      ],
      [
        'an occurrence long past',
        () =>
          f.call('POST', '/api/v1/attendance', {
            as: 'volunteer',
            body: { occurrence: occ.replace(/\d{4}-\d{2}-\d{2}/, '2001-01-01'), card: { number: member.number } },
          }),
        404,
      ],
      [
        'a forged check-in code',
        () =>
          f.call('POST', '/api/v1/me/checkins', {
            ...card(),
            body: { code: `hc1:${windowOf(f.now.value)}:AAAAAAAAAAAAAAAAAAAAAA:${occ}` },
          }),
        422,
      ],
      [
        'a check-in code that is not one',
        () => f.call('POST', '/api/v1/me/checkins', { ...card(), body: { code: 'hello' } }),
        422,
      ],
      [
        'an expired check-in code',
        async () =>
          f.call('POST', '/api/v1/me/checkins', {
            ...card(),
            body: {
              code: await f.code(
                `talk-1/${localDate(f.now.value)}T09:00`,
                new Date(f.now.value.getTime() - 5 * 60_000),
              ),
            },
          }),
        422,
      ],
      [
        'a replayed check-in code',
        async () => f.call('POST', '/api/v1/me/checkins', { ...card(), body: { code: await f.code(occ) } }),
        409,
      ],
      [
        'a code for another occurrence’s secret',
        async () => {
          const o = await f.db.db
            .selectFrom('occurrences')
            .select('secret')
            .where('id', '=', `talk-2/${localDate(f.now.value)}T09:00`)
            .executeTakeFirstOrThrow();
          return f.call('POST', '/api/v1/me/checkins', {
            ...card(),
            body: {
              code: await checkinCode(
                new Uint8Array(o.secret),
                `talk-3/${localDate(f.now.value)}T09:00`,
                windowOf(f.now.value),
              ),
            },
          });
        },
        422,
      ],
      ['an unknown card token', () => f.call('GET', '/api/v1/me', { as: { card: 'x'.repeat(43) } }), 401],
      [
        'a malformed Authorization header',
        () => f.call('GET', '/api/v1/me', { headers: { authorization: 'Bearer abc' } }),
        401,
      ],
      [
        'a forged session cookie',
        () => f.call('GET', '/api/v1/staff/me', { headers: { cookie: 'hc_staff=' + 'A'.repeat(43) } }),
        401,
      ],
      [
        'a state change from another site',
        () =>
          f.call('POST', '/api/v1/attendance', {
            as: 'volunteer',
            headers: { origin: 'https://evil.example' },
            body: { occurrence: occ, card: { number: member.number } },
          }),
        403,
      ],
      [
        'a cookie request without any Origin',
        () =>
          f.call('POST', '/api/v1/attendance', {
            as: 'volunteer',
            headers: { origin: '' },
            body: { occurrence: occ, card: { number: member.number } },
          }),
        403,
      ],
      [
        'a volunteer redeeming',
        () =>
          f.call('POST', '/api/v1/redemptions', {
            as: 'volunteer',
            body: { reward: 'massage', card: { number: member.number } },
          }),
        403,
      ],
      [
        'an auditor correcting',
        () =>
          f.call('POST', '/api/v1/admin/corrections', {
            as: 'auditor',
            body: { card: { number: member.number }, points: 5, reason: 'x' },
          }),
        403,
      ],
      [
        'enrolment without consent',
        () => f.call('POST', '/api/v1/cards', { body: { consentVersion: 'old', olderThan14: true } }),
        422,
      ],
      [
        'enrolment of a child',
        () =>
          f.call('POST', '/api/v1/cards', {
            body: {
              consentVersion: 'v1',
              olderThan14: true,
              birthYear: Number(localDate(f.now.value).slice(0, 4)) - 10,
            },
          }),
        422,
      ],
      [
        'enrolment without the age confirmation',
        () => f.call('POST', '/api/v1/cards', { body: { consentVersion: 'v1', olderThan14: false } }),
        400,
      ],
      [
        'a phone number with letters',
        () =>
          f.call('POST', '/api/v1/cards', {
            body: { consentVersion: 'v1', olderThan14: true, phone: 'call me maybe' },
          }),
        400,
      ],
      [
        'a used or invented enrolment link',
        () => f.call('POST', '/api/v1/staff/enrol', { body: { token: 'Z'.repeat(43), device: 'phone' } }),
        410,
      ],
      [
        'handing over an unknown voucher',
        () => f.call('POST', '/api/v1/redemptions/NoSuchVoucher/handover', { as: 'desk' }),
        404,
      ],
      [
        'a voucher id with SQL in it',
        () => f.call('POST', `/api/v1/redemptions/${encodeURIComponent("x' OR '1'='1")}/handover`, { as: 'desk' }),
        400,
      ],
      [
        'a report by an unknown dimension',
        () => f.call('GET', '/api/v1/reports/participation?by=name', { as: 'auditor' }),
        400,
      ],
      ['an audit page too large', () => f.call('GET', '/api/v1/audit?limit=100000', { as: 'auditor' }), 400],
      ['a negative session id', () => f.call('POST', '/api/v1/staff/sessions/-1/revoke', { as: 'desk' }), 400],
      // A number in a path or query is written in decimal digits: no hex, exponent, space or empty value that
      // JavaScript's Number() would read as another id (0x1 is staff member 1).
      ...['0x1', '1e0', '%201', '1.0', '+1', '0b1', 'Infinity'].map((id): [string, () => Promise<Response>, number] => [
        `a staff id written ${id}`,
        () => f.call('POST', `/api/v1/admin/staff/${id}/revoke`, { as: 'admin' }),
        400,
      ]),
      // A method a route does not take: 405 naming the ones it does (Allow), not "not found".
      ...(
        [
          ['PUT', '/api/v1/me'],
          ['PATCH', '/api/v1/attendance'],
          ['DELETE', '/api/v1/health'],
          ['OPTIONS', '/api/v1/me/redemptions'],
          ['POST', `/api/v1/cards/${'1'.repeat(10)}`],
        ] as const
      ).map(([method, path]): [string, () => Promise<Response>, number] => [
        `${method} ${path}`,
        async () => {
          const r = await f.call(method, path, { ...card(), body: {} });
          if (r.status === 405 && !r.headers.get('allow')) return new Response('no Allow header', { status: 200 });
          return r;
        },
        405,
      ]),
      ['an unknown path', () => f.call('GET', '/api/v1/no-such-thing'), 404],
      ['a session id in hex', () => f.call('POST', '/api/v1/staff/sessions/0x1/revoke', { as: 'desk' }), 400],
      ['an audit page after an empty value', () => f.call('GET', '/api/v1/audit?after=', { as: 'auditor' }), 400],
      ['an audit page size in hex', () => f.call('GET', '/api/v1/audit?limit=0x10', { as: 'auditor' }), 400],
      [
        'a catalogue with a negative cost',
        () =>
          f.call('POST', '/api/v1/admin/catalogue', {
            as: 'admin',
            body: {
              settings: { consentVersion: 'v1' },
              departments: [],
              rules: [],
              occurrences: [],
              rewards: [
                {
                  id: 'x',
                  name: { 'zh-hans': 'x' },
                  department: 'bureau',
                  cost: -1,
                  stock: 1,
                  perPersonLimit: 1,
                  validFrom: '2026-01-01',
                  validTo: '2026-12-31',
                  collectAt: { 'zh-hans': 'x' },
                },
              ],
            },
          }),
        400,
      ],
      [
        'cancelling another member’s voucher',
        async () =>
          f.call('POST', `/api/v1/me/redemptions/${voucher}/cancel`, { as: { card: (await otherCard()).token } }),
        404,
      ],
      [
        'a transfer code that was never issued',
        () => f.call('POST', '/api/v1/cards/claim', { body: { code: '1234 5678' } }),
        410,
      ],
      [
        'a transfer code with letters',
        () => f.call('POST', '/api/v1/cards/claim', { body: { code: '1234abcd' } }),
        410,
      ],
      [
        'a transfer code too long',
        () => f.call('POST', '/api/v1/cards/claim', { body: { code: '1'.repeat(41) } }),
        400,
      ],
      ['a misspelt claim field', () => f.call('POST', '/api/v1/cards/claim', { body: { cod: '12345678' } }), 400],
      [
        'a late check-in with a time that is not a time',
        async () =>
          f.call('POST', '/api/v1/me/checkins', {
            ...card(),
            body: { code: await f.code(occ), scannedAt: 'yesterday' },
          }),
        400,
      ],
      [
        'a late check-in from the future',
        async () => {
          const later = new Date(f.now.value.getTime() + 10 * 60_000);
          return f.call('POST', '/api/v1/me/checkins', {
            ...card(),
            body: {
              code: await f.code(`talk-5/${localDate(f.now.value)}T09:00`, later),
              scannedAt: later.toISOString(),
            },
          });
        },
        422,
      ],
      [
        'the history of a card that does not exist',
        () => f.call('GET', '/api/v1/cards/0000000000/transfers', { as: 'desk' }),
        404,
      ],
      ...HOSTILE.flatMap((h, i): Array<[string, () => Promise<Response>, number?]> => [
        [
          `hostile text ${i} as a reward`,
          () => f.call('POST', '/api/v1/me/redemptions', { ...card(), body: { reward: h } }),
        ],
        [
          `hostile text ${i} as a rule`,
          () =>
            f.call('POST', '/api/v1/activities', { as: 'desk', body: { rule: h, card: { number: member.number } } }),
        ],
        [
          `hostile text ${i} as an occurrence`,
          () =>
            f.call('POST', '/api/v1/attendance', {
              as: 'volunteer',
              body: { occurrence: h, card: { number: member.number } },
            }),
        ],
        [
          `hostile text ${i} as a card number`,
          () =>
            f.call('POST', '/api/v1/activities', { as: 'desk', body: { rule: 'volunteering', card: { number: h } } }),
        ],
        [
          `hostile text ${i} as a check-in code`,
          () => f.call('POST', '/api/v1/me/checkins', { ...card(), body: { code: h } }),
        ],
        [
          `hostile text ${i} as a transfer code`,
          () => f.call('POST', '/api/v1/cards/claim', { body: { code: h.slice(0, 40), device: h.slice(0, 40) } }),
        ],
        [
          `hostile text ${i} as a consent version`,
          () => f.call('POST', '/api/v1/cards', { body: { consentVersion: h, olderThan14: true, displayName: h } }),
        ],
        [
          `hostile text ${i} as an idempotency key`,
          () =>
            f.call('POST', '/api/v1/me/redemptions', {
              ...card(),
              key: h.replace(/[^\x20-\x7e]/g, '?'),
              body: { reward: 'massage' },
            }),
        ],
      ]),
    ];
    let others: { token: string } | undefined;
    const otherCard = async () => (others ??= await f.card());
    await otherCard();
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const before = await snapshot();
    const wrong: string[] = [];
    for (const [name, send, status] of cases) {
      const r = await send();
      const body = (await r.json().catch(() => undefined)) as { title?: string; status?: number } | undefined;
      const problem = r.headers.get('content-type')?.startsWith('application/problem+json');
      if (
        r.status < 400 ||
        r.status >= 500 ||
        (status !== undefined && r.status !== status) ||
        !problem ||
        !body?.title
      )
        wrong.push(`${name}: ${r.status} ${JSON.stringify(body)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('a NUL or half a surrogate pair in any string, body or path, is a 400 naming the field, in the request’s language; nothing written', async () => {
    const card = { as: { card: member.token } };
    const other = await f.card();
    const cases: Array<[string, string, string, () => Promise<Response>]> = [];
    for (const [label, bad] of [
      ['NUL', 'a\u0000b'],
      ['a lone high surrogate', 'a\ud800b'],
      ['a lone low surrogate', '\udc00ab'],
    ] as const) {
      const c = (name: string, field: string, lang: string, send: (h: Record<string, string>) => Promise<Response>) =>
        cases.push([`${label} in ${name}`, field, lang, () => send({ 'accept-language': lang })]);
      c('an occurrence (a direct route)', 'occurrence', 'zh-CN', (headers) =>
        f.call('POST', '/api/v1/attendance', {
          as: 'volunteer',
          headers,
          body: { occurrence: `${bad}xx`, card: { number: member.number } },
        }),
      );
      c('a check-in code', 'code', 'en', (headers) =>
        f.call('POST', '/api/v1/me/checkins', { ...card, headers, body: { code: `hc1:1:AAAA:${bad}` } }),
      );
      c('a reward', 'reward', 'zh-TW', (headers) =>
        f.call('POST', '/api/v1/me/redemptions', { ...card, headers, body: { reward: bad } }),
      );
      c('a staff name', 'displayName', 'zh-CN', (headers) =>
        f.call('POST', '/api/v1/admin/enrolments', {
          as: 'admin',
          headers,
          body: { role: 'volunteer', displayName: bad },
        }),
      );
      c('a correction’s reason', 'reason', 'en', (headers) =>
        f.call('POST', '/api/v1/admin/corrections', {
          as: 'admin',
          headers,
          body: { card: { number: other.number }, points: 1, reason: bad },
        }),
      );
      c('a resident’s community', 'community', 'zh-CN', (headers) =>
        f.call('POST', '/api/v1/cards', {
          headers,
          body: { consentVersion: 'v1', olderThan14: true, community: bad },
        }),
      );
      c('a device label', 'device', 'en', (headers) =>
        f.call('POST', '/api/v1/cards/claim', { headers, body: { code: '12345678', device: bad } }),
      );
      c('an occurrence in the path', 'id', 'zh-CN', (headers) =>
        f.call(
          'POST',
          `/api/v1/occurrences/${encodeURIComponent(bad.replace(/[\ud800-\udfff]/, '\u0000'))}xyz/code-secret`,
          {
            as: 'volunteer',
            headers,
          },
        ),
      );
    }
    const before = await snapshot();
    const wrong: string[] = [];
    for (const [name, field, lang, send] of cases) {
      const r = await send();
      const body = (await r.json().catch(() => undefined)) as
        { type?: string; errors?: Array<{ path: string; message: string }> } | undefined;
      const message = body?.errors?.find((e) => e.path.split('.').at(-1) === field)?.message ?? '';
      if (
        r.status !== 400 ||
        !body?.type?.endsWith('/invalid-request') ||
        !(lang === 'en' ? /^[ -~]+$/.test(message) : /[\u4e00-\u9fff]/.test(message))
      )
        wrong.push(`${name}: ${r.status} ${JSON.stringify(body)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('a key given twice, or nesting deeper than any request needs, is a 400 naming where, on both fronts', async () => {
    const card = { as: { card: member.token } };
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const cases: Array<[string, () => Promise<Response>, string]> = [
      [
        'a reward given twice (a direct route)',
        () => f.call('POST', '/api/v1/me/redemptions', { ...card, raw: '{"reward":"gold-bar","reward":"once"}' }),
        'reward',
      ],
      [
        'a card number given twice inside the card',
        () =>
          f.call('POST', '/api/v1/attendance', {
            as: 'volunteer',
            raw: `{"occurrence":"${occ}","card":{"number":"0000000000","n\\u0075mber":"${member.number}"}}`,
          }),
        'card.number',
      ],
      [
        'a consent version given twice (through Hono)',
        () =>
          f.call('POST', '/api/v1/cards', { raw: '{"consentVersion":"old","olderThan14":true,"consentVersion":"v1"}' }),
        'consentVersion',
      ],
      [
        'an array nested 5,000 deep (a direct route)',
        () => f.call('POST', '/api/v1/me/redemptions', { ...card, raw: `{"reward":${deep(5000)}}` }),
        '(body)',
      ],
      [
        'a catalogue nested 1,000,000 deep (through Hono)',
        () => f.call('POST', '/api/v1/admin/catalogue', { as: 'admin', raw: `{"settings":${deep(1_000_000)}}` }),
        '(body)',
      ],
    ];
    const before = await snapshot();
    const wrong: string[] = [];
    for (const [name, send, path] of cases) {
      const r = await send();
      const body = (await r.json().catch(() => undefined)) as
        { type?: string; errors?: Array<{ path: string; message: string }> } | undefined;
      if (r.status !== 400 || body?.errors?.[0]?.path !== path || !/[\u4e00-\u9fff]/.test(body.errors[0].message))
        wrong.push(`${name}: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('a refused Origin is audited only for a real staff session: nobody can fill the append-only log anonymously', async () => {
    const refusedEntries = async () => {
      await f.ledger.chainAudit();
      return (
        await f.db.pool.query<{ entry: string }>(
          `SELECT entry FROM audit_log WHERE entry LIKE '%"action":"access.refused"%' ORDER BY seq`,
        )
      ).rows.map((r) => JSON.parse(r.entry) as { actor: string; subject: string });
    };
    const before = (await refusedEntries()).length;
    const evil = { origin: 'https://evil.example' };
    const long = `/api/v1/admin/expire?${'x'.repeat(4000)}`;
    const anonymous = [
      () => f.call('POST', '/api/v1/cards', { headers: evil, body: { consentVersion: 'v1', olderThan14: true } }),
      () => f.call('POST', long, { headers: evil }),
      // A session cookie of the right form that names no session.
      () => f.call('POST', long, { headers: { ...evil, cookie: `hc_staff=${'A'.repeat(43)}` } }),
      () => f.call('POST', '/api/v1/admin/expire', { headers: { origin: '', cookie: `hc_staff=${'B'.repeat(43)}` } }),
    ];
    for (const send of anonymous) expect((await send()).status).toBe(403);
    expect(await refusedEntries()).toHaveLength(before);
    // A real session's cookie sent from another site (a cross-site request forgery): audited, under that staff member.
    expect((await f.call('POST', long, { as: 'admin', headers: evil })).status).toBe(403);
    const after = await refusedEntries();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.actor).toBe(`staff:${f.staffIds.admin}`);
    expect(after.at(-1)!.subject.length).toBeLessThanOrEqual(200);
  });

  it('behind a trusted proxy the client is the address the proxy added, not one the client wrote before it', async () => {
    const app = createApp({
      ledger: f.ledger,
      engine: engine.name,
      limits: { enrol: 3, checkin: 1e9, redeem: 1e9 },
      trustProxy: true,
    });
    const claim = (forwarded: string) =>
      app.request('/api/v1/cards/claim', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey(), 'x-forwarded-for': forwarded },
        body: JSON.stringify({ code: '0000 0000' }),
      });
    // A proxy that appends (nginx's $proxy_add_x_forwarded_for) keeps what the client sent first.
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await claim(`198.51.100.${i}, 203.0.113.7`)).status);
    expect(statuses).toEqual([410, 410, 410, 429, 429]);
    // Another real client has its own count.
    expect((await claim('203.0.113.8')).status).toBe(410);
    // An IPv6 client has a whole /64 to pick addresses from: its count is the /64's, however the address is written.
    const v6 = [];
    for (const a of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:0db8:0001:0002:ffff::9', '2001:DB8:1:2:0:0:0:a'])
      v6.push((await claim(a)).status);
    expect(v6).toEqual([410, 410, 410, 429]);
    expect((await claim('2001:db8:1:3::1')).status).toBe(410);
    // An IPv4 address written as IPv6 (a dual-stack socket) is still that IPv4 address.
    expect((await claim('::ffff:203.0.113.8')).status).toBe(410);
  });

  it('an internal error is logged on one line: the request’s path cannot forge log lines', async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logged.push(a.join(' ')));
    const original = f.ledger.occurrenceForCode.bind(f.ledger);
    f.ledger.occurrenceForCode = () => Promise.reject(new Error('boom\r\nFORGED second line'));
    try {
      const r = await f.call('POST', '/api/v1/occurrences/x%0d%0aFORGED%20line%1b%5b31m/code-secret', {
        as: 'volunteer',
      });
      expect(r.status).toBe(500);
      expect(JSON.stringify(await r.json())).not.toMatch(/boom/);
    } finally {
      f.ledger.occurrenceForCode = original;
      spy.mockRestore();
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('FORGED');
    // eslint-disable-next-line no-control-regex
    expect(logged[0]).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it('a body that may take one of two forms (a correction) is told what is wrong in the form it is closest to', async () => {
    const correct = (body: string) =>
      f
        .call('POST', '/api/v1/admin/corrections', { as: 'admin', raw: body, headers: { 'accept-language': 'en' } })
        .then(async (r) => ({ status: r.status, ...((await r.json()) as { errors: Array<{ path: string }> }) }));
    const paths = async (body: string) => (await correct(body)).errors.map((e) => e.path);
    expect(await paths(`{"card":{"number":"${member.number}"},"points":"5","reason":"x"}`)).toEqual(['points']);
    expect(await paths(`{"card":{"number":"${member.number}"},"points":5,"reason":""}`)).toEqual(['reason']);
    expect(await paths('{"reverses":1e400,"reason":"x"}')).toEqual(['reverses']);
    expect(await paths('{"reverses":"12","reason":"x"}')).toEqual(['reverses']);
    expect(await paths('{"reverses":12,"reasn":"x"}')).toEqual(expect.arrayContaining(['reasn']));
    expect((await correct('{"reverses":12,"reasn":"x"}')).errors).toContainEqual({
      path: 'reasn',
      message: 'unknown field — did you mean reason?',
    });
  });

  it('problems speak the request’s language: Simplified Chinese by default, Traditional, English', async () => {
    const ask = (lang?: string) =>
      f
        .call('POST', '/api/v1/me/redemptions', {
          as: { card: member.token },
          body: { rewrd: 'x' },
          headers: lang ? { 'accept-language': lang } : {},
        })
        .then((r) => r.json() as Promise<{ title: string; errors: Array<{ path: string; message: string }> }>);
    const [hans, hant, en] = await Promise.all([ask(), ask('zh-TW,zh;q=0.9'), ask('en-GB')]);
    expect(hans.title).toBe('请求内容有误，请检查标出的字段');
    expect(hant.title).toBe('請求內容有誤，請檢查標出的欄位');
    expect(en.title).toMatch(/not valid/);
    expect(hans.errors).toContainEqual({ path: 'rewrd', message: '未知字段 — 是否想写 reward?' });
    expect(en.errors).toContainEqual({ path: 'rewrd', message: 'unknown field — did you mean reward?' });
  });

  it('a problem’s detail is in the request’s language too', async () => {
    const ask = async (lang: string, send: (h: Record<string, string>) => Promise<Response>) =>
      ((await (await send({ 'accept-language': lang })).json()) as { detail?: string }).detail ?? '';
    const sends: Array<(h: Record<string, string>) => Promise<Response>> = [
      (headers) =>
        f.call('POST', '/api/v1/me/redemptions', { as: { card: member.token }, headers, body: { reward: 'gold-bar' } }),
      (headers) =>
        f.call('POST', '/api/v1/attendance', {
          as: 'volunteer',
          headers,
          body: { occurrence: 'nope/2020-01-01T09:00', card: { number: member.number } },
        }),
      (headers) => f.call('POST', '/api/v1/cards', { headers, body: { consentVersion: 'old', olderThan14: true } }),
      (headers) => f.call('POST', '/api/v1/redemptions/NoSuchVoucher/handover', { as: 'desk', headers }),
      (headers) => f.call('POST', '/api/v1/staff/sessions/999999/revoke', { as: 'desk', headers }),
      (headers) => f.call('POST', '/api/v1/admin/staff/999999/revoke', { as: 'admin', headers }),
      (headers) =>
        f.call('POST', '/api/v1/admin/corrections', { as: 'admin', headers, body: { reverses: 999999, reason: 'x' } }),
      (headers) =>
        f.call('POST', '/api/v1/activities', {
          as: 'desk',
          headers,
          body: { rule: 'no-such-rule', card: { number: member.number } },
        }),
      (headers) =>
        f.call('POST', '/api/v1/activities', {
          as: 'desk',
          headers,
          body: {
            rule: 'volunteering',
            card: { number: `${member.number.slice(0, 9)}${(Number(member.number[9]) + 1) % 10}` },
          },
        }),
    ];
    const wrong: string[] = [];
    for (const [i, send] of sends.entries()) {
      const [hans, hant, en] = [await ask('zh-CN', send), await ask('zh-TW', send), await ask('en', send)];
      if (!/[\u4e00-\u9fff]/.test(hans) || !/[\u4e00-\u9fff]/.test(hant) || !/^[ -~]+$/.test(en) || hans === hant)
        wrong.push(`${i}: ${hans} | ${hant} | ${en}`);
    }
    expect(wrong).toEqual([]);
  });

  it('every field message is in the request’s language, not only the ones the service words itself', async () => {
    const enrol = (lang?: string) =>
      f
        .call('POST', '/api/v1/cards', {
          body: { consentVersion: '2026-12', olderThan14: false, displayName: 'x'.repeat(50) },
          headers: lang ? { 'accept-language': lang } : {},
        })
        .then((r) => r.json() as Promise<{ errors: Array<{ path: string; message: string }> }>);
    const [hans, hant, en] = await Promise.all([enrol(), enrol('zh-HK'), enrol('en')]);
    const byPath = (b: { errors: Array<{ path: string; message: string }> }) =>
      Object.fromEntries(b.errors.map((e) => [e.path, e.message]));
    for (const field of ['olderThan14', 'displayName']) {
      expect(byPath(hans)[field], field).toMatch(/[\u4e00-\u9fff]/);
      expect(byPath(hans)[field], field).not.toMatch(/Invalid|Too big/);
      expect(byPath(hant)[field], field).toMatch(/[\u4e00-\u9fff]/);
      expect(byPath(en)[field], field).toMatch(/^[ -~]+$/);
    }
  });
});
