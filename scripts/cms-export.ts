/**
 * `npm run cms:export [content-dir] [out-file]`: content/ → cms-export/content.ndjson, one document per line,
 * for `npx sanity dataset import cms-export/content.ndjson <dataset>` (run in cms/). Bodies become Portable
 * Text; images and audio are `_sanityAsset: "image@file://…"` / `"file@file://…"` fields, which the import
 * uploads as asset documents. Ids are deterministic (`article.<slug>`, `audience.<id>` …), so importing again
 * with `--replace` updates the same documents. Translations travel inside their documents.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadLocalContent } from '../src/content/loaders/local.ts';
import type { ContentSet } from '../src/content/loaders/content-set.ts';
import { toSanityDocuments, type SanityDoc } from '../src/content/sanity/map.ts';

/** The NDJSON text of a content set: documents sorted by id, one JSON object a line. */
export function exportNdjson(set: ContentSet, contentRoot: string): { ndjson: string; documents: SanityDoc[] } {
  const documents = toSanityDocuments(set, { contentRoot: path.resolve(contentRoot) }).sort((a, b) =>
    a._id < b._id ? -1 : a._id > b._id ? 1 : 0,
  );
  return { ndjson: documents.map((d) => JSON.stringify(d)).join('\n') + '\n', documents };
}

export async function exportContent(contentDir: string, outFile: string): Promise<SanityDoc[]> {
  const set = await loadLocalContent(contentDir);
  const { ndjson, documents } = exportNdjson(set, contentDir);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, ndjson);
  return documents;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const contentDir = process.argv[2] ?? 'content';
  const outFile = process.argv[3] ?? 'cms-export/content.ndjson';
  try {
    const docs = await exportContent(contentDir, outFile);
    const byType = new Map<string, number>();
    for (const d of docs) byType.set(d._type, (byType.get(d._type) ?? 0) + 1);
    const assets = (JSON.stringify(docs).match(/"_sanityAsset":/g) ?? []).length;
    console.log(
      `wrote ${outFile}: ${docs.length} documents (${[...byType].map(([t, n]) => `${n} ${t}`).join(', ')}), ${assets} assets to upload`,
    );
    console.log(`import it: cd cms && npx sanity dataset import ../${outFile} <dataset> --replace`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
