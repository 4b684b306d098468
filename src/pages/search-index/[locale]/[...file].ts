/**
 * The search index files of each locale: /search-index/<locale>/<hash>.json (the manifest the search page
 * names) and, under /search-index/<locale>/<build>/, the token shards and per-result doc files it names.
 * In a build only the manifests are rendered here; the shards and doc files (thousands at a district's size)
 * are queued as build files and written after the build (src/content/build-files.ts).
 */
import type { APIRoute } from 'astro';
import { LOCALES } from '../../../i18n/locales.ts';
import { searchIndex, SEARCH_INDEX_DIR } from '../../../content/search-index.ts';
import { startBuildJobs } from '../../../content/build-jobs.ts';
import { emitBuildFile } from '../../../content/build-files.ts';

export async function getStaticPaths() {
  startBuildJobs();
  const paths = [];
  for (const locale of LOCALES) {
    const b = await searchIndex(locale);
    paths.push({ params: { locale, file: `${b.manifestHash}.json` }, props: { json: b.manifestJson } });
    for (const [file, json] of b.files) {
      if (import.meta.env.PROD) emitBuildFile(`${SEARCH_INDEX_DIR.slice(1)}/${locale}/${file}`, json);
      else paths.push({ params: { locale, file }, props: { json } });
    }
  }
  return paths;
}

export const GET: APIRoute<{ json: string }> = ({ props }) =>
  new Response(props.json, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
