/**
 * A fresh ledger on one engine for a test file: its own database, a catalogue with events happening today, a
 * staff member of each role signed in, and `call()` to send requests to the service as each of them: over HTTP to
 * the app's Node listener on a free port, as in production (a direct route is answered there, the rest by Hono);
 * `callHono()` sends the same request through Hono alone.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { checkinCode, windowOf } from '@hc/domain/points/checkin-code.ts';
import type { Catalogue } from '@hc/domain/points/catalogue.ts';
import { localDate } from '@hc/domain/time.ts';
import { Keyring } from '../src/crypto.ts';
import { openDatabase, type Database } from '../src/db/engine.ts';
import { createApp, SESSION_COOKIE } from '../src/http/app.ts';
import { Ledger, type Role } from '../src/ledger/ledger.ts';
import { issueEnrolment, redeemEnrolment } from '../src/ledger/staff.ts';
import { verifyLedger } from '../src/ledger/verify.ts';
import { testDepartments, testReward, testRules } from '../../tests/helpers/points-catalogue.ts';

export const ENGINES = inject('engines');
export const ORIGIN = 'http://localhost';

const NAMES = {
  bureau: '卫健局',
  centre: '中心',
  lecture: '讲座',
  exercise: '运动',
  volunteering: '志愿',
};

/** A catalogue whose events happen today (China time) and yesterday. */
export function testCatalogue(now: Date, extra: Partial<Catalogue> = {}): Catalogue {
  const today = localDate(now);
  const yesterday = localDate(new Date(now.getTime() - 86400_000));
  const occ = (id: string, type: 'lecture' | 'exercise' | 'screening', date: string) => ({
    id,
    eventSlug: id.split('/')[0]!,
    eventType: type,
    title: id,
    localDate: date,
    startsAt: now.toISOString(),
    endsAt: new Date(now.getTime() + 3600_000).toISOString(),
    status: 'scheduled' as const,
  });
  return {
    settings: { sample: false, expiry: 'end-of-following-year', consentVersion: 'v1' },
    departments: testDepartments(NAMES),
    rules: testRules(NAMES, { 'taiji-a': 7 }),
    rewards: [
      testReward('massage', '推拿', {
        department: 'bureau',
        cost: 10,
        stock: 1000,
        perPersonLimit: 100,
        collectAt: '前台',
      }),
      testReward('last-one', '最后一件', {
        department: 'bureau',
        cost: 1,
        stock: 1,
        perPersonLimit: 5,
        collectAt: '前台',
      }),
      testReward('once', '每人一次', {
        department: 'centre',
        cost: 1,
        stock: 100,
        perPersonLimit: 1,
        collectAt: '前台',
      }),
      testReward('future', '未开始', {
        department: 'centre',
        cost: 1,
        stock: 100,
        perPersonLimit: 1,
        collectAt: '前台',
        validFrom: '2999-01-01',
      }),
    ],
    occurrences: [
      ...Array.from({ length: 20 }, (_, i) => occ(`talk-${i}/${today}T09:00`, 'lecture', today)),
      occ(`taiji-a/${today}T07:00`, 'exercise', today),
      occ(`screen/${today}T10:00`, 'screening', today),
      occ(`old-talk/${yesterday}T09:00`, 'lecture', yesterday),
    ],
    ...extra,
  };
}

export interface CallOptions {
  as?: Role | { card: string };
  body?: unknown;
  key?: string | null;
  headers?: Record<string, string>;
  raw?: string;
}

export interface Fixture {
  db: Database;
  ledger: Ledger;
  app: ReturnType<typeof createApp>;
  cookies: Record<Role, string>;
  staffIds: Record<Role, number>;
  now: { value: Date };
  call(method: string, path: string, opts?: CallOptions): Promise<Response>;
  callHono(method: string, path: string, opts?: CallOptions): Promise<Response>;
  card(points?: number): Promise<{ token: string; number: string; id: number }>;
  verify(): Promise<void>;
  code(occurrenceId: string, at?: Date): Promise<string>;
  close(): Promise<void>;
}

