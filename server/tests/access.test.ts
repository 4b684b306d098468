/**
 * Route × role: every route the OpenAPI document lists must have a row here (a new route without a rule fails),
 * and for each caller — anonymous, each staff role, a member's card — only the allowed cells get past the door.
 * A member using their card on another member's voucher is refused too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, fixture, type Fixture } from './helpers.ts';

type Who = 'anonymous' | 'volunteer' | 'desk' | 'admin' | 'auditor' | 'member';
const STAFF = ['volunteer', 'desk', 'admin', 'auditor'] as const;
const all: Who[] = ['anonymous', ...STAFF, 'member'];

/** The rules, written out by hand: who may call each route. */
const TABLE: Record<string, Who[]> = {
  'GET /api/v1/health': all,
  'GET /api/v1/openapi.json': all,
  'GET /api/v1/catalogue': all,
  'GET /api/v1/community-totals': all,
  'POST /api/v1/cards': all,
  'POST /api/v1/cards/claim': all,
  'POST /api/v1/staff/enrol': all,
  'GET /api/v1/me': ['member'],
  'GET /api/v1/me/transfers': ['member'],
  'GET /api/v1/me/redemptions': ['member'],
  'DELETE /api/v1/me': ['member'],
  'POST /api/v1/me/transfer-codes': ['member'],
  'POST /api/v1/me/forget': ['member'],
  'POST /api/v1/me/checkins': ['member'],
  'POST /api/v1/me/redemptions': ['member'],
  'POST /api/v1/me/redemptions/{voucher}/cancel': ['member'],
  'GET /api/v1/staff/me': [...STAFF],
  'GET /api/v1/staff/sessions': [...STAFF],
  'POST /api/v1/staff/sessions/{id}/revoke': [...STAFF],
  'GET /api/v1/occurrences/today': ['volunteer', 'desk', 'admin'],
  'POST /api/v1/occurrences/{id}/code-secret': ['volunteer', 'admin'],
  'POST /api/v1/attendance': ['volunteer', 'admin'],
  'POST /api/v1/activities': ['volunteer', 'desk', 'admin'],
  'GET /api/v1/cards/{number}': ['desk', 'admin'],
  'GET /api/v1/cards/{number}/transfers': ['desk', 'admin'],
  'POST /api/v1/cards/{number}/replace': ['desk', 'admin'],
  'POST /api/v1/redemptions': ['desk', 'admin'],
  'POST /api/v1/redemptions/{voucher}/handover': ['desk', 'admin'],
  'POST /api/v1/redemptions/{voucher}/cancel': ['desk', 'admin'],
  'POST /api/v1/admin/enrolments': ['admin'],
  'GET /api/v1/admin/staff': ['admin'],
  'POST /api/v1/admin/staff/{id}/revoke': ['admin'],
  'POST /api/v1/admin/corrections': ['admin'],
  'POST /api/v1/admin/catalogue': ['admin'],
  'POST /api/v1/admin/expire': ['admin'],
  'GET /api/v1/reports/participation': ['admin', 'auditor'],
  'GET /api/v1/reports/departments': ['admin', 'auditor'],
  'GET /api/v1/reports/participation.csv': ['admin', 'auditor'],
  'GET /api/v1/audit': ['admin', 'auditor'],
};

describe.each(ENGINES)('route × role on $name', (engine) => {
  let f: Fixture;
  let routes: string[];
  let member: { token: string; number: string };
  beforeAll(async () => {
    f = await fixture(engine);
    member = await f.card(10);
    const doc = (await (await f.call('GET', '/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    routes.push('GET /api/v1/openapi.json');
  });
  afterAll(async () => {
    await f.verify();
    await f.close();
  });

  it('every route in the OpenAPI document has a rule here, and every rule a route', () => {
    expect(routes.filter((r) => !(r in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('only the allowed cells get past the door', async () => {
    const wrong: string[] = [];
    for (const route of Object.keys(TABLE)) {
      const [method, template] = route.split(' ') as [string, string];
      // Placeholder ids: an allowed caller then gets a 4xx about the request (400/404/409/422), never 401/403.
      const path = template
        .replace('{voucher}', 'nonexistent1')
        .replace('{id}', '999999')
        .replace('{number}', '0000000000');
      for (const who of all) {
        const as = who === 'anonymous' ? undefined : who === 'member' ? { card: member.token } : who;
        // Writes go without an Idempotency-Key: past the door they are refused (400) before doing anything.
        const r = await f.call(method, path, { as, ...(method === 'GET' ? {} : { body: { probe: true }, key: null }) });
        const allowed = TABLE[route]!.includes(who);
        const passed = r.status !== 401 && r.status !== 403;
        if (allowed !== passed) wrong.push(`${route} as ${who}: ${r.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a member cannot cancel another member's voucher, and a refused staff call is in the audit log", async () => {
    const other = await f.card(10);
    const v = (await (
      await f.call('POST', '/api/v1/me/redemptions', { as: { card: member.token }, body: { reward: 'massage' } })
    ).json()) as { voucher: string };
    const r = await f.call('POST', `/api/v1/me/redemptions/${v.voucher}/cancel`, { as: { card: other.token } });
    expect(r.status).toBe(404);
    const still = await f.db.db
      .selectFrom('redemptions')
      .select('status')
      .where('voucher', '=', v.voucher)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe('issued');
    await f.ledger.chainAudit(); // entries reach audit_log through the chainer (a test flushes it)
    const refused = await f.db.db.selectFrom('audit_log').select('entry').execute();
    expect(
      refused.some((e) =>
        /"action":"access.refused".*"actor":"staff:|"actor":"staff:\d+","action":"access.refused"/.test(e.entry),
      ),
    ).toBe(true);
  });

  it('staff sessions: a revoked device or an idle session is signed out', async () => {
    const me = (await (await f.call('GET', '/api/v1/staff/me', { as: 'auditor' })).json()) as { session: number };
    expect((await f.call('POST', `/api/v1/staff/sessions/${me.session}/revoke`, { as: 'auditor' })).status).toBe(200);
    expect((await f.call('GET', '/api/v1/staff/me', { as: 'auditor' })).status).toBe(401);
    const saved = f.now.value;
    f.now.value = new Date(saved.getTime() + 31 * 60_000);
    expect((await f.call('GET', '/api/v1/staff/me', { as: 'desk' })).status).toBe(401);
    f.now.value = saved;
  });

  it('a volunteer back from two hours offline in a hall is still signed in; after a working day idle, not', async () => {
    const saved = f.now.value;
    try {
      await f.call('GET', '/api/v1/staff/me', { as: 'volunteer' });
      f.now.value = new Date(saved.getTime() + 2 * 3600_000);
      expect((await f.call('GET', '/api/v1/staff/me', { as: 'volunteer' })).status).toBe(200);
      expect((await f.call('GET', '/api/v1/staff/me', { as: 'admin' })).status).toBe(401);
      f.now.value = new Date(saved.getTime() + (2 + 12) * 3600_000 + 60_000);
      expect((await f.call('GET', '/api/v1/staff/me', { as: 'volunteer' })).status).toBe(401);
    } finally {
      f.now.value = saved;
    }
  });
});
