/**
 * The audit log: every staff action, correction, export and refused access, append-only (a trigger refuses
 * UPDATE and DELETE) and hash-chained: hash = sha256(previous hash || seq || '|' || entry). An entry is written
 * to audit_pending and chained as its transaction commits, by a deferred trigger (migrations/002_audit_at_commit.sql)
 * that takes the chain's head, appends to audit_log and moves the head: entries are chained in commit order, and the
 * head is held only while a transaction commits, not across the rest of a request.
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
