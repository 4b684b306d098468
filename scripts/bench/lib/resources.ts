/**
 * The benchmark's weight of a built page: what it loads (src/lib/offline/page-loads.ts, the list the service
 * worker's precache also uses) with the gzip bytes of each kind, React or not, and its visible text. Pure: the
 * caller passes a `read(url)` that returns a file's text from dist/ (or null), so this runs in unit tests on
 * strings. Bench and test tooling, not shipped.
 */
import { gzipSync } from 'node:zlib';
import { pageLoads } from '../../../src/lib/offline/page-loads.ts';

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

/** Everything a page loads at start-up (pageLoads), weighed: gzip bytes by kind, blocking JS, React, main text. */
export function pageResources(pageUrl: string, html: string, read: (url: string) => string | null): PageResources {
  const { loads, inlineHeadJs, missing } = pageLoads(pageUrl, html, read);
  const resources: Resource[] = [
    { kind: 'html', url: pageUrl, bytes: Buffer.byteLength(html), gzip: gzipSize(html), blocking: true },
    ...loads.map(({ kind, url, text, blocking, island }) => ({
      kind,
      url,
      bytes: Buffer.byteLength(text),
      gzip: gzipSize(text),
      blocking,
      ...(kind === 'js' ? { island } : {}),
    })),
  ];
  const gzip: Record<ResourceKind, number> = { html: 0, css: 0, js: 0 };
  for (const r of resources) gzip[r.kind] += r.gzip;
  const blockingJs = resources.filter((r) => r.kind === 'js' && r.blocking).reduce((s, r) => s + r.gzip, 0);
  const react = loads.some((l) => l.kind === 'js' && containsReact(l.text));
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
