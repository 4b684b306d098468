/**
 * The Sanity source: CONTENT_SOURCE=sanity with SANITY_PROJECT_ID and SANITY_DATASET (and SANITY_API_READ_TOKEN
 * for a private dataset; it is used here, at build time, and never reaches a page). One GROQ query fetches the
 * whole content set once per build; documents are mapped to the shapes the git source produces and validated by
 * the same Zod schemas and cross-checks. An invalid document is reported by its id and field path and left
 * out, so one editor's mistake cannot break the published site; STRICT=1 fails the build instead.
 * SANITY_API_HOST points the client at another API host (the loopback server in tests).
 *
 * SANITY_PERSPECTIVE=drafts builds a PREVIEW: every document as its latest draft (what an editor sees in the
 * Studio), for editors and reviewers to check a draft before it is published. It needs SANITY_API_READ_TOKEN
 * (drafts are never readable without one) and must never be deployed as the public site. The public build is
 * always `published` (the default), so drafts cannot reach it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createClient, type SanityClient } from '@sanity/client';
import { createImageUrlBuilder } from '@sanity/image-url';
import type { z } from 'zod';
import {
  articleSchema,
  audienceSchema,
  eventSchema,
  familySchema,
  healthDaySchema,
  quizSchema,
  siteSettingsSchema,
  sourceEntrySchema,
  topicSchema,
} from '@hc/domain/model/index.ts';
import type { ReviewEventDoc } from '@hc/domain/approval.ts';
import type { WithheldDocument } from '@hc/domain/review.ts';
import { crossCheck, type ContentSet, type Sourced } from './content-set.ts';
import { loadReviewerList } from './review-records.ts';
import { reviewGate, type HealthDoc } from '../sanity/history.ts';
import type { GateOutcome } from '@hc/domain/approval.ts';
import { ContentError, formatProblem, zodProblems, type ContentProblem } from './errors.ts';
import { CONTENT_QUERY } from '../sanity/queries.ts';
import type { CONTENT_QUERY_RESULT } from '../sanity/sanity.types.ts';
import { assetSha1, fromSanity, sha1, type MapOptions, type Mapped, type SanityAsset } from '../sanity/map.ts';

export const SANITY_API_VERSION = '2025-02-19';

export interface SanityEnv {
  SANITY_PROJECT_ID?: string;
  SANITY_DATASET?: string;
  SANITY_API_READ_TOKEN?: string;
  SANITY_API_HOST?: string;
  /** `published` (default: the public site) or `drafts` (a preview build for editors). */
  SANITY_PERSPECTIVE?: string;
  STRICT?: string;
  CONTENT_DIR?: string;
}

export type SanityPerspective = 'published' | 'drafts';

/** The perspective a build reads; `drafts` only with a read token. */
export function sanityPerspective(env: SanityEnv): SanityPerspective {
  const p = env.SANITY_PERSPECTIVE?.trim() || 'published';
  if (p !== 'published' && p !== 'drafts') {
    throw new Error(
      `SANITY_PERSPECTIVE must be "published" (the public site) or "drafts" (a preview build), not "${p}"`,
    );
  }
  if (p === 'drafts' && !env.SANITY_API_READ_TOKEN?.trim()) {
    throw new Error(
      'SANITY_PERSPECTIVE=drafts needs SANITY_API_READ_TOKEN (a Viewer token): drafts are not readable without one.',
    );
  }
  return p;
}

export function sanityClient(env: SanityEnv): SanityClient {
  const projectId = env.SANITY_PROJECT_ID?.trim();
  const dataset = env.SANITY_DATASET?.trim();
  const missing = [!projectId && 'SANITY_PROJECT_ID', !dataset && 'SANITY_DATASET'].filter(Boolean);
  if (missing.length) {
    throw new Error(
      `CONTENT_SOURCE=sanity needs ${missing.join(' and ')} (see docs/sanity.md, "Building from Sanity").`,
    );
  }
  const apiHost = env.SANITY_API_HOST?.trim();
  return createClient({
    projectId,
    dataset,
    apiVersion: SANITY_API_VERSION,
    // Builds read fresh from the API (not the CDN): a publish webhook rebuilds right away. A preview build
    // reads the drafts perspective; the public build only ever reads published documents.
    useCdn: false,
    perspective: sanityPerspective(env),
    token: env.SANITY_API_READ_TOKEN?.trim() || undefined,
    ...(apiHost ? { apiHost, useProjectHostname: false } : {}),
  });
}

