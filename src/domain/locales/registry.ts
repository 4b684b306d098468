/**
 * The locale registry: every fact about a site language, written once. Everything else that needs a locale list
 * (Zod enums and translation schemas, routes, the local loader's file names, Sanity field names, the service
 * worker's per-locale lists, offline page names, i18next, perf helpers) is derived from it.
 * No Astro and no Zod imports: loaders, scripts, the Studio and tests use it as is.
 *
 * Decisions (docs/languages.md explains them for contributors):
 *  - zh-hans is the source: every document is written in it; it has no URL prefix.
 *  - zh-hant converts with OpenCC's Taiwan character forms ('tw', e.g. 裡, 群): Taiwan's standard is the most widely
 *    read Traditional standard (Taiwan and most of the overseas community). Characters only, not 'twp' (Taiwan
 *    phrases): phrase substitution rewrites words the medical reviewer approved (信息 → 資訊, 视频 → 影片).
 *  - yue converts with OpenCC's Hong Kong target ('hk': Hong Kong character forms, 裏, 着): written Cantonese is
 *    read in Hong Kong forms, and a Cantonese page must not mix Taiwan forms (human zh-hant text) with Hong Kong
 *    ones (converted text); when yue falls back to a human zh-hant translation it is shown as such, marked zh-Hant.
 *  - en has no conversion: an untranslated text is shown in Chinese, marked lang="zh-Hans", with a notice.
 */

/** OpenCC targets (opencc-js `to`): standard Traditional, Taiwan, Taiwan with phrases, Hong Kong. */
export type OpenccTarget = 't' | 'tw' | 'twp' | 'hk';

export interface LocaleDef {
  /** The site's id for the locale: URL segment, file suffix (article.<id>.md), translation key. */
  readonly id: string;
  /** URL prefix without slashes; '' for the source locale at /. */
  readonly prefix: string;
  /** BCP 47 tag of the language the pages are written in. */
  readonly bcp47: string;
  /** The html lang attribute (and the lang put on text shown in this locale inside another locale's page). */
  readonly htmlLang: string;
  /** The language's name in itself, for the switcher. */
  readonly label: string;
  /** The Studio's name for the locale's fields (the Studio is in Simplified Chinese). */
  readonly cmsTitle: string;
  /** Locale used with Intl for dates and numbers. */
  readonly intl: string;
  readonly ogLocale: string;
  /** Speech-synthesis language for read-aloud. */
  readonly speech: string;
  /** CJK font families to put first (a key of the layout's font stacks). */
  readonly fonts: string;
  /** Where a missing text comes from, in order, after the locale itself; ends with the source locale. */
  readonly fallback: readonly string[];
  /** OpenCC target the source text is converted into when no human text exists; none: shown in the source. */
  readonly convert?: OpenccTarget;
  /** Writing system, for checks (a Traditional page must not show Simplified-only characters). */
  readonly script: 'Hans' | 'Hant' | 'Latn';
  /**
   * Characters this locale writes that OpenCC lists as Simplified (written Cantonese's 晒 "all" and 吓 "a bit"
   * are Hong Kong usage, not Simplified forms of 曬 and 嚇).
   */
  readonly nativeChars?: string;
  /** Longest summary in characters (Chinese sentences are shorter than English ones). */
  readonly summaryMax: number;
  /** Longest article title. */
  readonly titleMax: number;
}

