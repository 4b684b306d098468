/**
 * axe (WCAG 2.0/2.1/2.2 A and AA, and best practice) with zero violations, on representative pages: for every
 * page template (src/pages) × every locale, one built page (chosen by tests/helpers/page-templates.ts: the
 * one showing the most components), in every reading mode (each text size with and without high contrast,
 * where the enhanced 7:1 contrast rule runs too, and the simple mode) in the default locale and in one mode,
 * rotating over the templates, in the others — plus every page listed in tests/e2e/must-sweep.txt, in every mode.
 * Its length follows templates × locales, not the number of articles.
 *
 * `npm run test:a11y:all` (A11Y_ALL=1) sweeps every sitemap URL instead, in standard, extra size and high
 * contrast, as before a release or after a change to shared components.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ALL_READING_MODES, axeViolations, READING_MODES } from './axe.ts';
import { builtPages, readMustSweep, routes, sweepPlan, templateOf } from '../helpers/page-templates.ts';

const DIST = path.resolve(process.env.DIST ?? 'dist');

if (process.env.A11Y_ALL) {
  const xml = readdirSync(DIST)
    .filter((f) => /^sitemap-\d+\.xml$/.test(f))
    .map((f) => readFileSync(path.join(DIST, f), 'utf8'))
    .join('');
  const urls = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  urls.push('/404.html');
  // Pages are grouped so each test opens one browser page and visits many URLs.
  const GROUP = 8;
  for (let i = 0; i < urls.length; i += GROUP) {
    const group = urls.slice(i, i + GROUP);
    test(`axe (all): ${group[0]} … (${group.length} pages × ${READING_MODES.length} modes)`, async ({ page }) => {
      test.setTimeout(600_000); // generous: a loaded 2-core machine runs axe several times slower
      const failures: string[] = [];
      for (const url of group) {
        await page.goto(url);
        failures.push(...(await axeViolations(page, url)));
      }
      expect(failures).toEqual([]);
    });
  }
} else {
  const pages = builtPages(DIST);
  const all = routes('src/pages');
  const defaultLang = pages.find((p) => p.url === '/')?.lang ?? '';
  const must = readMustSweep('tests/e2e/must-sweep.txt');
  const plan = sweepPlan(pages, all, { modes: ALL_READING_MODES.map((m) => m.name), defaultLang, must });

  for (const item of plan) {
    test(`axe: ${item.template} [${item.lang}] ${item.url} (${item.modes.length === 1 ? item.modes[0] : `${item.modes.length} modes`}${item.reason === 'must-sweep' ? ', must-sweep' : ''})`, async ({
      page,
    }) => {
      test.setTimeout(300_000); // generous: a loaded 2-core machine runs axe several times slower
      const response = await page.goto(item.url);
      expect(response?.status(), `${item.url} is built`).toBe(200);
      const modes = ALL_READING_MODES.filter((m) => item.modes.includes(m.name));
      expect(await axeViolations(page, item.url, modes)).toEqual([]);
    });
  }

  test('every built page comes from a template in src/pages, and every template × locale is swept', () => {
    expect(pages.filter((p) => !templateOf(p.url, all)).map((p) => p.url)).toEqual([]);
    const built = new Set(pages.map((p) => `${templateOf(p.url, all)} [${p.lang}]`));
    const swept = new Set(plan.filter((p) => p.reason === 'representative').map((p) => `${p.template} [${p.lang}]`));
    expect([...built].filter((k) => !swept.has(k))).toEqual([]);
    expect(
      must.filter((u) => !pages.some((p) => p.url === u)),
      'must-sweep pages that are not built',
    ).toEqual([]);
  });
}
