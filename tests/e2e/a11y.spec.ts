/** axe (WCAG 2.0/2.1/2.2 A and AA, and best practice) on every URL in the sitemap: zero violations. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const DIST = path.resolve('dist');
const xml = readdirSync(DIST).filter((f) => /^sitemap-\d+\.xml$/.test(f)).map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('');
const urls = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
urls.push('/404.html');

// Pages are grouped so each test opens one browser page and visits many URLs.
const GROUP = 12;
for (let i = 0; i < urls.length; i += GROUP) {
  const group = urls.slice(i, i + GROUP);
  test(`axe: ${group[0]} … (${group.length} pages)`, async ({ page }) => {
    test.setTimeout(120_000);
    const failures: string[] = [];
    for (const url of group) {
      await page.goto(url);
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      for (const v of violations) {
        failures.push(`${url}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
    }
    expect(failures).toEqual([]);
  });
}

test('the sitemap lists pages in every locale', () => {
  for (const prefix of ['/', '/zh-hant/', '/yue/', '/en/']) expect(urls).toContain(prefix);
  expect(urls.length).toBeGreaterThan(200);
});
