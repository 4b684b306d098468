/**
 * Portable Text → Markdown, so a Sanity body goes through the site's own Markdown renderer and comes out with
 * the same HTML as a body written in content/ (headings, lists, bold, links, images with alt, callouts as
 * quotes). Pure: the caller says how an image asset becomes a URL (@sanity/image-url in the loader).
 */
import type { PtBlock, PtCallout, PtImage, PtNode, PtSpan } from './types.ts';

export interface ToMarkdownOptions {
  /** URL of an image node's asset; the node is left out when this returns undefined. */
  imageUrl?: (image: PtImage) => string | undefined;
}

/** Backslash-escapes what Markdown would read as syntax inside plain text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>&])/g, '\\$1')
    .replace(
      /^(\s*)([#+-]|\d+[.)])(?=\s|$)/gm,
      (_m, ws: string, mark: string) => `${ws}${mark.replace(/([#+.)-])/, '\\$1')}`,
    );
}

const DECORATORS: Record<string, string> = { strong: '**', em: '*', code: '`' };

/** A block's children as inline Markdown: marks open and close in stack order, so nesting stays valid. */
export function inlineMarkdown(block: Pick<PtBlock, 'children' | 'markDefs'>): string {
  const links = new Map((block.markDefs ?? []).map((d) => [d._key, d]));
  const open = (m: string) => (links.has(m) ? '[' : (DECORATORS[m] ?? ''));
  const close = (m: string) => {
    const link = links.get(m);
    return link ? `](${link.href.replace(/[()\s]/g, encodeURIComponent)})` : (DECORATORS[m] ?? '');
  };
  const stack: string[] = [];
  let out = '';
  const spans: PtSpan[] = (block.children ?? []).filter((c) => c._type === 'span');
  for (const span of spans) {
    const marks = (span.marks ?? []).filter((m) => links.has(m) || m in DECORATORS);
    // Close down to the deepest mark this span still carries.
    let keep = 0;
    while (keep < stack.length && marks.includes(stack[keep]!)) keep++;
    while (stack.length > keep) out += close(stack.pop()!);
    for (const m of marks) {
      if (!stack.includes(m)) {
        stack.push(m);
        out += open(m);
      }
    }
    const code = stack.includes('code');
    out += code ? span.text.replace(/`/g, '\u02cb') : escapeMarkdown(span.text).replace(/\n/g, '  \n');
  }
  while (stack.length) out += close(stack.pop()!);
  return out;
}

function blockMarkdown(block: PtBlock): string {
  const text = inlineMarkdown(block);
  const h = /^h([1-6])$/.exec(block.style ?? 'normal');
  if (h) return `${'#'.repeat(Number(h[1]))} ${text}`;
  if (block.style === 'blockquote')
    return text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
  return text;
}

function calloutMarkdown(c: PtCallout): string {
  return escapeMarkdown(c.text ?? '')
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

function imageMarkdown(img: PtImage, opts: ToMarkdownOptions): string | undefined {
  const url = opts.imageUrl?.(img);
  if (!url) return undefined;
  return `![${escapeMarkdown(img.alt ?? '')}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

/** Portable Text blocks → Markdown. Lists are written with their nesting level; numbers count per list. */
export function portableTextToMarkdown(
  nodes: readonly PtNode[] | null | undefined,
  opts: ToMarkdownOptions = {},
): string {
  const parts: string[] = [];
  let list: string[] | undefined;
  const counters: number[] = [];
  const endList = () => {
    if (list) parts.push(list.join('\n'));
    list = undefined;
    counters.length = 0;
  };
  for (const node of nodes ?? []) {
    if (node._type === 'block' && node.listItem) {
      list ??= [];
      const level = Math.max(1, node.level ?? 1);
      counters.length = level;
      counters[level - 1] = (counters[level - 1] ?? 0) + 1;
      const indent = '   '.repeat(level - 1);
      const marker = node.listItem === 'number' ? `${counters[level - 1]}.` : '-';
      list.push(`${indent}${marker} ${inlineMarkdown(node)}`);
      continue;
    }
    endList();
    if (node._type === 'block') parts.push(blockMarkdown(node));
    else if (node._type === 'callout') parts.push(calloutMarkdown(node));
    else if (node._type === 'contentImage') {
      const md = imageMarkdown(node, opts);
      if (md) parts.push(md);
    }
  }
  endList();
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}
