// @ts-check
// The benchmark peer: Starlight with the same four locales as the site. The content is written into
// src/content/docs/ by scripts/bench/peer.mjs from the synthetic corpus before each build.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  outDir: process.env.OUT_DIR ?? './dist',
  integrations: [
    starlight({
      title: '健康社区',
      defaultLocale: 'root',
      locales: {
        root: { label: '简体中文', lang: 'zh-CN' },
        'zh-hant': { label: '繁體中文', lang: 'zh-TW' },
        yue: { label: '粵語', lang: 'zh-HK' },
        en: { label: 'English', lang: 'en' },
      },
      pagefind: false,
    }),
  ],
  telemetry: false,
});
