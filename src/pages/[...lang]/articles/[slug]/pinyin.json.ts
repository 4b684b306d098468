/**
 * /articles/<slug>/pinyin.json (and /zh-hant/…): the article's title, summary and body with pinyin ruby, made
 * at build time and fetched by the "show pinyin" toggle only when a reader asks for it. Ruby is several times
 * the size of the text it annotates; kept out of the page, it costs readers who do not use it nothing.
 * Only Simplified and Traditional texts get a file (Cantonese and English texts are not annotated).
 * In a build the files are made on worker threads and written after the build (src/build/files.ts),
 * not rendered here one by one; the dev server makes each when it is asked for.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALE_INFO, localePath, type Locale } from '../../../../i18n/locales.ts';
import { pinyinJson, pinyinPaths } from '../../../../build/pinyin-files.ts';
import { startBuildJobs } from '../../../../build/jobs.ts';
import { emitBuildFile } from '../../../../build/files.ts';

export const getStaticPaths = (async () => {
  startBuildJobs();
  const all = await pinyinPaths();
  if (import.meta.env.PROD) {
    for (const { locale, slug } of all)
      emitBuildFile(localePath(locale, `/articles/${slug}/pinyin.json`).slice(1), pinyinJson(locale, slug));
    return [];
  }
  return all.map(({ locale, slug }) => ({
    params: { lang: LOCALE_INFO[locale].prefix || undefined, slug },
    props: { locale, slug },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ locale: Locale; slug: string }> = async ({ props }) =>
  new Response(await pinyinJson(props.locale, props.slug), {
    headers: { 'Content-Type': 'application/json' },
  });
