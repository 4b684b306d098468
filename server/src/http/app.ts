/**
 * The HTTP API under /api/v1/: Hono with every request and response described in Zod, the OpenAPI document
 * generated from the same schemas (/api/v1/openapi.json). Each route declares who may call it (ACCESS below,
 * checked before the body is read; a route without a rule cannot be added). Every state change needs an
 * allowed Origin (when the browser sends one, and always with a staff cookie) and an Idempotency-Key.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie, deleteCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { parse as parseCookies } from 'hono/utils/cookie';
import { catalogueSchema } from '@hc/domain/points/catalogue.ts';
import { parseCheckinCode, verifyCheckinCode, WINDOW_SECONDS } from '@hc/domain/points/checkin-code.ts';
import { reading, type Engine } from '../db/engine.ts';
import { audit } from '../ledger/audit.ts';
import { attendInOneStatement, redeemInOneStatement } from '../ledger/one-statement.ts';
import type { Trx } from '../ledger/ledger.ts';
import { Ledger, type CardRow, type Role, type Staff, type WriteResult } from '../ledger/ledger.ts';
import { communityTotals, departments, participation, PARTICIPATION_DIMENSIONS, toCsv } from '../ledger/reports.ts';
import {
  IDLE_MINUTES,
  issueEnrolment,
  listSessions,
  listStaff,
  redeemEnrolment,
  revokeSession,
  revokeStaff,
  sessionStaff,
} from '../ledger/staff.ts';
import { parseJsonBody } from './json.ts';
import { ApiError, fieldErrors, problemBody, problemLanguage, textErrors, type Lang } from './problem.ts';
import { addressKey, DEFAULT_LIMITS, RateLimiter, type LimitKind, type Limits } from './rate-limit.ts';

export const ROLES = ['volunteer', 'desk', 'admin', 'auditor'] as const satisfies readonly Role[];
/** public: anyone; member: a resident's card (Authorization: Card <token>); otherwise the staff roles allowed. */
export type Access = 'public' | 'member' | readonly Role[];

export interface AppOptions {
  ledger: Ledger;
  engine: Engine;
  /** Origins allowed to change state (besides the service's own). */
  origins?: string[];
  /** Idle minutes before a session ends, by role (default IDLE_MINUTES in ledger/staff.ts). */
  idleMinutes?: Partial<Record<Role, number>>;
  limits?: Limits;
  /** Trust X-Forwarded-For (behind nginx). */
  trustProxy?: boolean;
}

type Env = {
  Variables: { staff?: Staff; card?: CardRow; cardToken?: string; lang: ReturnType<typeof problemLanguage> };
};

export const SESSION_COOKIE = 'hc_staff';
const API = '/api/v1';

const card = z
  .strictObject({
    token: z.string().min(20).max(100).optional().openapi({ description: 'the token in the card QR' }),
    number: z.string().min(10).max(16).optional().openapi({ description: 'the 10-digit number printed on the card' }),
  })
  .refine((c) => (c.token === undefined) !== (c.number === undefined), {
    message: 'give the card token or its number, not both',
  });
const text = (max: number) => z.string().trim().min(1).max(max);
/**
 * A whole number in a path or query: decimal digits only. (z.coerce.number() is Number(), which also reads 0x1,
 * 1e0, " 1", "+1" and "" as numbers: another spelling of an id, or 0.)
 */
const wholeNumber = (doc: { minimum?: number; maximum?: number; default?: number } = {}) =>
  z
    .string()
    .regex(/^[0-9]{1,16}$/)
    .transform(Number)
    .openapi({ type: 'integer', ...doc });
const ok = z.looseObject({});

interface RouteSpec<
  B extends z.ZodType | undefined,
  Q extends z.ZodObject | undefined,
  P extends z.ZodObject | undefined,
> {
  method: 'get' | 'post' | 'delete';
  path: string;
  access: Access;
  summary: string;
  body?: B;
  query?: Q;
  params?: P;
  response?: z.ZodType;
  status?: 200 | 201;
  limit?: LimitKind;
  /** Large bodies (the catalogue). */
  maxBytes?: number;
  csv?: boolean;
  /**
   * A member route whose handler finds the card itself, in the one statement that answers (GET /me): the
   * middleware checks the header's form and hands on the token; the handler refuses an unknown card exactly as
   * the middleware would (unauthenticated).
   */
  cardInQuery?: boolean;
  /**
   * Also served straight from Node's request, without Hono's Web Request and Response (the `node` listener below):
   * for the routes a busy morning is made of. The same guard, schemas, handler and answers; only for routes with no
   * path parameters, query or CSV whose handler does not use Hono's context.
   */
  direct?: boolean;
}
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
interface Ctx<B, Q, P> {
  /** Hono's context; absent on a direct route. */
  c?: Context<Env>;
  body: B;
  query: Q;
  params: P;
  staff?: Staff;
  card?: CardRow;
  /** The resident's device token, for a cardInQuery route. */
  cardToken?: string;
}

/** A resident's token that names no card (or one forgotten on its device) is not a login. */
const unknownIsUnauthenticated = <T>(p: Promise<T>): Promise<T> =>
  p.catch((e) => {
    throw e instanceof ApiError && e.code === 'unknown-card' ? new ApiError('unauthenticated') : e;
  });

/**
 * What the guard and the answer read of a request, whichever front took it: Hono's context or Node's request
 * (a direct route).
 */
interface Incoming {
  method: string;
  path: string;
  /** A header by its lower-case name. */
  header(name: string): string | undefined;
  /** The service's own origin, as the request addressed it. */
  self: string;
  /** The caller's address (X-Forwarded-For's last, the trusted proxy's own entry, behind that proxy). */
  client: string;
}
/** Who the guard let in. */
interface Admitted {
  staff?: Staff;
  card?: CardRow;
  cardToken?: string;
}
/**
 * The content types a body is read as: the media types @hono/zod-openapi's gate lets through to Hono's routes (so
 * a direct route and Hono take and refuse the same), with no charset but UTF-8 (RFC 8259: JSON is UTF-8, and the
 * body is decoded as such).
 */
