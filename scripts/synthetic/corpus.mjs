/**
 * Synthetic content for benchmarks (search index size, build cost at scale, the Starlight peer).
 *
 * It copies content/ (so the real articles, families, quizzes and events are all there) and adds synthetic
 * articles and events until the corpus has the requested counts. Synthetic entries are recombinations of the
 * real ones — titles, keywords, aliases, audiences and topics from a template article, paragraphs and headings
 * drawn from the whole real corpus — so the text, vocabulary and page shapes look like ours. They are
 * benchmark fixtures, never published: their slugs start with "syn-" and their titles carry a number.
 *
 * Deterministic: the same options give byte-identical files (a seeded PRNG, no clock).
 *
 *   node scripts/synthetic/corpus.mjs --articles 5000 --events 1000 --out /tmp/corpus-5000 [--translated 0.25]
 *   import { generateCorpus } from './scripts/synthetic/corpus.mjs'
 */
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

/** A title with a number that stays within the model's 60-character limit. */
function numbered(title, n, locale) {
  const suffix = locale === 'en' ? ` (${n})` : `（${n}）`;
  return title.length + suffix.length > (locale === 'en' ? 120 : 60) ? title.slice(0, 50) + suffix : title + suffix;
}

function syntheticBody(rand, template, headingPool, blockPool) {
  // The template's own first section keeps each article on its subject; the rest is drawn from the corpus.
  const own = blocks(template.body);
  const out = own.slice(0, Math.min(own.length, 4));
  const extraSections = 2 + Math.floor(rand() * 3);
  for (let s = 0; s < extraSections; s++) {
    out.push(pick(rand, headingPool));
    const paras = 1 + Math.floor(rand() * 3);
    for (let p = 0; p < paras; p++) out.push(pick(rand, blockPool));
  }
  return out.join('\n\n');
}

/**
 * Write a corpus of `articles` articles and `events` events (real ones included) to `outDir`.
 * `translated` is the share of synthetic articles that get human translations (copied from their template's
 * translations where the template has them). Returns the counts written.
 *
 * @param {{ outDir: string, articles?: number, events?: number, translated?: number, seed?: number, source?: string }} options
 * @returns {Promise<{ articles: number, syntheticArticles: number, translations: number, events: number }>}
 */
export async function generateCorpus({ outDir, articles = 1000, events = 100, translated = 0.25, seed = 20261122, source = path.join(ROOT, 'content') }) {
  if (!outDir) throw new Error('generateCorpus: outDir is required');
  const rand = prng(seed);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await cp(source, outDir, { recursive: true });

  const real = await readArticles(path.join(source, 'articles'));
  const allBlocks = real.flatMap((a) => blocks(a.body));
  const headingPool = allBlocks.filter((b) => /^##\s/.test(b));
  const blockPool = allBlocks.filter((b) => !/^#/.test(b));

  const articleDir = path.join(outDir, 'articles');
  const toWrite = Math.max(0, articles - real.length);
  const width = String(articles).length;
  let translations = 0;
  for (let i = 1; i <= toWrite; i++) {
    const template = real[(i - 1) % real.length];
    const slug = `syn-${pad(i, width)}-${template.slug}`.slice(0, 80).replace(/-+$/, '');
    const data = { ...template.data, title: numbered(template.data.title, i, 'zh-hans'), featured: false };
    delete data.audio; // synthetic pages carry no audio (it would only duplicate the real files)
    await writeFile(path.join(articleDir, `${slug}.md`), withFrontmatter(data, syntheticBody(rand, template, headingPool, blockPool)));
    if (rand() < translated) {
      for (const [locale, t] of Object.entries(template.translations)) {
        await writeFile(
          path.join(articleDir, `${slug}.${locale}.md`),
          withFrontmatter({ ...t.data, title: numbered(t.data.title, i, locale) }, t.body),
        );
        translations++;
      }
    }
  }

  const eventDir = path.join(outDir, 'events');
  const realEvents = [];
  for (const f of (await readdir(eventDir)).filter((f) => f.endsWith('.yaml')).sort()) {
    realEvents.push(yaml.load(await readFile(path.join(eventDir, f), 'utf8')));
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
      title: numbered(t.title, i, 'zh-hans'),
      start: `${date}T${pad(hour, 2)}:00`,
      end: `${date}T${pad(hour + 1, 2)}:30`,
      status: 'scheduled',
      sequence: 0,
    };
    delete ev.rrule;
    delete ev.exceptions;
    delete ev.overrides;
    delete ev.translations;
    await writeFile(path.join(eventDir, `syn-${pad(i, ewidth)}-${t.slug ?? 'event'}.yaml`), yaml.dump(ev, { lineWidth: -1 }));
  }
  return { articles: real.length + toWrite, syntheticArticles: toWrite, translations, events: realEvents.length + eventsToWrite };
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
    console.error('usage: node scripts/synthetic/corpus.mjs --out DIR [--articles 1000] [--events 100] [--translated 0.25] [--seed N]');
    process.exit(2);
  }
  const result = await generateCorpus({
    outDir: path.resolve(args.out),
    articles: Number(args.articles ?? 1000),
    events: Number(args.events ?? 100),
    translated: Number(args.translated ?? 0.25),
    seed: Number(args.seed ?? 20261122),
  });
  console.log(`wrote ${result.articles} articles (${result.syntheticArticles} synthetic, ${result.translations} translations) and ${result.events} events to ${args.out}`);
}
