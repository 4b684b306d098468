/**
 * The injection pack: every payload (tests/fixtures/injection/payloads.ts) in every text field of a small
 * content set, run through the real loader and the renderers that turn content into files — the Markdown
 * renderer Astro uses (Sätteri) followed by the site's sanitiser for bodies, JSON-LD, the iCalendar file, the
 * search index and the web manifest. The loader may refuse a payload (naming the file and the field), or
 * accept it as text; either way nothing executable may come out. The fields are found by walking the
 * fixture's data, so a field added to the model is covered without listing it here. HTML pages themselves
 * (Astro escapes text) are checked in Chromium on a built fixture: tests/site/injection-browser.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/content/loaders/errors.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import type { ContentSet } from '../../src/content/loaders/content-set.ts';
import { sanitizeHtml } from '@hc/domain/markdown/sanitize.ts';
import { buildCalendar } from '../../src/lib/ics/calendar.ts';
import { eventJsonLd, familyJsonLd, jsonLdScript } from '../../src/lib/share/jsonld.ts';
import { buildIndex } from '../../src/lib/search/build.ts';
import { searchDocs } from '../../src/lib/search/docs.ts';
import { webManifest } from '../../src/lib/offline/manifest.ts';
import { PAYLOADS, URL_PAYLOADS } from '../fixtures/injection/payloads.ts';
import { baseDocs, setAt, stringPaths, writeContent, writeDoc, type Doc } from '../fixtures/injection/fixture.ts';
import { executableIn } from './executable.ts';

const work = mkdtempSync(path.join(tmpdir(), 'hc-inject-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const renderer = createSatteriMarkdownProcessor({ syntaxHighlight: false });

/** The fixture as data, with human translations so translated fields are covered too. */
function readDocs(): Doc[] {
  const docs = baseDocs();
  docs.push({
    file: 'articles/salt.en.md',
    data: { title: 'How much salt?', summary: 'At most 5 g a day.', translator: 'T. Ranslator' },
    body: '## Why\n\nSalt raises blood pressure.',
  });
  docs.push({
    file: 'families/wang.en.md',
    data: { displayName: 'The Wangs', members: 'Three', summary: 'They walk every day.' },
    body: 'They walk after dinner.',
  });
  return docs;
}

/** A copy of the data with the leaf at `at` replaced. */
function withAt(value: unknown, at: Array<string | number>, to: string): unknown {
  const copy = structuredClone(value);
  setAt(copy, at, to);
  return copy;
}

