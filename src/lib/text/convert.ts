/**
 * Simplified → Traditional conversion with OpenCC (opencc-js), at build time only. The target (Taiwan forms,
 * Hong Kong forms …) is each locale's `opencc` in the locale registry. One converter per target, and each
 * distinct string is converted once per build (event places and audience names repeat on hundreds of pages).
 */
import { Converter } from 'opencc-js';
import type { OpenccTarget } from '../../i18n/registry.ts';

const converters = new Map<OpenccTarget, { convert: (s: string) => string; memo: Map<string, string> }>();

export function toTraditional(text: string, target: OpenccTarget = 'tw'): string {
  let c = converters.get(target);
  if (!c) {
    c = { convert: Converter({ from: 'cn', to: target }), memo: new Map() };
    converters.set(target, c);
  }
  let out = c.memo.get(text);
  if (out === undefined) {
    out = c.convert(text);
    c.memo.set(text, out);
  }
  return out;
}
