/** Locale helpers for pages: paths, the `[...lang]` route segment and names, all derived from the registry. */
import { LOCALES, registry, SOURCE_LOCALE, type Locale, type LocaleDef } from '@hc/domain/locales/registry.ts';
import { localizeString } from '../lib/localize/resolve.ts';

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = SOURCE_LOCALE;

export type LocaleInfo = LocaleDef;
export const LOCALE_INFO: Readonly<Record<Locale, LocaleInfo>> = registry.info;

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

/** The `[...lang]` route parameter of a locale (undefined for the source locale at /). */
export function langParam(locale: Locale): string | undefined {
  return LOCALE_INFO[locale].prefix || undefined;
}

/** getStaticPaths params for the `[...lang]` segment of every locale. */
export function localeParams(): Array<{ params: { lang: string | undefined }; props: { locale: Locale } }> {
  return LOCALES.map((locale) => ({ params: { lang: langParam(locale) }, props: { locale } }));
}

/**
 * A per-locale string (taxonomy names, site settings) in a locale, through the one fallback: human text, else
 * converted Traditional, else the source. Use localizeString when the element needs the fallback's lang.
 */
export function pick(
  value: Partial<Record<Locale, string>> & Record<typeof SOURCE_LOCALE, string>,
  locale: Locale,
): string {
  return localizeString(value, locale).text;
}
