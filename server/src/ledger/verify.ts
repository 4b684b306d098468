/**
 * The consistency check (`npm run points:verify`): every member's cached balance equals its transfers in minus
 * out; stock and per-person counters equal the redemptions they count; no audit entry has waited more than a
 * minute to be chained; after chaining what is pending, the whole audit chain recomputes.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { chainAudit, stalePending, verifyAuditChain } from './audit.ts';

export interface VerifyReport {
  ok: boolean;
  accounts: number;
  transfers: number;
  auditEntries: number;
  problems: string[];
}

export async function verifyLedger(db: Kysely<DB>): Promise<VerifyReport> {
  const problems: string[] = [];
  // Two aggregates over all transfers (not a sum per account): a county's year verifies in seconds.
  const balances = await sql<{ id: number; balance: number; computed: number }>`
    WITH c AS (SELECT credit_account AS id, sum(amount) AS s FROM transfers GROUP BY 1),
         d AS (SELECT debit_account AS id, sum(amount) AS s FROM transfers GROUP BY 1)
    SELECT a.id, a.balance, (coalesce(c.s, 0) - coalesce(d.s, 0))::bigint AS computed
    FROM accounts a LEFT JOIN c ON c.id = a.id LEFT JOIN d ON d.id = a.id
    WHERE a.kind = 'member' AND a.balance <> coalesce(c.s, 0) - coalesce(d.s, 0)`.execute(db);
  for (const b of balances.rows)
    problems.push(`account ${b.id}: cached balance ${b.balance} but its transfers sum to ${b.computed}`);
  const accounts = Number(
    (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM accounts WHERE kind = 'member'`.execute(db)).rows[0]!.n,
  );
  const stock = await sql<{ id: string; taken: number; counted: number }>`
    SELECT r.id, r.taken, (SELECT count(*) FROM redemptions x WHERE x.reward_id = r.id AND x.status <> 'cancelled')::int AS counted FROM rewards r`.execute(
    db,
  );
  for (const r of stock.rows)
    if (r.taken !== r.counted) problems.push(`reward ${r.id}: taken ${r.taken} but ${r.counted} redemptions`);
  const limits = await sql<{ card_id: number; reward_id: string; n: number; counted: number }>`
    SELECT c.card_id, c.reward_id, c.n, coalesce(x.counted, 0)::int AS counted
    FROM redemption_counts c LEFT JOIN (SELECT card_id, reward_id, count(*) AS counted FROM redemptions WHERE status <> 'cancelled' GROUP BY 1, 2) x
      ON x.card_id = c.card_id AND x.reward_id = c.reward_id
    WHERE c.n <> coalesce(x.counted, 0)`.execute(db);
  for (const r of limits.rows)
    if (r.n !== r.counted)
      problems.push(`card ${r.card_id} reward ${r.reward_id}: count ${r.n} but ${r.counted} redemptions`);
  const transfers = Number(
    (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM transfers`.execute(db)).rows[0]!.n,
  );
  // Checked before this run chains them: an entry pending for over a minute means the service's chainer stopped.
  const stale = await stalePending(db, 60);
  if (stale.n > 0)
    problems.push(
      `${stale.n} audit entries waited more than a minute to be chained (oldest written ${stale.oldest?.toISOString()}): is the service's audit chainer running?`,
    );
  await chainAudit(db, { wait: true });
  const chain = await verifyAuditChain(db);
  if (chain.brokenAt !== undefined) problems.push(`audit chain broken at entry ${chain.brokenAt}`);
  return {
    ok: problems.length === 0,
    accounts,
    transfers,
    auditEntries: chain.entries,
    problems,
  };
}
