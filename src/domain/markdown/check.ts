/**
 * What an editor's Markdown may contain, checked on the Markdown tree (mdast, micromark with GFM) before
 * anything is rendered: raw HTML is refused, naming the line and the tag, and every link and image URL must
 * use an allowed scheme. Entities are decoded by the parser first, so `&#106;avascript:` is seen as what the
 * browser would see; reference-style links are checked at their definition.
 */
import { fromHtml } from 'hast-util-from-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { IMAGE_ORIGINS, LINK_SCHEMES } from './sanitize.ts';

export interface MarkdownProblem {
  /** 1-based line in the Markdown text. */
  line: number;
  message: string;
}

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
  position?: { start: { line: number } };
}

/** A URL as a browser reads it: control characters and spaces around it and tabs and newlines inside dropped. */
function cleanUrl(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

/** The URL's scheme as a browser reads it (lower case), or undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
  const m = /^([^:/?#]*):/.exec(cleanUrl(url));
  return m ? m[1]!.toLowerCase() : undefined;
}

/** True when a link (or, with `image`, an image) URL is allowed: an allowed scheme or site-relative. */
export function isAllowedUrl(url: string, kind: 'link' | 'image' = 'link'): boolean {
  if (kind === 'image') return isAllowedImageUrl(url);
  const scheme = urlScheme(url);
  return scheme === undefined || (LINK_SCHEMES as readonly string[]).includes(scheme);
}

/**
 * True when an image URL is a file of this site or on Sanity's image CDN (IMAGE_ORIGINS): resolved as a browser
 * resolves it, so a scheme-relative `//host/x.png` or `/\host/x.png` counts as the other site it is.
 */
export function isAllowedImageUrl(url: string): boolean {
  const site = 'https://site.invalid';
  let resolved: URL;
  try {
    resolved = new URL(cleanUrl(url), `${site}/articles/x/`);
  } catch {
    return false;
  }
  return resolved.origin === site || (IMAGE_ORIGINS as readonly string[]).includes(resolved.origin);
}

/** Names the first element (or comment, doctype …) in a piece of raw HTML, for the message. */
function describeHtml(raw: string): string {
  const tree = fromHtml(raw, { fragment: true });
  for (const node of tree.children) {
    if (node.type === 'element') return `<${node.tagName}>`;
    if (node.type === 'comment') return 'comment <!-- -->';
  }
  const t = raw.trim();
  if (t.startsWith('</')) return `</${t.slice(2).split(/[\s>]/)[0]}>`;
  return `"${t.length > 20 ? `${t.slice(0, 20)}…` : t}"`;
}

function show(url: string): string {
  const s = url.length > 40 ? `${url.slice(0, 40)}…` : url;
  return JSON.stringify(s);
}

/**
 * Text that cannot hold a problem, so needs no parse: raw HTML starts with `<`, a URL with a scheme needs a
 * `:`, written as such or as a character reference (`&#58;`, `&colon;`), and an image of another site without
 * one starts `//` or `/\`. GFM's literal autolinks add a scheme of their own (www.… → http:, a@b.cn → mailto:),
 * both allowed. Most article bodies are plain prose and skip the parse this way (it was about 0.8 s of a
 * 1,200-text build).
 */
const MAY_HAVE_PROBLEM = /[<:&\\]|\/\//;

/** Every problem in a Markdown body, in document order. */
export function checkMarkdown(markdown: string): MarkdownProblem[] {
  if (!MAY_HAVE_PROBLEM.test(markdown)) return [];
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as MdNode;
  const problems: MarkdownProblem[] = [];
  const opened = new Set<string>();
  const walk = (node: MdNode) => {
    const line = node.position?.start.line ?? 1;
    if (node.type === 'html') {
      const what = describeHtml(node.value ?? '');
      // An inline element comes as an opening and a closing tag: name it once.
      const closes = /^<\/(.+)>$/.exec(what)?.[1];
      if (!(closes && opened.has(`${line}:${closes}`))) {
        problems.push({ line, message: `raw HTML ${what} is not allowed; write it in Markdown` });
        if (what.startsWith('<') && !closes) opened.add(`${line}:${what.slice(1, -1)}`);
      }
    } else if (
      (node.type === 'link' || node.type === 'definition') &&
      node.url !== undefined &&
      !isAllowedUrl(node.url)
    ) {
      problems.push({
        line,
        message: `link to ${show(node.url)} is not allowed: links must be https, http, mailto, tel or a page of this site`,
      });
    } else if (node.type === 'image' && node.url !== undefined && !isAllowedUrl(node.url, 'image')) {
      problems.push({
        line,
        message: `image ${show(node.url)} is not allowed: an image must be a file of this site (content/media/…) or uploaded in Sanity Studio; pages block images from other sites`,
      });
    }
    node.children?.forEach(walk);
  };
  walk(tree);
  return problems;
}
