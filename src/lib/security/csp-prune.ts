/**
 * Astro's CSP support writes one <meta http-equiv="content-security-policy"> with the hashes of every inline
 * script and style of the whole build on every page (island loaders, client directives, each page's inlined
 * module scripts …). A page needs only the hashes of its own inline <script> and <style> elements; the rest
 * is dead weight on pages with a 14 KB budget. This keeps, per page, exactly the hashes whose element is in
 * that page (the page is parsed with parse5 through hast; only the meta tag's bytes are rewritten).
 * Likewise style-src-attr 'unsafe-inline', which only pages with inline style attributes (image placeholders,
 * the calendar grid) need, is left out where no element has one. (img-src 'self' data: stays everywhere:
 * the save-for-offline code probes AVIF/WebP support with data: images on any page.)
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes, Root } from 'hast';

const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

const textOf = (el: Element) => el.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

function walk(node: Nodes, visit: (el: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const c of node.children) walk(c as Nodes, visit);
}

/** Hashes of the inline scripts and styles in a page, and the CSP meta element if there is one. */
export interface PageInline {
  scripts: Set<string>;
  styles: Set<string>;
  /** Some element has a style attribute. */
  styleAttr: boolean;
  meta?: Element;
}

export function inlineHashes(tree: Root): PageInline {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  let meta: Element | undefined;
  let styleAttr = false;
  walk(tree, (el) => {
    if (el.properties.style !== undefined) styleAttr = true;
    if (el.tagName === 'script' && el.properties.src === undefined) {
      const type = String(el.properties.type ?? '').toLowerCase();
      if (JS_TYPES.has(type)) scripts.add(sha256(textOf(el)));
    } else if (el.tagName === 'style') {
      styles.add(sha256(textOf(el)));
    } else if (
      el.tagName === 'meta' &&
      String(el.properties.httpEquiv ?? '').toLowerCase() === 'content-security-policy'
    ) {
      meta ??= el;
    }
  });
  return { scripts, styles, styleAttr, meta };
}

/** Directives a page without style attributes does not need. */
const STYLE_ATTR_ONLY = new Set(['style-src-attr']);

/** The policy with script-src and style-src hashes limited to those in `keep`. */
export function prunePolicy(policy: string, keep: Omit<PageInline, 'meta'>): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .filter((d) => keep.styleAttr || !STYLE_ATTR_ONLY.has(d.split(/\s+/)[0]!))
    .map((d) => {
      const [name, ...sources] = d.split(/\s+/);
      const allowed = name === 'script-src' ? keep.scripts : name === 'style-src' ? keep.styles : undefined;
      if (!allowed) return d;
      return [name, ...sources.filter((s) => !/^'sha(256|384|512)-/.test(s) || allowed.has(s))].join(' ');
    })
    .join(';');
}

/** The page with its CSP meta keeping only the hashes it uses; unchanged when it has no CSP meta. */
export function pruneCspHashes(html: string): string {
  const tree = fromHtml(html);
  const { meta, ...keep } = inlineHashes(tree);
  const start = meta?.position?.start.offset;
  const end = meta?.position?.end.offset;
  if (!meta || start === undefined || end === undefined) return html;
  const policy = prunePolicy(String(meta.properties.content ?? ''), keep);
  const escaped = policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `${html.slice(0, start)}<meta http-equiv="content-security-policy" content="${escaped}">${html.slice(end)}`;
}

/** gzip bytes (level 9) the page's CSP meta adds to the page: what the meta costs on a 14 KB budget. */
export function cspMetaGzipCost(html: string): number {
  const { meta } = inlineHashes(fromHtml(html));
  const start = meta?.position?.start.offset;
  const end = meta?.position?.end.offset;
  if (start === undefined || end === undefined) return 0;
  return gzipSync(html, { level: 9 }).length - gzipSync(html.slice(0, start) + html.slice(end), { level: 9 }).length;
}
