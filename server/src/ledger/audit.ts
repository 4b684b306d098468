/**
 * The audit log: every staff action, correction, export and refused access, append-only (a trigger refuses
 * UPDATE and DELETE) and hash-chained: hash = sha256(previous hash || seq || '|' || entry). One statement
 * takes the chain's head row, appends and moves the head, so entries are chained in commit order; callers run
 * it last in their transaction to hold the head for as short a time as possible.
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

export async function audit(trx: Kysely<DB> | Transaction<DB>, e: AuditEntry, at = new Date()): Promise<void> {
  const entry = JSON.stringify({
    at: at.toISOString(),
    actor: e.actor,
    action: e.action,
    subject: e.subject ?? null,
    detail: e.detail ?? {},
  });
  await sql`
    WITH prev AS (SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE),
    ins AS (
      INSERT INTO audit_log (seq, entry, prev_hash, hash)
      SELECT prev.seq + 1, ${entry}, prev.hash,
             sha256(prev.hash || convert_to((prev.seq + 1)::text || '|' || ${entry}, 'UTF8'))
      FROM prev RETURNING seq, hash)
    UPDATE audit_head SET seq = ins.seq, hash = ins.hash FROM ins WHERE audit_head.id = 1`.execute(trx);
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
