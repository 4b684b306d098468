/**
 * Astro content-layer loaders over the ContentSet. Every collection is filled from the same validated set,
 * whichever source produced it; pages never know where an entry came from. Entries go into the store as the
 * set has them: the set was parsed with the very schemas the collections declare (src/domain/model), so
 * Astro's parseData would only validate everything — every Markdown body included — a second time
 * (tests/unit/content-collections.test.ts shows a second parse changes nothing).
 */
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { LOCALES, type Locale, type TranslatedLocale } from '@hc/domain/locales/registry.ts';
import type { Family } from '@hc/domain/model/family.ts';
import { getContentSet, resetContentSet } from './source.ts';
import type { ContentSet, Sourced } from './content-set.ts';
import { localizePlain, resolveText } from '../../lib/localize/resolve.ts';
import { sanitizeHtml } from '@hc/domain/markdown/sanitize.ts';
import { reviewLog } from '../review-report.ts';
import { pointsCoverageReport } from '../points-report.ts';
import { loadPointsContent } from './points.ts';
import { buildNow, localDate } from '@hc/domain/time.ts';

type Pick = (set: ContentSet) => Array<{ id: string; data: Record<string, unknown>; source: string }>;

function watch(ctx: LoaderContext): void {
  ctx.watcher?.on('change', (file) => {
    if (file.includes('/content/')) resetContentSet();
  });
}

/** Published families only: a hidden family leaves nothing anywhere in the site. */
export function publishedFamilies(set: ContentSet): Sourced<Family>[] {
  return set.families.filter((f) => !f.data.hidden);
}

function dataLoader(name: string, pick: Pick): Loader {
  return {
    name: `health-${name}`,
    async load(ctx) {
      watch(ctx);
      const set = await getContentSet();
      ctx.store.clear();
      for (const e of pick(set)) ctx.store.set({ id: e.id, data: e.data, digest: ctx.generateDigest(e.data) });
    },
  };
}

export const audiencesLoader = dataLoader('audiences', (s) =>
  s.audiences.map((e) => ({ id: e.data.id, data: e.data, source: e.source })),
);
export const topicsLoader = dataLoader('topics', (s) =>
  s.topics.map((e) => ({ id: e.data.id, data: e.data, source: e.source })),
);
export const healthDaysLoader = dataLoader('healthDays', (s) =>
  s.healthDays.map((e) => ({ id: e.data.id, data: e.data, source: e.source })),
);
export const eventsLoader = dataLoader('events', (s) =>
  s.events.map((e) => ({ id: e.data.slug, data: e.data, source: e.source })),
);
export const quizzesLoader = dataLoader('quizzes', (s) =>
  s.quizzes.map((e) => ({ id: e.data.slug, data: e.data, source: e.source })),
);
export const siteSettingsLoader = dataLoader('siteSettings', (s) => [
  { id: 'site', data: s.siteSettings.data, source: s.siteSettings.source },
]);
export const familiesLoader = dataLoader('families', (s) =>
  publishedFamilies(s).map((e) => ({ id: e.data.slug, data: e.data, source: e.source })),
);

export const articlesLoader: Loader = {
  name: 'health-articles',
  async load(ctx) {
    watch(ctx);
    const set = await getContentSet();
    ctx.store.clear();
    for (const e of set.articles) ctx.store.set({ id: e.data.slug, data: e.data, digest: ctx.generateDigest(e.data) });
    const today = localDate(buildNow());
    ctx.logger.info(reviewLog(set, today));
    // The points programme's catalogue coverage; an invalid points folder is reported by the points pages' load.
    const points = await loadPointsContent(process.env.CONTENT_DIR ?? path.resolve('content')).catch(() => undefined);
    const coverage = pointsCoverageReport(points, today);
    if (coverage) ctx.logger[coverage.warn ? 'warn' : 'info'](coverage.text);
  },
};

interface TextFields {
  title: string;
  summary: string;
  body: string;
}

async function renderLocalized<T extends TextFields>(
  ctx: LoaderContext,
  id: string,
  locale: Locale,
  original: T,
  human: Partial<Record<TranslatedLocale, T>>,
  extra: Record<string, unknown>,
): Promise<void> {
  const r = resolveText(locale, original, human);
  // Content checks refuse raw HTML and unsafe links before this; the sanitiser makes sure of it whatever the source.
  const md = await ctx.renderMarkdown(r.value.body);
  const rendered = { ...md, html: sanitizeHtml(md.html) };
  const { body: _body, ...fields } = r.value;
  const data = await ctx.parseData({
    id,
    data: {
      ...extra,
      ...fields,
      locale,
      textLocale: r.textLocale,
      textKind: r.kind,
      headings: rendered.metadata?.headings ?? [],
    },
  });
  ctx.store.set({ id, data, rendered, digest: ctx.generateDigest({ data, html: rendered.html }) });
}

/** Each article's text in each locale, rendered to HTML once, with how it was obtained (human, converted …). */
export const articleTextsLoader: Loader = {
  name: 'health-article-texts',
  async load(ctx) {
    watch(ctx);
    const set = await getContentSet();
    ctx.store.clear();
    for (const { data: a } of set.articles) {
      const original = { title: a.title, summary: a.summary, body: a.body };
      const human: Partial<Record<TranslatedLocale, TextFields & { translator?: string }>> = a.translations;
      for (const locale of LOCALES) {
        await renderLocalized(ctx, `${locale}/${a.slug}`, locale, original, human, { slug: a.slug });
      }
    }
  },
};

export const familyTextsLoader: Loader = {
  name: 'health-family-texts',
  async load(ctx) {
    watch(ctx);
    const set = await getContentSet();
    ctx.store.clear();
    for (const { data: f } of publishedFamilies(set)) {
      const original = {
        title: f.displayName,
        summary: f.summary,
        body: f.story,
        members: f.members,
        habits: f.habits,
        awardTitle: f.award.title,
      };
      const human: Partial<Record<TranslatedLocale, typeof original>> = {};
      for (const [loc, t] of Object.entries(f.translations) as Array<
        [TranslatedLocale, NonNullable<Family['translations']['en']>]
      >) {
        if (!t) continue;
        human[loc] = {
          title: t.displayName,
          summary: t.summary,
          body: t.story,
          members: t.members,
          // Habits left untranslated are shown as this locale shows untranslated text (converted, or the original).
          habits: t.habits ?? f.habits.map((h) => localizePlain(h, loc).text),
          awardTitle: t.awardTitle ?? f.award.title,
        };
      }
      for (const locale of LOCALES) {
        await renderLocalized(ctx, `${locale}/${f.slug}`, locale, original, human, { slug: f.slug });
      }
    }
  },
};
