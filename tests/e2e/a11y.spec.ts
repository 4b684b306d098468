/**
 * axe (WCAG 2.0/2.1/2.2 A and AA, and best practice) on every URL in the sitemap, with zero violations,
 * in three ways of reading: standard size, extra size (特大), and high contrast, where the enhanced
 * (7:1) contrast rule runs too. The preferences are attributes on <html>, so each page loads once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { axeViolations, READING_MODES } from './axe.ts';

const DIST = path.resolve('dist');
const xml = readdirSync(DIST).filter((f) => /^sitemap-\d+\.xml$/.test(f)).map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('');
const urls = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
urls.push('/404.html');

// Pages are grouped so each test opens one browser page and visits many URLs.
const GROUP = 8;
for (let i = 0; i < urls.length; i += GROUP) {
  const group = urls.slice(i, i + GROUP);
  test(`axe: ${group[0]} … (${group.length} pages × ${READING_MODES.length} modes)`, async ({ page }) => {
    test.setTimeout(600_000); // generous: a loaded 2-core machine runs axe several times slower
    const failures: string[] = [];
    for (const url of group) {
      await page.goto(url);
      failures.push(...(await axeViolations(page, url)));
    }
    expect(failures).toEqual([]);
  });
}

test('the sitemap lists pages in every locale', () => {
  for (const prefix of ['/', '/zh-hant/', '/yue/', '/en/']) expect(urls).toContain(prefix);
  expect(urls.length).toBeGreaterThan(200);
});
