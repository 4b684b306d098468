/**
 * Route data prepared once per page: the reader's locale (from the URL, the one place it is decided), its UI
 * strings, its Intl tag, locale-aware paths and the site's public origin, on `Astro.locals` for the layout,
 * every component and every page. Components take no locale prop; they read it here.
 */
import { defineMiddleware } from 'astro:middleware';
import { LOCALE_INFO, localePath, splitLocale } from './i18n/locales.ts';
import { useT } from './i18n/t.ts';
import { handOverPage, takingCspPages } from './build/csp-pages.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const { locale } = splitLocale(context.url.pathname);
  if (!context.site) throw new Error('astro.config.mjs must set `site` (canonical URLs, share links and feeds use it)');
  context.locals.locale = locale;
  context.locals.t = useT(locale);
  context.locals.intl = LOCALE_INFO[locale].intl;
  context.locals.href = (path = '/') => localePath(locale, path);
  context.locals.site = context.site;
  const response = await next();
  // In a build, each page's CSP pruning is worked out on a worker thread while the next pages render
  // (src/build/csp-pages.ts); the page itself goes on unchanged.
  if (!import.meta.env.PROD || !takingCspPages() || !response.headers.get('content-type')?.startsWith('text/html'))
    return response;
  // As bytes: Astro has encoded the page already, and writes these same bytes.
  const page = new Uint8Array(await response.arrayBuffer());
  handOverPage(page);
  return new Response(page, { status: response.status, statusText: response.statusText, headers: response.headers });
});
