/** The search index files: /search-index/<locale>/<hash>.json, a core and a detail file per locale. */
import type { APIRoute } from 'astro';
import { LOCALES } from '../../../i18n/locales.ts';
import { searchIndex } from '../../../content/search-index.ts';

export async function getStaticPaths() {
  const paths = [];
  for (const locale of LOCALES) {
    const b = await searchIndex(locale);
    paths.push({ params: { locale, hash: b.coreHash }, props: { json: b.coreJson } });
    paths.push({ params: { locale, hash: b.detailHash }, props: { json: b.detailJson } });
  }
  return paths;
}

export const GET: APIRoute = ({ props }) =>
  new Response((props as { json: string }).json, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });

