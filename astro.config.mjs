// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import react from '@astrojs/react';
import buildFiles from './src/integrations/build-files.ts';
import contentMedia from './src/integrations/content-media.ts';
import pruneAssets from './src/integrations/prune-assets.ts';
import cspPrune from './src/integrations/csp-prune.ts';
import lazyImports from './src/integrations/lazy-imports.ts';
import pwa from './src/pwa/index.ts';
import { cspDirectives, CSP_STYLE_RESOURCES } from './src/lib/security/headers.ts';
import { registry } from '@hc/domain/locales/registry.ts';

/** Public origin of the deployed site; used for canonical URLs, hreflang, the sitemap and share links. */
const site = process.env.SITE_URL ?? 'https://health.example.org';

export default defineConfig({
  site,
  trailingSlash: 'always',
  // OUT_DIR lets a test build a variant of the site (e.g. with a family hidden) without touching dist/.
  outDir: process.env.OUT_DIR ?? './dist',
  // Pages render a few at a time: while one waits on sharp (social images) or the disk, another renders.
  build: { format: 'directory', concurrency: 4 },
  // Astro's Markdown renderer passes raw HTML through. Bodies are safe because (1) the content model refuses
  // raw HTML and links/images with unsafe URL schemes, naming file and line (src/domain/markdown/check.ts), and
  // (2) every rendered body is parsed and sanitised to an allow-list (src/domain/markdown/sanitize.ts, called
  // by the content loaders), so nothing executable reaches dist/ whatever the source.
  markdown: { syntaxHighlight: false },
  integrations: [
    // First: the search index, pinyin and image files the routes queued are in dist/ before anything reads it.
    buildFiles(),
    contentMedia(),
    pruneAssets(),
    cspPrune(),
    // React only for islands (the quiz runner); every page is still server-rendered HTML.
    react(),
    sitemap({
      // Posters are print views of event pages (noindex): keep them out of the sitemap.
      // Pre-rendered event filters (/events/for|type|topic/…) are the no-JavaScript versions of the list at
      // /events/: same template, near-duplicate content, so they stay out of the sitemap too (the calendar
      // e2e runs axe on them).
      // Staff pages (/staff/…) are tools for signed-in staff, not reading: never in the sitemap.
      filter: (page) =>
        !page.endsWith('/poster/') &&
        !page.endsWith('/offline/') &&
        !/\/events\/(for|type|topic)\//.test(page) &&
        !new URL(page).pathname.startsWith('/staff/'),
      // From the locale registry: keyed by URL segment (the source locale, at /, by its id), valued by the
      // hreflang the pages' own alternates use (the html lang).
      i18n: {
        defaultLocale: registry.source,
        locales: Object.fromEntries(registry.defs.map((d) => [d.prefix || d.id, d.htmlLang])),
      },
    }),
    // Last: the service worker's precache lists what every integration above has written to dist/.
    pwa(),
  ],
  devToolbar: { enabled: false },
  // Code loaded on first use stays a plain import(), without Vite's 0.9 KB preload helper in the first flight.
  vite: { plugins: [lazyImports()] },
  // Content-Security-Policy in a <meta> on every page: script-src and style-src with the hashes of the page's
  // scripts and styles (no 'unsafe-inline' for scripts), plus the directives in src/lib/security/headers.ts.
  // frame-ancestors cannot be set from a <meta>: the host sends it (SECURITY_HEADERS; docs/deploying.md, "Security headers").
  security: {
    csp: {
      directives: cspDirectives({ sanity: process.env.CONTENT_SOURCE === 'sanity' }),
      styleDirective: { resources: [...CSP_STYLE_RESOURCES] },
    },
  },
});
