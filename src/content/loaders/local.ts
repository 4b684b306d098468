/**
 * The git source: reads content/ (Markdown with YAML front matter for articles and families, YAML for the rest)
 * into a validated ContentSet. No Astro imports, so unit tests and scripts can use it directly.
 *
 *   content/taxonomies/audiences.yaml, topics.yaml   lists
 *   content/sources.yaml                              the sources articles and self-checks cite by id
 *   content/reviewers.yaml, reviews.yaml              who may review, and each review (review-records.ts)
 *   content/health-days.yaml, site.yaml
 *   content/articles/<slug>.md                        zh-hans original
 *   content/articles/<slug>.<locale>.md               human translation (any translated locale of the registry)
 *   content/events/<slug>.yaml
 *   content/families/<slug>.md (+ .<locale>.md)
 *   content/quizzes/<slug>.yaml
 *   content/search/synonyms.yaml                      optional: lay words → the words pages use (search)
 */
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as yaml from 'js-yaml';
import type { z } from 'zod';
import {
  articleSchema,
  articleTranslationSchemas,
  audienceSchema,
  eventSchema,
  familySchema,
  familyTranslationSchemas,
  healthDaySchema,
  listedReviewerSchema,
  quizSchema,
  reviewRecordSchema,
  siteSettingsSchema,
  sourceEntrySchema,
  synonymSchema,
  topicSchema,
} from '@hc/domain/model/index.ts';
import { checkReviewRecords, REVIEWERS_FILE, REVIEWS_FILE } from './review-records.ts';
import { resolveSource, resolveSources } from './citations.ts';
import { crossCheck, type ContentSet, type Sourced } from './content-set.ts';
import { ContentError, zodProblems, type ContentProblem } from './errors.ts';
import { registry, TRANSLATED_LOCALES, type TranslatedLocale } from '@hc/domain/locales/registry.ts';

interface Ctx {
  root: string;
  problems: ContentProblem[];
}

function rel(ctx: Ctx, file: string): string {
  return path.relative(path.dirname(ctx.root), file).split(path.sep).join('/');
}

async function readYaml(ctx: Ctx, file: string): Promise<unknown> {
  try {
    return yaml.load(await readFile(file, 'utf8'), { filename: file });
  } catch (e) {
    ctx.problems.push({
      source: rel(ctx, file),
      path: '',
      message: `cannot read YAML: ${(e as Error).message.split('\n')[0]}`,
    });
    return undefined;
  }
}

/** Splits a Markdown file into its YAML front matter and body. */
export function splitFrontMatter(text: string): { data: unknown; body: string; bodyLine: number } {
  const t = text.replace(/^\uFEFF/, '');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(t);
  if (!m) throw new Error('missing YAML front matter between --- lines');
  const body = m[2]!;
  // Lines of the file before the body's first non-blank line (the loader trims the body).
  const start = t.length - body.trimStart().length;
  const bodyLine = t.slice(0, start).split('\n').length - 1;
  return { data: yaml.load(m[1]!) ?? {}, body, bodyLine };
}

async function readMarkdown(
  ctx: Ctx,
  file: string,
): Promise<{ data: Record<string, unknown>; body: string; bodyLine: number } | undefined> {
  try {
    const { data, body, bodyLine } = splitFrontMatter(await readFile(file, 'utf8'));
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new Error('front matter must be a mapping of fields');
    return { data: data as Record<string, unknown>, body, bodyLine };
  } catch (e) {
    ctx.problems.push({
      source: rel(ctx, file),
      path: '',
      message: `cannot read Markdown: ${(e as Error).message.split('\n')[0]}`,
    });
    return undefined;
  }
}

function parse<S extends z.ZodType>(
  ctx: Ctx,
  schema: S,
  source: string,
  raw: unknown,
  prefix: PropertyKey[] = [],
  lineOffsets?: Record<string, number>,
): z.infer<S> | undefined {
  const r = schema.safeParse(raw);
  if (!r.success) {
    ctx.problems.push(...zodProblems(source, r.error, prefix, { schema, lineOffsets }));
    return undefined;
  }
  return r.data;
}

async function listFiles(dir: string, ext: string | readonly string[]): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const exts = typeof ext === 'string' ? [ext] : ext;
  return (await readdir(dir))
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .sort()
    .map((f) => path.join(dir, f));
}

