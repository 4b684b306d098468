/** Whether an event is over: its last occurrence has ended (a series with no end never is). */
import type { HealthEvent } from '../model/event.ts';
import { occurrencesBetween } from './occurrences.ts';

type EventLike = Parameters<typeof occurrencesBetween>[0];

/** Looks `horizonDays` ahead of `now`: an open-ended series always has an occurrence there. */
export function hasEnded(event: EventLike | HealthEvent, now: Date, horizonDays = 800): boolean {
  const ahead = occurrencesBetween(event, now, new Date(now.getTime() + horizonDays * 86400_000));
  if (ahead.length > 0) return false;
  return occurrencesBetween(event, new Date(0), now).length > 0;
}
