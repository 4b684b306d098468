/**
 * What a built page loads: from its HTML to the stylesheets, scripts (with their static imports) and island
 * code it pulls in, and the gzip bytes of each kind. Pure: the caller passes a `read(url)` that returns a
 * file's text from dist/ (or null when the URL is not a local file), so this runs in unit tests on strings.
 */
import { gzipSync } from 'node:zlib';

export type ResourceKind = 'html' | 'css' | 'js';

export interface Resource {
  kind: ResourceKind;
  /** Site-relative URL ("/_astro/x.css"), or "inline" for code inside the HTML. */
  url: string;
  /** Raw bytes (UTF-8). */
  bytes: number;
  /** Bytes after gzip level 9 — what a CDN sends. */
  gzip: number;
  /** True for code that must run (or stylesheets that must load) before the page paints. */
  blocking: boolean;
  /** True for island code (astro-island component/renderer), loaded when the island hydrates. */
  island?: boolean;
}

export interface PageResources {
  resources: Resource[];
  /** gzip bytes per kind; inline scripts and styles are already inside the HTML's bytes. */
  gzip: Record<ResourceKind, number>;
  /** gzip bytes of HTML + CSS + JS together. */
  total: number;
  /** gzip bytes of render-blocking external scripts plus raw bytes of inline scripts in <head>. */
  jsBeforeReadable: number;
  /** Whether any script the page loads contains React (react-dom's runtime). */
  react: boolean;
  /** Characters of visible text inside <main> in the static HTML (no JavaScript run). */
  mainText: number;
  /** URLs referenced by the page that were not found (a broken build, not a budget question). */
  missing: string[];
}

export const gzipSize = (text: string): number => gzipSync(Buffer.from(text, 'utf8'), { level: 9 }).length;

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

const REACT_MARKERS = ['react.transitional.element', 'react.element', '__reactFiber', 'react-dom'];
export const containsReact = (js: string) => REACT_MARKERS.some((m) => js.includes(m));

/** Visible text length in <main>, tags, scripts and styles stripped, whitespace collapsed. */
export function mainTextLength(html: string): number {
  const m = /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(html);
  if (!m) return 0;
  const text = m[1]
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length;
}

/**
 * Everything a page loads at start-up (not lazily imported chunks or fetched data): stylesheets, scripts and
 * modulepreloads with their static imports, and astro-island component and renderer code.
 */
export function pageResources(pageUrl: string, html: string, read: (url: string) => string | null): PageResources {
  const resources: Resource[] = [
    { kind: 'html', url: pageUrl, bytes: Buffer.byteLength(html), gzip: gzipSize(html), blocking: true },
  ];
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
    resources.push({
      kind: 'js',
      url,
      bytes: Buffer.byteLength(js),
      gzip: gzipSize(js),
      blocking,
      island: island || undefined,
    });
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
        else
          resources.push({
            kind: 'css',
            url,
            bytes: Buffer.byteLength(css),
            gzip: gzipSize(css),
            blocking: !a.media || a.media === 'all',
          });
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

  const gzip: Record<ResourceKind, number> = { html: 0, css: 0, js: 0 };
  for (const r of resources) gzip[r.kind] += r.gzip;
  const blockingJs = resources.filter((r) => r.kind === 'js' && r.blocking).reduce((s, r) => s + r.gzip, 0);
  const react = resources.some((r) => r.kind === 'js' && containsReact(read(r.url) ?? ''));
  return {
    resources,
    gzip,
    total: gzip.html + gzip.css + gzip.js,
    jsBeforeReadable: blockingJs + inlineHeadJs,
    react,
    mainText: mainTextLength(html),
    missing,
  };
}
