/**
 * Astro's CSP support writes one <meta http-equiv="content-security-policy"> with the hashes of every inline
 * script and style of the whole build on every page (island loaders, client directives, each page's inlined
 * module scripts …). A page needs only the hashes of its own inline <script> and <style> elements; the rest
 * is dead weight on pages with a 14 KB budget. This keeps, per page, exactly the hashes whose element is in
 * that page (the page is read by htmlparser2's tokenizer — four times faster than building a parse5 tree,
 * which mattered at a few thousand pages per build; only the meta tag's bytes are rewritten).
 * Likewise style-src-attr 'unsafe-inline', which only pages with inline style attributes (image placeholders,
 * the calendar grid) need, is left out where no element has one. (img-src 'self' data: stays everywhere:
 * the save-for-offline code probes AVIF/WebP support with data: images on any page.)
 *
 * Elements inside <noscript> and <template> count too: a reader without JavaScript gets the noscript markup
 * as elements, under the same policy.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';

const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** Hashes of the inline scripts and styles in a page, and where its CSP meta element is, if it has one. */
export interface PageInline {
  scripts: Set<string>;
  styles: Set<string>;
  /** Some element has a style attribute. */
  styleAttr: boolean;
  meta?: { start: number; end: number; content: string };
}

export function inlineHashes(html: string): PageInline {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  let meta: PageInline['meta'];
  let styleAttr = false;
  // The element whose raw text is being collected (an inline script or a style), and its text so far.
  let collecting: 'script' | 'style' | null = null;
  let text = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (attrs.style !== undefined) styleAttr = true;
        if (name === 'script' && attrs.src === undefined) {
          collecting = JS_TYPES.has((attrs.type ?? '').trim().toLowerCase()) ? 'script' : null;
          text = '';
        } else if (name === 'style') {
          collecting = 'style';
          text = '';
        } else if (name === 'meta' && (attrs['http-equiv'] ?? '').toLowerCase() === 'content-security-policy') {
          meta ??= { start: parser.startIndex, end: parser.endIndex + 1, content: attrs.content ?? '' };
        }
      },
      ontext(chunk) {
        if (collecting) text += chunk;
      },
      onclosetag(name) {
        if (collecting && name === collecting) (collecting === 'script' ? scripts : styles).add(sha256(text));
        if (name === 'script' || name === 'style') collecting = null;
      },
    },
    // Script and style text is raw (never entity-decoded); attribute values are decoded as a browser does.
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
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

/** Where a page's CSP meta element is and what replaces it: the pruning of one page, without the page. */
export interface CspEdit {
  start: number;
  end: number;
  meta: string;
}

/** The edit that prunes a page's CSP meta, or undefined when the page has none. */
export function cspEdit(html: string): CspEdit | undefined {
  const { meta, ...keep } = inlineHashes(html);
  if (!meta) return undefined;
  const escaped = prunePolicy(meta.content, keep).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return { start: meta.start, end: meta.end, meta: `<meta http-equiv="content-security-policy" content="${escaped}">` };
}

const applyEdit = (html: string, e: CspEdit) => `${html.slice(0, e.start)}${e.meta}${html.slice(e.end)}`;

/** The page with its CSP meta keeping only the hashes it uses; unchanged when it has no CSP meta. */
export function pruneCspHashes(html: string): string {
  const edit = cspEdit(html);
  return edit ? applyEdit(html, edit) : html;
}

/**
 * What names a page's exact text: an edit made from one text is applied only to a file with that text. The
 * page's bytes (UTF-8) or its text give the same key.
 */
export function pageKey(html: string | Uint8Array): string {
  return typeof html === 'string'
    ? createHash('sha256').update(html, 'utf8').digest('base64')
    : createHash('sha256').update(html).digest('base64');
}

const utf8 = new TextDecoder();

/**
 * The edits of pages not yet written (a build worker's job while pages render), by the key of their text;
 * null for a page without a CSP meta. A page may come as its bytes, as rendered: it is decoded here, on the
 * worker, rather than by the thread that renders the pages.
 */
export function cspEdits(pages: Array<string | Uint8Array>): Array<[string, CspEdit | null]> {
  return pages.map((page) => [pageKey(page), cspEdit(typeof page === 'string' ? page : utf8.decode(page)) ?? null]);
}

/** gzip bytes (level 9) the page's CSP meta adds to the page: what the meta costs on a 14 KB budget. */
export function cspMetaGzipCost(html: string): number {
  const { meta } = inlineHashes(html);
  if (!meta) return 0;
  return (
    gzipSync(html, { level: 9 }).length -
    gzipSync(html.slice(0, meta.start) + html.slice(meta.end), { level: 9 }).length
  );
}

/**
 * Prunes the CSP of each HTML file in place (a worker job of the build); returns the bytes saved. A file whose
 * text has an edit made while the pages rendered (`made`, by pageKey) takes it instead of being parsed again.
 */
export function pruneCspFiles(files: string[], made?: ReadonlyMap<string, CspEdit | null>): number {
  let saved = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    const known = made?.size ? made.get(pageKey(bytes)) : undefined;
    if (known === null) continue;
    const before = bytes.toString('utf8');
    const after = known === undefined ? pruneCspHashes(before) : applyEdit(before, known);
    if (after !== before) {
      writeFileSync(f, after);
      saved += before.length - after.length;
    }
  }
  return saved;
}
