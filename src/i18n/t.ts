/** Build-time translation: one i18next instance with every locale's UI strings, initialised synchronously. */
import i18next, { type ParseKeys, type TFunction } from 'i18next';
import { LOCALES, registry, SOURCE_LOCALE, type Locale } from '@hc/domain/locales/registry.ts';
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

const fixed = new Map<Locale, TFunction>();

/**
 * The UI string function for a locale. Astro escapes output, so i18next does not. A plain key (no count, no
 * values) always gives the same string, and every page asks for the same few hundred: those answers are kept,
 * which took i18next's lookup (about a second per thousand articles' build) off the build.
 */
export function useT(locale: Locale): TFunction {
  let f = fixed.get(locale);
  if (f) return f;
  const t = instance.getFixedT(locale);
  const plain = new Map<string, string>();
  const call = t as unknown as (...args: unknown[]) => string;
  const memo = (key: unknown, ...rest: unknown[]) => {
    if (rest.length || typeof key !== 'string') return call(key, ...rest);
    let v = plain.get(key);
    if (v === undefined) plain.set(key, (v = call(key)));
    return v;
  };
  f = Object.assign(memo, t) as unknown as TFunction;
  fixed.set(locale, f);
  return f;
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
