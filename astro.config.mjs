// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import react from '@astrojs/react';
import contentMedia from './src/integrations/content-media.ts';

/** Public origin of the deployed site; used for canonical URLs, hreflang, the sitemap and share links. */
const site = process.env.SITE_URL ?? 'https://health.example.org';

export default defineConfig({
  site,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // Markdown from editors is rendered without raw-HTML passthrough (the model rejects raw HTML too).
  markdown: { syntaxHighlight: false },
  integrations: [
    contentMedia(),
    // React only for islands (the quiz runner); every page is still server-rendered HTML.
    react(),
    sitemap({
      i18n: {
        defaultLocale: 'zh-hans',
        locales: { 'zh-hans': 'zh-Hans', 'zh-hant': 'zh-Hant', yue: 'yue-Hant', en: 'en' },
      },
    }),
  ],
  devToolbar: { enabled: false },
});
