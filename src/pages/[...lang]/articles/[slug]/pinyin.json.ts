/**
 * /articles/<slug>/pinyin.json (and /zh-hant/…): the article's title, summary and body with pinyin ruby, made
 * at build time and fetched by the "show pinyin" toggle only when a reader asks for it. Ruby is several times
 * the size of the text it annotates; kept out of the page, it costs readers who do not use it nothing.
 * Only Simplified and Traditional texts get a file (Cantonese and English texts are not annotated).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALE_INFO, type Locale } from '../../../../i18n/locales.ts';
import { pinyinJson, pinyinPaths } from '../../../../content/pinyin-files.ts';
import { startBuildJobs } from '../../../../content/build-jobs.ts';

export const getStaticPaths = (async () => {
  startBuildJobs();
  return (await pinyinPaths()).map(({ locale, slug }) => ({
    params: { lang: LOCALE_INFO[locale].prefix || undefined, slug },
    props: { locale, slug },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ locale: Locale; slug: string }> = async ({ props }) =>
  new Response(await pinyinJson(props.locale, props.slug), {
    headers: { 'Content-Type': 'application/json' },
  });
