/**
 * Shared by the benchmark and the budget check: page sizes over a built dist/, and Lighthouse runs against a
 * local server. The pure parts live in scripts/bench/lib (unit-tested); this file only does the I/O.
 */
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PAGE_TYPES, groupPages, representative, fileToUrl } from './lib/pages.ts';
import { pageResources } from './lib/resources.ts';
import { cspMetaGzipCost } from '../../src/lib/security/csp-prune.ts';
import { createStaticServer } from '../serve.mjs';

export { CHROMIUM };

/** dist/-relative paths of every HTML file under dir. */
export function htmlFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.html')) out.push(r);
    }
  };
  walk('');
  return out;
}

/** Total bytes and file count under dir. */
export function dirSize(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/** A reader of site URLs from dist/, cached (pages share their CSS and JS). */
function reader(dist) {
  const cache = new Map();
  return (url) => {
    if (!cache.has(url)) {
      const file = path.join(dist, decodeURIComponent(url.split('?')[0]));
      cache.set(url, existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : null);
    }
    return cache.get(url);
  };
}

/**
 * Measure every page of every type in dist/. Returns, per type, all pages' measurements and the
 * representative one (null when the type is not built).
 */
export function measureDist(dist) {
  const groups = groupPages(htmlFiles(dist));
  const read = reader(dist);
  return PAGE_TYPES.map((type) => {
    const pages = groups[type.kind].map((file) => {
      const html = readFileSync(path.join(dist, file), 'utf8');
      const r = pageResources(fileToUrl(file), html, read);
      return {
        kind: type.kind,
        file,
        reading: type.reading,
        reactAllowed: type.react,
        total: r.total,
        gzip: r.gzip,
        cspMeta: type.reading ? cspMetaGzipCost(html) : 0,
        blockingJs: r.resources.filter((x) => x.kind === 'js' && x.blocking).reduce((s, x) => s + x.gzip, 0),
        inlineHeadJs:
          r.jsBeforeReadable - r.resources.filter((x) => x.kind === 'js' && x.blocking).reduce((s, x) => s + x.gzip, 0),
        jsBeforeReadable: r.jsBeforeReadable,
        react: r.react,
        mainText: r.mainText,
        missing: r.missing,
      };
    });
    const rep = representative(type, groups[type.kind]);
    return { type, pages, rep: rep ? pages.find((p) => p.file === rep) : null };
  });
}

/** Serve dist on 127.0.0.1 until close() is called; port 0 (the default) lets the system pick a free one. */
export async function serve(dist, port = 0) {
  const server = createStaticServer(dist);
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Lighthouse 13 (mobile preset, simulated throttling) for each URL, one Chromium for all. Returns the four
 * category scores (0–100) and LCP, TBT, CLS.
 */
export async function lighthouseRuns(targets) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    logLevel: 'silent',
  });
  const out = [];
  try {
    for (const { kind, url } of targets) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
      const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const failedA11y = Object.values(lhr.audits)
        .filter(
          (a) => a.score === 0 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0),
        )
        .map((a) => a.id);
      out.push({
        kind,
        url: new URL(url).pathname,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
        tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
        cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
        failedAudits: failedA11y,
      });
    }
  } finally {
    chrome.kill();
  }
  return out;
}

export const kb = (n) => (n == null ? '—' : `${(n / 1024).toFixed(1)} KB`);

/** A plain text table: header row, rows of cells; numbers right-aligned. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r) =>
    r
      .map((c, i) =>
        typeof c === 'number' || /^[\d.—-]/.test(String(c))
          ? String(c).padStart(widths[i])
          : String(c).padEnd(widths[i]),
      )
      .join('  ');
  return [fmt(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
