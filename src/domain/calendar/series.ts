/**
 * The starts of a series from its recurrence rule, with `rrule` on floating wall-clock times. It needs only the
 * start and the rule, so the event model can check its overrides with it and the occurrences build on it
 * without either importing the other.
 */
import * as rrule from 'rrule';
import { floating, formatFloating } from './zoned.ts';

// rrule ships CommonJS for Node and ESM for bundlers: take RRule from whichever shape arrives.
const RRule: typeof rrule.RRule = rrule.RRule ?? (rrule as unknown as { default: typeof rrule }).default.RRule;

/** Local starts of every occurrence of the event's rule (or its single start), before exceptions. */
export function seriesStarts(event: { start: string; rrule?: string }, until: Date): string[] {
  if (!event.rrule) return [event.start];
  const rule = new RRule({ ...RRule.parseString(event.rrule), dtstart: floating(event.start) });
  // `until` is an instant; compare in floating time with a day of margin, then filter exactly below.
  const limit = new Date(until.getTime() + 36 * 3600_000);
  return rule.between(floating(event.start), limit, true).map(formatFloating);
}
