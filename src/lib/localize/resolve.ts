/**
 * The one fallback implementation: which text a reader gets in each locale, following the locale registry
 * (src/domain/locales/registry.ts; docs/languages.md). Walking the locale's chain (yue → zh-hant → zh-hans; en → zh-hans):
 *   - a human text in the locale itself                       kind 'human'
 *   - a human text in a fallback locale                       kind 'fallback' (textLocale says which)
 *   - reaching the source: converted with the locale's OpenCC target when it has one (kind 'converted'),
 *     else the source text itself (kind 'fallback'; the page marks it lang="zh-Hans" and says so)
 * Everything that shows content text (articles, families, events, quizzes, taxonomy names, alt text, places)
 * goes through resolveText, so a new locale or a changed rule is one edit in the registry.
 */
import { registry, type Locale, type OpenccTarget, type TranslatedLocale } from '@hc/domain/locales/registry.ts';
import { toTraditional } from '../text/convert.ts';

/** How the shown text relates to the requested locale. */
export type TextKind = 'original' | 'human' | 'converted' | 'fallback';

export interface Resolved<T> {
  /** The locale whose language the text is in (e.g. zh-hant shown on a yue page). */
  textLocale: Locale;
  kind: TextKind;
  value: T;
}

/**
 * Resolves a document's text for a locale.
 * @param original   the source (zh-hans) text
 * @param human      human translations by locale
 * @param convert    turns source text into Traditional with an OpenCC target (default: every string of it)
 */
export function resolveText<T>(
  locale: Locale,
  original: T,
  human: Partial<Record<TranslatedLocale, T | undefined>>,
  convert: (value: T, target: OpenccTarget) => T = convertStrings,
): Resolved<T> {
  const source: Locale = registry.source;
  if (locale === source) return { textLocale: source, kind: 'original', value: original };
  const chain = registry.chain(locale);
  for (const c of chain) {
    if (c === source) break;
    const h = human[c as TranslatedLocale];
    if (h) return { textLocale: c, kind: c === locale ? 'human' : 'fallback', value: h };
  }
  const target = registry.info[locale]?.convert;
  if (!target) return { textLocale: source, kind: 'fallback', value: original };
  // Converted text is in the Traditional locale nearest the source in the chain (yue's converted text is zh-Hant).
  const textLocale = chain[chain.length - 2] ?? locale;
  return { textLocale, kind: 'converted', value: convert(original, target) };
}

/** Converts every string of a plain value (string, array, object) with OpenCC. */
export function convertStrings<T>(value: T, target: OpenccTarget): T {
  if (typeof value === 'string') return toTraditional(value, target) as T;
  if (Array.isArray(value)) return value.map((v) => convertStrings(v, target)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertStrings(v, target)])) as T;
  }
  return value;
}

/**
 * The strings resolveText would convert for this locale, and the OpenCC target, without converting them
 * (undefined when the locale shows a human or the original text): so a build can convert them ahead, elsewhere.
 */
export function textsToConvert<T>(
  locale: Locale,
  original: T,
  human: Partial<Record<TranslatedLocale, T | undefined>>,
): { target: OpenccTarget; texts: string[] } | undefined {
  let found: { target: OpenccTarget; texts: string[] } | undefined;
  const strings = (value: unknown, into: string[]): string[] => {
    if (typeof value === 'string') into.push(value);
    else if (Array.isArray(value)) for (const v of value) strings(v, into);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, into);
    return into;
  };
  resolveText(locale, original, human, (value, target) => {
    found = { target, texts: strings(value, []) };
    return value;
  });
  return found;
}

/** A string as a page shows it: in the reader's locale, or with the lang of the language it fell back to. */
export interface Shown {
  text: string;
  /** The html lang to put on the element, when the text is not in the page's language. */
  lang?: string;
}

/** The lang attribute for text in `textLocale` on a page in `locale` (none when they are the same language). */
export function langFor(locale: Locale, textLocale: Locale): string | undefined {
  return textLocale === locale ? undefined : registry.info[textLocale].htmlLang;
}

/** A per-locale string (taxonomy names, site settings) in a locale. */
export function localizeString(
  value: Partial<Record<Locale, string>> & Record<typeof registry.source, string>,
  locale: Locale,
): Shown {
  const { [registry.source]: original, ...human } = value;
  const r = resolveText(locale, original, human as Partial<Record<TranslatedLocale, string>>);
  // Converted Traditional on a Traditional page is in the page's language.
  return { text: r.value, lang: r.kind === 'converted' ? undefined : langFor(locale, r.textLocale) };
}

/**
 * Source text that has no translations (event places, organisers, notes, alt text, credit lines): converted on
 * Traditional pages, shown as written (and marked as Simplified) elsewhere.
 */
export function localizePlain(text: string, locale: Locale): Shown {
  const r = resolveText(locale, text, {});
  return { text: r.value, lang: r.kind === 'converted' ? undefined : langFor(locale, r.textLocale) };
}
