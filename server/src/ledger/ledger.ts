/**
 * The ledger's operations. Each write runs in one transaction that also records its idempotency key and
 * result, so a retry returns the first result and an error leaves nothing behind. Points, costs and caps come
 * from the catalogue in the database (npm run points:sync), never from a request.
 *
 * Lock order, the same everywhere: idempotency key → member account → reward → counters. (Audit entries are
 * chained after commit, by the chainer in audit.ts: no write locks the chain's head.)
 */
import { createHash, randomInt } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { cardNumberFrom, normaliseCardNumber } from '@hc/domain/points/card.ts';
import { expiredAmount, expiryDate, remainingLots, type Lot } from '@hc/domain/points/expiry.ts';
import { catalogueSchema, type Catalogue } from '@hc/domain/points/catalogue.ts';
import type { ExpiryPolicy } from '@hc/domain/points/model.ts';
import { addDays, localDate } from '@hc/domain/time.ts';
import type { DB } from '../db/types.ts';
import { randomToken, sha256, type Keyring } from '../crypto.ts';
import { ApiError, T } from '../http/problem.ts';
import { audit, AuditChainer, chainAudit, deferredAudit } from './audit.ts';
import { constraintProblem, retryable } from './pg-errors.ts';

export type Trx = Transaction<DB>;
export type Role = 'volunteer' | 'desk' | 'admin' | 'auditor';
export interface Staff {
  id: number;
  role: Role;
  displayName: string;
  sessionId: number;
}
export interface CardRow {
  id: number;
  account_id: number;
  number: string;
  status: string;
  /** The device the card was presented from (found by its token; absent when found by number). */
  device_id?: number;
}

/** How long a transfer code stays valid, and how long a late check-in may take to arrive. */
export const TRANSFER_CODE_MINUTES = 10;
export const LATE_CHECKIN = {
  /** scannedAt may be this far ahead of the service's clock (a phone's clock a little fast). */
  skewMs: 2 * 60_000,
  /** scannedAt must lie within the occurrence widened by this much each side. */
  marginMs: 30 * 60_000,
  /** The check-in must arrive within this long after the occurrence ends. */
  arriveWithinMs: 24 * 3600_000,
} as const;

/** The first day of the month of `day` (YYYY-MM-DD) and the first day of the next month. */
export function monthRange(day: string): [string, string] {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return [`${day.slice(0, 7)}-01`, next];
}

export interface WriteResult<T> {
  status: number;
  body: T;
  /** Tokens the caller gets once (a card's QR token, a session): kept with the result only encrypted. */
  secrets?: Record<string, string>;
}

/** Canonical JSON (sorted keys) so a retry with the same fields in another order is the same request. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Details of not-found answers (in each language the problems speak). */
export const noReward = (id: string) => T(`没有兑换项目“${id}”`, `沒有兌換項目「${id}」`, `no reward "${id}"`);
const noOccurrence = (id: string) => T(`没有活动场次 ${id}`, `沒有活動場次 ${id}`, `no occurrence ${id}`);
const NO_VOUCHER = T('没有这张兑换券', '沒有這張兌換券', 'no such voucher');

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** A write that can run as one statement (one-statement.ts): given as `oneStatement` on write()'s fn. */
export type OneStatementWrite<T> = (
  actor: string,
  key: string,
  requestHash: Buffer,
) => Promise<(WriteResult<T> & { replayed: boolean }) | undefined>;

interface CatalogueCache {
  version: string;
  expiry: ExpiryPolicy;
  consentVersion: string;
  rules: Map<
    string,
    {
      id: string;
      eventType: string | null;
      activity: string | null;
      points: number;
      dailyCap: number;
      eventPoints: Record<string, number>;
      department: string;
    }
  >;
}

/** A card found by a device token, with the device's state. */
interface DeviceCardRow {
  id: number;
  account_id: number;
  number: string;
  status: string;
  closed_at: Date | string | null;
  device_id: number | null;
  revoked_at: Date | string | null;
}

/**
 * The card a device token names, or the refusal: none, or forgotten on this device (before any closing of the
 * card), is as if it never existed; a card since replaced or deleted says so (the page can tell the resident).
 */
function liveDeviceCard(row: DeviceCardRow | undefined): CardRow {
  if (!row) throw new ApiError('unknown-card');
  if (row.revoked_at && (row.status === 'active' || !row.closed_at || row.revoked_at < row.closed_at))
    throw new ApiError('unknown-card');
  if (row.status !== 'active') throw new ApiError('card-closed');
  return {
    id: row.id,
    account_id: row.account_id,
    number: row.number,
    status: row.status,
    device_id: row.device_id ?? undefined,
  };
}

export class Ledger {
  readonly db: Kysely<DB>;
  readonly keys: Keyring;
  readonly now: () => Date;
  private accounts = new Map<string, number>();
  private cache?: { at: number; value: CatalogueCache | undefined };
  /** Staff sessions looked up in the last few seconds, by hashed id (see sessionStaff in staff.ts). */
  private occurrences = new Map<
    string,
    {
      at: number;
      row: Pick<
        Selectable<DB['occurrences']>,
        'id' | 'event_slug' | 'event_type' | 'local_date' | 'status' | 'secret' | 'active' | 'starts_at' | 'ends_at'
      >;
    }
  >();
  readonly sessions = new Map<string, { fetchedAt: number; lastSeen: number; staff: Staff }>();
  /** Moves committed audit entries into the chain (started by the service; see audit.ts). */
  readonly auditChainer: AuditChainer;

  constructor(db: Kysely<DB>, keys: Keyring, now: () => Date = () => new Date()) {
    this.db = db;
    this.keys = keys;
    this.now = now;
    this.auditChainer = new AuditChainer(db);
  }

  /** Chains every pending audit entry now (waits for a chainer running elsewhere): tools and tests. */
  chainAudit(): Promise<number> {
    return chainAudit(this.db, { wait: true });
  }

  today(): string {
    return localDate(this.now());
  }

