/** Build-time translation: one i18next instance with every locale's UI strings, initialised synchronously. */
import i18next, { type TFunction } from 'i18next';
import { LOCALES, registry, SOURCE_LOCALE, type Locale } from './registry.ts';
import { UI_RESOURCES } from './ui/index.ts';

export { UI_RESOURCES };

/** i18next options from the locale registry: every locale, each with its registry fallback chain. */
export function i18nextOptions(resources: Record<string, object>) {
  return {
    initAsync: false,
    lowerCaseLng: true,
    load: 'currentOnly' as const,
    supportedLngs: [...LOCALES],
    lng: SOURCE_LOCALE,
    fallbackLng: { ...Object.fromEntries(LOCALES.map((l) => [l, [...registry.info[l].fallback]])), default: [SOURCE_LOCALE] },
    resources: Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, { translation: v }])),
    interpolation: { escapeValue: false },
    returnNull: false,
  };
}

const instance = i18next.createInstance();
instance.init(i18nextOptions(UI_RESOURCES));

/** The UI string function for a locale. Astro escapes output, so i18next does not. */
export function useT(locale: Locale): TFunction {
  return instance.getFixedT(locale);
}
