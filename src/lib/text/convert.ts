/**
 * Simplified → Traditional conversion with OpenCC (opencc-js), at build time only. The target (Taiwan forms,
 * Hong Kong forms …) is each locale's `opencc` in the locale registry. One converter per target, and each
 * distinct string is converted once per build (event places and audience names repeat on hundreds of pages).
 */
import { Converter } from 'opencc-js';
import type { OpenccTarget } from '@hc/domain/locales/registry.ts';

type Converters = Map<OpenccTarget, { convert?: (s: string) => string; memo: Map<string, string> }>;
/**
 * Process-wide (on globalThis): the content loaders and the pages' bundle are separate module graphs in one
 * build, and both convert the same texts (a converted article body for its page, again for the search index).
 * One set of dictionaries and one memo serve both.
 */
const KEY = Symbol.for('jiankang-shequ.opencc');
const converters: Converters = ((globalThis as { [KEY]?: Converters })[KEY] ??= new Map());

/**
 * The memo of a target, and its converter once a string was not in the memo: taking in conversions made on a
 * worker (rememberConversions) does not load the target's dictionaries (about 0.15 s); a thread loads them at its
 * first conversion of its own.
 */
function converter(target: OpenccTarget) {
  let c = converters.get(target);
  if (!c) {
    c = { memo: new Map() };
    converters.set(target, c);
  }
  return c;
}

export function toTraditional(text: string, target: OpenccTarget = 'tw'): string {
  const c = converter(target);
  let out = c.memo.get(text);
  if (out === undefined) {
    c.convert ??= Converter({ from: 'cn', to: target });
    out = c.convert(text);
    c.memo.set(text, out);
  }
  return out;
}

/** Each text converted (a job for a build worker thread: src/lib/offload); the answers toTraditional gives. */
export function toTraditionalAll(texts: string[], target: OpenccTarget): string[] {
  return texts.map((t) => toTraditional(t, target));
}

/**
 * Takes conversions made on another thread (toTraditionalAll on a worker) into this thread's memo, so
 * toTraditional answers them without converting again.
 */
export function rememberConversions(
  target: OpenccTarget,
  texts: readonly string[],
  converted: readonly string[],
): void {
  if (texts.length !== converted.length) throw new Error('rememberConversions: one conversion per text');
  const { memo } = converter(target);
  texts.forEach((t, i) => memo.set(t, converted[i]!));
}
