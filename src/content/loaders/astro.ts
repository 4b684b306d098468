/**
 * Astro content-layer loaders over the ContentSet. Every collection is filled from the same validated set,
 * whichever source produced it; pages never know where an entry came from. Entries go into the store as the
 * set has them: the set was parsed with the very schemas the collections declare (src/domain/model), so
 * Astro's parseData would only validate everything — every Markdown body included — a second time
 * (tests/unit/content-collections.test.ts shows a second parse changes nothing).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { LOCALES, type Locale, type OpenccTarget, type TranslatedLocale } from '@hc/domain/locales/registry.ts';
import type { Family } from '@hc/domain/model/family.ts';
import { getContentSet, resetContentSet } from './source.ts';
import { codeFingerprint, textKey } from './text-cache.ts';
import type { ContentSet, Sourced } from './content-set.ts';
import { localizePlain, resolveText, textsToConvert } from '../../lib/localize/resolve.ts';
import { rememberConversions, toTraditionalAll } from '../../lib/text/convert.ts';
import { helpWithQueuedWork, offload } from '../../lib/offload/index.ts';
import { sanitizeAll } from '@hc/domain/markdown/sanitize.ts';
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

/** One text of a document in one locale, to resolve, render and store. */
interface TextJob<T extends TextFields> {
  id: string;
  locale: Locale;
  original: T;
  human: Partial<Record<TranslatedLocale, T>>;
  extra: Record<string, unknown>;
}

type StoreEntry = Parameters<LoaderContext['store']['set']>[0];

type RenderedBody = Awaited<ReturnType<LoaderContext['renderMarkdown']>>;

/** Bodies per sanitising job: as for conversions, the first comes back soon and messages stay few. */
const SANITIZE_BATCH = 16;

/**
 * Renders each distinct body once (an untranslated English text is the Simplified original, and the Taiwan
 * and Hong Kong conversions of a text are often the same) and sanitises it on the build's worker thread, in
 * batches, while this thread renders the next; `flush` sends the last batch.
 */
function bodyRenderer(ctx: LoaderContext) {
  const bodies = new Map<string, Promise<RenderedBody>>();
  let batch: Array<{ html: string; done: (html: string) => void; failed: (e: unknown) => void }> = [];
  const flush = () => {
    if (!batch.length) return;
    const sent = batch;
    batch = [];
    offload('../domain/markdown/sanitize.ts', 'sanitizeAll', [sent.map((b) => b.html)], sanitizeAll).then(
      (out) => sent.forEach((b, i) => b.done(out[i]!)),
      (e: unknown) => sent.forEach((b) => b.failed(e)),
    );
  };
  const sanitized = (html: string) =>
    new Promise<string>((done, failed) => {
      batch.push({ html, done, failed });
      if (batch.length >= SANITIZE_BATCH) flush();
    });
  /** Renders a body (now) and starts sanitising it; the promise is of the sanitised rendering. */
  const render = async (body: string): Promise<void> => {
    if (bodies.has(body)) return;
    const md = await ctx.renderMarkdown(body);
    // Content checks refuse raw HTML and unsafe links before this; the sanitiser makes sure of it whatever the source.
    const made = sanitized(md.html).then((html) => ({ ...md, html }));
    // A failure is thrown where the entry awaits it, not as an unhandled rejection before.
    made.catch(() => {});
    bodies.set(body, made);
  };
  return { render, flush, get: (body: string) => bodies.get(body)! };
}

/** The store entry of a text whose body has been rendered; each entry gets its own copy of the rendering. */
async function entryOf<T extends TextFields>(
  ctx: LoaderContext,
  job: TextJob<T>,
  made: Promise<RenderedBody>,
): Promise<StoreEntry> {
  const { id, locale, original, human, extra } = job;
  const r = resolveText(locale, original, human);
  const rendered = structuredClone(await made);
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
  return { id, data, rendered, digest: ctx.generateDigest({ data, html: rendered.html }) };
}

/** Texts per conversion job on the worker: the first arrives soon, and messages stay few. */
const CONVERT_BATCH = 24;

/**
 * Starts converting (OpenCC, the costliest step of a text) every string the jobs show converted, in batches on
 * the build's worker thread; each job's entry is the promise that its strings are in this thread's memo
 * (undefined when it shows a human or the original text). Workers off, the batches convert here.
 */