  // Inside a transaction every read goes through `trx`: a second pool connection per request would let a burst
  // of requests hold every connection while each waits for another.
  async systemAccount(
    code: 'earned' | 'spent' | 'expired' | 'corrections',
    trx: Kysely<DB> = this.db,
  ): Promise<number> {
    let id = this.accounts.get(code);
    if (id === undefined) {
      id = (await trx.selectFrom('accounts').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
      this.accounts.set(code, id);
    }
    return id;
  }

  /** The catalogue's rules and settings, re-read at most every 5 s (another instance may have synced). */
  async catalogue(trx: Kysely<DB> = this.db): Promise<CatalogueCache> {
    if (!this.cache || Date.now() - this.cache.at > 5000) {
      const v = await trx
        .selectFrom('catalogue_versions')
        .selectAll()
        .orderBy('synced_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const rules = v ? await trx.selectFrom('earning_rules').selectAll().where('active', '=', true).execute() : [];
      this.cache = {
        at: Date.now(),
        value: v && {
          version: v.version,
          expiry: v.expiry as ExpiryPolicy,
          consentVersion: v.consent_version,
          rules: new Map(
            rules.map((r) => [
              r.id,
              {
                id: r.id,
                eventType: r.event_type,
                activity: r.activity,
                points: r.points,
                dailyCap: r.daily_cap,
                eventPoints: r.event_points as Record<string, number>,
                department: r.department,
              },
            ]),
          ),
        },
      };
    }
    if (!this.cache.value) throw new ApiError('catalogue-missing');
    return this.cache.value;
  }

  /** Runs `fn` in a transaction, retried on serialization failures; constraint violations become answers. */
  async tx<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await this.db.transaction().execute(fn);
        this.auditChainer.notify(); // committed: its audit entries, if any, are ready to chain
        return r;
      } catch (e) {
        if (retryable(e) && attempt < 5) continue;
        throw constraintProblem(e) ?? e;
      }
    }
  }

  /**
   * A write under an idempotency key: the first request with the key runs `fn` and stores its result in the
   * same transaction; a retry with the same body gets that result; the same key with another body is refused.
   */
  async write<T>(
    actor: string,
    key: string | undefined,
    request: { method: string; path: string; body: unknown },
    fn: (trx: Trx) => Promise<WriteResult<T>>,
  ): Promise<WriteResult<T> & { replayed: boolean }> {
    if (!key || !IDEMPOTENCY_KEY.test(key)) throw new ApiError('idempotency-key-missing');
    const hash = createHash('sha256')
      .update(`${request.method} ${request.path}\n${canonical(request.body)}`)
      .digest();
    const one = (fn as { oneStatement?: OneStatementWrite<T> }).oneStatement;
    const fast = one && (await one(actor, key, hash)); // undefined: it could not, the transaction below will
    if (fast) return fast;
    return this.tx(async (trx) => {
      const ins =
        await sql`INSERT INTO idempotency (actor, key, request_hash, status, response) VALUES (${actor}, ${key}, ${hash}, 0, 'null') ON CONFLICT DO NOTHING RETURNING 1`.execute(
          trx,
        );
      if (ins.rows.length === 0) {
        const first = await trx
          .selectFrom('idempotency')
          .select(['request_hash', 'status', 'response'])
          .where('actor', '=', actor)
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        if (!first.request_hash.equals(hash)) throw new ApiError('idempotency-key-reused');
        const stored = first.response as { body: T; sealed?: string };
        return {
          status: first.status,
          body: stored.body,
          secrets: stored.sealed ? JSON.parse(this.keys.decrypt(stored.sealed)) : undefined,
          replayed: true,
        };
      }
      const entries: string[] = [];
      deferredAudit.set(trx, entries);
      let r: WriteResult<T>;
      try {
        r = await fn(trx);
      } finally {
        deferredAudit.delete(trx);
      }
      const stored = { body: r.body, ...(r.secrets ? { sealed: this.keys.encrypt(JSON.stringify(r.secrets)) } : {}) };
      // The result and the audit entries fn wrote, in one statement (entries in the order they were written).
      await sql`
        WITH a AS (INSERT INTO audit_pending (entry) SELECT e FROM unnest(${entries}::text[]) WITH ORDINALITY AS u(e, i) ORDER BY i)
        UPDATE idempotency SET status = ${r.status}, response = ${JSON.stringify(stored)}
        WHERE actor = ${actor} AND key = ${key}`.execute(trx);
      return { ...r, replayed: false };
    });
  }

  // ---- cards ----------------------------------------------------------------------------------------------

  /**
   * A card by one of its device tokens or its typed number; refuses unknown and closed cards. A token its device
   * forgot is unknown; a token of a card since replaced or deleted says the card is closed (the page can say so).
   */
  async findCard(ref: { token?: string; number?: string }, trx: Kysely<DB> = this.db): Promise<CardRow> {
    if (ref.token) {
      const row = await trx
        .selectFrom('card_devices')
        .innerJoin('cards', 'cards.id', 'card_devices.card_id')
        .select([
          'cards.id',
          'cards.account_id',
          'cards.number',
          'cards.status',
          'cards.closed_at',
          'card_devices.id as device_id',
          'card_devices.revoked_at',
        ])
        .where('card_devices.token_hash', '=', sha256(ref.token))
        .executeTakeFirst();
      return liveDeviceCard(row);
    }
    const n = ref.number ? normaliseCardNumber(ref.number) : undefined;
    if (!n)
      throw new ApiError('unknown-card', {
        detail: T('卡号或它的校验位不对', '卡號或它的校驗位不對', 'the number or its check digit is wrong'),
      });
    const card = await trx
      .selectFrom('cards')
      .select(['id', 'account_id', 'number', 'status'])
      .where('number', '=', n)
      .executeTakeFirst();
    if (!card) throw new ApiError('unknown-card');
    if (card.status !== 'active') throw new ApiError('card-closed');
    return card;
  }

  /** A new device token for a card (stored only as its SHA-256). */
  private async addDevice(trx: Trx, cardId: number, device?: string) {
    const token = randomToken();
    await trx
      .insertInto('card_devices')
      .values({ card_id: cardId, token_hash: sha256(token), device: device ?? null, created_at: this.now() })
      .execute();
    return token;
  }

  /** Every device of a card stops working (the card is closed at the same moment), and its transfer code goes. */
  private async closeDevices(trx: Trx, cardId: number, at: Date) {
    await trx
      .updateTable('card_devices')
      .set({ revoked_at: at })
      .where('card_id', '=', cardId)
      .where('revoked_at', 'is', null)
      .execute();
    await trx.deleteFrom('transfer_codes').where('card_id', '=', cardId).execute();
  }

  /**
   * A one-time 8-digit code to open this card on another phone or browser, valid TRANSFER_CODE_MINUTES; a new
   * code replaces the card's previous one. Stored as a keyed hash (10^8 values: a bare hash would be reversible).
   */
  async issueTransferCode(trx: Trx, card: CardRow) {
    const at = this.now();
    const expiresAt = new Date(at.getTime() + TRANSFER_CODE_MINUTES * 60_000);
    for (let attempt = 0; ; attempt++) {
      const code = String(randomInt(0, 1e8)).padStart(8, '0');
      // Another card's code with the same digits (rare): take other digits; the savepoint keeps the transaction.
      const sp = `code_${attempt}`;
      await sql.raw(`SAVEPOINT ${sp}`).execute(trx);
      try {
        await sql`
          INSERT INTO transfer_codes (card_id, code_hash, created_at, expires_at)
          VALUES (${card.id}, ${this.keys.lookupHash('transfer-code', code)}, ${at}, ${expiresAt})
          ON CONFLICT (card_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, created_at = EXCLUDED.created_at,
            expires_at = EXCLUDED.expires_at, used_at = NULL`.execute(trx);
        await sql.raw(`RELEASE SAVEPOINT ${sp}`).execute(trx);
        return { code, expiresAt: expiresAt.toISOString() };
      } catch (e) {
        await sql.raw(`ROLLBACK TO SAVEPOINT ${sp}`).execute(trx);
        if ((e as { constraint?: string }).constraint !== 'transfer_codes_code_hash_key' || attempt > 5) throw e;
      }
    }
  }

  /**
   * Opens the card of a transfer code on a new device: one compare-and-set on the code (used at most once, even by
   * simultaneous claims), and a new device token. A wrong, used or expired code, or a closed card, is one refusal.
   */
  async claimTransferCode(trx: Trx, code: string, device?: string) {
    const at = this.now();
    const token = randomToken();
    const r = await sql<{ number: string }>`
      WITH c AS (
        UPDATE transfer_codes t SET used_at = ${at}
        FROM cards WHERE cards.id = t.card_id AND cards.status = 'active'
          AND t.code_hash = ${this.keys.lookupHash('transfer-code', code)} AND t.used_at IS NULL AND t.expires_at > ${at}
        RETURNING t.card_id, cards.number),
      d AS (
        INSERT INTO card_devices (card_id, token_hash, device, created_at)
        SELECT card_id, ${sha256(token)}, ${device ?? null}::text, ${at}::timestamptz FROM c RETURNING card_id)
      SELECT c.number FROM c, d`.execute(trx);
    if (!r.rows.length) throw new ApiError('transfer-code-invalid');
    return { token, number: r.rows[0]!.number };
  }

  /** "Forget this card on this phone": the presenting device's token stops working; the card and others stay. */
  async forgetDevice(trx: Trx, card: CardRow) {
    if (card.device_id === undefined) throw new ApiError('unauthenticated');
    await trx
      .updateTable('card_devices')
      .set({ revoked_at: this.now() })
      .where('id', '=', card.device_id)
      .where('revoked_at', 'is', null)
      .execute();
    return { forgotten: true as const };
  }

  private async insertCard(
    trx: Trx,
    fields: Partial<
      Pick<
        DB['cards'],
        | 'display_name'
        | 'birth_year'
        | 'community'
        | 'phone_enc'
        | 'phone_hash'
        | 'consent_version'
        | 'consent_at'
        | 'created_by'
      >
    >,
  ) {
    const account = await trx
      .insertInto('accounts')
      .values({ kind: 'member', balance: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let attempt = 0; ; attempt++) {
      const number = cardNumberFrom(String(randomInt(0, 1e9)).padStart(9, '0'));
      // A clash of numbers (one in 10^9 per card) takes another number; savepoints keep the transaction usable.
      const sp = `card_${attempt}`;
      await sql.raw(`SAVEPOINT ${sp}`).execute(trx);
      try {
        const card = await trx
          .insertInto('cards')
          .values({ account_id: account.id, number, ...fields })
          .returning(['id', 'number'])
          .executeTakeFirstOrThrow();
        await sql.raw(`RELEASE SAVEPOINT ${sp}`).execute(trx);
        const token = await this.addDevice(trx, card.id);
        return { ...card, token, accountId: account.id };
      } catch (e) {
        await sql.raw(`ROLLBACK TO SAVEPOINT ${sp}`).execute(trx);
        if ((e as { constraint?: string }).constraint !== 'cards_number_key' || attempt > 5) throw e;
      }
    }
  }

  async enrol(
    trx: Trx,
    input: {
      consentVersion: string;
      olderThan14: true;
      birthYear?: number;
      displayName?: string;
      community?: string;
      phone?: string;
    },
    staff?: Staff,
  ) {
    const cat = await this.catalogue(trx);
    if (input.consentVersion !== cat.consentVersion)
      throw new ApiError('consent-required', {
        detail: T(
          `当前版本：${cat.consentVersion}`,
          `目前版本：${cat.consentVersion}`,
          `current version: ${cat.consentVersion}`,
        ),
      });
    const year = Number(this.today().slice(0, 4));
    if (input.birthYear !== undefined && year - input.birthYear < 14) throw new ApiError('under-14');
    const phone = input.phone?.replace(/[\s-]/g, '');
    const card = await this.insertCard(trx, {
      display_name: input.displayName ?? null,
      birth_year: input.birthYear ?? null,
      community: input.community ?? null,
      phone_enc: phone ? this.keys.encrypt(phone) : null,
      phone_hash: phone ? this.keys.phoneHash(phone) : null,
      consent_version: input.consentVersion,
      consent_at: this.now(),
      created_by: staff?.id ?? null,
    });
    if (staff)
      await audit(trx, { actor: `staff:${staff.id}`, action: 'card.enrol', subject: `card:${card.id}` }, this.now());
    return { token: card.token, number: card.number };
  }

  /**
   * A card's balance, details, points about to expire and events this month, in one statement: by a resident's
   * device token (GET /me: finding the card is the authentication, so it is not looked up twice, and the
   * refusals are findCard's) or for a card already found (the desk). One round trip instead of four keeps a
   * balance look-up short when the service is busy.
   */
  async cardSummary(ref: { token: string } | CardRow) {
    const [first, next] = monthRange(this.today());
    const byToken = 'token' in ref;
    const { rows } = await sql<
      DeviceCardRow & {
        display_name: string | null;
        birth_year: number | null;
        community: string | null;
        consent_version: string;
        balance: number | null;
        credits: Array<[number, string | null]>;
        month_events: number;
      }
    >`
      SELECT c.id, c.account_id, c.number, c.status, c.closed_at,
        ${byToken ? sql`d.id AS device_id, d.revoked_at` : sql`NULL::bigint AS device_id, NULL::timestamptz AS revoked_at`},
        c.display_name, c.birth_year, c.community, c.consent_version, a.balance,
        (SELECT coalesce(json_agg(json_build_array(t.amount, t.expires_on)), '[]'::json)
           FROM transfers t WHERE t.credit_account = c.account_id) AS credits,
        (SELECT count(*)::int FROM attendance x JOIN occurrences o ON o.id = x.occurrence_id
           WHERE x.card_id = c.id AND o.local_date >= ${first} AND o.local_date < ${next}) AS month_events
      FROM ${byToken ? sql`card_devices d JOIN cards c ON c.id = d.card_id` : sql`cards c`}
      JOIN accounts a ON a.id = c.account_id
      WHERE ${byToken ? sql`d.token_hash = ${sha256(ref.token)}` : sql`c.id = ${ref.id}`}`.execute(this.db);
    const row = rows[0];
    if (byToken) liveDeviceCard(row);
    if (!row) throw new ApiError('unknown-card');
    // What was taken from the credits is their sum less the balance (kept in the same transaction as every
    // transfer: points:verify checks it). A sum over the debits here would be planned once for any account, and
    // for a shared system account that is a scan of every transfer.
    const credits = row.credits.map(([amount, expiresOn]) => ({ amount: Number(amount), expiresOn }));
    const lots = remainingLots(credits, credits.reduce((s, l) => s + l.amount, 0) - (row.balance ?? 0));
    return {
      number: row.number,
      status: row.status,
      balance: row.balance ?? 0,
      displayName: row.display_name,
      birthYear: row.birth_year,
      community: row.community,
      consentVersion: row.consent_version,
      expiring: lots.filter((l) => l.expiresOn !== null).map((l) => ({ amount: l.amount, expiresOn: l.expiresOn! })),
      /** Events attended this calendar month (China time), by the occurrence's date. */
      month: { month: first.slice(0, 7), events: row.month_events },
    };
  }

  /** The member's remaining lots (credits minus debits taken from the earliest-expiring first). */
  async lots(trx: Kysely<DB>, accountId: number): Promise<Lot[]> {
    // One round trip: the credits, then one row with the sum of the debits (debit = true).
    const rows = await sql<{ amount: number; expires_on: string | null; debit: boolean }>`
      SELECT amount::bigint AS amount, expires_on, false AS debit FROM transfers WHERE credit_account = ${accountId}
      UNION ALL
      SELECT coalesce(sum(amount), 0)::bigint, NULL, true FROM transfers WHERE debit_account = ${accountId}`.execute(
      trx,
    );
    const debited = rows.rows.find((r) => r.debit)?.amount ?? 0;
    return remainingLots(
      rows.rows.filter((r) => !r.debit).map((c) => ({ amount: c.amount, expiresOn: c.expires_on })),
      debited,
    );
  }

  /**
   * A card's transfers, latest first, saying what (the occurrence's title, else the rule's or the reward's
   * localised map as stored), when (the occurrence's start) and who (the staff member who recorded it; null when
   * the resident did it themselves or the service did).
   */
  async history(card: Pick<CardRow, 'account_id'>, limit = 50) {
    return this.db
      .selectFrom('transfers as t')
      .leftJoin('occurrences as o', 'o.id', 't.occurrence_id')
      .leftJoin('earning_rules as r', 'r.id', 't.rule_id')
      .leftJoin('rewards as w', 'w.id', 't.reward_id')
      .leftJoin('staff as s', 's.id', 't.staff_id')
      .select([
        't.id',
        't.kind',
        't.amount',
        't.credit_account',
        't.rule_id',
        't.occurrence_id',
        't.reward_id',
        't.reason',
        't.created_at',
        't.expires_on',
        'o.title as occurrence_title',
        'o.starts_at',
        'r.title as rule_title',
        'w.name as reward_name',
        's.display_name as staff_name',
      ])
      .where((eb) => eb.or([eb('t.credit_account', '=', card.account_id), eb('t.debit_account', '=', card.account_id)]))
      .orderBy('t.id', 'desc')
      .limit(limit)
      .execute()
      .then((rows) =>
        rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          points: r.credit_account === card.account_id ? r.amount : -r.amount,
          rule: r.rule_id,
          occurrence: r.occurrence_id,
          reward: r.reward_id,
          title: (r.occurrence_title ?? r.rule_title ?? r.reward_name ?? null) as
            string | Record<string, string> | null,
          startsAt: r.starts_at ? new Date(r.starts_at).toISOString() : null,
          recordedBy: r.staff_name ?? null,
          reason: r.reason,
          at: new Date(r.created_at).toISOString(),
          expiresOn: r.credit_account === card.account_id ? r.expires_on : null,
        })),
      );
  }

  /** Erases the personal fields of a card at its holder's request; its anonymous transfers stay for totals. */
  async deleteCard(trx: Trx, card: CardRow) {
    const at = this.now();
    await this.closeDevices(trx, card.id, at);
    await trx
      .updateTable('cards')
      .set({
        status: 'deleted',
        display_name: null,
        birth_year: null,
        community: null,
        phone_enc: null,
        phone_hash: null,
        closed_at: at,
      })
      .where('id', '=', card.id)
      .execute();
    return { deleted: true as const };
  }

  /** A lost card: revoked, a new one made with the same details, what is left of each lot moved across. */
  async replaceCard(trx: Trx, old: CardRow, staff: Staff) {
    const locked = await trx
      .selectFrom('cards')
      .selectAll()
      .where('id', '=', old.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.status !== 'active') throw new ApiError('card-closed');
    await trx.selectFrom('accounts').select('balance').where('id', '=', old.account_id).forUpdate().execute();
    const fresh = await this.insertCard(trx, {
      display_name: locked.display_name,
      birth_year: locked.birth_year,
      community: locked.community,
      phone_enc: locked.phone_enc,
      phone_hash: locked.phone_hash,
      consent_version: locked.consent_version,
      consent_at: locked.consent_at,
      created_by: staff.id,
    });
    let moved = 0;
    for (const lot of await this.lots(trx, old.account_id)) {
      await trx
        .insertInto('transfers')
        .values({
          debit_account: old.account_id,
          credit_account: fresh.accountId,
          amount: lot.amount,
          kind: 'move',
          expires_on: lot.expiresOn,
          staff_id: staff.id,
        })
        .execute();
      moved += lot.amount;
    }
    await trx
      .updateTable('accounts')
      .set({ balance: sql`balance - ${moved}` })
      .where('id', '=', old.account_id)
      .execute();
    await trx.updateTable('accounts').set({ balance: moved }).where('id', '=', fresh.accountId).execute();
    const at = this.now();
    await this.closeDevices(trx, old.id, at);
    await trx
      .updateTable('cards')
      .set({ status: 'revoked', replaced_by: fresh.id, closed_at: at })
      .where('id', '=', old.id)
      .execute();
    await audit(
      trx,
      {
        actor: `staff:${staff.id}`,
        action: 'card.replace',
        subject: `card:${old.id}`,
        detail: { newCard: fresh.id, moved },
      },
      this.now(),
    );
    return { token: fresh.token, number: fresh.number, moved };
  }

  // ---- earning -------------------------------------------------------------------------------------------

  // hc_attend (migrations/009_audit_chainer.sql) repeats this statement for a check-in by card: change both.
  private async credit(
    trx: Trx,
    card: CardRow,
    e: {
      points: number;
      ruleId: string;
      dailyCap: number;
      day: string;
      department: string;
      occurrenceId?: string;
      via?: 'card' | 'code';
      staffId?: number;
      kind?: 'earn';
    },
  ) {
    const cat = await this.catalogue(trx);
    const earned = await this.systemAccount('earned', trx);
    // One statement: the transfer, the attendance (primary key: once per card and occurrence), the day's counter
    // (CHECK n <= cap) and the cached balance; any constraint that fails undoes all of it.
    const r = await sql<{ id: number; balance: number }>`
      WITH t AS (
        INSERT INTO transfers (debit_account, credit_account, amount, kind, expires_on, rule_id, occurrence_id, department, staff_id)
        VALUES (${earned}, ${card.account_id}, ${e.points}, 'earn', ${expiryDate(e.day, cat.expiry)}, ${e.ruleId}, ${e.occurrenceId ?? null}, ${e.department}, ${e.staffId ?? null})
        RETURNING id),
      a AS (
        INSERT INTO attendance (card_id, occurrence_id, transfer_id, via, staff_id)
        SELECT ${card.id}, ${e.occurrenceId ?? null}, t.id, ${e.via ?? 'card'}, ${e.staffId ?? null} FROM t WHERE ${e.occurrenceId ?? null}::text IS NOT NULL),
      d AS (
        INSERT INTO daily_earnings (card_id, rule_id, day, n, cap) VALUES (${card.id}, ${e.ruleId}, ${e.day}, 1, ${e.dailyCap})
        ON CONFLICT (card_id, rule_id, day) DO UPDATE SET n = daily_earnings.n + 1, cap = EXCLUDED.cap),
      b AS (UPDATE accounts SET balance = balance + ${e.points} WHERE id = ${card.account_id} RETURNING balance)
      SELECT t.id, b.balance FROM t, b`.execute(trx);
    const row = r.rows[0]!;
    return { transfer: row.id, points: e.points, balance: row.balance };
  }

  /** An occurrence by id; rows are reused for 5 s like the catalogue (only a sync changes them, and it empties both). */
  private async occurrence(id: string, trx: Kysely<DB> = this.db) {
    const hit = this.occurrences.get(id);
    if (hit && Date.now() - hit.at <= 5000) return hit.row;
    const o = await trx
      .selectFrom('occurrences')
      .select(['id', 'event_slug', 'event_type', 'local_date', 'status', 'secret', 'active', 'starts_at', 'ends_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!o || !o.active) throw new ApiError('not-found', { detail: noOccurrence(id) });
    if (this.occurrences.size > 10_000) this.occurrences.clear();
    this.occurrences.set(id, { at: Date.now(), row: o });
    return o;
  }

  private async ruleForOccurrence(o: { event_type: string; event_slug: string }, trx: Kysely<DB>) {
    const cat = await this.catalogue(trx);
    const rule = [...cat.rules.values()].find((r) => r.eventType === o.event_type);
    if (!rule) throw new ApiError('no-rule');
    return { rule, points: rule.eventPoints[o.event_slug] ?? rule.points };
  }

  /** What attending an occurrence earns, checked: today's occurrences, or an offline record up to two days old. */
  async planAttend(occurrenceId: string, trx: Kysely<DB> = this.db) {
    const o = await this.occurrence(occurrenceId, trx);
    const today = this.today();
    if (o.local_date > today || o.local_date < addDays(today, -2) || o.status === 'cancelled')
      throw new ApiError('not-today');
    return { o, ...(await this.ruleForOccurrence(o, trx)) };
  }

  /** Attendance a volunteer records by card (see planAttend; one-statement.ts does the same in one statement). */
  async attend(trx: Trx, card: CardRow, occurrenceId: string, staff: Staff) {
    const { o, rule, points } = await this.planAttend(occurrenceId, trx);
    const r = await this.credit(trx, card, {
      points,
      ruleId: rule.id,
      dailyCap: rule.dailyCap,
      day: o.local_date,
      department: rule.department,
      occurrenceId: o.id,
      via: 'card',
      staffId: staff.id,
    });
    await audit(
      trx,
      {
        actor: `staff:${staff.id}`,
        action: 'attendance.record',
        subject: `card:${card.id}`,
        detail: { occurrence: o.id, transfer: r.transfer },
      },
      this.now(),
    );
    return r;
  }

  /** A resident's own check-in with the code on the volunteer's screen (verified by the caller). */
  async checkIn(
    trx: Trx,
    card: CardRow,
    occurrence: { id: string; event_type: string; event_slug: string; local_date: string },
  ) {
    const { rule, points } = await this.ruleForOccurrence(occurrence, trx);
    return this.credit(trx, card, {
      points,
      ruleId: rule.id,
      dailyCap: rule.dailyCap,
      day: occurrence.local_date,
      department: rule.department,
      occurrenceId: occurrence.id,
      via: 'code',
    });
  }

  async occurrenceForCode(id: string, trx: Kysely<DB> = this.db) {
    const o = await this.occurrence(id, trx);
    if (o.local_date !== this.today() || o.status === 'cancelled') throw new ApiError('not-today');
    return o;
  }

  /**
   * A check-in sent late (scanned where there was no signal): the code's window was already matched against
   * `scannedAt`; here scannedAt must not be in the future (LATE_CHECKIN.skewMs allowed), must fall within the
   * occurrence widened by marginMs each side, and the request must arrive within arriveWithinMs of its end.
   */
  async occurrenceForLateCode(id: string, scannedAt: Date, trx: Kysely<DB> = this.db) {
    const o = await this.occurrence(id, trx);
    if (o.status === 'cancelled') throw new ApiError('not-today');
    const now = this.now().getTime();
    const at = scannedAt.getTime();
    const starts = new Date(o.starts_at).getTime();
    const ends = new Date(o.ends_at).getTime();
    if (
      at > now + LATE_CHECKIN.skewMs ||
      at < starts - LATE_CHECKIN.marginMs ||
      at > ends + LATE_CHECKIN.marginMs ||
      now > ends + LATE_CHECKIN.arriveWithinMs
    )
      throw new ApiError('code-expired');
    return o;
  }

  /** Another activity staff record by its rule (points from the catalogue). */
  async activity(trx: Trx, card: CardRow, ruleId: string, staff: Staff) {
    const rule = (await this.catalogue(trx)).rules.get(ruleId);
    if (!rule || !rule.activity)
      throw new ApiError('no-rule', {
        detail: T(`没有活动规则“${ruleId}”`, `沒有活動規則「${ruleId}」`, `no activity rule "${ruleId}"`),
      });
    const r = await this.credit(trx, card, {
      points: rule.points,
      ruleId: rule.id,
      dailyCap: rule.dailyCap,
      day: this.today(),
      department: rule.department,
      staffId: staff.id,
    });
    await audit(
      trx,
      {
        actor: `staff:${staff.id}`,
        action: 'activity.record',
        subject: `card:${card.id}`,
        detail: { rule: rule.id, transfer: r.transfer },
      },
      this.now(),
    );
    return r;
  }

  // ---- rewards -------------------------------------------------------------------------------------------

  // hc_redeem (migrations/009_audit_chainer.sql) does the same for a resident's own redemption: change both.
  async redeem(trx: Trx, card: CardRow, rewardId: string, staff?: Staff) {
    const reward = await trx
      .selectFrom('rewards')
      .select(['id', 'cost', 'per_person_limit', 'voucher_days', 'department'])
      .where('id', '=', rewardId)
      .executeTakeFirst();
    if (!reward) throw new ApiError('not-found', { detail: noReward(rewardId) });
    const today = this.today();
    // 1. the member's balance (CHECK balance >= 0 refuses an overdraft)
    const acct = await trx
      .updateTable('accounts')
      .set({ balance: sql`balance - ${reward.cost}` })
      .where('id', '=', card.account_id)
      .returning('balance')
      .executeTakeFirstOrThrow();
    // 2. the per-person limit (CHECK n <= lim)
    await sql`INSERT INTO redemption_counts (card_id, reward_id, n, lim) VALUES (${card.id}, ${reward.id}, 1, ${reward.per_person_limit})
      ON CONFLICT (card_id, reward_id) DO UPDATE SET n = redemption_counts.n + 1, lim = EXCLUDED.lim`.execute(trx);
    // 3. the stock (CHECK taken <= supplied), only while the reward is offered, with the transfer and the voucher
    // in the same statement: the reward's row is the one every redemption of it queues on, so it is locked last.
    const voucher = randomToken(9);
    const validUntil = addDays(today, reward.voucher_days);
    const spent = await this.systemAccount('spent', trx);
    const took = await sql<{ id: number }>`
      WITH s AS (
        UPDATE rewards SET taken = taken + 1
        WHERE id = ${reward.id} AND active AND valid_from <= ${today} AND valid_to >= ${today} RETURNING id),
      t AS (
        INSERT INTO transfers (debit_account, credit_account, amount, kind, reward_id, department, staff_id)
        SELECT ${card.account_id}::bigint, ${spent}::bigint, ${reward.cost}::int, 'redeem', s.id, ${reward.department}::text,
               ${staff?.id ?? null}::bigint FROM s
        RETURNING id),
      v AS (
        INSERT INTO redemptions (voucher, card_id, reward_id, cost, transfer_id, valid_until)
        SELECT ${voucher}::text, ${card.id}::bigint, ${reward.id}::text, ${reward.cost}::int, t.id, ${validUntil}::date FROM t
        RETURNING id)
      SELECT t.id FROM t, v`.execute(trx);
    if (!took.rows.length) throw new ApiError('reward-unavailable');
    if (staff)
      await audit(
        trx,
        {
          actor: `staff:${staff.id}`,
          action: 'redemption.issue',
          subject: `card:${card.id}`,
          detail: { reward: reward.id, voucher },
        },
        this.now(),
      );
    return { voucher, reward: reward.id, cost: reward.cost, balance: acct.balance!, validUntil };
  }

  /** Hand-over: one compare-and-set from issued to handed. */
  async handOver(trx: Trx, voucher: string, staff: Staff) {
    const r = await trx
      .updateTable('redemptions')
      .set({ status: 'handed', handed_at: this.now(), handed_by: staff.id })
      .where('voucher', '=', voucher)
      .where('status', '=', 'issued')
      .where('valid_until', '>=', this.today())
      .returning(['voucher', 'reward_id'])
      .executeTakeFirst();
    if (!r) {
      const v = await trx
        .selectFrom('redemptions')
        .select(['status', 'valid_until'])
        .where('voucher', '=', voucher)
        .executeTakeFirst();
      if (!v) throw new ApiError('not-found', { detail: NO_VOUCHER });
      throw new ApiError(v.status === 'issued' ? 'voucher-expired' : 'voucher-not-issued');
    }
    await audit(
      trx,
      { actor: `staff:${staff.id}`, action: 'redemption.handover', subject: `voucher:${voucher}` },
      this.now(),
    );
    return { voucher, reward: r.reward_id, status: 'handed' as const };
  }

  /** Cancelling an issued voucher: a reversing transfer, the stock and the per-person count given back. */
  async cancel(trx: Trx, voucher: string, actor: { staff?: Staff; card?: CardRow }) {
    const v = await trx
      .selectFrom('redemptions')
      .selectAll()
      .where('voucher', '=', voucher)
      .forUpdate()
      .executeTakeFirst();
    if (!v || (actor.card && v.card_id !== actor.card.id)) throw new ApiError('not-found', { detail: NO_VOUCHER });
    if (v.status !== 'issued') throw new ApiError('voucher-not-issued');
    const card = await trx
      .selectFrom('cards')
      .select(['account_id'])
      .where('id', '=', v.card_id)
      .executeTakeFirstOrThrow();
    const cat = await this.catalogue(trx);
    const refund = await trx
      .insertInto('transfers')
      .values({
        debit_account: await this.systemAccount('spent', trx),
        credit_account: card.account_id,
        amount: v.cost,
        kind: 'refund',
        reverses: v.transfer_id,
        reward_id: v.reward_id,
        expires_on: expiryDate(this.today(), cat.expiry),
        staff_id: actor.staff?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const acct = await trx
      .updateTable('accounts')
      .set({ balance: sql`balance + ${v.cost}` })
      .where('id', '=', card.account_id)
      .returning('balance')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('rewards')
      .set({ taken: sql`taken - 1` })
      .where('id', '=', v.reward_id)
      .execute();
    await trx
      .updateTable('redemption_counts')
      .set({ n: sql`n - 1` })
      .where('card_id', '=', v.card_id)
      .where('reward_id', '=', v.reward_id)
      .execute();
    await trx
      .updateTable('redemptions')
      .set({ status: 'cancelled', cancelled_at: this.now(), refund_transfer_id: refund.id })
      .where('id', '=', v.id)
      .execute();
    if (actor.staff)
      await audit(
        trx,
        { actor: `staff:${actor.staff.id}`, action: 'redemption.cancel', subject: `voucher:${voucher}` },
        this.now(),
      );
    return { voucher, status: 'cancelled' as const, balance: acct.balance! };
  }

  // ---- corrections and expiry ----------------------------------------------------------------------------

  /** An admin's correction: the exact reverse of a transfer, or an amount in or out of a card, with a reason. */
  async correct(trx: Trx, input: { reverses?: number; card?: CardRow; points?: number; reason: string }, staff: Staff) {
    const corrections = await this.systemAccount('corrections', trx);
    let debit: number, credit: number, amount: number;
    if (input.reverses !== undefined) {
      const t = await trx.selectFrom('transfers').selectAll().where('id', '=', input.reverses).executeTakeFirst();
      if (!t)
        throw new ApiError('not-found', {
          detail: T(
            `没有编号为 ${input.reverses} 的记录`,
            `沒有編號為 ${input.reverses} 的記錄`,
            `no transfer ${input.reverses}`,
          ),
        });
      [debit, credit, amount] = [t.credit_account, t.debit_account, t.amount];
    } else {
      const card = input.card!;
      const pts = input.points!;
      [debit, credit, amount] = pts > 0 ? [corrections, card.account_id, pts] : [card.account_id, corrections, -pts];
    }
    const cat = await this.catalogue(trx);
    const t = await trx
      .insertInto('transfers')
      .values({
        debit_account: debit,
        credit_account: credit,
        amount,
        kind: 'correction',
        reverses: input.reverses ?? null,
        staff_id: staff.id,
        reason: input.reason,
        expires_on: expiryDate(this.today(), cat.expiry),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Member accounts only (system accounts keep no cached balance), debit first: the CHECK refuses an overdraft.
    await trx
      .updateTable('accounts')
      .set({ balance: sql`balance - ${amount}` })
      .where('id', '=', debit)
      .where('kind', '=', 'member')
      .execute();
    await trx
      .updateTable('accounts')
      .set({ balance: sql`balance + ${amount}` })
      .where('id', '=', credit)
      .where('kind', '=', 'member')
      .execute();
    await audit(
      trx,
      {
        actor: `staff:${staff.id}`,
        action: 'correction',
        subject: `transfer:${t.id}`,
        detail: { reverses: input.reverses ?? null, amount, reason: input.reason },
      },
      this.now(),
    );
    return { transfer: t.id, amount };
  }

  /**
   * The expiry job: for each member with a lot that ended before today, moves what is left of it to the
   * expired account. Idempotent: a second run the same day finds nothing left to expire.
   */
  async expire(staffId?: number): Promise<{ accounts: number; points: number }> {
    const today = this.today();
    const candidates = await this.db
      .selectFrom('transfers')
      .innerJoin('accounts', 'accounts.id', 'transfers.credit_account')
      .select('transfers.credit_account as account')
      .distinct()
      .where('accounts.kind', '=', 'member')
      .where('transfers.expires_on', '<', today)
      .execute();
    const expired = await this.systemAccount('expired');
    let accounts = 0;
    let points = 0;
    for (const { account } of candidates) {
      const n = await this.tx(async (trx) => {
        await trx.selectFrom('accounts').select('id').where('id', '=', account).forUpdate().execute();
        const credits = await trx
          .selectFrom('transfers')
          .select(['amount', 'expires_on'])
          .where('credit_account', '=', account)
          .execute();
        const debited = await trx
          .selectFrom('transfers')
          .select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('s'))
          .where('debit_account', '=', account)
          .executeTakeFirstOrThrow();
        const amount = expiredAmount(
          credits.map((c) => ({ amount: c.amount, expiresOn: c.expires_on })),
          debited.s,
          today,
        );
        if (amount <= 0) return 0;
        await trx
          .insertInto('transfers')
          .values({
            debit_account: account,
            credit_account: expired,
            amount,
            kind: 'expire',
            staff_id: staffId ?? null,
          })
          .execute();
        await trx
          .updateTable('accounts')
          .set({ balance: sql`balance - ${amount}` })
          .where('id', '=', account)
          .execute();
        return amount;
      });
      if (n > 0) {
        accounts++;
        points += n;
      }
    }
    if (accounts > 0)
      await audit(
        this.db,
        { actor: staffId ? `staff:${staffId}` : 'job', action: 'points.expire', detail: { accounts, points, today } },
        this.now(),
      );
    return { accounts, points };
  }

  // ---- catalogue -----------------------------------------------------------------------------------------

  /** Stores a catalogue as a new version (no-op if unchanged). Stock below what was taken is refused. */
  async sync(input: Catalogue, staffId?: number): Promise<{ version: string; changed: boolean }> {
    const c = catalogueSchema.parse(input);
    const version = createHash('sha256').update(canonical(c)).digest('hex').slice(0, 16);
    const result = await this.tx(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(20251225)`.execute(trx);
      const seen = await trx
        .selectFrom('catalogue_versions')
        .select('version')
        .orderBy('synced_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (seen?.version === version) return { version, changed: false };
      for (const table of ['departments', 'earning_rules', 'rewards'] as const)
        await trx.updateTable(table).set({ active: false }).execute();
      for (const d of c.departments)
        await trx
          .insertInto('departments')
          .values({ id: d.id, name: JSON.stringify(d.name), kind: d.kind, active: true })
          .onConflict((oc) => oc.column('id').doUpdateSet({ name: JSON.stringify(d.name), kind: d.kind, active: true }))
          .execute();
      for (const r of c.rules) {
        const row = {
          title: JSON.stringify(r.title),
          event_type: r.eventType ?? null,
          activity: r.activity ?? null,
          points: r.points,
          daily_cap: r.dailyCap,
          event_points: JSON.stringify(r.events),
          department: r.department,
          active: true,
        };
        await trx
          .insertInto('earning_rules')
          .values({ id: r.id, ...row })
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
      }
      for (const r of c.rewards) {
        const row = {
          name: JSON.stringify(r.name),
          description: r.description ? JSON.stringify(r.description) : null,
          department: r.department,
          cost: r.cost,
          supplied: r.stock,
          per_person_limit: r.perPersonLimit,
          valid_from: r.validFrom,
          valid_to: r.validTo,
          collect_at: JSON.stringify(r.collectAt),
          voucher_days: r.voucherDays,
          active: true,
        };
        await trx
          .insertInto('rewards')
          .values({ id: r.id, ...row })
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
      }
      await trx.updateTable('occurrences').set({ active: false }).execute();
      for (let i = 0; i < c.occurrences.length; i += 500) {
        const rows = c.occurrences.slice(i, i + 500).map((o) => ({
          id: o.id,
          event_slug: o.eventSlug,
          event_type: o.eventType,
          title: o.title,
          local_date: o.localDate,
          starts_at: o.startsAt,
          ends_at: o.endsAt,
          status: o.status,
          secret: Buffer.from(randomToken(32), 'base64url'),
          active: true,
        }));
        // A known occurrence keeps its secret (codes on screens stay valid across syncs).
        await trx
          .insertInto('occurrences')
          .values(rows)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              event_type: eb.ref('excluded.event_type'),
              title: eb.ref('excluded.title'),
              local_date: eb.ref('excluded.local_date'),
              starts_at: eb.ref('excluded.starts_at'),
              ends_at: eb.ref('excluded.ends_at'),
              status: eb.ref('excluded.status'),
              active: true,
            })),
          )
          .execute();
      }
      await trx
        .insertInto('catalogue_versions')
        .values({
          version,
          sample: c.settings.sample,
          expiry: c.settings.expiry,
          consent_version: c.settings.consentVersion,
          summary: JSON.stringify({
            rules: c.rules.length,
            rewards: c.rewards.length,
            departments: c.departments.length,
            occurrences: c.occurrences.length,
          }),
          synced_at: this.now(),
        })
        .onConflict((oc) => oc.column('version').doUpdateSet({ synced_at: this.now() }))
        .execute();
      await audit(
        trx,
        { actor: staffId ? `staff:${staffId}` : 'cli', action: 'catalogue.sync', subject: `version:${version}` },
        this.now(),
      );
      return { version, changed: true };
    }).catch((e) => {
      if (e instanceof ApiError && e.code === 'out-of-stock') throw new ApiError('catalogue-conflict');
      throw e;
    });
    this.cache = undefined;
    this.occurrences.clear();
    return result;
  }
}
