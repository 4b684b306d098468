/**
 * The audit log: every staff action, correction, export and refused access, append-only (a trigger refuses
 * UPDATE and DELETE) and hash-chained: hash = sha256(previous hash || seq || '|' || entry). A writing transaction
 * only inserts its entries into audit_pending (they exist if and only if it commits); a single chainer moves them
 * into audit_log in batches, in pending-id order, each batch one short transaction (hc_chain_audit in
 * migrations/009_audit_chainer.sql, under an advisory lock: one chainer at a time across instances and tools).
 * No write waits for the chain's head any more, so commits share WAL flushes (group commit).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
}

/**
 * Transactions whose audit entries the caller writes itself, in its last statement (Ledger.write does, with the
 * idempotency record): one round trip fewer per write. The entries still commit or roll back with the transaction.
 */
export const deferredAudit = new WeakMap<object, string[]>();

export async function audit(trx: Kysely<DB> | Transaction<DB>, e: AuditEntry, at = new Date()): Promise<void> {
  const entry = JSON.stringify({
    at: at.toISOString(),
    actor: e.actor,
    action: e.action,
    subject: e.subject ?? null,
    detail: e.detail ?? {},
  });
  const deferred = deferredAudit.get(trx);
  if (deferred) deferred.push(entry);
  else await sql`INSERT INTO audit_pending (entry) VALUES (${entry})`.execute(trx);
}

/**
 * Chains what is pending. `wait`: wait for a chainer running elsewhere, then chain everything that was pending
 * (points:verify, tools, tests: a deterministic flush); otherwise one batch, or -1 when another chainer is at it.
 */
export async function chainAudit(db: Kysely<DB>, opts: { wait?: boolean; batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? 5000;
  let total = 0;
  for (;;) {
    const { rows } = await sql<{ n: number }>`SELECT hc_chain_audit(${batch}::int, ${opts.wait ?? false}) AS n`.execute(
      db,
    );
    const n = rows[0]!.n;
    if (n < 0) return total > 0 ? total : -1;
    total += n;
    if (n < batch || !opts.wait) return total;
  }
}

/**
 * The service's chainer: a batch every `intervalMs` (200 ms), and at once when a write notifies it while it is
 * idle (the last run found nothing), so a quiet service chains a lone entry in a few milliseconds and a busy one
 * commits one chaining transaction per interval, not one per write. Several instances may run it: the advisory
 * lock lets one chain while the others skip their turn.
 */
export class AuditChainer {
  private readonly db: Kysely<DB>;
  private readonly intervalMs: number;
  private stopped = true;
  private idle = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private failing = false;

  constructor(db: Kysely<DB>, intervalMs = 200) {
    this.db = db;
    this.intervalMs = intervalMs;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** A write committed audit entries: chain soon if the chainer is idle (else its next turn takes them). */
  notify(): void {
    if (this.idle) this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let n = -1;
      try {
        n = await chainAudit(this.db);
        this.failing = false;
      } catch (e) {
        // The database may be restarting: keep trying every interval (the entries wait, pending and safe).
        if (!this.failing) console.error(`points audit chainer: ${(e as Error).message}`);
        this.failing = true;
      }
      if (this.stopped) break;
      this.idle = n === 0;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.intervalMs);
        this.wake = () => {
          this.idle = false;
          clearTimeout(t);
          // A few milliseconds for the rest of a burst to commit, then one batch for all of it.
          setTimeout(resolve, 2);
        };
      });
      this.wake = undefined;
      this.idle = false;
    }
  }

  /** Stops the loop after its current batch, then chains once more what the last writes left. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await chainAudit(this.db).catch(() => undefined);
  }
}

/** Entries pending for longer than `seconds`: a chainer that is not running or not keeping up. */
export async function stalePending(db: Kysely<DB>, seconds = 60): Promise<{ n: number; oldest?: Date }> {
  const { rows } = await sql<{ n: number; oldest: Date | null }>`
    SELECT count(*)::int AS n, min(written_at) AS oldest FROM audit_pending
    WHERE written_at < now() - make_interval(secs => ${seconds})`.execute(db);
  return { n: rows[0]!.n, oldest: rows[0]!.oldest ?? undefined };
}

/** Recomputes the chain; returns the first broken sequence number, or undefined when it is intact. */
export async function verifyAuditChain(db: Kysely<DB>): Promise<{ entries: number; brokenAt?: number }> {
  let prev: Buffer = Buffer.alloc(32);
  let expectSeq = 1;
  let entries = 0;
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(5000)
      .execute();
    if (!rows.length) break;
    for (const r of rows) {
      const hash = createHash('sha256').update(prev).update(`${r.seq}|${r.entry}`, 'utf8').digest();
      if (r.seq !== expectSeq || !r.prev_hash.equals(prev) || !r.hash.equals(hash)) return { entries, brokenAt: r.seq };
      prev = r.hash;
      expectSeq++;
      entries++;
    }
    after = rows.at(-1)!.seq;
  }
  const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
  if (head.seq !== entries || !head.hash.equals(prev)) return { entries, brokenAt: entries + 1 };
  return { entries };
}
