/**
 * Checks over the built site in dist/ (npm test builds it first): no broken internal link, fragment or asset
 * reference; nothing loaded from a third party; every page has a language, a title, one h1, a main landmark and
 * a skip link; localized pages carry hreflang alternates for all four locales; the sitemap lists real pages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../helpers/env.ts';

const SITE = new URL(process.env.SITE_URL ?? 'https://health.example.org');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = existsSync(DIST) ? walk(DIST) : [];
const pages = files.filter((f) => f.endsWith('.html'));
const html = new Map(pages.map((f) => [f, readFileSync(f, 'utf8')]));

/** The file a site path is served from (directory URLs serve index.html). */
function fileFor(sitePath: string): string {
  const clean = decodeURIComponent(sitePath.split('#')[0].split('?')[0]);
  const p = path.join(DIST, clean);
  return clean.endsWith('/') ? path.join(p, 'index.html') : p;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let set = ids.get(file);
  if (!set) {
    set = new Set([...(html.get(file) ?? '').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    ids.set(file, set);
  }
  return set;
}

/** Every URL a page refers to: href, src, srcset, poster, and content of og:image / twitter:image. */
function references(source: string): string[] {
  const body = source.replace(/<script type="application\/ld\+json"[\s\S]*?<\/script>/g, '');
  const out: string[] = [];
  for (const m of body.matchAll(/\s(?:href|src|poster)="([^"]*)"/g)) out.push(m[1]);
  for (const m of body.matchAll(/\ssrcset="([^"]*)"/g))
    for (const part of m[1].split(',')) out.push(part.trim().split(/\s+/)[0]);
  for (const m of body.matchAll(/<meta\s+(?:property|name)="(?:og:image|twitter:image)"\s+content="([^"]*)"/g))
    out.push(m[1]);
  return out.map((u) => u.replace(/&amp;/g, '&')).filter((u) => u !== '');
}

describe('dist/', () => {
  it('has been built', () => {
    expect(pages.length, 'run npm run build first').toBeGreaterThan(100);
  });

  it('has no broken internal link, fragment or asset reference', () => {
    const broken: string[] = [];
    for (const [file, source] of html) {
      const pagePath =
        '/' +
        path
          .relative(DIST, file)
          .replace(/index\.html$/, '')
          .split(path.sep)
          .join('/');
      for (const ref of references(source)) {
        if (/^(tel|mailto|sms|data|javascript):/i.test(ref)) continue;
        let url: URL;
        try {
          url = new URL(ref, new URL(pagePath, SITE));
        } catch {
          broken.push(`${pagePath}: unparsable URL ${ref}`);
          continue;
        }
        if (url.origin !== SITE.origin) continue; // external links are checked for third parties below
        const target = url.pathname === pagePath && ref.startsWith('#') ? file : fileFor(url.pathname);
        if (!existsSync(target)) {
          broken.push(`${pagePath}: ${ref} → missing ${path.relative(DIST, target)}`);
          continue;
        }
        if (url.hash && target.endsWith('.html')) {
          const id = decodeURIComponent(url.hash.slice(1));
          if (!idsOf(target).has(id)) broken.push(`${pagePath}: ${ref} → no element with id "${id}"`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('CSS refers only to files that exist', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.css'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        const ref = m[1];
        if (ref.startsWith('data:') || ref.startsWith('#')) continue;
        const target = ref.startsWith('/') ? path.join(DIST, ref) : path.resolve(path.dirname(file), ref);
        if (!existsSync(target)) broken.push(`${path.relative(DIST, file)}: ${ref}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('loads nothing from a third party', () => {
    const found: string[] = [];
    for (const [file, source] of html) {
      const name = path.relative(DIST, file);
      for (const m of source.matchAll(
        /<(script|link|img|iframe|source|audio|video|embed|object)\b[^>]*\s(?:src|href|data)="(https?:)?\/\/([^/"]+)/g,
      )) {
        if (m[3] !== SITE.host || m[1] === 'iframe') found.push(`${name}: <${m[1]}> from ${m[3]}`);
      }
      if (/<iframe\b/.test(source)) found.push(`${name}: iframe`);
    }
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const js = readFileSync(file, 'utf8');
      for (const m of js.matchAll(
        /(?:fetch|sendBeacon|XMLHttpRequest|WebSocket|EventSource)\s*\(\s*["'`](https?:)?\/\/([^/"'`]+)/g,
      )) {
        if (m[2] !== SITE.host) found.push(`${path.relative(DIST, file)}: request to ${m[2]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('every page has a language, a title, one h1, a main landmark and a skip link', () => {
    const problems: string[] = [];
    for (const [file, source] of html) {
      const name = path.relative(DIST, file);
      const body = source.replace(/<template[\s\S]*?<\/template>/g, '');
      if (!/<html[^>]*\slang="[^"]+"/.test(body)) problems.push(`${name}: no html lang`);
      if (!/<title>[^<]+<\/title>/.test(body)) problems.push(`${name}: no title`);
      const h1 = body.match(/<h1[\s>]/g)?.length ?? 0;
      if (h1 !== 1) problems.push(`${name}: ${h1} h1 elements`);
      if (!/<main\s[^>]*id="main"/.test(body)) problems.push(`${name}: no <main id="main">`);
      if (!/<a class="skip-link" href="#main"/.test(body)) problems.push(`${name}: no skip link`);
    }
    expect(problems).toEqual([]);
  });

  it('localized pages link their versions in all four locales (hreflang)', () => {
    const problems: string[] = [];
    for (const [file, source] of html) {
      const name = path.relative(DIST, file);
      // 404 exists once; the staff pages (/staff/…) are for the centre's own staff, in Chinese only.
      if (name === '404.html' || name.startsWith(`staff${path.sep}`)) continue;
      const langs = [...source.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)];
      const codes = langs.map((m) => m[1]).sort();
      if (codes.join(',') !== ['en', 'x-default', 'yue-Hant', 'zh-Hans', 'zh-Hant'].join(',')) {
        problems.push(`${name}: hreflang ${codes.join(',') || 'missing'}`);
        continue;
      }
      for (const [, , href] of langs)
        if (!existsSync(fileFor(new URL(href).pathname))) problems.push(`${name}: alternate ${href} does not exist`);
    }
    expect(problems).toEqual([]);
  });

  it('the sitemap lists existing pages in every locale', () => {
    const index = readFileSync(path.join(DIST, 'sitemap-index.xml'), 'utf8');
    const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => path.join(DIST, new URL(m[1]).pathname));
    const urls = maps.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1])),
    );
    for (const home of ['/', '/zh-hant/', '/yue/', '/en/']) expect(urls.map((u) => u.pathname)).toContain(home);
    const missing = urls.filter((u) => !existsSync(fileFor(u.pathname))).map((u) => u.pathname);
    expect(missing).toEqual([]);
    expect(urls.every((u) => u.origin === SITE.origin)).toBe(true);
  });
});
