/**
 * Which text a reader gets in each locale, following DESIGN.md:
 *   zh-hans  the original
 *   zh-hant  a human translation, else the original converted with OpenCC (labelled "converted")
 *   yue      a human Cantonese translation, else zh-hant (human, else converted with Hong Kong forms)
 *   en       a human translation, else the Chinese original with a notice
 */
import type { Locale } from '../../content/model/common.ts';
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
 * @param original   the zh-hans text
 * @param human      human translations by locale
 * @param convert    turns zh-hans text into Traditional (variant 'tw' or 'hk')
 */
export function resolveText<T>(
  locale: Locale,
  original: T,
  human: Partial<Record<Exclude<Locale, 'zh-hans'>, T>>,
  convert: (value: T, variant: 'tw' | 'hk') => T,
): Resolved<T> {
  switch (locale) {
    case 'zh-hans':
      return { textLocale: 'zh-hans', kind: 'original', value: original };
    case 'zh-hant':
      return human['zh-hant']
        ? { textLocale: 'zh-hant', kind: 'human', value: human['zh-hant'] }
        : { textLocale: 'zh-hant', kind: 'converted', value: convert(original, 'tw') };
    case 'yue':
      if (human.yue) return { textLocale: 'yue', kind: 'human', value: human.yue };
      return human['zh-hant']
        ? { textLocale: 'zh-hant', kind: 'fallback', value: human['zh-hant'] }
        : { textLocale: 'zh-hant', kind: 'converted', value: convert(original, 'hk') };
    case 'en':
      return human.en
        ? { textLocale: 'en', kind: 'human', value: human.en }
        : { textLocale: 'zh-hans', kind: 'fallback', value: original };
  }
}

/** Converts every string field of a flat or nested plain object with OpenCC. */
export function convertStrings<T>(value: T, variant: 'tw' | 'hk'): T {
  if (typeof value === 'string') return toTraditional(value, variant) as T;
  if (Array.isArray(value)) return value.map((v) => convertStrings(v, variant)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertStrings(v, variant)])) as T;
  }
  return value;
}