/** Loads a content folder; a refusal must be a ContentError naming the file that was changed. */
async function load(dir: string, changed: string): Promise<ContentSet | undefined> {
  try {
    return await loadLocalContent(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    expect(
      (e as ContentError).problems.some((p) => p.source === `content/${changed}`),
      (e as Error).message,
    ).toBe(true);
    return undefined;
  }
}

/** What each file-producing renderer makes of a loaded set; returns the problems found. */
async function renderAll(set: ContentSet): Promise<string[]> {
  const problems: string[] = [];
  const md = await renderer;
  const bodies = [
    ...set.articles.flatMap((a) => [a.data.body, ...Object.values(a.data.translations).map((t) => t?.body ?? '')]),
    ...set.families.flatMap((f) => [f.data.story, ...Object.values(f.data.translations).map((t) => t?.story ?? '')]),
  ];
  for (const body of bodies) {
    const html = sanitizeHtml((await md.render(body)).code);
    problems.push(...executableIn(html).map((x) => `body: ${x}`));
  }
  const jsonLd = [
    ...set.events.map((e) =>
      eventJsonLd({
        event: e.data,
        name: e.data.title,
        description: e.data.summary,
        url: 'https://h.example/events/x/',
        start: e.data.start,
        end: e.data.end,
        location: e.data.location,
        status: e.data.status,
        inLanguage: 'zh-Hans',
        organiserUrl: 'https://h.example/',
      }),
    ),
    ...set.families.map((f) =>
      familyJsonLd({
        headline: f.data.displayName,
        description: f.data.summary,
        inLanguage: 'zh-Hans',
        habits: f.data.habits,
        award: f.data.award.title,
        publisher: f.data.building,
      }),
    ),
  ];
  for (const data of jsonLd) {
    const script = jsonLdScript(data);
    if (/<\/script|<!--|</i.test(script)) problems.push(`JSON-LD can close its script element: ${script.slice(0, 80)}`);
    expect(JSON.parse(script)).toEqual(data);
  }
  const ics = buildCalendar(
    set.events.map((e) => e.data),
    { origin: 'https://h.example', pageUrl: (s) => `https://h.example/events/${s}/` },
  );
  const cal = new ICAL.Component(ICAL.parse(ics));
  const expectedEvents = set.events.reduce((n, e) => n + 1 + (e.data.rrule ? e.data.overrides.length : 0), 0);
  if (cal.getAllSubcomponents('vevent').length !== expectedEvents)
    problems.push('iCalendar: text added or removed an event');
  for (const ev of cal.getAllSubcomponents('vevent')) {
    for (const prop of ev.getAllProperties())
      if (prop.name === 'attach') problems.push('iCalendar: text added an ATTACH property');
    const e = set.events.find((x) => ev.getFirstPropertyValue('uid') === `${x.data.slug}@h.example`);
    // The title stays one text value (line breaks written as \n; a CR is dropped by the format).
    if (e && ev.getFirstPropertyValue('summary') !== e.data.title.replace(/\r\n?/g, '\n'))
      problems.push('iCalendar: the title did not survive as text');
  }
  const articleTexts = new Map(
    set.articles.map((a) => [a.data.slug, { title: a.data.title, summary: a.data.summary, headings: [] }]),
  );
  const familyTexts = new Map(
    set.families.map((f) => [
      f.data.slug,
      { title: f.data.displayName, summary: f.data.summary, habits: f.data.habits },
    ]),
  );
  const { docs, audiences, topics } = searchDocs('zh-hans', {
    articles: set.articles.map((a) => a.data),
    articleTexts,
    events: set.events.map((e) => e.data),
    families: set.families.map((f) => f.data),
    familyTexts,
    quizzes: set.quizzes.map((q) => q.data),
    audiences: set.audiences.map((a) => a.data),
    topics: set.topics.map((t) => t.data),
  });
  const index = buildIndex(docs, { locale: 'zh-hans', base: '', dir: '/search-index/zh-hans', audiences, topics });
  // Every index file is JSON (read by the search page, which builds result text as DOM text nodes).
  expect(JSON.parse(index.manifestJson)).toEqual(index.manifest);
  for (const [file, json] of index.files) expect(() => JSON.parse(json), file).not.toThrow();
  const site = set.siteSettings.data;
  const manifest = JSON.stringify(
    webManifest({
      name: site.communityName['zh-hans'],
      shortName: site.communityName['zh-hans'],
      description: site.tagline['zh-hans'],
      shortcuts: [],
    }),
  );
  expect(JSON.parse(manifest).name).toBe(site.communityName['zh-hans']);
  return problems;
}

const docs = readDocs();
const fields = docs.flatMap((d) => [
  ...stringPaths(d.data).map((at) => ({ doc: d, at, body: false })),
  ...(d.body !== undefined ? [{ doc: d, at: [] as Array<string | number>, body: true }] : []),
]);

describe('injection pack', () => {
  it(`covers ${PAYLOADS.length} payloads × ${fields.length} text fields`, () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(20);
    expect(fields.length).toBeGreaterThanOrEqual(60);
  });

  PAYLOADS.forEach((payload, n) => {
    it(`payload ${n + 1}: ${JSON.stringify(payload)}`, async () => {
      const dir = path.join(work, `p${n}`, 'content');
      writeContent(dir, docs);
      let accepted = 0;
      for (const f of fields) {
        const changed = f.body
          ? { ...f.doc, body: `${f.doc.body}\n\n正文 ${payload} 结束` }
          : { ...f.doc, data: withAt(f.doc.data, f.at, payload) };
        writeDoc(dir, changed);
        const set = await load(dir, f.doc.file);
        writeDoc(dir, f.doc);
        if (!set) continue;
        accepted += 1;
        expect(await renderAll(set), `${f.doc.file}: ${f.body ? 'body' : f.at.join('.')}`).toEqual([]);
      }
      // The payload was taken as plain text somewhere (titles, summaries …), so the renderers saw it.
      expect(accepted).toBeGreaterThan(0);
    }, 120_000);
  });

  it('unsafe URLs in links and images are refused in content/ and removed from anything rendered', async () => {
    const md = await renderer;
    for (const url of URL_PAYLOADS) {
      for (const body of [`[点这里](${url})`, `[点这里][r]\n\n[r]: ${url}`, `![图](${url})`, `<${url}>`]) {
        const dir = path.join(work, 'urls', 'content');
        writeContent(
          dir,
          docs.map((d) => (d.file === 'articles/salt.md' ? { ...d, body: `${d.body}\n\n${body}` } : d)),
        );
        const set = await load(dir, 'articles/salt.md');
        const html = sanitizeHtml((await md.render(`${body}\n`)).code);
        expect(executableIn(html), `${body} → ${html}`).toEqual([]);
        if (set) expect(executableIn(sanitizeHtml((await md.render(set.articles[0]!.data.body)).code))).toEqual([]);
      }
    }
  }, 120_000);
});
