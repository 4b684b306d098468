/**
 * What the build hands the points service (`npm run points:sync`): the points content and the event
 * occurrences it can earn on, in one document the service stores as a version. Occurrence ids are
 * "<event slug>/<original local start>", stable across edits that move an occurrence.
 */
import { z } from 'zod';
import { occurrencesBetween } from '../calendar/occurrences.ts';
import type { HealthEvent } from '../model/event.ts';
import { EVENT_TYPES } from '../model/event.ts';
import { localDate } from '../time.ts';
import {
  departmentSchema,
  earningRuleSchema,
  pointsSettingsSchema,
  rewardSchema,
  type PointsContent,
} from './model.ts';

export const catalogueOccurrenceSchema = z.strictObject({
  id: z.string().min(3).max(120),
  eventSlug: z.string().min(1).max(100),
  eventType: z.enum(EVENT_TYPES),
  title: z.string().min(1).max(100),
  localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  status: z.enum(['scheduled', 'cancelled', 'postponed', 'moved']),
});
export type CatalogueOccurrence = z.infer<typeof catalogueOccurrenceSchema>;

export const catalogueSchema = z.strictObject({
  settings: pointsSettingsSchema,
  departments: z.array(departmentSchema),
  rules: z.array(earningRuleSchema),
  rewards: z.array(rewardSchema),
  occurrences: z.array(catalogueOccurrenceSchema).max(100_000),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

export function occurrenceId(slug: string, key: string): string {
  return `${slug}/${key}`;
}

/** The catalogue for the service: points content plus every occurrence of `events` between `from` and `to`. */
export function buildCatalogue(
  content: PointsContent,
  events: readonly HealthEvent[],
  from: Date,
  to: Date,
): Catalogue {
  const occurrences = events.flatMap((e) =>
    occurrencesBetween(e, from, to).map((o) => ({
      id: occurrenceId(e.slug, o.key),
      eventSlug: e.slug,
      eventType: e.type,
      title: e.title,
      localDate: localDate(o.startInstant, e.timeZone),
      startsAt: o.startInstant.toISOString(),
      endsAt: o.endInstant.toISOString(),
      status: o.status,
    })),
  );
  return { ...content, occurrences };
}