/** Files under content/media by SHA-1: an asset imported from content/ is served from the same file. */
function localMedia(contentDir: string): Map<string, string> {
  const root = path.resolve(contentDir);
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(sha1(readFileSync(p)), path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(path.join(root, 'media'));
  return out;
}

/**
 * How assets become the model's `src`: a file this repository already has under content/media (same bytes, by
 * the SHA-1 in the asset id) keeps its path, so images go through the site's image pipeline as before;
 * anything else is the asset's CDN URL, sized with @sanity/image-url.
 */
export function mapOptions(env: SanityEnv): MapOptions {
  const media = localMedia(env.CONTENT_DIR ?? 'content');
  const builder = createImageUrlBuilder({ projectId: env.SANITY_PROJECT_ID ?? '', dataset: env.SANITY_DATASET ?? '' });
  const sized = (asset: SanityAsset) => {
    const w = asset.metadata?.dimensions?.width;
    const h = asset.metadata?.dimensions?.height;
    if (!asset._id) return asset.url;
    const width = Math.min(w ?? 1200, 1200);
    const img = builder.image(asset._id).width(width).auto('format');
    return (w && h ? img.height(Math.round((width * h) / w)) : img).url();
  };
  return {
    assetSrc: (asset, kind) => {
      const local = media.get(assetSha1(asset._id) ?? '');
      if (local) return local;
      return kind === 'image' ? sized(asset) : asset.url;
    },
    bodyImageUrl: sized,
  };
}

export interface SanityLoadResult {
  set: ContentSet;
  /** Documents left out, by id and field path. */
  problems: ContentProblem[];
}

/** The review gate's verdicts (published id → outcome) and the allow-list they were checked against. */
export interface ReviewVerdicts {
  outcomes: ReadonlyMap<string, GateOutcome>;
  reviewers: ContentSet['reviewers'];
}

function validate<S extends z.ZodType>(
  schema: S,
  mapped: Mapped,
  problems: ContentProblem[],
): Sourced<z.infer<S>> | undefined {
  const r = schema.safeParse(mapped.raw);
  if (!r.success) {
    problems.push(...zodProblems(mapped.id, r.error));
    return undefined;
  }
  return { data: r.data, source: mapped.id };
}

/** Maps and validates a query result (pure apart from reading content/media): invalid documents are left out. */
export function contentFromSanity(
  result: CONTENT_QUERY_RESULT,
  opts: MapOptions,
  review?: ReviewVerdicts,
): SanityLoadResult {
  const problems: ContentProblem[] = [];
  // Health documents no listed reviewer approved are withheld before anything else looks at them.
  const withheld: WithheldDocument[] = [];
  const passes = (d: Record<string, unknown>) => {
    const outcome = review?.outcomes.get(String(d._id));
    if (!outcome || outcome.ok) return true;
    const slug = d.slug as string | { current?: string } | undefined;
    withheld.push({
      id: (typeof slug === 'string' ? slug : slug?.current) ?? String(d._id),
      kind: String(d._id).split('.')[0] ?? '',
      title: String(d.title ?? d.displayName ?? d._id),
      reason: outcome.reason,
      source: String(d._id),
    });
    return false;
  };
  const each = <S extends z.ZodType>(
    docs: unknown[] | null | undefined,
    schema: S,
    map: (d: Record<string, unknown>) => Mapped,
  ) =>
    (docs ?? []).flatMap((d) => {
      if (!passes(d as Record<string, unknown>)) return [];
      const v = validate(schema, map(d as Record<string, unknown>), problems);
      return v ? [v] : [];
    });
  const audiences = each(result.audiences, audienceSchema, fromSanity.taxonomy);
  const topics = each(result.topics, topicSchema, fromSanity.taxonomy);
  const healthDays = each(result.healthDays, healthDaySchema, fromSanity.healthDay);
  // Written-out citations exported from content without a source list have no id: they are not list entries.
  const sources = each(
    (result.sources ?? []).filter((s) => s.id),
    sourceEntrySchema,
    fromSanity.source,
  );
  let articles = each(result.articles, articleSchema, (d) => fromSanity.article(d, opts));
  let events = each(result.events, eventSchema, (d) => fromSanity.event(d, opts));
  let families = each(result.families, familySchema, (d) => fromSanity.family(d, opts));
  let quizzes = each(result.quizzes, quizSchema, fromSanity.quiz);
  const settings = result.siteSettings
    ? validate(siteSettingsSchema, fromSanity.siteSettings(result.siteSettings as Record<string, unknown>), problems)
    : undefined;
  if (!settings) {
    if (!result.siteSettings)
      problems.push({
        source: 'siteSettings',
        path: '',
        message: 'the dataset has no published site settings document',
      });
    throw new ContentError(problems);
  }
  let set: ContentSet = {
    audiences,
    topics,
    sources,
    articles,
    events,
    healthDays,
    families,
    quizzes,
    siteSettings: settings,
    reviewers: review?.reviewers ?? [],
    reviews: [],
    withheld,
  };
  // Cross-entry rules (unknown references, duplicate slugs, quiz bands): leave out the documents they name.
  // Repeat, since leaving one out can orphan a reference to it.
  for (let round = 0; round < 5; round++) {
    const cross = crossCheck(set);
    if (cross.length === 0) break;
    problems.push(...cross);
    const bad = new Set(cross.map((p) => p.source));
    const keep = <T>(list: Sourced<T>[]) => list.filter((e) => !bad.has(e.source));
    articles = keep(articles);
    events = keep(events);
    families = keep(families);
    quizzes = keep(quizzes);
    set = {
      ...set,
      articles,
      events,
      families,
      quizzes,
      audiences: keep(audiences),
      topics: keep(topics),
      healthDays: keep(healthDays),
    };
  }
  return { set, problems };
}

/**
 * The review gate (src/content/sanity/history.ts) for the public build; a preview build (drafts) shows editors
 * and reviewers what they are about to approve, so it is not gated.
 */
async function gate(
  client: SanityClient,
  env: SanityEnv,
  result: CONTENT_QUERY_RESULT,
): Promise<ReviewVerdicts | undefined> {
  if (sanityPerspective(env) === 'drafts') return undefined;
  const reviewers = await loadReviewerList(env.CONTENT_DIR ?? 'content');
  const listed = reviewers.map((r) => r.data);
  const { outcomes } = await reviewGate(
    client,
    env.SANITY_API_READ_TOKEN?.trim() || undefined,
    (result.healthDocs ?? []) as HealthDoc[],
    (result.reviewEvents ?? []) as ReviewEventDoc[],
    listed,
  );
  return { outcomes, reviewers };
}

const CACHE = Symbol.for('jiankang-shequ.sanity-content');
type CacheHolder = { [CACHE]?: Map<string, Promise<ContentSet>> };

/**
 * The Sanity content of this build, fetched once: the promise lives on globalThis, because Astro evaluates
 * the loaders and integrations in more than one module graph.
 */
export function loadSanityContent(env: SanityEnv = process.env as SanityEnv): Promise<ContentSet> {
  const holder = globalThis as CacheHolder;
  holder[CACHE] ??= new Map();
  const key = `${env.SANITY_API_HOST ?? ''}|${env.SANITY_PROJECT_ID}|${env.SANITY_DATASET}|${env.SANITY_PERSPECTIVE ?? ''}|${env.STRICT ?? ''}`;
  let p = holder[CACHE].get(key);
  if (!p) {
    p = fetchAndValidate(env);
    holder[CACHE].set(key, p);
  }
  return p;
}

export function resetSanityContent(): void {
  (globalThis as CacheHolder)[CACHE]?.clear();
}

async function fetchAndValidate(env: SanityEnv): Promise<ContentSet> {
  const client = sanityClient(env);
  if (sanityPerspective(env) === 'drafts') {
    console.warn(
      '[sanity] PREVIEW build: perspective "drafts" shows unpublished drafts. Never deploy it as the public site.',
    );
  }
  const result = await client.fetch<CONTENT_QUERY_RESULT>(CONTENT_QUERY);
  const verdicts = await gate(client, env, result);
  const { set, problems } = contentFromSanity(result, mapOptions(env), verdicts);
  if (set.withheld.length > 0) {
    console.warn(
      `[sanity] review gate: withheld ${set.withheld.length} health document(s) no listed reviewer approved as they are:\n` +
        set.withheld.map((w) => `  - ${w.source} "${w.title}": ${w.reason}`).join('\n'),
    );
  }
  if (problems.length > 0) {
    if (env.STRICT === '1') throw new ContentError(problems);
    console.warn(
      `[sanity] left out ${new Set(problems.map((p) => p.source)).size} invalid document(s); the rest of the site is built:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
  }
  return set;
}
