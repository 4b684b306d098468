/** Build-time translation: one i18next instance with every locale's UI strings, initialised synchronously. */
import i18next, { type ParseKeys, type TFunction } from 'i18next';
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
    fallbackLng: {
      ...Object.fromEntries(LOCALES.map((l) => [l, [...registry.info[l].fallback]])),
      default: [SOURCE_LOCALE],
    },
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

/**
 * A counted string's plural forms as templates ({{count}} left in), keyed by Intl plural category; the browser
 * picks and fills one with fillPlural (src/lib/text/fill.ts).
 */
export function pluralForms(locale: Locale, key: ParseKeys): Partial<Record<Intl.LDMLPluralRule, string>> {
  const rules = new Intl.PluralRules(registry.info[locale].intl);
  const t = useT(locale);
  const forms: Partial<Record<Intl.LDMLPluralRule, string>> = {};
  for (const category of rules.resolvedOptions().pluralCategories) {
    let sample = 0;
    while (sample < 1000 && rules.select(sample) !== category) sample++;
    forms[category] = t(key, { count: sample, replace: { count: '{{count}}' } });
  }
  return forms;
}

/** pluralForms as JSON, for a data attribute. */
export const pluralTemplates = (locale: Locale, key: ParseKeys): string => JSON.stringify(pluralForms(locale, key));
