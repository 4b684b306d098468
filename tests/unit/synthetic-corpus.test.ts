/** The benchmark corpus generator: valid content at the requested size, and the same bytes every run. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/sample.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { generateCorpus } from '../../scripts/synthetic/corpus.mjs';

const tmp = mkdtempSync(path.join(tmpdir(), 'hc-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.runIf(SAMPLE)('synthetic corpus', () => {
  it('writes the requested number of articles and events, and the site model accepts every one', async () => {
    const outDir = path.join(tmp, 'a');
    const result = await generateCorpus({ outDir, articles: 120, events: 60, translated: 0.5 });
    expect(result).toMatchObject({ articles: 120, events: 60 });
    expect(result.translations).toBeGreaterThan(0);
    const set = await loadLocalContent(outDir);
    expect(set.articles).toHaveLength(120);
    expect(set.events).toHaveLength(60);
    const slugs = set.articles.map((a) => a.data.slug);
    expect(slugs.filter((s) => s.startsWith('syn-'))).toHaveLength(result.syntheticArticles);
    expect(result.syntheticArticles).toBeGreaterThan(60);
    // Real articles are kept as they are, so queries about them still have their expected answers.
    expect(slugs).toContain('home-blood-pressure');
  });

  it('is deterministic: the same options give the same files', async () => {
    const one = path.join(tmp, 'b1');
    const two = path.join(tmp, 'b2');
    await generateCorpus({ outDir: one, articles: 60, events: 30 });
    await generateCorpus({ outDir: two, articles: 60, events: 30 });
    for (const folder of ['articles', 'events']) {
      const files = readdirSync(path.join(one, folder)).sort();
      expect(readdirSync(path.join(two, folder)).sort()).toEqual(files);
      for (const f of files) {
        expect(readFileSync(path.join(two, folder, f), 'utf8'), f).toBe(
          readFileSync(path.join(one, folder, f), 'utf8'),
        );
      }
    }
  });
});
