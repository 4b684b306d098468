/**
 * The 健康积分 pages in dist/: every reward of the points content is on /points/rewards/ in each locale, under
 * its department, with its cost and stock state; every earning rule is on /points/; the catalogue carries no script
 * beyond the site's own, and no reading page loads a byte of points code. Content without points/ builds no points page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@hc/domain/locales/registry.ts';
import { LOCALE_INFO } from '../../src/i18n/locales.ts';
import { loadPointsContent } from '../../src/content/loaders/points.ts';
import { localizeString } from '../../src/lib/localize/resolve.ts';
import { stockState } from '../../src/lib/points/view.ts';
import { hasEnded } from '@hc/domain/calendar/ended.ts';
import { pointsForEvent } from '@hc/domain/points/model.ts';
import { buildNow } from '@hc/domain/time.ts';
import { CONTENT_DIR, DIST, loadContent } from '../helpers/env.ts';

const content = await loadPointsContent(CONTENT_DIR);
const page = (locale: (typeof LOCALES)[number], p: string) =>
  path.join(DIST, LOCALE_INFO[locale].prefix ?? '', p, 'index.html');
/** Text as the page holds it, with the entities Astro writes read back. */
const unescape = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** Every <script> element, with its src or body (what a page runs). */
const scripts = (html: string) => [...html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/g)].map((m) => m[0]).sort();
/** The slice of the page from one reward card's start to the next card (or the end of its list). */
function card(html: string, id: string): string {
  const start = html.indexOf(`data-reward="${id}"`);
  if (start < 0) return '';
  const end = html.indexOf('</article>', start);
  return unescape(html.slice(start, end));
}
/** Strings only the points client, the card and the staff pages carry. */
const POINTS_MARKERS = ['/me/transfers', 'hc-outbox', 'idempotency-key', '/attendance', 'code-secret'];
/** The text of every script a page loads before anyone acts: its module scripts and their static imports. */
function loadedCode(html: string): string {
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script\b[^>]*\bsrc="(\/[^"]+)"/g)].map((m) => m[1]!);
  let code = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const file = path.join(DIST, url.split('?')[0]!);
    if (!existsSync(file)) continue;
    const js = readFileSync(file, 'utf8');
    code += `\n${js}`;
    for (const m of js.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g))
      queue.push(new URL(m[1]!, `http://x${url}`).pathname);
  }
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g))
    for (const i of m[1]!.matchAll(/import\s*(?:[\w*{}\s,$]+from\s*)?["'](\/[^"']+)["']/g)) {
      const file = path.join(DIST, i[1]!);
      if (existsSync(file)) code += `\n${readFileSync(file, 'utf8')}`;
    }
  return code;
}
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('index.html'))
    .map((f) => path.join(dir, f));
}
const STOCK_TEXT = { available: 'stockAvailable', low: 'stockLow', out: 'stockOut' } as const;
const strings = (locale: string) =>
  JSON.parse(readFileSync(`src/i18n/ui/${locale}.json`, 'utf8')).points as Record<string, string>;

describe.skipIf(!existsSync(DIST))('points pages in dist/', () => {
  it.skipIf(content)('are not built when the content has no points programme', () => {
    for (const locale of LOCALES) expect(existsSync(page(locale, 'points/rewards'))).toBe(false);
  });

  describe.skipIf(!content)('with a points programme', () => {
    for (const locale of LOCALES) {
      it(`/points/rewards/ lists every reward under its department (${locale})`, () => {
        const html = readFileSync(page(locale, 'points/rewards'), 'utf8');
        const t = strings(locale);
        for (const r of content!.rewards) {
          const c = card(html, r.id);
          expect(c, r.id).not.toBe('');
          expect(c).toContain(localizeString(r.name, locale).text);
          expect(c).toContain(t.cost.replace('{{points}}', String(r.cost)));
          expect(c).toContain(`data-stock="${stockState(r.stock)}">${t[STOCK_TEXT[stockState(r.stock)]]}<`);
          expect(c).toContain(localizeString(r.collectAt, locale).text);
          // Under its department's heading: the nearest department section before the card is its own.
          const before = html.slice(0, html.indexOf(`data-reward="${r.id}"`));
          expect(before.lastIndexOf(`data-department="${r.department}"`)).toBe(
            Math.max(...content!.departments.map((d) => before.lastIndexOf(`data-department="${d.id}"`))),
          );
        }
      });

      it(`/points/ lists every earning rule with its points (${locale})`, () => {
        const html = readFileSync(page(locale, 'points'), 'utf8');
        const t = strings(locale);
        for (const r of content!.rules) {
          const at = html.indexOf(`data-rule="${r.id}"`);
          expect(at, r.id).toBeGreaterThan(-1);
          const item = unescape(html.slice(at, html.indexOf('</li>', at)));
          expect(item).toContain(localizeString(r.title, locale).text);
          expect(item).toContain(t.rulePoints.replace('{{points}}', String(r.points)));
        }
      });

      it(`/points/rewards/ runs no script of its own; /points/ and /points/checkin/ load the card's (${locale})`, () => {
        // The self-check hub is a plain list page: it has exactly the site's scripts (display preferences and the
        // header's controls, the service worker's registration).
        const shell = scripts(readFileSync(page(locale, 'self-check'), 'utf8'));
        expect(scripts(readFileSync(page(locale, 'points/rewards'), 'utf8'))).toEqual(shell);
        for (const p of ['points', 'points/checkin']) {
          const code = loadedCode(readFileSync(page(locale, p), 'utf8'));
          expect(code, p).toContain('/me/transfers');
        }
      });
    }

    it('reading pages load no byte of points code (the home only asks for the public monthly total)', () => {
      let checked = 0;
      for (const file of htmlFiles(DIST)) {
        const rel = path.relative(DIST, file);
        if (/(^|\/)(points|staff)\//.test(rel)) continue;
        const code = loadedCode(readFileSync(file, 'utf8'));
        for (const marker of POINTS_MARKERS) expect(code.includes(marker), `${rel} loads ${marker}`).toBe(false);
        checked++;
      }
      expect(checked).toBeGreaterThan(100);
    });

    it('event pages still to come show the points attending earns', async () => {
      const { events } = await loadContent();
      const t = strings('zh-hans');
      let checked = 0;
      for (const { data: e } of events) {
        const file = page('zh-hans', `events/${e.slug}`);
        if (!existsSync(file) || hasEnded(e, buildNow())) continue;
        const html = readFileSync(file, 'utf8');
        const earns = pointsForEvent(content!.rules, e.type, e.slug);
        const line = (n: number) => t.eventPoints.replace('{{points}}', String(n));
        if (earns) expect(html, e.slug).toContain(line(earns.points));
        else expect(html, e.slug).not.toContain(t.eventPoints.split('{{points}}')[0]!.trim());
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  });
});
