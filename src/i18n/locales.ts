/** The locale table: URL prefix, html lang, labels and the Intl locale used to format dates in each. */
import { LOCALES, type Locale } from '../content/model/common.ts';

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = 'zh-hans';

export interface LocaleInfo {
  /** URL prefix without slashes; empty for the default locale at /. */
  prefix: string;
  htmlLang: string;
  /** The language's name in itself, for the switcher. */
  label: string;
  /** Locale used with Intl for dates and numbers. */
  intl: string;
  ogLocale: string;
  /** Speech-synthesis language for read-aloud. */
  speech: string;
  /** CJK font families to put first. */
  fonts: string;
}

export const LOCALE_INFO: Record<Locale, LocaleInfo> = {
  'zh-hans': { prefix: '', htmlLang: 'zh-Hans', label: '简体中文', intl: 'zh-Hans-CN', ogLocale: 'zh_CN', speech: 'zh-CN', fonts: 'sc' },
  'zh-hant': { prefix: 'zh-hant', htmlLang: 'zh-Hant', label: '繁體中文', intl: 'zh-Hant-TW', ogLocale: 'zh_TW', speech: 'zh-HK', fonts: 'tc' },
  yue: { prefix: 'yue', htmlLang: 'yue-Hant', label: '粵語', intl: 'zh-Hant-HK', ogLocale: 'zh_HK', speech: 'zh-HK', fonts: 'hk' },
  en: { prefix: 'en', htmlLang: 'en', label: 'English', intl: 'en-GB', ogLocale: 'en_GB', speech: 'en-GB', fonts: 'sc' },
};

/** Path of a page in a locale: localePath('en', '/articles/x/') → '/en/articles/x/'. */
export function localePath(locale: Locale, path = '/'): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  const prefix = LOCALE_INFO[locale].prefix;
  return prefix ? `/${prefix}${clean}` : clean;
}

/** Splits a pathname into its locale and the locale-free path. */
export function splitLocale(pathname: string): { locale: Locale; path: string } {
  for (const locale of LOCALES) {
    const prefix = LOCALE_INFO[locale].prefix;
    if (prefix && (pathname === `/${prefix}` || pathname.startsWith(`/${prefix}/`))) {
      return { locale, path: pathname.slice(prefix.length + 1) || '/' };
    }
  }
  return { locale: DEFAULT_LOCALE, path: pathname || '/' };
}

/** getStaticPaths params for the `[...lang]` segment of every locale. */
export function localeParams(): Array<{ params: { lang: string | undefined }; props: { locale: Locale } }> {
  return LOCALES.map((locale) => ({ params: { lang: LOCALE_INFO[locale].prefix || undefined }, props: { locale } }));
}

/** Picks a localized string, falling back the way article text does (yue → zh-hant → zh-hans; en → zh-hans). */
export function pick(value: Partial<Record<Locale, string>> & { 'zh-hans': string }, locale: Locale): string {
  if (locale === 'yue') return value.yue ?? value['zh-hant'] ?? value['zh-hans'];
  return value[locale] ?? value['zh-hans'];
}