const YAML_EXTS = ['.yaml', '.yml'] as const;
const baseName = (file: string) => path.basename(file).replace(/\.(ya?ml|md)$/, '');

/**
 * Every file in a content folder must be one the loader reads: a file it would skip (x.MD, notes.txt, a
 * sub-folder) is an error rather than content that silently never appears. Hidden files (.gitkeep) are fine.
 */
async function checkFolder(
  ctx: Ctx,
  dir: string,
  reads: (name: string) => boolean,
  what: string,
  rename?: (name: string) => string | undefined,
): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of (await readdir(dir)).sort()) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    const isDir = statSync(full).isDirectory();
    if (reads(name) && isDir === ROOT_FOLDERS.includes(name)) continue;
    if (isDir) {
      ctx.problems.push({ source: rel(ctx, full), path: '', message: `folders are not read here (${what})` });
    } else if (!reads(name)) {
      const better = rename?.(name);
      ctx.problems.push({
        source: rel(ctx, full),
        path: '',
        message: `file is not read: ${what}${better ? ` — rename it to ${better}` : ''}`,
      });
    }
  }
}

const ROOT_FOLDERS = ['articles', 'events', 'families', 'quizzes', 'taxonomies', 'media', 'points', 'search'];
const ROOT_FILES = ['health-days.yaml', 'site.yaml', 'sources.yaml', REVIEWERS_FILE, REVIEWS_FILE];

const lowerExt = (name: string, exts: readonly string[]) => {
  const m = /^(.*)(\.[^.]+)$/.exec(name);
  if (!m) return undefined;
  const ext = m[2]!.toLowerCase();
  return exts.includes(ext) ? `${m[1]}${ext}` : ext === '.markdown' && exts.includes('.md') ? `${m[1]}.md` : undefined;
};

/** YAML dates (2026-01-02) become Date objects; the model wants the written form back. */
function normaliseDates(value: unknown): unknown {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16);
  }
  if (Array.isArray(value)) return value.map(normaliseDates);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseDates(v)]));
  }
  return value;
}

async function readList<S extends z.ZodType>(ctx: Ctx, file: string, schema: S): Promise<Sourced<z.infer<S>>[]> {
  const source = rel(ctx, file);
  if (!existsSync(file)) {
    ctx.problems.push({ source, path: '', message: 'file is missing' });
    return [];
  }
  const raw = normaliseDates(await readYaml(ctx, file));
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    ctx.problems.push({ source, path: '', message: 'must be a YAML list' });
    return [];
  }
  return raw.flatMap((item, i) => {
    const data = parse(ctx, schema, source, item, [i]);
    return data === undefined ? [] : [{ data, source }];
  });
}

/** Markdown documents with optional <slug>.<locale>.md translations next to them. */
async function readMarkdownDocs(
  ctx: Ctx,
  dir: string,
  bodyField: string,
  translationSchemas: Record<TranslatedLocale, z.ZodType>,
  translationBodyField: string,
): Promise<Array<{ source: string; raw: Record<string, unknown>; lineOffsets: Record<string, number> }>> {
  const files = await listFiles(dir, '.md');
  const originals = files.filter((f) => !registry.translationFilePattern.test(f));
  const docs: Array<{ source: string; raw: Record<string, unknown>; lineOffsets: Record<string, number> }> = [];
  for (const file of files) {
    const m = /([^/\\]+)\.([a-z-]+)\.md$/.exec(file);
    if (m && !(TRANSLATED_LOCALES as readonly string[]).includes(m[2])) {
      ctx.problems.push({
        source: rel(ctx, file),
        path: '',
        message: `unknown locale "${m[2]}" in file name (use ${TRANSLATED_LOCALES.join(', ')})`,
      });
    }
  }
  for (const file of originals) {
    const md = await readMarkdown(ctx, file);
    if (!md) continue;
    const slug = path.basename(file, '.md');
    const raw: Record<string, unknown> = {
      ...(normaliseDates(md.data) as Record<string, unknown>),
      slug,
      [bodyField]: md.body.trim(),
    };
    const translations: Record<string, unknown> = {};
    for (const locale of TRANSLATED_LOCALES) {
      const tfile = path.join(dir, `${slug}.${locale}.md`);
      if (!existsSync(tfile)) continue;
      const tmd = await readMarkdown(ctx, tfile);
      if (!tmd) continue;
      const t = parse(
        ctx,
        translationSchemas[locale],
        rel(ctx, tfile),
        { ...tmd.data, [translationBodyField]: tmd.body.trim() },
        [],
        {
          [translationBodyField]: tmd.bodyLine,
        },
      );
      if (t) translations[locale] = t;
    }
    raw.translations = translations;
    docs.push({ source: rel(ctx, file), raw, lineOffsets: { [bodyField]: md.bodyLine } });
  }
  for (const file of files) {
    const m = registry.translationFilePattern.exec(file);
    if (m && !existsSync(path.join(dir, `${m[1]}.md`))) {
      ctx.problems.push({ source: rel(ctx, file), path: '', message: `translation has no original ${m[1]}.md` });
    }
  }
  return docs;
}

