/**
 * axe (WCAG 2.0/2.1/2.2 A and AA, and best practice) on every URL in the sitemap, with zero violations,
 * in three ways of reading: standard size, extra size (特大), and high contrast, where the enhanced
 * (7:1) contrast rule runs too. The preferences are attributes on <html>, so each page loads once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const DIST = path.resolve('dist');
const xml = readdirSync(DIST).filter((f) => /^sitemap-\d+\.xml$/.test(f)).map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('');
const urls = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
urls.push('/404.html');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const MODES = [
  { name: 'standard', attrs: {} as Record<string, string>, enhanced: false },
  { name: 'extra size', attrs: { 'data-size': 'extra' }, enhanced: false },
  { name: 'high contrast', attrs: { 'data-contrast': 'high' }, enhanced: true },
];

async function setMode(page: Page, attrs: Record<string, string>): Promise<void> {
  await page.evaluate((a) => {
    const html = document.documentElement;
    html.removeAttribute('data-size');
    html.removeAttribute('data-contrast');
    for (const [k, v] of Object.entries(a)) html.setAttribute(k, v);
  }, attrs);
}

// Pages are grouped so each test opens one browser page and visits many URLs.
const GROUP = 8;
for (let i = 0; i < urls.length; i += GROUP) {
  const group = urls.slice(i, i + GROUP);
  test(`axe: ${group[0]} … (${group.length} pages × ${MODES.length} modes)`, async ({ page }) => {
    test.setTimeout(600_000); // generous: a loaded 2-core machine runs axe several times slower
    const failures: string[] = [];
    for (const url of group) {
      await page.goto(url);
      for (const mode of MODES) {
        await setMode(page, mode.attrs);
        let builder = new AxeBuilder({ page }).withTags(TAGS);
        if (mode.enhanced) builder = builder.options({ rules: { 'color-contrast-enhanced': { enabled: true } } });
        const { violations } = await builder.analyze();
        for (const v of violations) {
          failures.push(`${url} [${mode.name}]: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
}

test('the sitemap lists pages in every locale', () => {
  for (const prefix of ['/', '/zh-hant/', '/yue/', '/en/']) expect(urls).toContain(prefix);
  expect(urls.length).toBeGreaterThan(200);
});