function convertAhead(jobs: ReadonlyArray<TextJob<TextFields>>): Array<Promise<void> | undefined> {
  const ready: Array<Promise<void> | undefined> = [];
  const pending = new Map<OpenccTarget, { texts: string[]; jobs: number[] }>();
  const flush = (target: OpenccTarget) => {
    const batch = pending.get(target);
    if (!batch) return;
    pending.delete(target);
    const done = offload('text/convert.ts', 'toTraditionalAll', [batch.texts, target], toTraditionalAll).then(
      (converted) => rememberConversions(target, batch.texts, converted),
    );
    // A failure is thrown where the job awaits it, not as an unhandled rejection before.
    done.catch(() => {});
    for (const i of batch.jobs) ready[i] = done;
  };
  jobs.forEach((job, i) => {
    const need = textsToConvert(job.locale, job.original, job.human);
    if (!need) return;
    let batch = pending.get(need.target);
    if (!batch) pending.set(need.target, (batch = { texts: [], jobs: [] }));
    batch.texts.push(...need.texts);
    batch.jobs.push(i);
    if (batch.jobs.length >= CONVERT_BATCH) flush(need.target);
  });
  for (const target of [...pending.keys()]) flush(target);
  return ready;
}

/**
 * Renders every text into the store: those with nothing to convert first, while the worker converts the
 * others, then those as their conversions arrive. The store gets them in the jobs' order all the same.
 */
async function renderTexts(ctx: LoaderContext, jobs: ReadonlyArray<TextJob<TextFields>>): Promise<void> {
  // An entry an earlier build made from the same inputs and code is taken as it is (./text-cache.ts).
  const code = codeFingerprint(fileURLToPath(ctx.config.root));
  const previous = new Map(code ? ctx.store.entries() : []);
  ctx.store.clear();
  const keys = jobs.map((job) =>
    code ? textKey(code, [job.id, job.locale, job.original, job.human, job.extra]) : undefined,
  );
  const kept = jobs.map((job, i) => {
    const entry = previous.get(job.id);
    return keys[i] !== undefined && entry?.digest === keys[i] ? entry : undefined;
  });
  // Conversions are made all the same (on the worker): the pages and the search docs convert the same texts.
  const ready = convertAhead(jobs);
  const bodies = bodyRenderer(ctx);
  const bodyOf = (job: TextJob<TextFields>) => resolveText(job.locale, job.original, job.human).value.body;
  for (let i = 0; i < jobs.length; i++) if (!ready[i] && !kept[i]) await bodies.render(bodyOf(jobs[i]!));
  for (let i = 0; i < jobs.length; i++) {
    if (!ready[i] || kept[i]) continue;
    await ready[i];
    await bodies.render(bodyOf(jobs[i]!));
  }
  bodies.flush();
  // Every body is rendered: this thread sanitises the batches the worker has not started. Conversions still
  // queued are for texts taken from the cache, which nothing here waits for: they stay with the worker (they
  // fill the memo the pages convert from) while this thread goes on to bundle and render.
  await helpWithQueuedWork('sanitizeAll');
  const entries: StoreEntry[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    const old = kept[i];
    if (old) entries.push({ id: job.id, data: old.data, rendered: old.rendered, digest: keys[i] });
    else {
      const entry = await entryOf(ctx, job, bodies.get(bodyOf(job)));
      entries.push(keys[i] === undefined ? entry : { ...entry, digest: keys[i] });
    }
  }
  for (const entry of entries) ctx.store.set(entry);
}

/** Each article's text in each locale, rendered to HTML once, with how it was obtained (human, converted …). */
export const articleTextsLoader: Loader = {
  name: 'health-article-texts',
  async load(ctx) {
    watch(ctx);
    const set = await getContentSet();
    const jobs: Array<TextJob<TextFields>> = [];
    for (const { data: a } of set.articles) {
      const original = { title: a.title, summary: a.summary, body: a.body };
      const human: Partial<Record<TranslatedLocale, TextFields & { translator?: string }>> = a.translations;
      for (const locale of LOCALES)
        jobs.push({ id: `${locale}/${a.slug}`, locale, original, human, extra: { slug: a.slug } });
    }
    await renderTexts(ctx, jobs);
  },
};

export const familyTextsLoader: Loader = {
  name: 'health-family-texts',
  async load(ctx) {
    watch(ctx);
    const set = await getContentSet();
    const jobs: Array<TextJob<TextFields>> = [];
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
      for (const locale of LOCALES)
        jobs.push({ id: `${locale}/${f.slug}`, locale, original, human, extra: { slug: f.slug } });
    }
    await renderTexts(ctx, jobs);
  },
};
