/**
 * The content-layer loaders store the ContentSet's entries without Astro's parseData (src/content/loaders/astro.ts):
 * the set was parsed with the same schemas. That is only sound while parsing is idempotent — a second parse
 * must change nothing, on the sample content and on a centre's own content alike.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { publishedFamilies } from '../../src/content/loaders/astro.ts';
import {
  articleSchema,
  audienceSchema,
  eventSchema,
  familySchema,
  healthDaySchema,
  quizSchema,
  siteSettingsSchema,
  topicSchema,
} from '@hc/domain/model/index.ts';

for (const dir of ['content', 'tests/fixtures/centre-real']) {
  describe(`collections from ${dir}`, () => {
    it('are what a second parse with the collection schemas gives', async () => {
      const set = await loadLocalContent(path.resolve(dir));
      let checked = 0;
      const same = (schema: z.ZodType, entries: Array<{ data: unknown; source: string }>) => {
        checked += entries.length;
        for (const e of entries) expect(schema.parse(e.data), e.source).toEqual(e.data);
      };
      same(audienceSchema, set.audiences);
      same(topicSchema, set.topics);
      same(articleSchema, set.articles);
      same(eventSchema, set.events);
      same(healthDaySchema, set.healthDays);
      same(familySchema, publishedFamilies(set));
      same(quizSchema, set.quizzes);
      same(siteSettingsSchema, [set.siteSettings]);
      expect(checked).toBeGreaterThan(set.articles.length);
    });
  });
}
