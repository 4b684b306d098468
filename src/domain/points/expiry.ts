/**
 * Points expire by lots: each credit to a member (earned, refunded, moved from a lost card) is a lot with its
 * own expiry date, and spending takes from the lot that expires first. So what lapses on a day is what is
 * left of the lots that expired by then after all debits so far are taken from the earliest lots first.
 * Pure functions over amounts and dates; the service runs them in its (idempotent) expiry job.
 */
import type { ExpiryPolicy } from './model.ts';

/** The day a lot earned on `earnedOn` (YYYY-MM-DD, China time) expires (the last day it counts), or null for never. */
export function expiryDate(earnedOn: string, policy: ExpiryPolicy): string | null {
  const year = Number(earnedOn.slice(0, 4));
  if (policy === 'never') return null;
  return `${policy === 'end-of-year' ? year : year + 1}-12-31`;
}

export interface Lot {
  amount: number;
  /** Last day the lot counts (YYYY-MM-DD), or null when it never expires. */
  expiresOn: string | null;
}

const order = (a: Lot, b: Lot) =>
  a.expiresOn === b.expiresOn
    ? 0
    : a.expiresOn === null
      ? 1
      : b.expiresOn === null
        ? -1
        : a.expiresOn < b.expiresOn
          ? -1
          : 1;

/** What is left of each lot after `debited` points were taken from the earliest-expiring lots first. */
export function remainingLots(credits: readonly Lot[], debited: number): Lot[] {
  let toTake = debited;
  const out: Lot[] = [];
  for (const lot of [...credits].sort(order)) {
    const take = Math.min(lot.amount, toTake);
    toTake -= take;
    if (lot.amount - take > 0) out.push({ amount: lot.amount - take, expiresOn: lot.expiresOn });
  }
  if (toTake > 0) throw new Error(`debits exceed credits by ${toTake}: the ledger is inconsistent`);
  return out;
}

/** Points that lapse when the job runs on `today`: the remainder of every lot whose last day is before today. */
export function expiredAmount(credits: readonly Lot[], debited: number, today: string): number {
  return remainingLots(credits, debited)
    .filter((l) => l.expiresOn !== null && l.expiresOn < today)
    .reduce((s, l) => s + l.amount, 0);
}
