/**
 * UI strings (src/i18n/ui/<locale>.json): one key per line, no key twice in an object (JSON.parse keeps the last
 * silently), every locale of the registry has a file with the same keys, one placeholder syntax ({{name}}), and
 * the browser-side formatter fills them the way i18next does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@hc/domain/locales/registry.ts';
import { pluralForms, pluralTemplates, useT } from '../../src/i18n/t.ts';
import { fill, fillPlural } from '../../src/lib/text/fill.ts';

const raw = Object.fromEntries(LOCALES.map((l) => [l, readFileSync(`src/i18n/ui/${l}.json`, 'utf8')]));

/** Keys that appear twice in one object, with their paths, found on the raw text. */
function duplicateKeys(text: string): string[] {
  JSON.parse(text); // valid JSON first
  // JSON.parse cannot see duplicates (the last wins); walk the text instead: every "key": at its nesting level.
  const dups: string[] = [];
  const stack: Array<Set<string>> = [];
  const path: string[] = [];
  let lastKey = '';
  const re = /"((?:[^"\\]|\\.)*)"\s*:|[{}]|"(?:[^"\\]|\\.)*"/g;
  for (const m of text.matchAll(re)) {
    if (m[0] === '{') {
      stack.push(new Set());
      path.push(lastKey);
    } else if (m[0] === '}') {
      stack.pop();
      path.pop();
    } else if (m[1] !== undefined) {
      const keys = stack.at(-1)!;
      const where = [...path.slice(1), m[1]].join('.');
      if (keys.has(m[1])) dups.push(where);
      keys.add(m[1]);
      lastKey = m[1];
    }
  }
  return dups;
}

describe('UI strings files', () => {
  it('exist for every locale of the registry', () => {
    expect(Object.keys(raw)).toEqual([...LOCALES]);
  });
  it.each(LOCALES)('%s has no key twice in one object', (l) => {
    expect(duplicateKeys(raw[l]!)).toEqual([]);
  });
  it('the duplicate check finds a repeated key', () => {
    expect(duplicateKeys('{"a": {"x": "1"}, "b": "2", "a": {"y": "3"}}')).toEqual(['a']);
    expect(duplicateKeys('{"a": {"x": "1", "x": "2"}}')).toEqual(['a.x']);
  });
  it.each(LOCALES)('%s has one key per line (pretty-printed, merges line by line)', (l) => {
    for (const line of raw[l]!.split('\n'))
      expect((line.match(/"(?:[^"\\]|\\.)*"\s*:/g) ?? []).length, line).toBeLessThanOrEqual(1);
  });
  it.each(LOCALES)('%s uses only {{name}} placeholders', (l) => {
    expect(raw[l]!.match(/(?<!\{)\{\w+\}(?!\})/g)).toBeNull();
  });
});

describe('the browser formatter', () => {
  it('fills {{name}} like i18next', () => {
    const template = useT('zh-hans')('listen.reading');
    expect(template).toContain('{{n}}');
    expect(fill(template, { n: 2, total: 5 })).toBe(useT('zh-hans')('listen.reading', { n: 2, total: 5 }));
  });
  it('picks the plural form like i18next', () => {
    for (const n of [0, 1, 2, 11]) {
      expect(fillPlural(JSON.parse(pluralTemplates('en', 'calendar.count')), n, 'en')).toBe(
        useT('en')('calendar.count', { count: n }),
      );
      expect(fillPlural(JSON.parse(pluralTemplates('yue', 'gallery.count')), n, 'yue-Hant')).toBe(
        useT('yue')('gallery.count', { count: n }),
      );
      expect(fillPlural(pluralForms('en', 'search.results'), n, 'en')).toBe(useT('en')('search.results', { count: n }));
    }
  });
  it('leaves the words a reader typed as they are (the search page echoes the query)', () => {
    const none = useT('zh-hans')('search.none');
    expect(fill(none, { q: "$& $' {{q}}" })).toBe(useT('zh-hans')('search.none', { q: "$& $' {{q}}" }));
  });
});

describe('useT', () => {
  it('gives i18next’s own answers: plain keys (kept after the first call), counts, values and fallbacks', async () => {
    const { default: i18next } = await import('i18next');
    const { i18nextOptions, UI_RESOURCES } = await import('../../src/i18n/t.ts');
    const ref = i18next.createInstance();
    await ref.init(i18nextOptions(UI_RESOURCES));
    for (const locale of LOCALES) {
      const t = useT(locale);
      const direct = ref.getFixedT(locale);
      expect(useT(locale)).toBe(t);
      for (const key of ['search.none', 'listen.reading', 'article.converted', 'no.such.key'] as const) {
        expect(t(key as 'search.none'), `${locale} ${key}`).toBe(direct(key as 'search.none'));
        expect(t(key as 'search.none')).toBe(direct(key as 'search.none'));
      }
      for (const n of [0, 1, 2, 11])
        expect(t('calendar.count', { count: n })).toBe(direct('calendar.count', { count: n }));
      expect(t('listen.reading', { n: 2, total: 5 })).toBe(direct('listen.reading', { n: 2, total: 5 }));
    }
  });
});
