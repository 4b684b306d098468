/**
 * Which page template (src/pages/**.astro route) built each HTML file in dist/, and the representative pages
 * the accessibility sweep checks: for every template and every locale, one page — the one with the most
 * distinct class names (the most components shown), then the largest — so the sweep's size follows the number
 * of templates × locales, not the number of articles. Nothing here names a slug of the sample content.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Route {
  /** The route file, relative to the pages folder ("[...lang]/articles/[slug].astro"). */
  template: string;
  regex: RegExp;
  /** Static segments (more wins, as in Astro's route priority), then fewer rest and dynamic segments. */
  rank: [number, number, number];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The route of one .astro file under the pages folder, for sites built with build.format 'directory'. */
export function routeOf(template: string): Route {
  const bare = template.replace(/\\/g, '/').replace(/\.astro$/, '');
  if (/^\d{3}$/.test(bare)) return { template, regex: new RegExp(`^/${bare}\\.html$`), rank: [99, 0, 0] };
  const segs = bare.split('/').filter((s, i, all) => !(s === 'index' && i === all.length - 1));
  let statics = 0;
  let rests = 0;
  let dynamics = 0;
  const body = segs
    .map((s) => {
      if (/^\[\.\.\.[^\]]+\]$/.test(s)) return (rests++, '(?:[^/]+/)*');
      if (/^\[[^\]]+\]$/.test(s)) return (dynamics++, '[^/]+/');
      statics++;
      return `${escape(s)}/`;
    })
    .join('');
  return { template, regex: new RegExp(`^/${body}$`), rank: [statics, rests, dynamics] };
}

/** The page routes (.astro files; endpoints are not pages) under a pages folder. */
export function routes(pagesDir = 'src/pages'): Route[] {
  const out: Route[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.astro')) out.push(routeOf(path.relative(pagesDir, p)));
    }
  };
  walk(pagesDir);
  return out;
}

/** The template a URL path was built from (the most specific matching route), or null. */
export function templateOf(urlPath: string, all: readonly Route[]): string | null {
  const matches = all.filter((r) => r.regex.test(urlPath));
  matches.sort(
    (a, b) =>
      b.rank[0] - a.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2] || a.template.localeCompare(b.template),
  );
  return matches[0]?.template ?? null;
}

export interface BuiltPage {
  url: string;
  /** <html lang>, i.e. the page's locale. */
  lang: string;
  /** Distinct class names in the page. */
  classes: number;
  bytes: number;
}

/** Every HTML page in a built site (directory format: a/b/index.html is /a/b/; 404.html is /404.html). */
export function builtPages(dist: string): BuiltPage[] {
  const out: BuiltPage[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) {
        const rel = path.relative(dist, p).replace(/\\/g, '/');
        const html = readFileSync(p, 'utf8');
        const classes = new Set<string>();
        for (const m of html.matchAll(/\sclass="([^"]*)"/g)) for (const c of m[1]!.split(/\s+/)) if (c) classes.add(c);
        out.push({
          url:
            rel === 'index.html'
              ? '/'
              : rel.endsWith('/index.html')
                ? `/${rel.slice(0, -'index.html'.length)}`
                : `/${rel}`,
          lang: /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? '',
          classes: classes.size,
          bytes: statSync(p).size,
        });
      }
    }
  };
  walk(dist);
  return out.sort((a, b) => a.url.localeCompare(b.url));
}

export interface Planned {
  url: string;
  template: string;
  lang: string;
  /** Names of the reading modes to check this page in. */
  modes: string[];
  /** Why it is swept: the template's representative, or listed in the must-sweep file. */
  reason: 'representative' | 'must-sweep';
}

/**
 * The sweep: for each template × locale its representative page. Pages in the site's default locale
 * (`defaultLang`) are checked in every mode; pages in the other locales in one mode, rotating over the
 * templates, so every template × locale, every template × mode (in the default locale) and — given at least
 * as many templates as modes — every locale × mode pair is checked, while the number of axe runs stays
 * templates × (modes + other locales). Pages listed in `must` are checked in every mode.
 */
export function sweepPlan(
  pages: readonly BuiltPage[],
  all: readonly Route[],
  { modes, defaultLang, must = [] }: { modes: readonly string[]; defaultLang: string; must?: readonly string[] },
): Planned[] {
  const groups = new Map<string, BuiltPage[]>();
  const templateByUrl = new Map<string, string>();
  for (const p of pages) {
    const t = templateOf(p.url, all);
    if (!t) continue;
    templateByUrl.set(p.url, t);
    const key = `${t}\u0000${p.lang}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const templates = [...new Set([...groups.keys()].map((k) => k.split('\u0000')[0]!))].sort();
  const langs = [...new Set(pages.map((p) => p.lang))].sort((a, b) =>
    a === defaultLang ? -1 : b === defaultLang ? 1 : a.localeCompare(b),
  );
  const plan: Planned[] = [];
  templates.forEach((template, ti) => {
    langs.forEach((lang, li) => {
      const candidates = groups.get(`${template}\u0000${lang}`);
      if (!candidates) return;
      const rep = [...candidates].sort(
        (a, b) => b.classes - a.classes || b.bytes - a.bytes || a.url.localeCompare(b.url),
      )[0]!;
      const chosen = lang === defaultLang ? [...modes] : [modes[(ti + li) % modes.length]!];
      plan.push({ url: rep.url, template, lang, modes: chosen, reason: 'representative' });
    });
  });
  for (const url of must) {
    const p = pages.find((x) => x.url === url);
    const existing = plan.find((x) => x.url === url);
    if (existing) existing.modes = [...modes];
    else
      plan.push({
        url,
        template: templateByUrl.get(url) ?? '(none)',
        lang: p?.lang ?? '',
        modes: [...modes],
        reason: 'must-sweep',
      });
  }
  return plan;
}

/** The URL paths in a must-sweep file: one per line; blank lines and # comments ignored. */
export function readMustSweep(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}
