/**
 * The one locale × entry getStaticPaths: every page that exists per entry per locale gets its entry's view model
 * (already in the reader's locale) as props, so pages never look an entry up by slug or convert text themselves.
 *   export const getStaticPaths = () => localizedPaths(getEvents, (event, locale) => ({ event, text: localizeEvent(event, locale) }));
 *   type Props = InferGetStaticPropsType<typeof getStaticPaths>;
 */
import { LOCALES, type Locale } from '@hc/domain/locales/registry.ts';
import { langParam } from '../i18n/locales.ts';

/**
 * The route parameters (besides lang) of an entry: one named parameter, `of(entry)` (default: `slug`, the
 * entry's slug), or several at once from `params(entry)` (/events/[dim]/[value]/).
 */
type ParamSpec<E, K extends string> =
  | { name?: K; of?: (entry: E) => string; params?: never }
  | { params: (entry: E) => Record<K, string>; name?: never; of?: never };

export async function localizedPaths<E, P extends object, K extends string = 'slug'>(
  entries: readonly E[] | (() => Promise<readonly E[]>),
  view: (entry: E, locale: Locale) => P,
  param: ParamSpec<E, K> = {},
) {
  const list = typeof entries === 'function' ? await entries() : entries;
  const name = (param.name ?? 'slug') as K;
  const of = param.of ?? ((e: E) => (e as { slug: string }).slug);
  const params = param.params ?? ((e: E) => ({ [name]: of(e) }) as Record<K, string>);
  return LOCALES.flatMap((locale) =>
    list.map((entry) => ({
      params: { lang: langParam(locale), ...params(entry) } as { lang: string | undefined } & Record<K, string>,
      props: { locale, ...view(entry, locale) } as { locale: Locale } & P,
    })),
  );
}
