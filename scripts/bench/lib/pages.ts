/**
 * The page types the benchmark and the budgets measure, and which built files belong to each.
 * Paths are dist/-relative HTML files ("articles/x/index.html"); locales other than zh-hans sit under
 * "zh-hant/", "yue/" and "en/".
 */

import { registry } from '@hc/domain/locales/registry.ts';

export type PageKind = 'home' | 'hub' | 'article' | 'event' | 'calendar' | 'family' | 'quiz' | 'search';

export interface PageType {
  kind: PageKind;
  /** Shown in the table. */
  label: string;
  /** Reading pages carry the size budget and must be readable without JavaScript. */
  reading: boolean;
  /** Whether the page has an island that needs React. */
  react: boolean;
  /** The locale-free file path pattern (without the locale prefix) that marks a file as this type. */
  match: RegExp;
  /** The one page Lighthouse measures: a real (not synthetic) page, zh-hans. */
  representative: string;
}

export const PAGE_TYPES: readonly PageType[] = [
  { kind: 'home', label: 'home', reading: true, react: false, match: /^index\.html$/, representative: 'index.html' },
  {
    kind: 'hub',
    label: 'hub (topic)',
    reading: true,
    react: false,
    match: /^(topics|audiences)\/[^/]+\/index\.html$/,
    representative: 'topics/chronic-disease/index.html',
  },
  {
    kind: 'article',
    label: 'article',
    reading: true,
    react: false,
    match: /^articles\/[^/]+\/index\.html$/,
    representative: 'articles/home-blood-pressure/index.html',
  },
  {
    kind: 'event',
    label: 'event',
    reading: true,
    react: false,
    match: /^events\/(?!calendar\/|archive\/|feeds\/|for\/|type\/|topic\/)[^/]+\/index\.html$/,
    representative: '',
  },
  {
    kind: 'calendar',
    label: 'calendar month',
    reading: false,
    react: false,
    match: /^events\/calendar\/[^/]+\/index\.html$/,
    representative: '',
  },
  {
    kind: 'family',
    label: 'family',
    reading: true,
    react: false,
    match: /^families\/(?!year\/)[^/]+\/index\.html$/,
    representative: '',
  },
  {
    kind: 'quiz',
    label: 'quiz',
    reading: false,
    react: true,
    match: /^self-check\/[^/]+\/index\.html$/,
    representative: '',
  },
  {
    kind: 'search',
    label: 'search',
    reading: false,
    react: false,
    match: /^search\/index\.html$/,
    representative: 'search/index.html',
  },
];

const LOCALE_PREFIX = registry.prefixPattern;

/** The page type of a dist/-relative HTML file, or null for pages no budget covers. */
export function pageKind(file: string): PageKind | null {
  const bare = file.replace(/\\/g, '/').replace(LOCALE_PREFIX, '');
  return PAGE_TYPES.find((t) => t.match.test(bare))?.kind ?? null;
}

/** Files of each type among the given dist/-relative HTML files. */
export function groupPages(files: readonly string[]): Record<PageKind, string[]> {
  const out = Object.fromEntries(PAGE_TYPES.map((t) => [t.kind, [] as string[]])) as Record<PageKind, string[]>;
  for (const f of files) {
    const kind = pageKind(f);
    if (kind) out[kind].push(f.replace(/\\/g, '/'));
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

/**
 * The page Lighthouse measures for a type: its named representative when built, else the first zh-hans
 * page of the type that is not synthetic ("syn-" slugs come from the benchmark corpus), else null
 * (the type is not built — e.g. search before that feature lands).
 */
export function representative(type: PageType, files: readonly string[]): string | null {
  if (type.representative && files.includes(type.representative)) return type.representative;
  const own = files.filter((f) => !LOCALE_PREFIX.test(f));
  return own.find((f) => !f.includes('/syn-')) ?? own[0] ?? files[0] ?? null;
}

/** The URL a dist/-relative index.html is served at. */
export const fileToUrl = (file: string): string => `/${file.replace(/\\/g, '/').replace(/index\.html$/, '')}`;
