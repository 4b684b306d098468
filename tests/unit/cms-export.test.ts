/**
 * `npm run cms:export`: the NDJSON is what `sanity dataset import` accepts — one document a line with a unique,
 * deterministic _id and a _type the Studio has, a _key on every object in an array, references to documents
 * in the file, assets as `image@file://` / `file@file://` pointing at files that exist — and it carries every
 * entry and every translation of content/. Each document's fields are fields of its Studio type.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/sample.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import type { ContentSet } from '../../src/content/loaders/content-set.ts';
import { exportNdjson } from '../../scripts/cms-export.ts';

type Doc = Record<string, unknown> & { _id: string; _type: string };
const work = mkdtempSync(path.join(tmpdir(), 'hc-export-'));
let set: ContentSet;
let docs: Doc[];
let text: string;

beforeAll(async () => {
  const out = path.join(work, 'content.ndjson');
  execFileSync(process.execPath, ['scripts/cms-export.ts', 'content', out], { stdio: 'pipe' });
  text = readFileSync(out, 'utf8');
  docs = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Doc);
  set = await loadLocalContent('content');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const schema = JSON.parse(readFileSync(path.resolve('cms/schema.json'), 'utf8')) as Array<{
  name: string;
  type: string;
  attributes?: Record<string, unknown>;
}>;

function walk(value: unknown, visit: (v: Record<string, unknown>, inArray: boolean) => void, inArray = false): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit, true));
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>, inArray);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

describe.runIf(SAMPLE)('cms-export/content.ndjson', () => {
  it('is the same file every time, one document a line, sorted by unique id', async () => {
    expect(exportNdjson(set, 'content').ndjson).toBe(exportNdjson(set, 'content').ndjson);
    const ids = docs.map((d) => d._id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('article.home-blood-pressure');
    expect(ids).toContain('siteSettings');
  });

  it('has every entry of content/', () => {
    const count = (t: string) => docs.filter((d) => d._type === t).length;
    expect(count('article')).toBe(set.articles.length);
    expect(count('event')).toBe(set.events.length);
    expect(count('family')).toBe(set.families.length);
    expect(count('quiz')).toBe(set.quizzes.length);
    expect(count('audience')).toBe(set.audiences.length);
    expect(count('topic')).toBe(set.topics.length);
    expect(count('healthDay')).toBe(set.healthDays.length);
    expect(count('siteSettings')).toBe(1);
  });

  it('carries every human translation', () => {
    for (const a of set.articles) {
      const doc = docs.find((d) => d._id === `article.${a.data.slug}`)!;
      const fields = Object.keys((doc.translations ?? {}) as object).sort();
      expect(fields, a.data.slug).toEqual(
        Object.keys(a.data.translations)
          .map((l) => l.replace('-', '_'))
          .sort(),
      );
    }
    const yue = docs.find((d) => d._id === 'article.stroke-be-fast')!.translations as Record<
      string,
      { body: unknown[]; title: string }
    >;
    expect(yue.yue!.body.length).toBeGreaterThan(3);
  });

  it('uses only document types and top-level fields the Studio has', () => {
    for (const d of docs) {
      const type = schema.find((t) => t.name === d._type && t.type === 'document');
      expect(type, d._type).toBeDefined();
      const unknown = Object.keys(d).filter((k) => !(k in type!.attributes!));
      expect(unknown, d._id).toEqual([]);
    }
  });

  it('gives every object in an array a _key unique in its array', () => {
    const problems: string[] = [];
    for (const d of docs) {
      walk(d, (obj) => {
        for (const [k, v] of Object.entries(obj)) {
          if (!Array.isArray(v) || !v.some((x) => x && typeof x === 'object')) continue;
          const keys = v.map((x: { _key?: string }) => x._key);
          if (keys.some((x) => !x) || new Set(keys).size !== keys.length) problems.push(`${d._id}: ${k}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('refers only to documents in the file', () => {
    const ids = new Set(docs.map((d) => d._id));
    const dangling: string[] = [];
    for (const d of docs)
      walk(d, (o) => {
        if (o._type === 'reference' && !ids.has(String(o._ref))) dangling.push(`${d._id} → ${o._ref}`);
      });
    expect(dangling).toEqual([]);
  });

  it('uploads images and audio from files that exist, as the importer expects', () => {
    const assets: string[] = [];
    for (const d of docs)
      walk(d, (o) => {
        if (typeof o._sanityAsset === 'string') assets.push(o._sanityAsset);
      });
    expect(assets.length).toBeGreaterThanOrEqual(20);
    for (const a of assets) {
      const m = /^(image|file)@(file:\/\/\/.+)$/.exec(a);
      expect(m, a).not.toBeNull();
      expect(existsSync(fileURLToPath(m![2]!)), a).toBe(true);
      expect(m![1]).toBe(/\.(jpe?g|png|webp)$/.test(a) ? 'image' : 'file');
    }
  });

  it('writes bodies as Portable Text blocks', () => {
    const body = docs.find((d) => d._id === 'article.home-blood-pressure')!.body as Array<{
      _type: string;
      style?: string;
      listItem?: string;
    }>;
    expect(body[0]).toMatchObject({ _type: 'block', style: 'h2' });
    expect(body.some((b) => b.listItem === 'number')).toBe(true);
    expect(body.some((b) => b.listItem === 'bullet')).toBe(true);
    expect(text).not.toMatch(/"body":"/);
  });
});
