/**
 * The one mapping between the site's content model (src/domain/model) and the Studio's documents
 * (cms/schemaTypes), both ways:
 *   toSanityDocuments  ContentSet → documents for `sanity dataset import` (scripts/cms-export.ts)
 *   fromSanity*        GROQ results (queries.ts) → the raw shapes the local loader produces, for the same Zod
 * Differences it bridges: locale keys (zh-hant ↔ zh_hant), slugs ({current}), references (ids), assets
 * (src paths ↔ uploaded assets), bodies (Markdown ↔ Portable Text), quiz question translations (record ↔ array).
 * Pure: no network, no Astro.
 */
import { createHash } from 'node:crypto';
import type { ContentSet } from '../loaders/content-set.ts';
import { localDate } from '@hc/domain/time.ts';
import type { Article, Family, HealthEvent, LocalizedString, Quiz, Source } from '@hc/domain/model/index.ts';
import { markdownToPortableText } from '../../lib/portable-text/from-markdown.ts';
import { portableTextToMarkdown } from '../../lib/portable-text/markdown.ts';
import type { PtImage, PtNode } from '../../lib/portable-text/types.ts';
import { LOCALES, registry, TRANSLATED_LOCALES } from '@hc/domain/locales/registry.ts';

export const TRANSLATION_LOCALES = TRANSLATED_LOCALES;
/** Site locale → Sanity field name (field names cannot hold a hyphen), from the locale registry. */
export const LOCALE_FIELD: Record<string, string> = Object.fromEntries(
  LOCALES.map((l) => [l, registry.sanityField(l)]),
);
export const FIELD_LOCALE: Record<string, string> = Object.fromEntries(
  Object.entries(LOCALE_FIELD).map(([k, v]) => [v, k]),
);

export type SanityDoc = Record<string, unknown> & { _id: string; _type: string };

// ───────────────────────────── content/ → Sanity ─────────────────────────────

export interface ExportOptions {
  /** Absolute path of content/ (media src paths are relative to it). */
  contentRoot: string;
}

const ref = (type: string, id: string, i: number) => ({
  _type: 'reference',
  _key: `${type}-${i}`,
  _ref: `${type}.${id}`,
});
const refs = (type: string, ids: readonly string[]) => ids.map((id, i) => ref(type, id, i));
const slug = (current: string) => ({ _type: 'slug', current });
const keyed = <T extends object>(
  items: readonly T[] | undefined,
  type: string,
): Array<T & { _key: string; _type: string }> =>
  (items ?? []).map((item, i) => ({ _type: type, _key: `${type}-${i}`, ...item }));

function localeObject(value: LocalizedString | undefined, type = 'localeString'): Record<string, unknown> | undefined {
  if (!value) return undefined;
  return { _type: type, ...Object.fromEntries(Object.entries(value).map(([k, v]) => [LOCALE_FIELD[k] ?? k, v])) };
}

function fileUrl(opts: ExportOptions, src: string): string {
  return `file://${opts.contentRoot.replace(/\/+$/, '')}/${src.replace(/^\/+/, '')}`;
}

function image(
  opts: ExportOptions,
  img: { src: string; alt: string; credit?: string; license?: string } | undefined,
  key?: string,
) {
  if (!img) return undefined;
  return {
    _type: 'contentImage',
    ...(key ? { _key: key } : {}),
    _sanityAsset: `image@${fileUrl(opts, img.src)}`,
    alt: img.alt,
    ...(img.credit ? { credit: img.credit } : {}),
    ...(img.license ? { license: img.license } : {}),
  };
}

function body(opts: ExportOptions, markdown: string, keyPrefix: string): PtNode[] {
  return markdownToPortableText(markdown, {
    keyPrefix,
    image: (src, alt, key) => ({ _type: 'contentImage', _key: key, alt, _sanityAsset: `image@${fileUrl(opts, src)}` }),
  });
}

/** Drops undefined values so the NDJSON stays small and stable. */
function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, clean(v)]),
    ) as T;
  }
  return value;
}

