/**
 * What to store so a page reads offline: the page itself, the pictures a browser of the given image types would
 * show, the page's own stylesheets and scripts, and (if asked) its audio. Works on HTML text (the build's output
 * is regular), so it runs in a page, in a worker and in unit tests alike.
 */

export interface PlanOptions {
  /** Image MIME types the browser decodes, most preferred first in the page's <source> order. */
  imageTypes: readonly string[];
  /** Include <audio> sources (optional, because they are large). */
  audio?: boolean;
}

export interface PagePlan {
  /** The page URL (path with trailing slash). */
  page: string;
  /** Everything else to store, same-origin paths, no duplicates, in page order. */
  parts: string[];
  images: string[];
  audio: string[];
  assets: string[];
}

const TAG = /<(picture|\/picture|source|img|link|script|audio|\/audio)\b([^>]*)>/gi;
const ATTR = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}
function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
/** URLs of a srcset ("a.avif 360w, b.avif 720w"). */
export function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0])
    .filter((u) => u.length > 0);
}
/** Same-origin path of a URL as written in a page at `base`, or null for data:, other origins and anchors. */
export function localPath(url: string, base: string): string | null {
  if (!url || url.startsWith('data:') || url.startsWith('#') || url.startsWith('blob:')) return null;
  const origin = 'https://same.invalid';
  const b = new URL(base, origin);
  const u = new URL(url, b);
  if (u.origin !== b.origin) return null;
  return u.pathname + u.search;
}

/** The part of a page inside <main> (the header and footer only link elsewhere), else the whole page. */
function mainOf(html: string): string {
  const start = html.search(/<main\b/i);
  const end = html.search(/<\/main>/i);
  return start >= 0 && end > start ? html.slice(start, end) : html;
}

/**
 * Pictures a browser would show: for each <picture>, every width of the first <source> whose type it decodes
 * (it picks the width by screen, so all of them), else the <img>; bare <img> elements with their srcset.
 */
export function imagesInHtml(html: string, imageTypes: readonly string[]): string[] {
  const found: string[] = [];
  let inPicture = false;
  let chosen = false;
  for (const m of mainOf(html).matchAll(TAG)) {
    const tag = m[1].toLowerCase();
    const a = attrs(m[2]);
    if (tag === 'picture') {
      inPicture = true;
      chosen = false;
    } else if (tag === '/picture') inPicture = false;
    else if (tag === 'source' && inPicture && !chosen && a.srcset) {
      if (!a.type || imageTypes.includes(a.type)) {
        found.push(...srcsetUrls(a.srcset));
        chosen = true;
      }
    } else if (tag === 'img' && !(inPicture && chosen)) {
      if (a.srcset) found.push(...srcsetUrls(a.srcset));
      if (a.src) found.push(a.src);
    }
  }
  return found;
}

/** Audio files of the page's players (<audio src> or its <source>s). */
export function audioInHtml(html: string): string[] {
  const found: string[] = [];
  let inAudio = false;
  for (const m of mainOf(html).matchAll(TAG)) {
    const tag = m[1].toLowerCase();
    const a = attrs(m[2]);
    if (tag === 'audio') {
      inAudio = true;
      if (a.src) found.push(a.src);
    } else if (tag === '/audio') inAudio = false;
    else if (tag === 'source' && inAudio && a.src) found.push(a.src);
  }
  return found;
}

/** Stylesheets and module scripts the page loads from the site (hashed files under /_astro/). */
export function assetsInHtml(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(TAG)) {
    const tag = m[1].toLowerCase();
    const a = attrs(m[2]);
    if (tag === 'link' && /\bstylesheet\b|\bmodulepreload\b/.test(a.rel ?? '') && a.href) found.push(a.href);
    else if (tag === 'script' && a.src) found.push(a.src);
  }
  return found;
}

/** Article pages a hub lists (links to …/articles/<slug>/ inside <main>), in page order, once each. */
export function articleLinks(html: string, base: string): string[] {
  const out: string[] = [];
  for (const m of mainOf(html).matchAll(/<a\b([^>]*)>/gi)) {
    const href = attrs(m[1]).href;
    const p = href ? localPath(href, base) : null;
    if (p && /^\/(?:[a-z-]+\/)?articles\/[^/]+\/$/.test(p) && !out.includes(p)) out.push(p);
  }
  return out;
}

function unique(list: (string | null)[]): string[] {
  return [...new Set(list.filter((x): x is string => x !== null))];
}

/** The plan for one page, given its URL and HTML. */
export function planPage(pageUrl: string, html: string, opts: PlanOptions): PagePlan {
  const page = localPath(pageUrl, pageUrl)!;
  const images = unique(imagesInHtml(html, opts.imageTypes).map((u) => localPath(u, page)));
  const audio = opts.audio ? unique(audioInHtml(html).map((u) => localPath(u, page))) : [];
  const assets = unique(assetsInHtml(html).map((u) => localPath(u, page)));
  const parts = unique([...images, ...audio, ...assets]).filter((p) => p !== page);
  return { page, parts, images, audio, assets };
}
