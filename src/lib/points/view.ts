/**
 * What the 健康积分 pages show, prepared from the points content for one locale: the reward catalogue grouped by
 * the department that supplies it, and the earning rules. Pure: the content, the locale and today's date in,
 * plain data out; pages render it and compute nothing.
 */
import type { Locale } from '@hc/domain/locales/registry.ts';
import type { EarningRule, PointsContent } from '@hc/domain/points/model.ts';
import { rewardPeriod, type RewardPeriod } from '@hc/domain/points/rewards.ts';
import { localizeString, type Shown } from '../localize/resolve.ts';

/**
 * The static pages know only the total a department supplies (the service counts what is taken), so the
 * state is from that total: none left, a few (at most LOW_STOCK), or available.
 */
export const LOW_STOCK = 20;
export type StockState = 'available' | 'low' | 'out';
export function stockState(stock: number): StockState {
  return stock <= 0 ? 'out' : stock <= LOW_STOCK ? 'low' : 'available';
}

export interface RewardView {
  id: string;
  name: Shown;
  description?: Shown;
  cost: number;
  stock: StockState;
  perPersonLimit: number;
  validFrom: string;
  validTo: string;
  period: RewardPeriod;
  collectAt: Shown;
  voucherDays: number;
}

export interface DepartmentRewards {
  id: string;
  name: Shown;
  rewards: RewardView[];
}

/**
 * Rewards by department, departments in the content's order (those without rewards left out), each
 * department's rewards from the cheapest; exchangeable ones before those not yet started, ended ones last.
 */
export function rewardsByDepartment(content: PointsContent, locale: Locale, today: string): DepartmentRewards[] {
  const order: Record<RewardPeriod, number> = { current: 0, upcoming: 1, ended: 2 };
  return content.departments
    .map((d) => ({
      id: d.id,
      name: localizeString(d.name, locale),
      rewards: content.rewards
        .filter((r) => r.department === d.id)
        .map((r): RewardView => ({
          id: r.id,
          name: localizeString(r.name, locale),
          ...(r.description ? { description: localizeString(r.description, locale) } : {}),
          cost: r.cost,
          stock: stockState(r.stock),
          perPersonLimit: r.perPersonLimit,
          validFrom: r.validFrom,
          validTo: r.validTo,
          period: rewardPeriod(r, today),
          collectAt: localizeString(r.collectAt, locale),
          voucherDays: r.voucherDays,
        }))
        .sort((a, b) => order[a.period] - order[b.period] || a.cost - b.cost || a.id.localeCompare(b.id)),
    }))
    .filter((d) => d.rewards.length > 0);
}

export interface RuleView {
  id: string;
  title: Shown;
  points: number;
  dailyCap: number;
  /** Events that earn their own amount instead of `points`, with their titles in the locale. */
  events: Array<{ slug: string; title: Shown; points: number }>;
}

/**
 * The earning rules in the content's order: attending events (by type) and activities staff record.
 * `eventTitle` names an event by slug in the locale (undefined: the event is not published, and is left out).
 */
export function earningRules(
  content: PointsContent,
  locale: Locale,
  eventTitle: (slug: string) => Shown | undefined,
): { events: RuleView[]; activities: RuleView[] } {
  const view = (r: EarningRule): RuleView => ({
    id: r.id,
    title: localizeString(r.title, locale),
    points: r.points,
    dailyCap: r.dailyCap,
    events: Object.entries(r.events).flatMap(([slug, points]) => {
      const title = eventTitle(slug);
      return title ? [{ slug, title, points }] : [];
    }),
  });
  return {
    events: content.rules.filter((r) => r.eventType).map(view),
    activities: content.rules.filter((r) => r.activity).map(view),
  };
}
