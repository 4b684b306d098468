/**
 * The last guard between editors' text and the page: rendered HTML is parsed to a tree (hast, parse5) and only
 * what an article needs is kept — headings, paragraphs, lists, emphasis, links, images, tables, quotes — with
 * every URL through a scheme allow-list. Whatever else is there (script, style, iframe, svg, event handlers,
 * javascript:/data: URLs …) is dropped, so even a body that slipped past the content checks (a Sanity field,
 * a future renderer change) cannot put anything executable into dist/.
 *
 * Used for article and family bodies after Markdown rendering. The pinyin layer adds only ruby to these
 * sanitised bodies, which it proves cheaply (onlyRubyAdded in src/lib/text/pinyin.ts).
 */
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';

/** Schemes a link may use; anything without a scheme (/x/, #id, ../x) is site-relative and allowed. */
export const LINK_SCHEMES = ['https', 'http', 'mailto', 'tel'] as const;
/** Schemes an image may use (Sanity's image CDN, or a site-relative file). */
export const IMAGE_SCHEMES = ['https', 'http'] as const;
/**
 * The one other site an image may come from: Sanity's image CDN (an image uploaded in the Studio). Pages of a
 * build from Sanity allow it in their CSP (img-src, src/lib/security/headers.ts); every other site's image would
 * be blocked there, a broken picture for the reader, so the content checks refuse it (check.ts).
 */
export const IMAGE_ORIGINS = ['https://cdn.sanity.io'] as const;

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

/** The elements an article body may contain, and per element the attributes it may carry. */
export const ARTICLE_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])),
  p: [],
  br: [],
  hr: [],
  ul: [],
  ol: ['start'],
  li: [],
  strong: [],
  em: [],
  b: [],
  i: [],
  del: [],
  s: [],
  sup: [],
  sub: [],
  code: [],
  pre: [],
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align', 'scope', 'style'],
  td: ['align', 'style'],
  blockquote: [],
};

/** Table cells keep the renderer's column alignment, and only that, from their style attribute. */
const CELL_STYLE = /^text-align:\s*(left|right|center);?$/;

function schemaFor(elements: Readonly<Record<string, readonly string[]>>): Schema {
  return {
    tagNames: Object.keys(elements),
    attributes: Object.fromEntries(
      Object.entries(elements).map(([tag, attrs]) => [
        tag,
        attrs.map((a) => (a === 'style' ? (['style', CELL_STYLE] as [string, RegExp]) : a)),
      ]),
    ),
    protocols: { href: [...LINK_SCHEMES], src: [...IMAGE_SCHEMES], cite: ['https', 'http'] },
    ancestors: {
      tbody: ['table'],
      thead: ['table'],
      tr: ['table'],
      th: ['table'],
      td: ['table'],
      li: ['ol', 'ul'],
    },
    // Heading ids are the table of contents' anchors; they come from the renderer's slugger, not from editors.
    clobber: [],
    clobberPrefix: '',
    // Dropped with everything inside them (other unknown elements are unwrapped and keep their text).
    strip: [
      'script',
      'style',
      'template',
      'noscript',
      'iframe',
      'object',
      'embed',
      'svg',
      'math',
      'textarea',
      'select',
      'title',
      'xmp',
      'noembed',
      'noframes',
      'plaintext',
    ],
    required: {},
  };
}

const ARTICLE_SCHEMA = schemaFor(ARTICLE_ELEMENTS);

/** Sanitises an HTML fragment (a rendered body). */
export function sanitizeHtml(html: string): string {
  return toHtml(sanitize(fromHtml(html, { fragment: true }), ARTICLE_SCHEMA));
}

/** Each piece of HTML sanitised (a build worker thread's job: the site's content loaders send bodies in batches). */
export function sanitizeAll(htmls: string[]): string[] {
  return htmls.map(sanitizeHtml);
}
