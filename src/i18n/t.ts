/** Build-time translation: one i18next instance with every locale's UI strings, initialised synchronously. */
import i18next, { type TFunction } from 'i18next';
import type { Locale } from './locales.ts';
import zhHans from './ui/zh-hans.json' with { type: 'json' };
import zhHant from './ui/zh-hant.json' with { type: 'json' };
import yue from './ui/yue.json' with { type: 'json' };
import en from './ui/en.json' with { type: 'json' };

export const UI_RESOURCES = { 'zh-hans': zhHans, 'zh-hant': zhHant, yue, en } as const;

const instance = i18next.createInstance();
instance.init({
  initAsync: false,
  lowerCaseLng: true,
  load: 'currentOnly',
  supportedLngs: ['zh-hans', 'zh-hant', 'yue', 'en'],
  lng: 'zh-hans',
  fallbackLng: { yue: ['zh-hant', 'zh-hans'], default: ['zh-hans'] },
  resources: Object.fromEntries(Object.entries(UI_RESOURCES).map(([k, v]) => [k, { translation: v }])),
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The UI string function for a locale. Astro escapes output, so i18next does not. */
export function useT(locale: Locale): TFunction {
  return instance.getFixedT(locale);
}
