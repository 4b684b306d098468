/**
 * Alt text (and credit lines) of a content image on a page in a locale: written once in Simplified, so it goes
 * through the one fallback for untranslated text (converted with the locale's OpenCC target on Traditional pages,
 * kept in Chinese and marked with its language on English pages).
 */
import type { Locale } from '@hc/domain/locales/registry.ts';
import { localizePlain } from '../localize/resolve.ts';

export function altFor(alt: string, locale: Locale): { alt: string; lang?: string } {
  const shown = localizePlain(alt, locale);
  return { alt: shown.text, lang: shown.lang };
}