function translations<T>(
  all: Partial<Record<string, T>> | undefined,
  map: (t: T, locale: string) => Record<string, unknown>,
  type: string,
) {
  const out: Record<string, unknown> = {};
  for (const locale of TRANSLATION_LOCALES) {
    const t = all?.[locale];
    if (t) out[LOCALE_FIELD[locale]!] = { _type: type, ...map(t, locale) };
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The source document id of a citation: `source.<id>` for an entry of the source list; a written-out citation
 * (content without a source list) becomes a document of its own, named by a hash of what it says.
 */
export function sourceDocId(s: Source): string {
  return s.id
    ? `source.${s.id}`
    : `source.inline-${sha1(`${s.title}|${s.publisher}|${s.year}|${s.edition ?? ''}|${s.url ?? ''}`).slice(0, 12)}`;
}

function sourceDoc(s: Source & { updatedAt?: string }): SanityDoc {
  return {
    _id: sourceDocId(s),
    _type: 'source',
    id: s.id ? slug(s.id) : undefined,
    title: s.title,
    publisher: s.publisher,
    year: s.year,
    edition: s.edition,
    url: s.url,
    updatedAt: s.updatedAt,
  };
}

function articleDoc(a: Article, opts: ExportOptions): SanityDoc {
  return {
    _id: `article.${a.slug}`,
    _type: 'article',
    title: a.title,
    slug: slug(a.slug),
    summary: a.summary,
    body: body(opts, a.body, 'b'),
    audiences: refs('audience', a.audiences),
    topics: refs('topic', a.topics),
    keywords: a.keywords,
    aliases: a.aliases,
    featured: a.featured,
    hero: image(opts, a.hero),
    audio: a.audio.map((t, i) => ({
      _type: 'audioTrack',
      _key: `audio-${i}`,
      dialect: t.dialect,
      durationSec: t.durationSec,
      transcriptOf: t.transcriptOf,
      src: { _type: 'file', _sanityAsset: `file@${fileUrl(opts, t.src)}` },
    })),
    reviewer: { _type: 'reviewer', ...a.reviewer },
    reviewedAt: a.reviewedAt,
    nextReviewDue: a.nextReviewDue,
    sources: a.sources.map((s, i) => ({ _type: 'reference', _key: `source-${i}`, _ref: sourceDocId(s) })),
    updatedAt: a.updatedAt,
    translations: translations(
      a.translations,
      (t, locale) => ({
        title: t.title,
        summary: t.summary,
        translator: t.translator,
        body: body(opts, t.body, `${LOCALE_FIELD[locale]}-`),
      }),
      'articleTranslation',
    ),
  };
}

function eventDoc(e: HealthEvent, opts: ExportOptions): SanityDoc {
  return {
    _id: `event.${e.slug}`,
    _type: 'event',
    title: e.title,
    slug: slug(e.slug),
    summary: e.summary,
    description: e.description,
    type: e.type,
    start: e.start,
    end: e.end,
    timeZone: e.timeZone,
    rrule: e.rrule,
    exceptions: e.exceptions,
    overrides: keyed(
      e.overrides.map((o) => ({ ...o, location: o.location ? { _type: 'eventLocation', ...o.location } : undefined })),
      'occurrenceOverride',
    ),
    location: { _type: 'eventLocation', ...e.location },
    organiser: e.organiser,
    audiences: refs('audience', e.audiences),
    topics: refs('topic', e.topics),
    signUp: e.signUp,
    accessibility: e.accessibility,
    volunteersWanted: e.volunteersWanted,
    status: e.status,
    statusNote: e.statusNote,
    image: image(opts, e.image),
    sequence: e.sequence,
    updatedAt: e.updatedAt,
    translations: translations(e.translations, (t) => ({ ...t }), 'eventTranslation'),
  };
}

function familyDoc(f: Family, opts: ExportOptions): SanityDoc {
  return {
    _id: `family.${f.slug}`,
    _type: 'family',
    displayName: f.displayName,
    slug: slug(f.slug),
    members: f.members,
    summary: f.summary,
    story: body(opts, f.story, 's'),
    photos: f.photos.map((p, i) => image(opts, p, `photo-${i}`)),
    habits: f.habits,
    award: f.award,
    building: f.building,
    consent: f.consent,
    hidden: f.hidden,
    fictional: f.fictional,
    audiences: refs('audience', f.audiences),
    topics: refs('topic', f.topics),
    translations: translations(
      f.translations,
      (t, locale) => ({
        displayName: t.displayName,
        members: t.members,
        summary: t.summary,
        habits: t.habits,
        awardTitle: t.awardTitle,
        story: body(opts, t.story, `${LOCALE_FIELD[locale]}-`),
      }),
      'familyTranslation',
    ),
  };
}

function quizDoc(q: Quiz): SanityDoc {
  return {
    _id: `quiz.${q.slug}`,
    _type: 'quiz',
    slug: slug(q.slug),
    kind: q.kind,
    title: q.title,
    summary: q.summary,
    intro: q.intro,
    questions: keyed(
      q.questions.map((qq) => ({
        ...qq,
        options: keyed(qq.options, 'quizOption'),
        bands: keyed(qq.bands, 'numberBand'),
        derived: qq.derived ? { formula: qq.derived.formula, inputs: [...qq.derived.inputs] } : undefined,
        recommend: refs('article', qq.recommend),
      })),
      'quizQuestion',
    ),
    results: keyed(
      q.results.map((r) => ({
        ...r,
        recommend: {
          articles: refs('article', r.recommend.articles),
          audiences: refs('audience', r.recommend.audiences),
        },
      })),
      'resultBand',
    ),
    source: {
      _type: 'quizSource',
      source: { _type: 'reference', _ref: sourceDocId(q.source) },
      section: q.source.section,
    },
    disclaimer: q.disclaimer,
    audiences: refs('audience', q.audiences),
    topics: refs('topic', q.topics),
    reviewer: { _type: 'reviewer', ...q.reviewer },
    reviewedAt: q.reviewedAt,
    nextReviewDue: q.nextReviewDue,
    updatedAt: q.updatedAt,
    translations: translations(
      q.translations,
      (t) => ({
        title: t.title,
        intro: t.intro,
        disclaimer: t.disclaimer,
        questions: Object.entries(t.questions).map(([questionId, qt], i) => ({
          _type: 'questionTranslation',
          _key: `qt-${i}`,
          questionId,
          text: qt.text,
          explain: qt.explain,
          options: qt.options,
          // Sanity arrays hold no nulls: an option without an explanation is "".
          optionExplains: qt.optionExplains?.map((x) => x ?? ''),
          unit: qt.unit,
        })),
        results: keyed(t.results, 'resultTranslation'),
      }),
      'quizTranslation',
    ),
  };
}

/** Every document of a content set, in a stable order with deterministic ids (`<type>.<slug or id>`). */
export function toSanityDocuments(set: ContentSet, opts: ExportOptions): SanityDoc[] {
  const taxonomy =
    (type: 'audience' | 'topic') =>
    (t: ContentSet['audiences'][number]['data']): SanityDoc => ({
      _id: `${type}.${t.id}`,
      _type: type,
      id: slug(t.id),
      name: localeObject(t.name),
      description: localeObject(t.description, 'localeText'),
      icon: t.icon,
      order: t.order,
    });
  const s = set.siteSettings.data;
  // The source list, and a document for every written-out citation (one per distinct citation).
  const sources = new Map<string, SanityDoc>();
  for (const e of set.sources ?? []) sources.set(sourceDocId(e.data), sourceDoc(e.data));
  for (const c of [...set.articles.flatMap((a) => a.data.sources), ...set.quizzes.map((q) => q.data.source)]) {
    if (!sources.has(sourceDocId(c))) {
      const { section: _section, ...entry } = c;
      sources.set(sourceDocId(c), sourceDoc(entry));
    }
  }
  const docs: SanityDoc[] = [
    ...sources.values(),
    ...set.audiences.map((e) => taxonomy('audience')(e.data)),
    ...set.topics.map((e) => taxonomy('topic')(e.data)),
    ...set.healthDays.map(({ data: d }): SanityDoc => ({
      _id: `healthDay.${d.id}`,
      _type: 'healthDay',
      id: slug(d.id),
      name: localeObject(d.name),
      rule: d.rule,
      topics: refs('topic', d.topics),
      audiences: refs('audience', d.audiences),
    })),
    ...set.articles.map((e) => articleDoc(e.data, opts)),
    ...set.events.map((e) => eventDoc(e.data, opts)),
    ...set.families.map((e) => familyDoc(e.data, opts)),
    ...set.quizzes.map((e) => quizDoc(e.data)),
    {
      _id: 'siteSettings',
      _type: 'siteSettings',
      communityName: localeObject(s.communityName),
      centreName: localeObject(s.centreName),
      tagline: localeObject(s.tagline),
      contact: {
        phone: s.contact.phone,
        address: localeObject(s.contact.address),
        hours: localeObject(s.contact.hours),
      },
      emergency: s.emergency.map((e, i) => ({
        _type: 'emergencyNumber',
        _key: `emergency-${i}`,
        number: e.number,
        label: localeObject(e.label),
      })),
      defaultLocale: s.defaultLocale,
      sampleNotice: localeObject(s.sampleNotice),
    },
  ];
  return docs.map(clean);
}

// ───────────────────────────── Sanity → the model ─────────────────────────────

/** An asset as `asset->` returns it. */
export interface SanityAsset {
  _id?: string;
  url?: string;
  originalFilename?: string;
  extension?: string;
  metadata?: { dimensions?: { width?: number; height?: number } };
}

export interface MapOptions {
  /** The src the model stores for an asset: a path under content/ or a URL. */
  assetSrc: (asset: SanityAsset, kind: 'image' | 'file') => string | undefined;
  /** URL for an image inside a body (Markdown image). */
  bodyImageUrl: (asset: SanityAsset) => string | undefined;
}

/**
 * GROQ gives null for every missing field; the model wants them absent (so Zod defaults apply).
 * Nulls inside arrays stay: they are dangling references, which Zod then reports with their index.
 */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === null ? null : stripNulls(v)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined || k === '_key' || k === '_type') continue;
      out[FIELD_LOCALE[k] ?? k] = stripNulls(v);
    }
    return out;
  }
  return value;
}