const JSON_TYPE = /^application\/([a-z.-]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
const NOT_UTF8 = /;\s*charset=(?!"?utf-8"?\s*(;|$))/i;
const isJsonType = (type: string) => JSON_TYPE.test(type) && !NOT_UTF8.test(type);

/** Text for a log line: control characters (CR, LF, ESC…) escaped, so a request's path cannot forge lines. */
const oneLine = (s: string) =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A request's body as text, refusing more than maxBytes (too-large) whether or not it says its length. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.reject(new ApiError('too-large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (d: Buffer) => {
      size += d.length;
      if (size > maxBytes) {
        req.off('data', onData); // the rest is drained by Node once the answer is sent
        reject(new ApiError('too-large'));
      } else chunks.push(d);
    };
    req.on('data', onData);
    req.once('end', () => resolve(new TextDecoder().decode(Buffer.concat(chunks))));
    req.once('error', reject);
  });
}

/** Every route's method, path and rule, in registration order (the route × role test walks it). */
export const ACCESS: Array<{ method: string; path: string; access: Access; direct?: boolean }> = [];

export function createApp(opts: AppOptions) {
  const { ledger } = opts;
  const idle = { ...IDLE_MINUTES, ...opts.idleMinutes };
  const limiter = new RateLimiter(opts.limits ?? DEFAULT_LIMITS);
  const app = new OpenAPIHono<Env>();
  const registered = new Set<string>();

  // Behind the trusted proxy the client is the last X-Forwarded-For entry: the one that proxy added. Entries before
  // it are whatever the client sent (a proxy that appends keeps them), so taking the first would let a client pick
  // a new address, and a fresh rate-limit count, for every request.
  const clientOf = (forwarded: string | undefined, socket: string | undefined) =>
    (opts.trustProxy ? forwarded?.split(',').at(-1)?.trim() || undefined : undefined) ?? socket ?? 'local';
  const fromHono = (c: Context<Env>): Incoming => ({
    method: c.req.method,
    path: c.req.path,
    header: (name) => c.req.header(name),
    get self() {
      return new URL(c.req.url).origin;
    },
    get client() {
      const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
      return clientOf(c.req.header('x-forwarded-for'), env?.incoming?.socket?.remoteAddress);
    },
  });
  const fromNode = (req: IncomingMessage, path: string): Incoming => {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    return {
      method: req.method ?? 'GET',
      path,
      header,
      self: `http${(req.socket as { encrypted?: boolean }).encrypted ? 's' : ''}://${req.headers.host ?? ''}`,
      client: clientOf(header('x-forwarded-for'), req.socket.remoteAddress),
    };
  };

  async function refuse(req: Incoming, e: ApiError, actor: string) {
    // Refused access by staff, or any refused staff route, goes in the audit log (the path cut to a fair length).
    await audit(
      ledger.db,
      {
        actor,
        action: 'access.refused',
        subject: `${req.method} ${req.path}`.slice(0, 200),
        detail: { problem: e.code },
      },
      ledger.now(),
    ).catch(() => undefined);
    throw e;
  }
  const SESSION_FORM = /^[A-Za-z0-9_-]{20,100}$/;

  /** Who may call, from where, how often: run before the body is read, on both fronts. */
  async function admit(
    spec: { method: string; access: Access; body?: unknown; limit?: LimitKind; cardInQuery?: boolean },
    req: Incoming,
  ) {
    const out: Admitted = {};
    const cookie = parseCookies(req.header('cookie') ?? '', SESSION_COOKIE)[SESSION_COOKIE];
    if (spec.method !== 'get') {
      const origin = req.header('origin');
      if (
        (origin && origin !== req.self && !(opts.origins ?? []).includes(origin)) ||
        (cookie && !origin && req.header('sec-fetch-site') !== 'same-origin')
      ) {
        // A staff member's real session sent from elsewhere (a forged cross-site request) is audited under them;
        // anything else is refused without a trace, so nobody can fill the append-only log anonymously.
        const staff = cookie && SESSION_FORM.test(cookie) ? await sessionStaff(ledger, cookie, idle, false) : undefined;
        if (staff) await refuse(req, new ApiError('origin-refused'), `staff:${staff.id}`);
        throw new ApiError('origin-refused');
      }
      if (spec.body && !isJsonType(req.header('content-type') ?? '')) throw new ApiError('unsupported-media-type');
    }
    if (spec.access === 'member') {
      const m = /^Card ([A-Za-z0-9_-]{20,100})$/.exec(req.header('authorization') ?? '');
      if (!m) throw new ApiError('unauthenticated');
      if (spec.cardInQuery) out.cardToken = m[1];
      else out.card = await unknownIsUnauthenticated(ledger.findCard({ token: m[1] }));
    } else {
      const staff = cookie && SESSION_FORM.test(cookie) ? await sessionStaff(ledger, cookie, idle) : undefined;
      if (staff) out.staff = staff;
      if (spec.access !== 'public') {
        if (!staff) throw new ApiError('unauthenticated');
        if (!spec.access.includes(staff.role)) await refuse(req, new ApiError('forbidden'), `staff:${staff.id}`);
      }
    }
    if (spec.limit) {
      const who = out.staff
        ? `staff:${out.staff.id}`
        : out.card
          ? `card:${out.card.id}`
          : `ip:${addressKey(req.client)}`;
      if (!limiter.take(spec.limit, who)) throw new ApiError('rate-limited');
    }
    return out;
  }

  /** An error as the problem+json answer both fronts send (anything not an ApiError is logged, and internal). */
  function problemAnswer(err: unknown, lang: Lang, req: { method: string; path: string }) {
    let e: ApiError;
    if (err instanceof ApiError) e = err;
    else if (err instanceof HTTPException && err.status === 400) e = new ApiError('bad-json');
    else if (err instanceof HTTPException && err.status === 413) e = new ApiError('too-large');
    else if (err instanceof HTTPException && err.status === 415) e = new ApiError('unsupported-media-type');
    else {
      console.error(
        `points service: ${oneLine(`${req.method} ${req.path}`)}: ${oneLine(String((err as Error)?.message))}`,
      );
      e = new ApiError('internal');
    }
    return {
      status: e.status,
      body: JSON.stringify(problemBody(e, lang, req.path)),
      headers: {
        'content-type': 'application/problem+json; charset=utf-8',
        'cache-control': 'no-store',
        'content-language': lang === 'en' ? 'en' : lang === 'zh-hant' ? 'zh-Hant' : 'zh-Hans',
      },
    };
  }

  /** Direct routes by "METHOD /api/v1/path", served by the node listener. */
  const direct = new Map<string, (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>>();

  function add<
    B extends z.ZodType | undefined = undefined,
    Q extends z.ZodObject | undefined = undefined,
    P extends z.ZodObject | undefined = undefined,
  >(
    spec: RouteSpec<B, Q, P>,
    handler: (ctx: Ctx<Infer<B>, Infer<Q>, Infer<P>>) => Promise<unknown>,
    write?: (
      ctx: Ctx<Infer<B>, Infer<Q>, Infer<P>>,
    ) => (
      trx: Parameters<Parameters<Ledger['write']>[3]>[0],
    ) => Promise<WriteResult<unknown> & { secrets?: Record<string, string> }>,
  ) {
    const honoPath = `${API}${spec.path.replace(/\{(\w+)\}/g, ':$1')}`;
    const id = `${spec.method.toUpperCase()} ${API}${spec.path}`;
    if (registered.has(id)) throw new Error(`route registered twice: ${id}`);
    registered.add(id);
    if (!ACCESS.some((a) => `${a.method} ${a.path}` === id))
      ACCESS.push({
        method: spec.method.toUpperCase(),
        path: `${API}${spec.path}`,
        access: spec.access,
        ...(spec.direct ? { direct: true } : {}),
      });
    const isWrite = spec.method !== 'get';

    // The guard runs before validation: who may call, from where, how often.
    app.on(spec.method.toUpperCase(), honoPath, async (c, next) => {
      const admitted = await admit(spec, fromHono(c));
      if (admitted.staff) c.set('staff', admitted.staff);
      if (admitted.card) c.set('card', admitted.card);
      if (admitted.cardToken) c.set('cardToken', admitted.cardToken);
      await next();
    });
    if (isWrite)
      app.on(
        spec.method.toUpperCase(),
        honoPath,
        bodyLimit({
          maxSize: spec.maxBytes ?? 16 * 1024,
          onError: () => {
            throw new ApiError('too-large');
          },
        }),
      );
    // The body read as on a direct route (json.ts), after the key as there; the validator below parses the same
    // cached text again.
    if (spec.body)
      app.on(spec.method.toUpperCase(), honoPath, async (c, next) => {
        if (isWrite && c.req.header('idempotency-key') === undefined) throw new ApiError('idempotency-key-missing');
        parseJsonBody(await c.req.text(), c.get('lang'));
        await next();
      });

    const route = createRoute({
      method: spec.method,
      path: `${API}${spec.path}`,
      summary: spec.summary,
      description: `Access: ${typeof spec.access === 'string' ? spec.access : spec.access.join(', ')}`,
      request: {
        ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.params ? { params: spec.params } : {}),
        ...(isWrite
          ? {
              headers: z.object({
                'idempotency-key': z
                  .string()
                  .openapi({ description: 'a client-made key, 8–100 of A–Z a–z 0–9 - _ . :' }),
              }),
            }
          : {}),
      },
      responses: {
        [spec.status ?? 200]: spec.csv
          ? { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }
          : { description: 'OK', content: { 'application/json': { schema: spec.response ?? ok } } },
        default: {
          description: 'a problem (application/problem+json)',
          content: { 'application/problem+json': { schema: problemSchema } },
        },
      },
    });
    const hook = (
      result: { success: boolean; data?: unknown; error?: z.ZodError; target?: string },
      c: Context<Env>,
    ) => {
      if (result.success && result.target !== 'header') {
        const errors = textErrors(result.data, c.get('lang'));
        if (errors.length) throw new ApiError('invalid-request', { errors });
      }
      if (!result.success && result.error) {
        const schema =
          result.target === 'json'
            ? spec.body
            : result.target === 'query'
              ? spec.query
              : result.target === 'param'
                ? spec.params
                : undefined;
        if (result.target === 'header') throw new ApiError('idempotency-key-missing');
        throw new ApiError('invalid-request', { errors: fieldErrors(result.error, c.get('lang'), schema) });
      }
    };
    app.openapi(
      route,
      async (c: Context<Env>) => {
        const v = c.req as unknown as { valid(t: string): unknown };
        const ctx = {
          c,
          body: (spec.body ? v.valid('json') : undefined) as Infer<B>,
          query: (spec.query ? v.valid('query') : undefined) as Infer<Q>,
          params: (spec.params ? v.valid('param') : undefined) as Infer<P>,
          staff: c.get('staff'),
          card: c.get('card'),
          cardToken: c.get('cardToken'),
        };
        const a = await answer(ctx, fromHono(c));
        if (a.replayed) c.header('idempotent-replayed', 'true');
        if (spec.csv)
          return c.body(a.body as string, 200, {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="report.csv"',
          });
        return c.json(a.body as object, a.status as 200);
      },
      hook as never,
    );

    /** The handler's answer, and for a write the ledger's (a replay returns the first). */
    async function answer(ctx: Ctx<Infer<B>, Infer<Q>, Infer<P>>, req: Incoming) {
      if (!write) return { status: spec.status ?? 200, body: await handler(ctx), replayed: false };
      const actor = ctx.staff ? `staff:${ctx.staff.id}` : ctx.card ? `card:${ctx.card.id}` : `anon:${req.client}`;
      const r = await ledger.write(
        actor,
        req.header('idempotency-key'),
        { method: spec.method, path: req.path, body: ctx.body ?? {} },
        write(ctx),
      );
      await handler({ ...ctx, body: { ...(ctx.body as object), __result: r } as Infer<B> });
      return {
        status: r.status,
        body: { ...(r.body as object), ...((r as { secrets?: object }).secrets ?? {}) },
        replayed: r.replayed,
      };
    }

    if (!spec.direct) return;
    if (spec.params || spec.query || spec.csv) throw new Error(`a direct route has no parameters, query or CSV: ${id}`);
    // The same steps as through Hono, in its order: the guard, the body's size, the key, the JSON, its schema.
    direct.set(id, async (req, res, path) => {
      const incoming = fromNode(req, path);
      const lang = problemLanguage(incoming.header('accept-language'));
      const serve = async () => {
        try {
          const ctx = { ...(await admit(spec, incoming)) } as Ctx<Infer<B>, Infer<Q>, Infer<P>>;
          const text = spec.body && (await readBody(req, spec.maxBytes ?? 16 * 1024));
          if (isWrite && incoming.header('idempotency-key') === undefined)
            throw new ApiError('idempotency-key-missing');
          if (spec.body) {
            const parsed = spec.body.safeParse(parseJsonBody(text as string, lang));
            if (!parsed.success)
              throw new ApiError('invalid-request', { errors: fieldErrors(parsed.error, lang, spec.body) });
            const errors = textErrors(parsed.data, lang);
            if (errors.length) throw new ApiError('invalid-request', { errors });
            ctx.body = parsed.data as Infer<B>;
          }
          const a = await answer(ctx, incoming);
          return {
            status: a.status,
            body: JSON.stringify(a.body),
            headers: {
              'content-type': 'application/json',
              'cache-control': 'no-store',
              ...(a.replayed ? { 'idempotent-replayed': 'true' } : {}),
            } as Record<string, string>,
          };
        } catch (e) {
          return problemAnswer(e, lang, incoming);
        }
      };
      // A GET reads on the read pool (db/engine.ts), guard included, as through Hono.
      const out = await (isWrite ? serve() : reading(serve));
      res
        .writeHead(out.status, {
          ...out.headers,
          'x-content-type-options': 'nosniff',
          'content-length': Buffer.byteLength(out.body),
        })
        .end(out.body);
    });
  }

  // GETs read on their own connections (db/engine.ts): a balance never waits for a pool full of writes.
  app.use('*', (c, next) => (c.req.method === 'GET' ? reading(next) : next()));
  app.use('*', async (c, next) => {
    c.set('lang', problemLanguage(c.req.header('accept-language')));
    await next();
    // Everything is private and fresh unless a route says otherwise (the public totals may be cached 5 minutes).
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
    c.header('x-content-type-options', 'nosniff');
  });
  app.onError((err, c) => {
    const p = problemAnswer(err, c.get('lang') ?? 'zh-hans', { method: c.req.method, path: c.req.path });
    return c.body(p.body, p.status as 400, p.headers);
  });
  app.notFound((c) => {
    // A route's path with a method it does not take: 405 with the methods it does (HEAD goes with GET).
    const allow = allowedMethods(c.req.path);
    if (allow.length) {
      const p = problemAnswer(
        new ApiError('method-not-allowed', { detail: `${c.req.method} ${c.req.path}` }),
        c.get('lang') ?? 'zh-hans',
        { method: c.req.method, path: c.req.path },
      );
      return c.body(p.body, 405, { ...p.headers, allow: allow.join(', ') });
    }
    throw new ApiError('not-found', { detail: `${c.req.method} ${c.req.path}` });
  });
  const allowedMethods = (path: string) => {
    const methods = ACCESS.filter((a) =>
      new RegExp(`^${a.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
    ).map((a) => a.method);
    return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
  };

  // ---- public ----------------------------------------------------------------------------------------------
  add(
    {
      method: 'get',
      path: '/health',
      access: 'public',
      summary: 'Service health and the database engine in use',
      response: z.object({
        ok: z.boolean(),
        engine: z.enum(['embedded-postgres', 'postgres']),
        catalogue: z.string().nullable(),
      }),
    },
    async () => {
      await ledger.db.selectFrom('audit_head').select('seq').execute();
      const cat = await ledger.catalogue().catch(() => undefined);
      return { ok: true, engine: opts.engine, catalogue: cat?.version ?? null };
    },
  );
  add(
    {
      method: 'get',
      path: '/catalogue',
      access: 'public',
      summary: 'Earning rules, rewards (with stock left) and departments',
    },
    async () => {
      const cat = await ledger.catalogue();
      const [rewards, rules, depts] = await Promise.all([
        ledger.db.selectFrom('rewards').selectAll().where('active', '=', true).orderBy('id').execute(),
        ledger.db.selectFrom('earning_rules').selectAll().where('active', '=', true).orderBy('id').execute(),
        ledger.db.selectFrom('departments').selectAll().where('active', '=', true).orderBy('id').execute(),
      ]);
      return {
        version: cat.version,
        consentVersion: cat.consentVersion,
        departments: depts.map((d) => ({ id: d.id, name: d.name, kind: d.kind })),
        rules: rules.map((r) => ({
          id: r.id,
          title: r.title,
          eventType: r.event_type,
          activity: r.activity,
          points: r.points,
          dailyCap: r.daily_cap,
          events: r.event_points,
          department: r.department,
        })),
        rewards: rewards.map((r) => ({
          id: r.id,
          name: r.name,
          description: r.description,
          department: r.department,
          cost: r.cost,
          left: r.supplied - r.taken,
          perPersonLimit: r.per_person_limit,
          validFrom: r.valid_from,
          validTo: r.valid_to,
          collectAt: r.collect_at,
        })),
      };
    },
  );
  add(
    {
      method: 'get',
      path: '/community-totals',
      access: 'public',
      summary:
        'Members, participants and points per community (groups under 5 not shown), and this month’s attendances (人次) and people; cached 5 minutes',
      response: z.object({
        communities: z.array(
          z.object({
            community: z.string(),
            members: z.number(),
            participants: z.number().nullable(),
            pointsEarned: z.number().nullable(),
          }),
        ),
        month: z.object({
          month: z.string().openapi({ description: 'YYYY-MM, China time' }),
          participations: z
            .number()
            .nullable()
            .openapi({ description: 'attendances this month (null under 5 people)' }),
          people: z.number().nullable().openapi({ description: 'distinct people (null under 5)' }),
        }),
      }),
    },
    async ({ c }) => {
      const totals = await communityTotals(ledger);
      // Set last: an error above must not leave a public cache header on its problem response.
      c!.header('cache-control', 'public, max-age=300');
      return totals;
    },
  );

  const enrolBody = z.strictObject({
    consentVersion: text(40),
    olderThan14: z.literal(true).openapi({
      description: 'the resident confirms they are 14 or older (children are not enrolled in this version)',
    }),
    birthYear: z.number().int().min(1900).max(2100).optional(),
    displayName: text(20).optional(),
    community: text(40).optional(),
    phone: z
      .string()
      .regex(/^[0-9 +-]{6,20}$/)
      .optional(),
  });
  add(
    {
      method: 'post',
      path: '/cards',
      access: 'public',
      summary: 'Make a card (anyone 14 or older, with consent; staff may make one for a resident)',
      body: enrolBody,
      status: 201,
      limit: 'enrol',
      response: z.object({ token: z.string(), number: z.string() }),
    },
    async () => undefined,
    ({ body, staff }) =>
      async (trx) => {
        const r = await ledger.enrol(trx, body as z.infer<typeof enrolBody>, staff);
        return { status: 201, body: { number: r.number }, secrets: { token: r.token } };
      },
  );
  const claimBody = z.strictObject({
    code: z.string().min(1).max(40).openapi({
      description: 'the 8-digit transfer code shown on the other device (spaces and full-width digits accepted)',
    }),
    device: text(40).optional().openapi({ description: 'a short label for this device, e.g. 微信' }),
  });
  add(
    {
      method: 'post',
      path: '/cards/claim',
      access: 'public',
      summary: 'Open a card on this phone or browser with a one-time transfer code from a device that has it',
      body: claimBody,
      status: 201,
      limit: 'enrol',
      response: z.object({ token: z.string(), number: z.string() }),
    },
    async () => undefined,
    ({ body }) =>
      async (trx) => {
        const b = body as z.infer<typeof claimBody>;
        const code = b.code.normalize('NFKC').replace(/[\s-]/g, '');
        if (!/^[0-9]{8}$/.test(code)) throw new ApiError('transfer-code-invalid');
        const r = await ledger.claimTransferCode(trx, code, b.device);
        return { status: 201, body: { number: r.number }, secrets: { token: r.token } };
      },
  );
  const enrolRedeem = z.strictObject({ token: z.string().min(20).max(100), device: text(60) });
  add(
    {
      method: 'post',
      path: '/staff/enrol',
      access: 'public',
      summary: 'Use a one-time enrolment link: become staff and get a session cookie on this device',
      body: enrolRedeem,
      status: 201,
      limit: 'enrol',
    },
    async ({ c, body }) => {
      const r = (body as unknown as { __result: { secrets?: { session: string } } }).__result;
      if (r.secrets?.session)
        setCookie(c!, SESSION_COOKIE, r.secrets.session, {
          httpOnly: true,
          secure: true,
          sameSite: 'Strict',
          path: '/api/',
          maxAge: 60 * 60 * 24 * 180,
        });
      delete r.secrets;
    },
    ({ body }) =>
      async (trx) => {
        const r = await redeemEnrolment(
          ledger,
          trx,
          (body as z.infer<typeof enrolRedeem>).token,
          (body as z.infer<typeof enrolRedeem>).device,
        );
        return { status: 201, body: { staff: r.staff, session: r.sessionId }, secrets: { session: r.sessionToken } };
      },
  );

  // ---- residents (their own card) -------------------------------------------------------------------------
  add(
    {
      method: 'get',
      path: '/me',
      access: 'member',
      summary: 'My card: balance and points about to expire',
      cardInQuery: true,
      direct: true,
    },
    async ({ cardToken }) => unknownIsUnauthenticated(ledger.cardSummary({ token: cardToken! })),
  );
  add(
    {
      method: 'get',
      path: '/me/transfers',
      access: 'member',
      summary: 'My points history (latest first): what, when and who recorded it',
      response: historySchema,
    },
    async ({ card: m }) => ({ transfers: await ledger.history(m!) }),
  );
  add(
    {
      method: 'post',
      path: '/me/transfer-codes',
      access: 'member',
      summary: 'A one-time 8-digit code (10 minutes) to open my card on another phone or browser too',
      status: 201,
      limit: 'enrol',
      response: z.object({ code: z.string(), expiresAt: z.string() }),
    },
    async () => undefined,
    ({ card: m }) =>
      async (trx) => {
        const r = await ledger.issueTransferCode(trx, m!);
        return { status: 201, body: { expiresAt: r.expiresAt }, secrets: { code: r.code } };
      },
  );
  add(
    {
      method: 'post',
      path: '/me/forget',
      access: 'member',
      summary: 'Forget my card on this device only: this token stops working; the card and my other devices stay',
      response: z.object({ forgotten: z.literal(true) }),
    },
    async () => undefined,
    ({ card: m }) =>
      async (trx) => ({ status: 200, body: await ledger.forgetDevice(trx, m!) }),
  );
  add({ method: 'get', path: '/me/redemptions', access: 'member', summary: 'My vouchers' }, async ({ card: m }) => ({
    redemptions: (
      await ledger.db
        .selectFrom('redemptions')
        .select(['voucher', 'reward_id', 'cost', 'status', 'valid_until', 'created_at'])
        .where('card_id', '=', m!.id)
        .orderBy('id', 'desc')
        .execute()
    ).map((r) => ({
      voucher: r.voucher,
      reward: r.reward_id,
      cost: r.cost,
      status: r.status,
      validUntil: r.valid_until,
      at: new Date(r.created_at).toISOString(),
    })),
  }));
  add(
    {
      method: 'delete',
      path: '/me',
      access: 'member',
      summary: 'Delete my card: personal details erased; anonymous points history kept for totals',
    },
    async () => undefined,
    ({ card: m }) =>
      async (trx) => ({ status: 200, body: await ledger.deleteCard(trx, m!) }),
  );
  const checkinBody = z.strictObject({
    code: z.string().min(1).max(300).openapi({ description: 'the text of the QR on the volunteer’s screen' }),
    scannedAt: z.iso.datetime({ offset: true }).optional().openapi({
      description:
        'when the code was scanned, for a check-in sent later (no signal in the hall): the code must match this time, within the event ±30 min, sent within 24 h of its end',
    }),
  });
  add(
    {
      method: 'post',
      path: '/me/checkins',
      direct: true,
      access: 'member',
      summary:
        'Check in at an event with the code on the volunteer’s screen (changes every 30 s); scannedAt for one sent later',
      body: checkinBody,
      status: 201,
      limit: 'checkin',
    },
    async () => undefined,
    ({ body, card: m }) =>
      async (trx) => {
        const b = body as z.infer<typeof checkinBody>;
        const parsed = parseCheckinCode(b.code);
        if (!parsed) throw new ApiError('code-forged');
        const o = await ledger.db
          .selectFrom('occurrences')
          .select(['id', 'secret', 'event_type', 'event_slug', 'local_date', 'status', 'active'])
          .where('id', '=', parsed.occurrenceId)
          .executeTakeFirst();
        if (!o || !o.active) throw new ApiError('code-forged');
        // Sent late: the code must be the one shown when it was scanned (±1 window), and the scan during the event.
        const scannedAt = b.scannedAt ? new Date(b.scannedAt) : undefined;
        const check = await verifyCheckinCode(new Uint8Array(o.secret), parsed, scannedAt ?? ledger.now());
        if (check !== 'ok') throw new ApiError(check === 'forged' ? 'code-forged' : 'code-expired');
        if (scannedAt) await ledger.occurrenceForLateCode(o.id, scannedAt, trx);
        else await ledger.occurrenceForCode(o.id, trx);
        return { status: 201, body: { occurrence: o.id, ...(await ledger.checkIn(trx, m!, o)) } };
      },
  );
  const redeemMine = z.strictObject({ reward: z.string().min(1).max(60) });
  add(
    {
      method: 'post',
      path: '/me/redemptions',
      direct: true,
      access: 'member',
      summary: 'Exchange my points for a reward: a voucher to show at the collection point',
      body: redeemMine,
      status: 201,
      limit: 'redeem',
    },
    async () => undefined,
    ({ body, card: m }) => {
      const reward = (body as z.infer<typeof redeemMine>).reward;
      // One statement (one-statement.ts): the reward's row is held only for it and its commit.
      return Object.assign(async (trx: Trx) => ({ status: 201, body: await ledger.redeem(trx, m!, reward) }), {
        oneStatement: redeemInOneStatement(ledger, m!, reward),
      });
    },
  );
  const voucherParams = z.object({ voucher: z.string().regex(/^[A-Za-z0-9_-]{8,20}$/) });
  add(
    {
      method: 'post',
      path: '/me/redemptions/{voucher}/cancel',
      access: 'member',
      summary: 'Cancel one of my vouchers before hand-over (points returned)',
      params: voucherParams,
    },
    async () => undefined,
    ({ params, card: m }) =>
      async (trx) => ({ status: 200, body: await ledger.cancel(trx, params!.voucher, { card: m }) }),
  );

  // ---- staff: self --------------------------------------------------------------------------------------
  const anyStaff = ROLES;
  add({ method: 'get', path: '/staff/me', access: anyStaff, summary: 'Who I am signed in as' }, async ({ staff }) => ({
    id: staff!.id,
    role: staff!.role,
    displayName: staff!.displayName,
    session: staff!.sessionId,
  }));
  add(
    { method: 'get', path: '/staff/sessions', access: anyStaff, summary: 'My sessions (one per device)' },
    async ({ staff }) => ({ sessions: await listSessions(ledger, staff!.id) }),
  );
  const sessionParams = z.object({ id: wholeNumber({ minimum: 1 }).pipe(z.number().int().positive()) });
  add(
    {
      method: 'post',
      path: '/staff/sessions/{id}/revoke',
      access: anyStaff,
      summary: 'Sign a device out (an admin may sign out anyone’s)',
      params: sessionParams,
    },
    async ({ c, staff, params }) => {
      if (params!.id === staff!.sessionId) deleteCookie(c!, SESSION_COOKIE, { path: '/api/' });
    },
    ({ staff, params }) =>
      async (trx) => ({ status: 200, body: await revokeSession(ledger, trx, staff!, params!.id) }),
  );

  // ---- volunteers: events --------------------------------------------------------------------------------
  add(
    {
      method: 'get',
      path: '/occurrences/today',
      access: ['volunteer', 'desk', 'admin'],
      summary: "Today's event occurrences with the points each earns",
    },
    async () => {
      const rows = await ledger.db
        .selectFrom('occurrences')
        .select(['id', 'event_slug', 'event_type', 'title', 'starts_at', 'ends_at', 'status'])
        .where('local_date', '=', ledger.today())
        .where('active', '=', true)
        .orderBy('starts_at')
        .execute();
      const cat = await ledger.catalogue();
      return {
        date: ledger.today(),
        occurrences: rows.map((o) => {
          const rule = [...cat.rules.values()].find((r) => r.eventType === o.event_type);
          return {
            id: o.id,
            event: o.event_slug,
            type: o.event_type,
            title: o.title,
            startsAt: new Date(o.starts_at).toISOString(),
            endsAt: new Date(o.ends_at).toISOString(),
            status: o.status,
            points: rule ? (rule.eventPoints[o.event_slug] ?? rule.points) : null,
          };
        }),
      };
    },
  );
  const occParams = z.object({ id: z.string().min(3).max(120) });
  add(
    {
      method: 'post',
      path: '/occurrences/{id}/code-secret',
      access: ['volunteer', 'admin'],
      summary: 'The secret a volunteer’s phone uses to show the changing check-in code (works offline)',
      params: occParams,
    },
    async ({ staff, params }) => {
      const o = await ledger.occurrenceForCode(params!.id);
      await audit(
        ledger.db,
        { actor: `staff:${staff!.id}`, action: 'checkin.code.open', subject: `occurrence:${o.id}` },
        ledger.now(),
      );
      return { occurrence: o.id, secret: Buffer.from(o.secret).toString('base64url'), windowSeconds: WINDOW_SECONDS };
    },
  );
  const attendBody = z.strictObject({ occurrence: z.string().min(3).max(120), card });
  add(
    {
      method: 'post',
      path: '/attendance',
      direct: true,
      access: ['volunteer', 'admin'],
      summary: 'Record a resident at an occurrence by their card (scanned or typed)',
      body: attendBody,
      status: 201,
      limit: 'checkin',
    },
    async () => undefined,
    ({ body, staff }) => {
      const b = body as z.infer<typeof attendBody>;
      // One statement when it can (one-statement.ts), else the transaction below: the same result either way.
      return Object.assign(
        async (trx: Trx) => {
          const m = await ledger.findCard(b.card, trx);
          return { status: 201, body: await ledger.attend(trx, m, b.occurrence, staff!) };
        },
        { oneStatement: attendInOneStatement(ledger, b.card, b.occurrence, staff!) },
      );
    },
  );
  const activityBody = z.strictObject({ rule: z.string().min(1).max(60), card });
  add(
    {
      method: 'post',
      path: '/activities',
      direct: true,
      access: ['volunteer', 'desk', 'admin'],
      summary: 'Record another activity (volunteering, monitoring, contract…) by its rule',
      body: activityBody,
      status: 201,
      limit: 'checkin',
    },
    async () => undefined,
    ({ body, staff }) =>
      async (trx) => {
        const b = body as z.infer<typeof activityBody>;
        return { status: 201, body: await ledger.activity(trx, await ledger.findCard(b.card, trx), b.rule, staff!) };
      },
  );

  // ---- desk: cards and rewards ---------------------------------------------------------------------------
  const numberParams = z.object({ number: z.string().regex(/^[0-9 -]{10,16}$/) });
  add(
    {
      method: 'get',
      path: '/cards/{number}',
      access: ['desk', 'admin'],
      summary: 'A card’s balance and details (at the desk)',
      params: numberParams,
    },
    async ({ params, staff }) => {
      const m = await ledger.findCard({ number: params!.number });
      await audit(
        ledger.db,
        { actor: `staff:${staff!.id}`, action: 'card.view', subject: `card:${m.id}` },
        ledger.now(),
      );
      return ledger.cardSummary(m);
    },
  );
  add(
    {
      method: 'get',
      path: '/cards/{number}/transfers',
      access: ['desk', 'admin'],
      summary: 'A card’s points history at the desk (the same shape as /me/transfers; logged as a card view)',
      params: numberParams,
      response: historySchema,
    },
    async ({ params, staff }) => {
      const m = await ledger.findCard({ number: params!.number });
      await audit(
        ledger.db,
        { actor: `staff:${staff!.id}`, action: 'card.view', subject: `card:${m.id}`, detail: { view: 'transfers' } },
        ledger.now(),
      );
      return { transfers: await ledger.history(m) };
    },
  );
  add(
    {
      method: 'post',
      path: '/cards/{number}/replace',
      access: ['desk', 'admin'],
      summary: 'A lost card: revoke it and move its points to a new card',
      params: numberParams,
      status: 201,
    },
    async () => undefined,
    ({ params, staff }) =>
      async (trx) => {
        const r = await ledger.replaceCard(trx, await ledger.findCard({ number: params!.number }, trx), staff!);
        return { status: 201, body: { number: r.number, moved: r.moved }, secrets: { token: r.token } };
      },
  );
  const redeemBody = z.strictObject({ reward: z.string().min(1).max(60), card });
  add(
    {
      method: 'post',
      path: '/redemptions',
      access: ['desk', 'admin'],
      summary: 'Exchange a resident’s points for a reward at the desk',
      body: redeemBody,
      status: 201,
      limit: 'redeem',
    },
    async () => undefined,
    ({ body, staff }) =>
      async (trx) => {
        const b = body as z.infer<typeof redeemBody>;
        return { status: 201, body: await ledger.redeem(trx, await ledger.findCard(b.card, trx), b.reward, staff) };
      },
  );
  add(
    {
      method: 'post',
      path: '/redemptions/{voucher}/handover',
      access: ['desk', 'admin'],
      summary: 'Hand the reward over (once)',
      params: voucherParams,
    },
    async () => undefined,
    ({ params, staff }) =>
      async (trx) => ({ status: 200, body: await ledger.handOver(trx, params!.voucher, staff!) }),
  );
  add(
    {
      method: 'post',
      path: '/redemptions/{voucher}/cancel',
      access: ['desk', 'admin'],
      summary: 'Cancel a voucher not yet handed over (points returned)',
      params: voucherParams,
    },
    async () => undefined,
    ({ params, staff }) =>
      async (trx) => ({ status: 200, body: await ledger.cancel(trx, params!.voucher, { staff }) }),
  );

  // ---- admin ---------------------------------------------------------------------------------------------
  const enrolmentBody = z.strictObject({ role: z.enum(ROLES), displayName: text(40) });
  add(
    {
      method: 'post',
      path: '/admin/enrolments',
      access: ['admin'],
      summary: 'Issue a one-time enrolment link for a new staff member (valid 24 h)',
      body: enrolmentBody,
      status: 201,
    },
    async () => undefined,
    ({ body, staff }) =>
      async (trx) => {
        const r = await issueEnrolment(ledger, trx, body as z.infer<typeof enrolmentBody>, staff);
        return {
          status: 201,
          body: { role: r.role, expiresAt: r.expiresAt },
          secrets: { token: r.token, link: r.link },
        };
      },
  );
  add(
    { method: 'get', path: '/admin/staff', access: ['admin'], summary: 'Staff and their active sessions' },
    async () => ({ staff: await listStaff(ledger) }),
  );
  const staffParams = z.object({ id: wholeNumber({ minimum: 1 }).pipe(z.number().int().positive()) });
  add(
    {
      method: 'post',
      path: '/admin/staff/{id}/revoke',
      access: ['admin'],
      summary: 'Revoke a staff member and all their sessions',
      params: staffParams,
    },
    async () => undefined,
    ({ params, staff }) =>
      async (trx) => ({ status: 200, body: await revokeStaff(ledger, trx, staff!, params!.id) }),
  );
  const correctionBody = z.union([
    z.strictObject({ reverses: z.number().int().positive(), reason: text(200) }),
    z.strictObject({
      card,
      points: z
        .number()
        .int()
        .min(-100_000)
        .max(100_000)
        .refine((n) => n !== 0, 'a correction moves at least one point'),
      reason: text(200),
    }),
  ]);
  add(
    {
      method: 'post',
      path: '/admin/corrections',
      access: ['admin'],
      summary: 'Correct the ledger: reverse a transfer, or add or remove points, with a reason',
      body: correctionBody,
      status: 201,
    },
    async () => undefined,
    ({ body, staff }) =>
      async (trx) => {
        const b = body as z.infer<typeof correctionBody>;
        const r =
          'reverses' in b
            ? await ledger.correct(trx, { reverses: b.reverses, reason: b.reason }, staff!)
            : await ledger.correct(
                trx,
                { card: await ledger.findCard(b.card, trx), points: b.points, reason: b.reason },
                staff!,
              );
        return { status: 201, body: r };
      },
  );
  add(
    {
      method: 'post',
      path: '/admin/catalogue',
      access: ['admin'],
      summary: 'Sync the rules, rewards, departments and occurrences (what npm run points:sync sends)',
      body: catalogueSchema,
      maxBytes: 16 * 1024 * 1024,
    },
    async () => undefined,
    ({ body, staff }) =>
      async () => ({ status: 200, body: await ledger.sync(body as z.infer<typeof catalogueSchema>, staff!.id) }),
  );
  add(
    {
      method: 'post',
      path: '/admin/expire',
      access: ['admin'],
      summary: 'Run the expiry job now (it also runs every six hours; running it twice changes nothing)',
    },
    async () => undefined,
    ({ staff }) =>
      async () => ({ status: 200, body: await ledger.expire(staff!.id) }),
  );

  // ---- reports (admin, auditor) --------------------------------------------------------------------------
  const reporters = ['admin', 'auditor'] as const;
  const byQuery = z.object({ by: z.enum(PARTICIPATION_DIMENSIONS) });
  add(
    {
      method: 'get',
      path: '/reports/participation',
      access: reporters,
      summary: 'Participants by month, community, event type or age band (cells under 5 suppressed)',
      query: byQuery,
    },
    async ({ query }) => ({ by: query!.by, rows: await participation(ledger, query!.by) }),
  );
  add(
    {
      method: 'get',
      path: '/reports/departments',
      access: reporters,
      summary: 'Points earned and redeemed by department (cells under 5 people suppressed)',
    },
    async () => ({ rows: await departments(ledger) }),
  );
  add(
    {
      method: 'get',
      path: '/reports/participation.csv',
      access: reporters,
      summary: 'The participation report as CSV (each export is logged)',
      query: byQuery,
      csv: true,
    },
    async ({ query, staff }) => {
      const rows = await participation(ledger, query!.by);
      await audit(
        ledger.db,
        {
          actor: `staff:${staff!.id}`,
          action: 'report.export',
          subject: `participation.csv?by=${query!.by}`,
          detail: { rows: rows.length },
        },
        ledger.now(),
      );
      return toCsv(rows);
    },
  );
  const auditQuery = z.object({
    after: wholeNumber({ minimum: 0, default: 0 }).pipe(z.number().int().min(0)).default(0),
    limit: wholeNumber({ minimum: 1, maximum: 500, default: 100 }).pipe(z.number().int().min(1).max(500)).default(100),
  });
  add(
    {
      method: 'get',
      path: '/audit',
      access: reporters,
      summary: 'The audit log, oldest first, from an entry on',
      query: auditQuery,
    },
    async ({ query }) => {
      const rows = await ledger.db
        .selectFrom('audit_log')
        .select(['seq', 'entry', 'hash'])
        .where('seq', '>', query!.after)
        .orderBy('seq')
        .limit(query!.limit)
        .execute();
      return { entries: rows.map((r) => ({ seq: r.seq, ...JSON.parse(r.entry), hash: r.hash.toString('hex') })) };
    },
  );

  app.doc31(`${API}/openapi.json`, { openapi: '3.1.0', info: { title: '健康积分 points service', version: '1' } });
  if (!ACCESS.some((a) => a.path === `${API}/openapi.json`))
    ACCESS.push({ method: 'GET', path: `${API}/openapi.json`, access: 'public' });

  /**
   * The API as a Node request listener: a direct route is answered from Node's request; everything else goes
   * through Hono (@hono/node-server). A check-in this way costs about half the service's CPU it costs through
   * Hono's Web Request and Response (docs/points.md, Measuring).
   */
  // A request Hono's adapter cannot make a Web Request of (a Host that is no host, a backslash in the path): the
  // same problem+json as every other refusal, not an empty 400.
  const hono = getRequestListener(app.fetch, {
    errorHandler: (e) => {
      const p = problemAnswer((e as Error)?.name === 'RequestError' ? new ApiError('bad-http') : e, 'zh-hans', {
        method: '(before routing)',
        path: '',
      });
      return new Response(p.body, { status: p.status, headers: { ...p.headers, 'x-content-type-options': 'nosniff' } });
    },
  });
  const node = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const route = direct.get(`${req.method} ${path}`);
    if (route) void route(req, res, path);
    else void hono(req, res);
  };
  return Object.assign(app, { node });
}

const localised = z.union([z.string(), z.record(z.string(), z.string())]);
const historySchema = z.object({
  transfers: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['earn', 'redeem', 'refund', 'correction', 'expire', 'move']),
      points: z.number(),
      rule: z.string().nullable(),
      occurrence: z.string().nullable(),
      reward: z.string().nullable(),
      title: localised.nullable().openapi({
        description:
          'the occurrence’s title for an event; else the rule’s or the reward’s names by locale ({"zh-hans": …}); null for corrections, moves, expiry',
      }),
      startsAt: z.string().nullable().openapi({ description: 'when the occurrence started, for an event' }),
      recordedBy: z
        .string()
        .nullable()
        .openapi({ description: 'the staff member’s display name when staff recorded it; null when the resident did' }),
      reason: z.string().nullable(),
      at: z.string(),
      expiresOn: z.string().nullable(),
    }),
  ),
});

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
