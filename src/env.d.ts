/** What the middleware (src/middleware.ts) puts on Astro.locals for every page. */
declare namespace App {
  interface Locals {
    /** The reader's locale, from the page's URL. */
    locale: import('@hc/domain/locales/registry.ts').Locale;
    /** UI strings in that locale. */
    t: import('i18next').TFunction;
    /** The locale's Intl tag (dates, numbers, plurals). */
    intl: string;
    /** A locale-free path in the reader's locale: href('/events/') → '/en/events/'. */
    href(path?: string): string;
    /** The site's public origin (astro.config.mjs `site`). */
    site: URL;
  }
}