type Raw = Record<string, unknown>;

function mdBody(nodes: unknown, opts: MapOptions): string | undefined {
  if (nodes === null || nodes === undefined) return undefined;
  if (!Array.isArray(nodes)) return undefined;
  return portableTextToMarkdown(nodes as PtNode[], {
    imageUrl: (img: PtImage) => (img.asset ? opts.bodyImageUrl(img.asset as SanityAsset) : undefined),
  });
}

function mapImage(img: unknown, opts: MapOptions): unknown {
  if (!img || typeof img !== 'object') return img ?? undefined;
  const { asset, ...rest } = img as Raw & { asset?: SanityAsset | null };
  return { ...rest, src: asset ? opts.assetSrc(asset, 'image') : undefined };
}

function mapTranslations(raw: unknown, map: (t: Raw) => Raw): Raw | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const out: Raw = {};
  for (const [field, t] of Object.entries(raw as Raw)) {
    if (t && typeof t === 'object' && FIELD_LOCALE[field]) out[FIELD_LOCALE[field]] = map(t as Raw);
  }
  return out;
}

/** One mapped document: the raw model shape (before Zod) and its Sanity id. */
export interface Mapped {
  id: string;
  raw: Raw;
}

function finish(doc: Raw, overrides: Raw): Mapped {
  const { _id, ...rest } = doc;
  return { id: String(_id), raw: stripNulls({ ...rest, ...overrides }) as Raw };
}

