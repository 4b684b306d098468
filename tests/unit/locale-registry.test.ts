/**
 * The locale registry is the only locale list: with a dummy fifth locale added to it, every derived list (Zod
 * enums and translation schemas, the local loader's file names, Sanity field names, the Studio's fields, the
 * service worker's globs, offline page names, perf helpers, i18next's fallbacks, routes) includes it.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('@hc/domain/locales/registry.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('@hc/domain/locales/registry.ts')>();
  const fr = {
    id: 'fr',
    prefix: 'fr',
    bcp47: 'fr-FR',
    htmlLang: 'fr',
    label: 'Français',
    cmsTitle: 'Français',
    intl: 'fr-FR',
    ogLocale: 'fr_FR',
    speech: 'fr-FR',
    fonts: 'sc',
    fallback: ['en', 'zh-hans'],
    script: 'Latn',
    summaryMax: 300,
    titleMax: 130,
  } as const;
  const registry = real.defineLocales([...real.registry.defs, fr] as unknown as Parameters<
    typeof real.defineLocales
  >[0]);
  return {
    ...real,
    registry,
    LOCALES: registry.ids,
    SOURCE_LOCALE: registry.source,
    TRANSLATED_LOCALES: registry.translated,
  };
});

const { registry, defineLocales } = await import('@hc/domain/locales/registry.ts');

describe('a registry with a fifth locale', () => {
  it('lists it everywhere the registry itself derives', () => {
    expect(registry.ids).toEqual(['zh-hans', 'zh-hant', 'yue', 'en', 'fr']);
    expect(registry.translated).toContain('fr');
    expect(registry.chain('fr' as never)).toEqual(['fr', 'en', 'zh-hans']);
    expect(registry.prefixGlob).toBe('{zh-hant/,yue/,en/,fr/,}');
    expect(registry.prefixPattern.test('fr/articles/x/index.html')).toBe(true);
    expect(registry.translationFilePattern.exec('content/articles/x.fr.md')?.slice(1)).toEqual(['x', 'fr']);
  });

  it('Zod: the locale enum, per-locale strings and translation schemas', async () => {
    const model = await import('@hc/domain/model/index.ts');
    expect(model.localeSchema.options).toContain('fr');
    expect(Object.keys(model.localizedStringSchema.shape)).toContain('fr');
    expect(Object.keys(model.articleTranslationSchemas)).toContain('fr');
    expect(Object.keys(model.familyTranslationSchemas)).toContain('fr');
    expect(model.translationsSchema(() => model.summarySchema).shape).toHaveProperty('fr');
    // French's own summary limit (300 characters) from its registry entry.
    expect(() => model.summaryFor('fr' as never).parse('x'.repeat(290))).not.toThrow();
    expect(() => model.summaryFor('fr' as never).parse('x'.repeat(301))).toThrow();
  });

  it('Sanity: field names both ways and the Studio fields', async () => {
    const map = await import('../../src/content/sanity/map.ts');
    expect(map.LOCALE_FIELD.fr).toBe('fr');
    expect(map.TRANSLATION_LOCALES).toContain('fr');
    const studio = await import('../../cms/schemaTypes/locale.ts');
    expect(studio.LOCALE_FIELDS.map((f) => f.name)).toEqual(['zh_hans', 'zh_hant', 'yue', 'en', 'fr']);
  });

  it('service worker globs, offline page names and perf helpers', async () => {
    const pwa = await import('../../src/pwa/index.ts');
    expect(pwa.PRECACHE_PAGES[0]).toBe('{zh-hant/,yue/,en/,fr/,}index.html');
    const names = await import('../../src/lib/offline/names.ts');
    expect(names.offlinePathFor('/fr/articles/x/')).toBe('/fr/offline/');
    expect(names.OFFLINE_LOCALES).toContain('fr');
    expect(names.parseOfflineLocale('fr')).toBe('fr');
    const { REGISTER_SCRIPT } = await import('../../src/lib/offline/register.ts');
    expect(REGISTER_SCRIPT).toContain('"fr"');
    const pages = await import('../../scripts/bench/lib/pages.ts');
    expect(pages.pageKind('fr/articles/x/index.html')).toBe('article');
  });

  it('i18next fallbacks and routes', async () => {
    const { i18nextOptions } = await import('../../src/i18n/t.ts');
    const o = i18nextOptions({});
    expect(o.supportedLngs).toContain('fr');
    expect(o.fallbackLng).toMatchObject({ fr: ['en', 'zh-hans'], yue: ['zh-hant', 'zh-hans'] });
    const { localeParams, localePath, splitLocale } = await import('../../src/i18n/locales.ts');
    expect(localeParams().map((p) => p.params.lang)).toEqual([undefined, 'zh-hant', 'yue', 'en', 'fr']);
    expect(localePath('fr' as never, '/events/')).toBe('/fr/events/');
    expect(splitLocale('/fr/events/')).toEqual({ locale: 'fr', path: '/events/' });
  });

  it('the one fallback: French falls back to English, then to the Chinese original', async () => {
    const { resolveText } = await import('../../src/lib/localize/resolve.ts');
    expect(resolveText('fr' as never, '原文', { en: 'English' })).toEqual({
      textLocale: 'en',
      kind: 'fallback',
      value: 'English',
    });
    expect(resolveText('fr' as never, '原文', {})).toEqual({ textLocale: 'zh-hans', kind: 'fallback', value: '原文' });
    expect(resolveText('fr' as never, '原文', { fr: 'Français' } as never)).toMatchObject({
      kind: 'human',
      textLocale: 'fr',
    });
  });
});

describe('registry checks', () => {
  const base = {
    bcp47: 'x',
    htmlLang: 'x',
    label: 'x',
    cmsTitle: 'x',
    intl: 'en',
    ogLocale: 'x',
    speech: 'x',
    fonts: 'sc',
    script: 'Latn',
    summaryMax: 1,
    titleMax: 1,
  } as const;
  it('refuses a fallback to an unknown locale or one that does not end at the source', () => {
    expect(() =>
      defineLocales([
        { ...base, id: 'a', prefix: '', fallback: [] },
        { ...base, id: 'b', prefix: 'b', fallback: ['c'] },
      ]),
    ).toThrow(/unknown/);
    expect(() =>
      defineLocales([
        { ...base, id: 'a', prefix: '', fallback: [] },
        { ...base, id: 'b', prefix: 'b', fallback: [] },
      ]),
    ).toThrow(/end with a/);
    expect(() =>
      defineLocales([
        { ...base, id: 'a', prefix: '', fallback: [] },
        { ...base, id: 'b', prefix: '', fallback: ['a'] },
      ]),
    ).toThrow(/prefix/);
  });
});
