/**
 * Synthetic content for benchmarks (search index size, build cost at scale, the Starlight peer).
 *
 * It copies content/ (so the real articles, families, quizzes and events are all there) and adds synthetic
 * articles and events until the corpus has the requested counts. Synthetic entries are recombinations of the
 * real ones — keywords, aliases, audiences and topics from a template article; the body's sections headed by
 * its questions and those of articles on the same topic, sentences drawn from those and recombined; titles
 * phrased from its keywords and questions (no numbers) — so text, vocabulary and page shapes look like ours and
 * no two pages are clones. They are benchmark fixtures, never published: their slugs start with "syn-".
 * generateCorpus returns which real article each synthetic one is about (`templates`), for relevance at scale.
 *
 * Deterministic: the same options give byte-identical files (a seeded PRNG, no clock).
 *
 *   node scripts/synthetic/corpus.mjs --articles 5000 --events 1000 --out /tmp/corpus-5000 [--translated 0.25]
 *   import { generateCorpus } from './scripts/synthetic/corpus.mjs'
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TRANSLATION_LOCALES = ['zh-hant', 'yue', 'en'];

/** mulberry32: a small, well-known seeded PRNG (quality is plenty for picking paragraphs). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitFrontmatter(text) {
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error('no frontmatter');
  return { data: yaml.load(m[1]) ?? {}, body: m[2] };
}

function withFrontmatter(data, body) {
  return `---\n${yaml.dump(data, { lineWidth: -1 })}---\n${body.trim()}\n`;
}

/** Headings and paragraphs of a Markdown body, as blocks (lists stay whole). */
function blocks(body) {
  return body
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

async function readArticles(dir) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  const originals = files.filter((f) => !/\.(zh-hant|yue|en)\.md$/.test(f));
  const out = [];
  for (const f of originals) {
    const slug = f.slice(0, -3);
    const main = splitFrontmatter(await readFile(path.join(dir, f), 'utf8'));
    const translations = {};
    for (const locale of TRANSLATION_LOCALES) {
      const tf = `${slug}.${locale}.md`;
      if (files.includes(tf)) translations[locale] = splitFrontmatter(await readFile(path.join(dir, tf), 'utf8'));
    }
    out.push({ slug, ...main, translations });
  }
  return out;
}

function pad(n, width) {
  return String(n).padStart(width, '0');
}