export const fromSanity = {
  taxonomy: (d: Raw): Mapped => finish(d, {}),
  healthDay: (d: Raw): Mapped => finish(d, {}),
  article: (d: Raw, opts: MapOptions): Mapped =>
    finish(d, {
      body: mdBody(d.body, opts),
      hero: d.hero ? mapImage(d.hero, opts) : undefined,
      audio: Array.isArray(d.audio)
        ? d.audio.map((t: Raw | null) => {
            if (!t) return t;
            const { asset, ...rest } = t as Raw & { asset?: SanityAsset | null };
            return { ...rest, src: asset ? opts.assetSrc(asset, 'file') : undefined };
          })
        : undefined,
      translations: mapTranslations(d.translations, (t) => ({ ...t, body: mdBody(t.body, opts) })),
    }),
  event: (d: Raw, opts: MapOptions): Mapped => finish(d, { image: d.image ? mapImage(d.image, opts) : undefined }),
  family: (d: Raw, opts: MapOptions): Mapped =>
    finish(d, {
      story: mdBody(d.story, opts),
      photos: Array.isArray(d.photos) ? d.photos.map((p) => mapImage(p, opts)) : undefined,
      translations: mapTranslations(d.translations, (t) => ({ ...t, story: mdBody(t.story, opts) })),
    }),
  // A source changed after a document was reviewed flags it 待复审: the day of the last change to its document.
  source: ({ _updatedAt, ...d }: Raw): Mapped =>
    finish(d, {
      updatedAt: d.updatedAt ?? (typeof _updatedAt === 'string' ? localDate(new Date(_updatedAt)) : undefined),
    }),
  quiz: (d: Raw): Mapped =>
    finish(d, {
      translations: mapTranslations(d.translations, (t) => ({
        ...t,
        questions: Array.isArray(t.questions)
          ? Object.fromEntries(
              (t.questions as Raw[]).filter(Boolean).map((q) => {
                const { questionId, optionExplains, ...rest } = q;
                return [
                  String(questionId),
                  {
                    ...rest,
                    ...(Array.isArray(optionExplains)
                      ? { optionExplains: optionExplains.map((x) => (x === '' || x === null ? undefined : x)) }
                      : {}),
                  },
                ];
              }),
            )
          : undefined,
      })),
    }),
  siteSettings: (d: Raw): Mapped => finish(d, {}),
};

/** Sanity's asset ids carry the SHA-1 of the file: image-<sha1>-<w>x<h>-<ext>, file-<sha1>-<ext>. */
export function assetSha1(assetId: string | undefined): string | undefined {
  return /^(?:image|file)-([0-9a-f]{40})-/.exec(assetId ?? '')?.[1];
}

export function sha1(data: Buffer | string): string {
  return createHash('sha1').update(data).digest('hex');
}
