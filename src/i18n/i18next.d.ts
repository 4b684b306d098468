/**
 * i18next key typing: t() accepts only keys of the source locale's strings (src/i18n/ui/zh-hans.json), so a
 * missing or misspelt key fails `astro check`. The other locales are checked against the same keys by
 * tests/unit/localize.test.ts ("are complete in all four locales").
 */
import 'i18next';
import type zhHans from './ui/zh-hans.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhHans };
    returnNull: false;
  }
}
