/**
 * A request's JSON body, read the same way on both fronts (Hono and the direct routes): refused as bad-json when
 * it does not parse, and as invalid-request when it nests deeper than any request of this API needs (checked
 * before parsing: the catalogue's 16 MB could otherwise hold millions of levels for JSON.parse to build) or gives
 * a key twice in one object (JSON.parse keeps the last silently, so what a proxy or log read, or what the client
 * meant, is not what the service used).
 */
import { ApiError, type FieldError, type Lang } from './problem.ts';

/** Levels of objects and arrays a body may have (the catalogue, the deepest body, needs a handful). */
const MAX_DEPTH = 32;

const WORDS = {
  'zh-hans': { twice: '同一个字段出现了两次', deep: `嵌套层数太多（最多 ${MAX_DEPTH} 层）` },
  'zh-hant': { twice: '同一個欄位出現了兩次', deep: `巢狀層數太多（最多 ${MAX_DEPTH} 層）` },
  en: { twice: 'this field is given twice', deep: `nested too deeply (at most ${MAX_DEPTH} levels)` },
} as const;

interface Frame {
  parent?: Frame;
  /** The keys seen so far (an object), or undefined (an array). */
  keys?: Set<string>;
  /** This container's name in its parent: a key, or an index. */
  name: string;
  /** The last key read (an object) or the current index (an array). */
  key: string;
  index: number;
}

const pathOf = (frame: Frame | undefined, last: string) => {
  const parts = [last];
  for (let f = frame; f?.parent; f = f.parent) parts.unshift(f.name);
  return parts.join('.');
};

/**
 * One pass over the text, without recursion: the nesting depth, and the first key given twice in one object (keys
 * compared as JSON.parse decodes them, so "a" and "\u0061" are the same key). Text that is not JSON is left to
 * JSON.parse to refuse.
 */
function scan(text: string): { tooDeep: boolean } | { twice: string } | undefined {
  let top: Frame | undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      if (top?.keys) {
        let k = j + 1;
        while (k < text.length && ' \t\n\r'.includes(text[k]!)) k++;
        if (text[k] === ':') {
          let key: string;
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            return undefined; // not JSON: JSON.parse says so
          }
          if (top.keys.has(key)) return { twice: pathOf(top, key) };
          top.keys.add(key);
          top.key = key;
        }
      }
      i = j;
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (++depth > MAX_DEPTH) return { tooDeep: true };
      const name = top ? (top.keys ? top.key : String(top.index)) : '';
      top = { parent: top, name, key: '', index: 0, ...(ch === 0x7b ? { keys: new Set<string>() } : {}) };
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      top = top?.parent;
      depth--;
    } else if (ch === 0x2c /* , */ && top && !top.keys) top.index++;
  }
  return undefined;
}

/** The parsed body, or the refusal (bad-json, or invalid-request naming where). */
export function parseJsonBody(text: string, lang: Lang): unknown {
  const found = scan(text);
  if (found && 'tooDeep' in found)
    throw new ApiError('invalid-request', { errors: [{ path: '(body)', message: WORDS[lang].deep }] });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('bad-json');
  }
  if (found && 'twice' in found) {
    const errors: FieldError[] = [{ path: found.twice, message: WORDS[lang].twice }];
    throw new ApiError('invalid-request', { errors });
  }
  return json;
}
