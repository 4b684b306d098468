/**
 * The search index files of each locale: /search-index/<locale>/<hash>.json (the manifest the search page
 * names) and, under /search-index/<locale>/<build>/, the token shards and per-result doc files it names.
 */
import type { APIRoute } from 'astro';
import { LOCALES } from '../../../i18n/locales.ts';
import { searchIndex } from '../../../content/search-index.ts';
import { startBuildJobs } from '../../../content/build-jobs.ts';

export async function getStaticPaths() {
  startBuildJobs();
  const paths = [];
  for (const locale of LOCALES) {
    const b = await searchIndex(locale);
    paths.push({ params: { locale, file: `${b.manifestHash}.json` }, props: { json: b.manifestJson } });
    for (const [file, json] of b.files) paths.push({ params: { locale, file }, props: { json } });
  }
  return paths;
}

export const GET: APIRoute = ({ props }) =>
  new Response((props as { json: string }).json, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
