/**
 * The search index files of each locale: /search-index/<locale>/<hash>.json (the manifest the search page
 * names) and, under /search-index/<locale>/<build>/, the token shards and per-result doc files it names.
 * In a build nothing is rendered here: the indexes build on worker threads while pages render, and their
 * files (thousands at a district's size, names hashed from their content) are written after the build
 * (src/build/files.ts). The dev server serves each file from this route.
 */
import type { APIRoute } from 'astro';
import { LOCALES } from '../../../i18n/locales.ts';
import { searchIndex, SEARCH_INDEX_DIR } from '../../../build/search-index.ts';
import { startBuildJobs } from '../../../build/jobs.ts';
import { emitBuildFiles } from '../../../build/files.ts';

export async function getStaticPaths() {
  startBuildJobs();
  if (import.meta.env.PROD) {
    for (const locale of LOCALES) {
      const dir = `${SEARCH_INDEX_DIR.slice(1)}/${locale}`;
      emitBuildFiles(
        searchIndex(locale).then((b) => [
          [`${dir}/${b.manifestHash}.json`, b.manifestJson] as const,
          ...[...b.files].map(([file, json]) => [`${dir}/${file}`, json] as const),
        ]),
      );
    }
    return [];
  }
  // The route ends in .json so the dev server serves these as files (with the site's trailing slashes, a
  // rest parameter alone made it ask for "…/<hash>.json/" and find nothing: search did not work in dev).
  const paths = [];
  for (const locale of LOCALES) {
    const b = await searchIndex(locale);
    paths.push({ params: { locale, file: b.manifestHash }, props: { json: b.manifestJson } });
    for (const [file, json] of b.files)
      paths.push({ params: { locale, file: file.replace(/\.json$/, '') }, props: { json } });
  }
  return paths;
}

export const GET: APIRoute<{ json: string }> = ({ props }) =>
  new Response(props.json, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