export interface Registry<L extends string = string, S extends L = L> {
  readonly defs: readonly (LocaleDef & { id: L })[];
  /** Every locale id, source first. */
  readonly ids: readonly [L, ...L[]];
  /** The source locale (documents are written in it). */
  readonly source: S;
  /** Every locale but the source: the ones a document can have human translations in. */
  readonly translated: readonly Exclude<L, S>[];
  readonly info: Readonly<Record<L, LocaleDef & { id: L }>>;
  /** The locale, then its fallbacks. */
  chain(locale: L): readonly L[];
  /** Sanity field name of a locale (field names cannot hold a hyphen). */
  sanityField(locale: L): string;
  /** URL prefixes of the prefixed locales ('zh-hant', 'yue', 'en'). */
  readonly prefixes: readonly string[];
  /** A glob alternation matching every locale's folder in dist/: '{zh-hant/,yue/,en/,}'. */
  readonly prefixGlob: string;
  /** Matches a locale prefix at the start of a dist-relative path: /^(zh-hant|yue|en)\//. */
  readonly prefixPattern: RegExp;
  /** Matches a translation file name: x.zh-hant.md → [, 'x', 'zh-hant']. */
  readonly translationFilePattern: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds a registry from locale definitions (the first is the source) and checks they are consistent. */
export function defineLocales<const D extends readonly [LocaleDef, ...LocaleDef[]]>(
  defs: D,
): Registry<D[number]['id'], D[0]['id']> {
  type L = D[number]['id'];
  type S = D[0]['id'];
  const ids = defs.map((d) => d.id) as unknown as readonly [L, ...L[]];
  const source = ids[0] as S;
  const info = Object.fromEntries(defs.map((d) => [d.id, d])) as Record<L, LocaleDef & { id: L }>;
  for (const d of defs) {
    if (d.id !== source && !d.prefix) throw new Error(`locale ${d.id} needs a URL prefix (only the source has none)`);
    if (d.id === source && d.prefix) throw new Error(`the source locale ${d.id} has no URL prefix`);
    for (const f of d.fallback) if (!(f in info)) throw new Error(`locale ${d.id} falls back to unknown locale ${f}`);
    if (d.id !== source && d.fallback.at(-1) !== source)
      throw new Error(`locale ${d.id}'s fallback must end with ${source}`);
  }
  const prefixes = defs.map((d) => d.prefix).filter(Boolean);
  const translated = ids.filter((id): id is Exclude<L, S> => id !== source);
  return {
    defs: defs as unknown as Registry<L, S>['defs'],
    ids,
    source,
    translated,
    info,
    chain: (locale) => [locale, ...(info[locale].fallback as readonly L[])],
    sanityField: (locale) => locale.replace(/-/g, '_'),
    prefixes,
    prefixGlob: `{${[...prefixes.map((p) => `${p}/`), ''].join(',')}}`,
    prefixPattern: new RegExp(`^(${prefixes.map(escape).join('|')})/`),
    translationFilePattern: new RegExp(`([^/\\\\]+)\\.(${translated.map(escape).join('|')})\\.md$`),
  };
}

export const registry = defineLocales([
  {
    id: 'zh-hans',
    prefix: '',
    bcp47: 'zh-Hans-CN',
    htmlLang: 'zh-Hans',
    label: '简体中文',
    cmsTitle: '简体中文（原文）',
    intl: 'zh-Hans-CN',
    ogLocale: 'zh_CN',
    speech: 'zh-CN',
    fonts: 'sc',
    fallback: [],
    script: 'Hans',
    summaryMax: 120,
    titleMax: 60,
  },
  {
    id: 'zh-hant',
    prefix: 'zh-hant',
    bcp47: 'zh-Hant-TW',
    htmlLang: 'zh-Hant',
    label: '繁體中文',
    cmsTitle: '繁體中文',
    intl: 'zh-Hant-TW',
    ogLocale: 'zh_TW',
    speech: 'zh-HK',
    fonts: 'tc',
    fallback: ['zh-hans'],
    convert: 'tw',
    script: 'Hant',
    summaryMax: 120,
    titleMax: 60,
  },
  {
    id: 'yue',
    prefix: 'yue',
    bcp47: 'yue-Hant-HK',
    htmlLang: 'yue-Hant',
    label: '粵語',
    cmsTitle: '粤语（繁體）',
    intl: 'zh-Hant-HK',
    ogLocale: 'zh_HK',
    speech: 'zh-HK',
    fonts: 'hk',
    fallback: ['zh-hant', 'zh-hans'],
    convert: 'hk',
    script: 'Hant',
    nativeChars: '晒吓',
    summaryMax: 120,
    titleMax: 60,
  },
  {
    id: 'en',
    prefix: 'en',
    bcp47: 'en-GB',
    htmlLang: 'en',
    label: 'English',
    cmsTitle: 'English',
    intl: 'en-GB',
    ogLocale: 'en_GB',
    speech: 'en-GB',
    fonts: 'sc',
    fallback: ['zh-hans'],
    script: 'Latn',
    summaryMax: 280,
    titleMax: 120,
  },
]);

export const LOCALES = registry.ids;
export type Locale = (typeof LOCALES)[number];
/** A locale a document can be translated into (every locale but the source). */
export type TranslatedLocale = (typeof registry.translated)[number];
export const SOURCE_LOCALE = registry.source;
export const TRANSLATED_LOCALES = registry.translated;
