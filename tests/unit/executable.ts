/**
 * What in an HTML fragment could run script or take the page elsewhere: script-bearing elements, event-handler
 * attributes, and URL attributes whose scheme is not an allowed one. Parsed with parse5 (hast), as a browser
 * would, so entity-encoded and mixed-case tricks are seen for what they are.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Nodes } from 'hast';
import { isAllowedUrl } from '@hc/domain/markdown/check.ts';

const ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'base',
  'meta',
  'link',
  'form',
  'style',
  'template',
  'noscript',
  'input',
  'button',
  'textarea',
  'select',
  'details',
  'dialog',
  'portal',
]);
const URL_PROPS = [
  'href',
  'src',
  'action',
  'formAction',
  'xLinkHref',
  'data',
  'poster',
  'background',
  'srcDoc',
  'cite',
];

export function executableIn(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'element') {
      if (ELEMENTS.has(node.tagName)) found.push(`<${node.tagName}>`);
      for (const [k, v] of Object.entries(node.properties)) {
        if (/^on/i.test(k)) found.push(`${node.tagName}[${k}]`);
        if (URL_PROPS.includes(k) && typeof v === 'string' && !isAllowedUrl(v, k === 'src' ? 'image' : 'link'))
          found.push(`${node.tagName}[${k}=${v}]`);
        if (k === 'srcDoc') found.push(`${node.tagName}[srcdoc]`);
      }
    }
    if ('children' in node) for (const c of node.children) walk(c as Nodes);
  };
  walk(fromHtml(html, { fragment: true }));
  return found;
}
