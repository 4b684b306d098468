/**
 * The staff desk, admin and evaluation pages in dist/: noindex, out of the sitemap, out of the service worker's
 * precache, and their code (the API client, Observable Plot) loaded by no other page. Plot is not even loaded by
 * the evaluation page's own entry script: it comes in later, by a dynamic import.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../helpers/env.ts';

const STAFF = ['staff/desk', 'staff/admin', 'staff/admin/evaluation'];
/** The staff pages' own modules (the site's shared ones, e.g. the header's, are loaded by every page). */
const STAFF_CODE = /(Desk|Admin|Evaluation|access|charts)[.\w-]*\.js$/;
const html = (p: string) => readFileSync(path.join(DIST, p, 'index.html'), 'utf8');
/** The module scripts a page loads, with the modules they import statically (not dynamic imports). */
function modules(page: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(path.join(DIST, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w{},*\s$]+from\s*)?["'](\.\/[^"']+)["']/g))
      visit(path.posix.join(path.posix.dirname(file), m[1]!));
  };
  for (const m of page.matchAll(/<script[^>]*\ssrc="\/([^"]+\.js)"/g)) visit(m[1]!);
  return seen;
}
function pages(dir = DIST): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(path.join(dir, e.name)) : e.name.endsWith('.html') ? [path.join(dir, e.name)] : [],
  );
}

describe.skipIf(!existsSync(path.join(DIST, 'staff/desk/index.html')))('staff pages in dist/', () => {
  it('are noindex and not in the sitemap', () => {
    for (const p of STAFF) expect(html(p), p).toContain('<meta name="robots" content="noindex">');
    const maps = readdirSync(DIST).filter((f) => /^sitemap-\d+\.xml$/.test(f));
    for (const m of maps) expect(readFileSync(path.join(DIST, m), 'utf8')).not.toContain('/staff/');
  });

  it('are not precached, nor their scripts', () => {
    const sw = readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    expect(sw).not.toContain('staff/');
    for (const file of STAFF.flatMap((p) => [...modules(html(p))]).filter((f) => STAFF_CODE.test(f)))
      expect(sw.includes(file), file).toBe(false);
  });

  it('load their code only themselves, and Plot only later on the evaluation page', () => {
    const staffCode = new Set(STAFF.flatMap((p) => [...modules(html(p))].filter((f) => STAFF_CODE.test(f))));
    expect(staffCode.size).toBeGreaterThan(0);
    for (const file of pages()) {
      const rel = path.relative(DIST, file).split(path.sep).join('/');
      if (rel.startsWith('staff/')) continue;
      const loaded = modules(readFileSync(file, 'utf8'));
      for (const f of staffCode) expect(loaded.has(f), `${rel} loads ${f}`).toBe(false);
    }
    const evaluation = [...modules(html('staff/admin/evaluation'))];
    expect(evaluation.some((f) => f.includes('charts'))).toBe(false);
    const entry = evaluation.find((f) => f.includes('Evaluation'))!;
    const charts = /\.\/(charts\.[\w-]+\.js)/.exec(readFileSync(path.join(DIST, entry), 'utf8'))?.[1];
    expect(charts, 'the entry names the charts module for a dynamic import').toBeDefined();
    // The charts module (or a module it imports) is Observable Plot.
    const plot = [...modules(`<script type="module" src="/_astro/${charts}"></script>`)].some((f) =>
      readFileSync(path.join(DIST, f), 'utf8').includes('plot-d6a7b5'),
    );
    expect(plot).toBe(true);
  });
});
