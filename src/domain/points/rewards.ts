/**
 * When a reward can be had: its exchange period against a day (YYYY-MM-DD, China time), and whether a balance can
 * take it now. One rule for the static catalogue (src/lib/points/view.ts) and the resident's "what your points buy
 * now" (the card page); the service checks the same in SQL when it redeems.
 */
import type { Reward } from './model.ts';

/** Whether a reward can be exchanged on `today`, has not started yet, or has ended. */
export type RewardPeriod = 'current' | 'upcoming' | 'ended';
export function rewardPeriod(r: Pick<Reward, 'validFrom' | 'validTo'>, today: string): RewardPeriod {
  return today < r.validFrom ? 'upcoming' : today > r.validTo ? 'ended' : 'current';
}

/** Whether `balance` can buy the reward today: in its period, some left, and enough points. */
export function canExchange(
  r: Pick<Reward, 'validFrom' | 'validTo' | 'cost'> & { left: number },
  balance: number,
  today: string,
): boolean {
  return rewardPeriod(r, today) === 'current' && r.left > 0 && r.cost <= balance;
}
