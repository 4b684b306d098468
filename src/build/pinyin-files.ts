/**
 * The pinyin files of every Simplified and Traditional article text (/articles/<slug>/pinyin.json), made in
 * batches on build worker threads (src/lib/offload), started with the other build jobs (./build-jobs.ts), so
 * a two-core machine annotates while it does other work. In the dev server each file is made when asked for.
 */
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { offload } from '../lib/offload/index.ts';
import { pinyinFile, pinyinFiles, pinyinScript, type PinyinSource } from '../lib/text/pinyin.ts';
import { getArticleText, getArticles } from '../content/queries.ts';

/** Texts per worker job: small enough to spread over the workers, large enough that messages cost little. */
const BATCH = 40;

async function source(locale: Locale, slug: string): Promise<PinyinSource | undefined> {
  const text = await getArticleText(locale, slug);
  const script = pinyinScript(text.data.textLocale);
  if (!script) return undefined;
  return { title: text.data.title, summary: text.data.summary, bodyHtml: text.rendered?.html ?? '', script };
}

let files: Promise<Map<string, Promise<string>>> | undefined;

/** Starts every pinyin file (once); resolves to a promise per `${locale}/${slug}`. */
export function startPinyinFiles(): Promise<Map<string, Promise<string>>> {
  files ??= (async () => {
    const items: Array<{ key: string; src: PinyinSource; what: string }> = [];
    for (const a of await getArticles())
      for (const locale of LOCALES) {
        const src = await source(locale, a.slug);
        if (src) items.push({ key: `${locale}/${a.slug}`, src, what: `article "${a.slug}" (${locale})` });
      }
    const out = new Map<string, Promise<string>>();
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH);
      const done = offload(
        'text/pinyin.ts',
        'pinyinFiles',
        [batch.map(({ src, what }) => ({ src, what }))],
        pinyinFiles,
      );
      batch.forEach((item, k) =>
        out.set(
          item.key,
          done.then((r) => r[k]!),
        ),
      );
    }
    return out;
  })();
  return files;
}

/** Which article texts have a pinyin file. */
export async function pinyinPaths(): Promise<Array<{ locale: Locale; slug: string }>> {
  const out = [];
  for (const a of await getArticles())
    for (const locale of LOCALES)
      if (pinyinScript((await getArticleText(locale, a.slug)).data.textLocale)) out.push({ locale, slug: a.slug });
  return out;
}

/** The JSON of one pinyin file. */
export async function pinyinJson(locale: Locale, slug: string): Promise<string> {
  if (import.meta.env.PROD) {
    // Each file is asked for once; handing it over lets it go once written (thousands at a district's size).
    const all = await startPinyinFiles();
    const made = all.get(`${locale}/${slug}`);
    all.delete(`${locale}/${slug}`);
    if (made) return made;
  }
  const src = await source(locale, slug);
  if (!src) throw new Error(`article "${slug}" has no ${locale} text with pinyin`);
  return pinyinFile(src, `article "${slug}" (${locale})`);
}
