/**
 * Writes in one statement, for the two a busy morning is made of. hc_redeem (a resident's redemption) holds the
 * reward's row, which every redemption of it queues on, only for its statement and its commit. Then:
 *
 * A volunteer's check-in by card in one statement (hc_attend in migrations/009_audit_chainer.sql): one round trip
 * to the database instead of six (BEGIN, the key, the card, the credit, the result and the audit entry, COMMIT),
 * which is what a check-in costs the service and the database on a busy morning. The same rules as Ledger.attend:
 * the occurrence, its date and its rule are checked here first (Ledger.planAttend), the database holds the rest;
 * any failure here that is not an answer falls back to the ordinary transaction (Ledger.write), so a replay or an
 * error is exactly what it would have been.
 */
import { normaliseCardNumber } from '@hc/domain/points/card.ts';
import { expiryDate } from '@hc/domain/points/expiry.ts';
import { sql } from 'kysely';
import { randomToken, sha256 } from '../crypto.ts';
import { ApiError } from '../http/problem.ts';
import { noReward, type CardRow, type Ledger, type OneStatementWrite, type Staff } from './ledger.ts';
import { constraintProblem, retryable } from './pg-errors.ts';

type Attended = { transfer: number; points: number; balance: number };

export function attendInOneStatement(
  ledger: Ledger,
  card: { token?: string; number?: string },
  occurrenceId: string,
  staff: Staff,
): OneStatementWrite<Attended> {
  return async (actor, key, requestHash) => {
    let plan;
    let number: string | undefined;
    try {
      plan = await ledger.planAttend(occurrenceId);
      number = card.token ? undefined : normaliseCardNumber(card.number ?? '');
    } catch (e) {
      if (e instanceof ApiError) return undefined; // the transaction path replays a stored result or refuses
      throw e;
    }
    // By number only (what a scanned or typed card gives): a phone's token goes the transaction path, which knows
    // its device's state.
    if (card.token || !number) return undefined;
    const { o, rule, points } = plan;
    const cat = await ledger.catalogue();
    const earned = await ledger.systemAccount('earned');
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await sql<{
          outcome: 'new' | 'replayed' | 'reused';
          status: number;
          response: { body: Attended };
        }>`
          SELECT * FROM hc_attend(${actor}, ${key}, ${requestHash}, ${card.token ? sha256(card.token) : null}::bytea,
            ${number ?? null}::text, ${o.id}, ${points}::int, ${rule.id}, ${o.local_date}::date, ${rule.dailyCap}::int,
            ${rule.department}, ${expiryDate(o.local_date, cat.expiry)}::date, ${staff.id}::bigint, ${earned}::bigint,
            ${ledger.now().toISOString()})`.execute(ledger.db);
        const r = rows[0]!;
        if (r.outcome === 'reused') throw new ApiError('idempotency-key-reused');
        if (r.outcome === 'new') ledger.auditChainer.notify();
        return { status: r.status, body: r.response.body, replayed: r.outcome === 'replayed' };
      } catch (e) {
        if (e instanceof ApiError) throw e;
        const m = /^hc:(unknown-card|card-closed)$/.exec((e as Error).message);
        if (m) throw new ApiError(m[1] as 'unknown-card' | 'card-closed');
        if (retryable(e) && attempt < 5) continue;
        throw constraintProblem(e) ?? e;
      }
    }
  };
}

type Redeemed = { voucher: string; reward: string; cost: number; balance: number; validUntil: string };

/** A resident's own redemption (no staff, so no audit entry, as in Ledger.redeem): see hc_redeem. */
export function redeemInOneStatement(ledger: Ledger, card: CardRow, rewardId: string): OneStatementWrite<Redeemed> {
  return async (actor, key, requestHash) => {
    const spent = await ledger.systemAccount('spent');
    const voucher = randomToken(9);
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await sql<{
          outcome: 'new' | 'replayed' | 'reused';
          status: number;
          response: { body: Redeemed };
        }>`
          SELECT * FROM hc_redeem(${actor}, ${key}, ${requestHash}, ${card.id}::bigint, ${card.account_id}::bigint,
            ${rewardId}, ${voucher}, ${ledger.today()}::date, ${spent}::bigint)`.execute(ledger.db);
        const r = rows[0]!;
        if (r.outcome === 'reused') throw new ApiError('idempotency-key-reused');
        return { status: r.status, body: r.response.body, replayed: r.outcome === 'replayed' };
      } catch (e) {
        if (e instanceof ApiError) throw e;
        const message = (e as Error).message;
        if (message === 'hc:no-reward') throw new ApiError('not-found', { detail: noReward(rewardId) });
        if (message === 'hc:reward-unavailable') throw new ApiError('reward-unavailable');
        if (retryable(e) && attempt < 5) continue;
        throw constraintProblem(e) ?? e;
      }
    }
  };
}
