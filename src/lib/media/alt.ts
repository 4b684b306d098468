/**
 * Alt text for a content image on a page in another locale: Simplified alt text is converted for Traditional
 * and Cantonese pages (OpenCC), and kept in Chinese (marked with its language) on English pages.
 */
import type { Locale } from '../../i18n/locales.ts';
import { toTraditional } from '../text/convert.ts';

export function altFor(alt: string, locale: Locale): { alt: string; lang?: string } {
  if (locale === 'zh-hant') return { alt: toTraditional(alt, 'tw') };
  if (locale === 'yue') return { alt: toTraditional(alt, 'hk') };
  if (locale === 'en') return { alt, lang: 'zh-Hans' };
  return { alt };
}