const HEADING_LINE = /^#{2,3}\s+(.+)$/;
/** Sentences of a Markdown body's paragraphs and list items (headings left out). */
function sentences(body) {
  return blocks(body)
    .filter((b) => !/^#/.test(b))
    .flatMap((b) => b.split('\n'))
    .map((l) => l.replace(/^\s*([-*+]|\d+\.)\s+/, '').trim())
    .filter(Boolean)
    .flatMap((l) => l.split(/(?<=[。！？!?])/))
    .map((x) => x.trim())
    .filter((x) => x.length >= 4);
}
const headingsOf = (body) =>
  blocks(body)
    .map((b) => HEADING_LINE.exec(b)?.[1])
    .filter(Boolean);

function shuffled(rand, list) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A title about the template's subject, phrased as editors and residents phrase things (no numbers): a keyword
 * or alias with one of the template's questions, or a question pattern around it.
 */
function syntheticTitle(rand, template, locale = 'zh-hans', body = template.body) {
  const heads = headingsOf(body);
  const h = heads.length ? pick(rand, heads).replace(/[？?]$/, '') : '';
  if (locale !== 'zh-hans') {
    const base = template.data.title.replace(/[?？]$/, '');
    if (locale === 'en') return (h ? `${base}: ${h.charAt(0).toLowerCase()}${h.slice(1)}` : base).slice(0, 120);
    return (h ? `${base}：${h}` : base).slice(0, 60);
  }
  const kw =
    pick(
      rand,
      (template.data.keywords ?? []).filter((k) => /\p{Script=Han}/u.test(k)),
    ) ?? template.data.title;
  const patterns = [
    () => `${kw}：${h}？`,
    () => `${h}？说说${kw}`,
    () => `关于${kw}，您可能想知道的几件事`,
    () => `${kw}常见问题：${h}`,
    () => `医生答疑：${kw}和${h}`,
  ];
  const title = (h ? pick(rand, patterns) : patterns[2])();
  return title.length > 60 ? title.slice(0, 59) + '？' : title;
}

/**
 * A body on the template's subject: sections headed by the template's own questions and one or two from
 * articles of the same topic, each with sentences drawn from its source article and recombined.
 */
function syntheticBody(rand, template, sameTopic) {
  const own = headingsOf(template.body);
  const sections = shuffled(rand, own)
    .slice(0, Math.min(own.length, 2 + Math.floor(rand() * 3)))
    .map((h) => ({ h, from: template }));
  const extra = 1 + Math.floor(rand() * 2);
  for (let i = 0; i < extra && sameTopic.length; i++) {
    const other = pick(rand, sameTopic);
    const hs = headingsOf(other.body);
    if (hs.length) sections.push({ h: pick(rand, hs), from: other });
  }
  const out = [];
  for (const { h, from } of sections) {
    out.push(`## ${h}`);
    const pool = sentences(from.body);
    const paras = 1 + Math.floor(rand() * 3);
    for (let p = 0; p < paras; p++) {
      const n = 2 + Math.floor(rand() * 3);
      const picked = [];
      for (let k = 0; k < n && pool.length; k++) picked.push(pick(rand, pool));
      out.push([...new Set(picked)].join(''));
    }
  }
  return out.join('\n\n');
}

/** A translated body: the translation's paragraphs in a new order, headings kept before their text. */
function syntheticTranslation(rand, body) {
  const parts = blocks(body);
  const sections = [];
  for (const b of parts) {
    if (/^#/.test(b) || sections.length === 0) sections.push([b]);
    else sections[sections.length - 1].push(b);
  }
  return shuffled(rand, sections)
    .slice(0, Math.max(2, sections.length - 1))
    .flat()
    .join('\n\n');
}

/**
 * Write a corpus of `articles` articles and `events` events (real ones included) to `outDir`.
 * `translated` is the share of synthetic articles that get human translations (copied from their template's
 * translations where the template has them). Returns the counts written.
 *
 * @param {{ outDir: string, articles?: number, events?: number, translated?: number, seed?: number, source?: string }} options
 * @returns {Promise<{ articles: number, syntheticArticles: number, translations: number, events: number }>}
 */
export async function generateCorpus({
  outDir,
  articles = 1000,
  events = 100,
  translated = 0.25,
  seed = 20261122,
  source = path.join(ROOT, 'content'),
}) {
  if (!outDir) throw new Error('generateCorpus: outDir is required');
  const rand = prng(seed);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await cp(source, outDir, { recursive: true });

  const real = await readArticles(path.join(source, 'articles'));
  const byTopic = new Map();
  for (const a of real) for (const t of a.data.topics ?? []) byTopic.set(t, [...(byTopic.get(t) ?? []), a]);

  const articleDir = path.join(outDir, 'articles');
  // Every synthetic article carries its template's review: it gets a copy of the template's review record.
  const reviewsFile = path.join(outDir, 'reviews.yaml');
  const reviews = existsSync(reviewsFile) ? (yaml.load(await readFile(reviewsFile, 'utf8')) ?? []) : undefined;
  const toWrite = Math.max(0, articles - real.length);
  const width = String(articles).length;
  let translations = 0;
  /** Synthetic page ("article:syn-…", "event:syn-…") → the real one it is made from (relevance judgements carry over). */
  const templates = {};
  for (let i = 1; i <= toWrite; i++) {
    const template = real[(i - 1) % real.length];
    const slug = `syn-${pad(i, width)}-${template.slug}`.slice(0, 80).replace(/-+$/, '');
    templates[`article:${slug}`] = `article:${template.slug}`;
    const sameTopic = [...new Set((template.data.topics ?? []).flatMap((t) => byTopic.get(t) ?? []))].filter(
      (a) => a !== template,
    );
    const body = syntheticBody(rand, template, sameTopic);
    const data = { ...template.data, title: syntheticTitle(rand, template), featured: false };
    delete data.audio; // synthetic pages carry no audio (it would only duplicate the real files)
    await writeFile(path.join(articleDir, `${slug}.md`), withFrontmatter(data, body));
    const record = reviews?.findLast((r) => r.document === `articles/${template.slug}`);
    if (record) reviews.push({ ...record, document: `articles/${slug}` });
    if (rand() < translated) {
      for (const [locale, t] of Object.entries(template.translations)) {
        const tBody = syntheticTranslation(rand, t.body);
        await writeFile(
          path.join(articleDir, `${slug}.${locale}.md`),
          withFrontmatter(
            {
              ...t.data,
              title: syntheticTitle(
                rand,
                { ...template, data: { ...template.data, title: t.data.title } },
                locale === 'en' ? 'en' : locale,
                t.body,
              ),
            },
            tBody,
          ),
        );
        translations++;
      }
    }
  }

  const eventDir = path.join(outDir, 'events');
  const realEvents = [];
  for (const f of (await readdir(eventDir)).filter((f) => f.endsWith('.yaml')).sort()) {
    realEvents.push({ slug: f.slice(0, -5), ...yaml.load(await readFile(path.join(eventDir, f), 'utf8')) });
  }
  const eventsToWrite = Math.max(0, events - realEvents.length);
  const ewidth = String(events).length;
  // One-off events spread over a year around the pinned build date (2026-11-22): a quarter already past.
  const first = Date.UTC(2026, 7, 1);
  for (let i = 1; i <= eventsToWrite; i++) {
    const t = realEvents[(i - 1) % realEvents.length];
    const day = new Date(first + Math.floor(rand() * 365) * 86400000);
    const hour = 8 + Math.floor(rand() * 9);
    const date = day.toISOString().slice(0, 10);
    const ev = {
      ...t,
      title: `${day.getUTCMonth() + 1}月${day.getUTCDate()}日${t.title}`.slice(0, 60),
      start: `${date}T${pad(hour, 2)}:00`,
      end: `${date}T${pad(hour + 1, 2)}:30`,
      status: 'scheduled',
      sequence: 0,
    };
    delete ev.rrule;
    delete ev.exceptions;
    delete ev.overrides;
    delete ev.translations;
    delete ev.slug;
    const slug = `syn-${pad(i, ewidth)}-${t.slug}`.slice(0, 80).replace(/-+$/, '');
    templates[`event:${slug}`] = `event:${t.slug}`;
    await writeFile(path.join(eventDir, `${slug}.yaml`), yaml.dump(ev, { lineWidth: -1 }));
  }
  if (reviews) await writeFile(reviewsFile, yaml.dump(reviews, { lineWidth: -1 }));
  return {
    articles: real.length + toWrite,
    syntheticArticles: toWrite,
    translations,
    events: realEvents.length + eventsToWrite,
    templates,
  };
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1];
    if (!key || value === undefined) throw new Error(`expected --name value pairs, got "${argv.slice(i).join(' ')}"`);
    out[key] = value;
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  if (!args.out) {
    console.error(
      'usage: node scripts/synthetic/corpus.mjs --out DIR [--articles 1000] [--events 100] [--translated 0.25] [--seed N]',
    );
    process.exit(2);
  }
  const result = await generateCorpus({
    outDir: path.resolve(args.out),
    articles: Number(args.articles ?? 1000),
    events: Number(args.events ?? 100),
    translated: Number(args.translated ?? 0.25),
    seed: Number(args.seed ?? 20261122),
  });
  console.log(
    `wrote ${result.articles} articles (${result.syntheticArticles} synthetic, ${result.translations} translations) and ${result.events} events to ${args.out}`,
  );
}
