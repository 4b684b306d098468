/**
 * /articles/<slug>/pinyin.json (and /zh-hant/…): the article's title, summary and body with pinyin ruby, made
 * at build time and fetched by the "show pinyin" toggle only when a reader asks for it. Ruby is several times
 * the size of the text it annotates; kept out of the page, it costs readers who do not use it nothing.
 * Only Simplified and Traditional texts get a file (Cantonese and English texts are not annotated).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, LOCALE_INFO, type Locale } from '../../../../i18n/locales.ts';
import { getArticles, getArticleText } from '../../../../content/queries.ts';
import { articlePinyin, onlyRubyAdded, pinyinScript } from '../../../../lib/text/pinyin.ts';
import { escapeHtml } from '../../../../lib/text/escape.ts';

export const getStaticPaths = (async () => {
  const articles = await getArticles();
  const paths = [];
  for (const locale of LOCALES) {
    for (const a of articles) {
      const text = await getArticleText(locale, a.slug);
      if (pinyinScript(text.data.textLocale))
        paths.push({ params: { lang: LOCALE_INFO[locale].prefix || undefined, slug: a.slug }, props: { locale } });
    }
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, props }) => {
  const text = await getArticleText((props as { locale: Locale }).locale, params.slug!);
  const script = pinyinScript(text.data.textLocale)!;
  const body = text.rendered?.html ?? '';
  const parts = articlePinyin(text.data.title, text.data.summary, body, script);
  // The toggle inserts these as markup. The body was sanitised when it was rendered and the title and summary
  // are escaped; the check proves annotation added nothing but ruby, so what goes out is as safe as what came in.
  const plain = { title: escapeHtml(text.data.title), summary: escapeHtml(text.data.summary), body };
  for (const k of ['title', 'summary', 'body'] as const)
    if (!onlyRubyAdded(plain[k], parts[k]))
      throw new Error(`pinyin for article "${params.slug}" (${k}) changed more than ruby; refusing to publish it`);
  return new Response(JSON.stringify(parts), {
    headers: { 'Content-Type': 'application/json' },
  });
};
