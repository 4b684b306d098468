/**
 * The 健康积分 pages' data: the points content from content/points/ (validated by the same loader as
 * `npm run validate:content`), read once per build, shaped per locale by src/lib/points/view.ts. A content
 * folder without points/ has no programme: the pages are not built and nothing links to them.
 */
import path from 'node:path';
import type { Locale } from '@hc/domain/locales/registry.ts';
import type { HealthEvent } from '@hc/domain/model/event.ts';
import { pointsForEvent, type PointsContent } from '@hc/domain/points/model.ts';
import { localeParams } from '../../i18n/locales.ts';
import { localizeEvent } from '../../lib/localize/event.ts';
import { earningRules, rewardsByDepartment } from '../../lib/points/view.ts';
import { loadPointsContent } from '../loaders/points.ts';
import { getEvents, now } from '../queries.ts';

let memo: Promise<PointsContent | undefined> | undefined;

/** The points content, or undefined when the content folder has no programme. */
export function getPointsContent(): Promise<PointsContent | undefined> {
  if (!memo || import.meta.env?.DEV) {
    memo = getEvents().then((events) =>
      loadPointsContent(
        process.env.CONTENT_DIR ?? path.resolve('content'),
        events.map((e) => e.slug),
      ),
    );
  }
  return memo;
}

/** getStaticPaths of the points pages: every locale when there is a programme, none otherwise. */
export async function pointsPaths() {
  return (await getPointsContent()) ? localeParams() : [];
}

/** The reward catalogue in a locale (the content exists: the page is only built then). */
export async function rewardsPageView(locale: Locale) {
  const content = (await getPointsContent())!;
  return { sample: content.settings.sample, departments: rewardsByDepartment(content, locale, now().today) };
}

/** The earning rules in a locale, per-event amounts named by the events' titles. */
export async function earnPageView(locale: Locale) {
  const content = (await getPointsContent())!;
  const events = new Map((await getEvents()).map((e) => [e.slug, e]));
  return {
    sample: content.settings.sample,
    expiry: content.settings.expiry,
    consentVersion: content.settings.consentVersion,
    ...earningRules(content, locale, (slug) => {
      const e = events.get(slug);
      if (!e) return undefined;
      const v = localizeEvent(e, locale);
      return { text: v.title, ...(v.lang ? { lang: v.lang } : {}) };
    }),
  };
}

/** The points attending `event` earns (its own amount, else its type's), or undefined when it earns none. */
export async function eventPoints(event: Pick<HealthEvent, 'type' | 'slug'>): Promise<number | undefined> {
  const content = await getPointsContent();
  return content && pointsForEvent(content.rules, event.type, event.slug)?.points;
}