async function freshDatabase(baseUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

let keyCounter = 0;
export const newKey = () => `k-${process.pid}-${Date.now()}-${keyCounter++}`;

export async function fixture(engine: (typeof ENGINES)[number], opts: { poolSize?: number } = {}): Promise<Fixture> {
  const db = await openDatabase({ url: await freshDatabase(engine.url), poolSize: opts.poolSize ?? 30 });
  const now = { value: new Date() };
  const ledger = new Ledger(
    db.db,
    new Keyring({
      keys: [
        { id: 1, enc: randomBytes(32).toString('base64'), mac: randomBytes(32).toString('base64'), created: 'test' },
      ],
    }),
    () => now.value,
  );
  await ledger.sync(testCatalogue(now.value));
  const app = createApp({
    ledger,
    engine: engine.name,
    limits: { enrol: 1e9, checkin: 1e9, redeem: 1e9 },
    origins: [ORIGIN],
  });
  const server = createServer(app.node);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const cookies = {} as Record<Role, string>;
  const staffIds = {} as Record<Role, number>;
  for (const role of ['volunteer', 'desk', 'admin', 'auditor'] as const) {
    const r = await ledger.tx(async (trx) => {
      const e = await issueEnrolment(ledger, trx, { role, displayName: role });
      return redeemEnrolment(ledger, trx, e.token, 'test');
    });
    cookies[role] = `${SESSION_COOKIE}=${r.sessionToken}`;
    staffIds[role] = r.staff.id;
  }
  const f: Fixture = {
    db,
    ledger,
    app,
    cookies,
    staffIds,
    now,
    call: (method, path, o = {}) => fetch(`${base}${path}`, init(method, o)),
    callHono: async (method, path, o = {}) => app.request(path, init(method, o)),
    async card(points = 0) {
      const r = await f.call('POST', '/api/v1/cards', {
        body: { consentVersion: 'v1', olderThan14: true, birthYear: 1960, community: 'east' },
      });
      if (r.status !== 201) throw new Error(`card: ${r.status} ${await r.text()}`);
      const c = (await r.json()) as { token: string; number: string };
      const id = (await db.db.selectFrom('cards').select('id').where('number', '=', c.number).executeTakeFirstOrThrow())
        .id;
      if (points > 0) {
        const g = await f.call('POST', '/api/v1/admin/corrections', {
          as: 'admin',
          body: { card: { number: c.number }, points, reason: 'test grant' },
        });
        if (g.status !== 201) throw new Error(`grant: ${g.status} ${await g.text()}`);
      }
      return { ...c, id };
    },
    async verify() {
      const r = await verifyLedger(db.db);
      if (!r.ok) throw new Error(`points:verify: ${r.problems.join('; ')}`);
    },
    async code(occurrenceId, at = now.value) {
      const o = await db.db
        .selectFrom('occurrences')
        .select('secret')
        .where('id', '=', occurrenceId)
        .executeTakeFirstOrThrow();
      return checkinCode(new Uint8Array(o.secret), occurrenceId, windowOf(at));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await db.close();
    },
  };
  function init(method: string, o: CallOptions): RequestInit {
    const headers: Record<string, string> = {
      origin: ORIGIN,
      ...(o.body !== undefined || o.raw !== undefined ? { 'content-type': 'application/json' } : {}),
    };
    if (method !== 'GET' && o.key !== null) headers['idempotency-key'] = o.key ?? newKey();
    if (typeof o.as === 'string') headers.cookie = cookies[o.as];
    else if (o.as) headers.authorization = `Card ${o.as.card}`;
    return {
      method,
      headers: { ...headers, ...o.headers },
      body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
      // A stream body (a chunked request) is sent as it is read.
      ...(o.raw !== undefined && typeof o.raw !== 'string' ? { duplex: 'half' } : {}),
    } as RequestInit;
  }
  return f;
}

/**
 * A test file's fixture on one engine: opened before its tests (then `setup`, for what they share), and after them
 * checked with points:verify and closed. The returned object stands for the fixture once it is open.
 */
export function useFixture(engine: (typeof ENGINES)[number], setup?: (f: Fixture) => Promise<void>): Fixture {
  let open: Fixture | undefined;
  beforeAll(async () => {
    open = await fixture(engine);
    await setup?.(open);
  });
  afterAll(async () => {
    if (!open) return;
    await open.verify();
    await open.close();
  });
  return new Proxy({} as Fixture, {
    get(_, key) {
      if (!open) throw new Error('the fixture is used before beforeAll opened it');
      return Reflect.get(open, key);
    },
  });
}