/** Checks that every media file an entry names exists under content/. */
function checkMedia(ctx: Ctx, source: string, refs: Array<{ path: string; src: string }>): void {
  for (const r of refs) {
    if (/^https?:/.test(r.src)) {
      ctx.problems.push({
        source,
        path: r.path,
        message: 'media must be a file under content/media, not a remote URL',
      });
    } else if (!existsSync(path.join(ctx.root, r.src))) {
      ctx.problems.push({ source, path: r.path, message: `file not found: content/${r.src}` });
    }
  }
}

/**
 * Reads and validates everything under `root` (the content/ folder).
 * Throws ContentError listing every problem with its file and field path; returns only when all is valid.
 */
export async function loadLocalContent(root: string): Promise<ContentSet> {
  const ctx: Ctx = { root: path.resolve(root), problems: [] };
  const r = ctx.root;

  const audiences = await readList(ctx, path.join(r, 'taxonomies/audiences.yaml'), audienceSchema);
  const topics = await readList(ctx, path.join(r, 'taxonomies/topics.yaml'), topicSchema);
  const healthDays = await readList(ctx, path.join(r, 'health-days.yaml'), healthDaySchema);
  // Optional: content that cites only written-out sources (a test fixture) needs no list.
  const sourcesFile = path.join(r, 'sources.yaml');
  const sources = existsSync(sourcesFile) ? await readList(ctx, sourcesFile, sourceEntrySchema) : [];
  const sourceList = new Map(sources.map((s) => [s.data.id, s.data]));

  // Optional: a site without its own synonyms searches with the pages' words only.
  const synonymsFile = path.join(r, 'search/synonyms.yaml');
  const synonyms = existsSync(synonymsFile) ? await readList(ctx, synonymsFile, synonymSchema) : [];

  const siteFile = path.join(r, 'site.yaml');
  const siteRaw = existsSync(siteFile) ? normaliseDates(await readYaml(ctx, siteFile)) : undefined;
  if (!existsSync(siteFile)) ctx.problems.push({ source: rel(ctx, siteFile), path: '', message: 'file is missing' });
  const site = siteRaw === undefined ? undefined : parse(ctx, siteSettingsSchema, rel(ctx, siteFile), siteRaw);

  const articles: ContentSet['articles'] = [];
  for (const doc of await readMarkdownDocs(ctx, path.join(r, 'articles'), 'body', articleTranslationSchemas, 'body')) {
    const before = ctx.problems.length;
    const raw = { ...doc.raw, sources: resolveSources(doc.raw.sources, sourceList, doc.source, ctx.problems) };
    if (ctx.problems.length > before) continue;
    const data = parse(ctx, articleSchema, doc.source, raw, [], doc.lineOffsets);
    if (!data) continue;
    checkMedia(ctx, doc.source, [
      ...(data.hero ? [{ path: 'hero.src', src: data.hero.src }] : []),
      ...data.audio.map((a, i) => ({ path: `audio[${i}].src`, src: a.src })),
    ]);
    articles.push({ data, source: doc.source });
  }

  const families: ContentSet['families'] = [];
  for (const doc of await readMarkdownDocs(ctx, path.join(r, 'families'), 'story', familyTranslationSchemas, 'story')) {
    const data = parse(ctx, familySchema, doc.source, doc.raw, [], doc.lineOffsets);
    if (!data) continue;
    checkMedia(
      ctx,
      doc.source,
      data.photos.map((p, i) => ({ path: `photos[${i}].src`, src: p.src })),
    );
    families.push({ data, source: doc.source });
  }

  const md = (name: string) => name.endsWith('.md');
  const yml = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');
  await checkFolder(ctx, path.join(r, 'articles'), md, 'articles are <slug>.md or <slug>.<locale>.md', (n) =>
    lowerExt(n, ['.md']),
  );
  await checkFolder(ctx, path.join(r, 'families'), md, 'families are <slug>.md or <slug>.<locale>.md', (n) =>
    lowerExt(n, ['.md']),
  );
  await checkFolder(ctx, path.join(r, 'events'), yml, 'events are <slug>.yaml', (n) => lowerExt(n, ['.yaml', '.yml']));
  await checkFolder(ctx, path.join(r, 'quizzes'), yml, 'quizzes are <slug>.yaml', (n) =>
    lowerExt(n, ['.yaml', '.yml']),
  );
  await checkFolder(
    ctx,
    path.join(r, 'search'),
    (n) => n === 'synonyms.yaml',
    'this folder holds synonyms.yaml',
    (n) => (n.toLowerCase().replace(/\.yml$/, '.yaml') === 'synonyms.yaml' ? 'synonyms.yaml' : undefined),
  );
  await checkFolder(
    ctx,
    path.join(r, 'taxonomies'),
    (n) => n === 'audiences.yaml' || n === 'topics.yaml',
    'this folder holds audiences.yaml and topics.yaml',
    (n) => ['audiences.yaml', 'topics.yaml'].find((k) => k === n.toLowerCase().replace(/\.yml$/, '.yaml')),
  );
  await checkFolder(
    ctx,
    r,
    (n) => ROOT_FILES.includes(n) || ROOT_FOLDERS.includes(n) || n.toLowerCase() === 'readme.md',
    `content/ holds ${ROOT_FILES.join(', ')} and the folders ${ROOT_FOLDERS.slice(0, -1).join(', ')} and ${ROOT_FOLDERS.at(-1)}`,
    (n) => ROOT_FILES.find((k) => k === n.toLowerCase().replace(/\.yml$/, '.yaml')),
  );

  const events: ContentSet['events'] = [];
  for (const file of await listFiles(path.join(r, 'events'), YAML_EXTS)) {
    const raw = normaliseDates(await readYaml(ctx, file));
    if (raw === undefined) continue;
    const source = rel(ctx, file);
    const data = parse(ctx, eventSchema, source, { ...(raw as object), slug: baseName(file) });
    if (!data) continue;
    if (data.image) checkMedia(ctx, source, [{ path: 'image.src', src: data.image.src }]);
    events.push({ data, source });
  }

  const quizzes: ContentSet['quizzes'] = [];
  for (const file of await listFiles(path.join(r, 'quizzes'), YAML_EXTS)) {
    const raw = normaliseDates(await readYaml(ctx, file));
    if (raw === undefined) continue;
    const source = rel(ctx, file);
    const before = ctx.problems.length;
    const cited = resolveSource((raw as { source?: unknown } | null)?.source, sourceList, source, ctx.problems);
    if (ctx.problems.length > before) continue;
    const data = parse(ctx, quizSchema, source, { ...(raw as object), source: cited, slug: baseName(file) });
    if (data) quizzes.push({ data, source });
  }

  // Who may review, and each review: required once there is anything to review.
  const reviewed = articles.length + quizzes.length > 0;
  const optional = async <S extends z.ZodType>(name: string, schema: S) =>
    reviewed || existsSync(path.join(r, name)) ? readList(ctx, path.join(r, name), schema) : [];
  const reviewers = await optional(REVIEWERS_FILE, listedReviewerSchema);
  const reviews = await optional(REVIEWS_FILE, reviewRecordSchema);

  if (ctx.problems.length > 0 || !site) throw new ContentError(ctx.problems);
  const set: ContentSet = {
    audiences,
    topics,
    sources,
    articles,
    events,
    healthDays,
    families,
    quizzes,
    synonyms,
    siteSettings: { data: site, source: rel(ctx, siteFile) },
    reviewers,
    reviews,
    withheld: [],
  };
  const cross = [...crossCheck(set), ...checkReviewRecords(set)];
  if (cross.length > 0) throw new ContentError(cross);
  return set;
}
