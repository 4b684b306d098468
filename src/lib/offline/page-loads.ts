/**
 * What a built page loads at start-up: its stylesheets, scripts and modulepreloads with their static imports,
 * and astro-island component and renderer code (not lazily imported chunks or fetched data). The service
 * worker's precache plan (./precache.ts) reads which CSS and JS each page needs from it; the benchmark's byte
 * counts and budgets (scripts/bench/lib/resources.ts) weigh the same list. Pure: the caller passes a
 * `read(url)` that returns a file's text from dist/ (or null when the URL is not a local file).
 */

/** One stylesheet or script a page loads, with its text. */
export interface PageLoad {
  kind: 'css' | 'js';
  /** Site-relative URL ("/_astro/x.css"). */
  url: string;
  text: string;
  /** True for code that must run (or stylesheets that must load) before the page paints. */
  blocking: boolean;
  /** True for island code (astro-island component/renderer), loaded when the island hydrates. */
  island?: boolean;
}

export interface PageLoads {
  loads: PageLoad[];
  /** Bytes (UTF-8) of classic inline scripts in <head>: they run before the page is readable. */
  inlineHeadJs: number;
  /** URLs referenced by the page that were not found (a broken build). */
  missing: string[];
}

/** Attributes of one start tag, lower-cased names; valueless attributes map to "". */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const body = tag.replace(/^<\s*[a-zA-Z-]+/, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(re)) out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** Resolve a reference against the page URL; null for other origins and data: URLs. */
export function resolveUrl(ref: string, base: string): string | null {
  if (!ref || /^(data|blob|javascript):/i.test(ref)) return null;
  const u = new URL(decode(ref), new URL(base, 'http://local'));
  return u.origin === 'http://local' ? u.pathname : null;
}

/** Static imports of an ES module (import … from "x", import "x", export … from "x"); dynamic import() is lazy. */
export function staticImports(js: string): string[] {
  const out = new Set<string>();
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const m of js.matchAll(re)) out.add(m[1]);
  return [...out];
}

/** Everything a page loads at start-up, in document order, each file once. */
export function pageLoads(pageUrl: string, html: string, read: (url: string) => string | null): PageLoads {
  const loads: PageLoad[] = [];
  const seen = new Set<string>();
  const missing: string[] = [];
  const headEnd = html.search(/<\/head>/i);
  let inlineHeadJs = 0;

  const addJs = (url: string, blocking: boolean, island = false) => {
    if (seen.has(url)) return;
    seen.add(url);
    const js = read(url);
    if (js == null) {
      missing.push(url);
      return;
    }
    loads.push({ kind: 'js', url, text: js, blocking, island: island || undefined });
    for (const ref of staticImports(js)) {
      const dep = resolveUrl(ref, url);
      if (dep) addJs(dep, blocking, island);
    }
  };

  for (const m of html.matchAll(/<(link|script|astro-island)\b[^>]*>/gi)) {
    const tag = m[1].toLowerCase();
    const a = attributes(m[0]);
    const inHead = headEnd >= 0 && (m.index ?? 0) < headEnd;
    if (tag === 'link') {
      const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
      const url = a.href ? resolveUrl(a.href, pageUrl) : null;
      if (!url) continue;
      if (rel.includes('stylesheet')) {
        if (seen.has(url)) continue;
        seen.add(url);
        const css = read(url);
        if (css == null) missing.push(url);
        else loads.push({ kind: 'css', url, text: css, blocking: !a.media || a.media === 'all' });
      } else if (rel.includes('modulepreload')) {
        addJs(url, false);
      }
    } else if (tag === 'script') {
      const type = (a.type ?? '').toLowerCase();
      if (type && !/^(module|text\/javascript|application\/javascript)$/.test(type)) continue; // JSON-LD, import maps
      if (a.src !== undefined) {
        const url = resolveUrl(a.src, pageUrl);
        // Classic scripts without async/defer block parsing; modules are deferred.
        if (url) addJs(url, type !== 'module' && a.async === undefined && a.defer === undefined);
      } else {
        const end = html.indexOf('</script>', m.index ?? 0);
        const code = html.slice((m.index ?? 0) + m[0].length, end < 0 ? undefined : end);
        if (inHead && type !== 'module') inlineHeadJs += Buffer.byteLength(code);
        for (const ref of staticImports(code)) {
          const dep = resolveUrl(ref, pageUrl);
          if (dep) addJs(dep, false);
        }
      }
    } else {
      for (const key of ['component-url', 'renderer-url']) {
        const url = a[key] ? resolveUrl(a[key], pageUrl) : null;
        if (url) addJs(url, false, true);
      }
    }
  }

  return { loads, inlineHeadJs, missing };
}
