import { describe, expect, it } from 'vitest';
import { convertStrings, resolveText, textsToConvert } from '../../src/lib/localize/resolve.ts';
import { rememberConversions, toTraditional, toTraditionalAll } from '../../src/lib/text/convert.ts';
import { eventText, localizeEvent, localizeOccurrence } from '../../src/lib/localize/event.ts';
import type { HealthEvent } from '@hc/domain/model/event.ts';
import { localePath, pick, splitLocale } from '../../src/i18n/locales.ts';
import { UI_RESOURCES, useT } from '../../src/i18n/t.ts';

const original = { title: '为什么要在家量血压？', summary: '高血压患者要少吃盐。' };
const convert = (v: typeof original, target: 'tw' | 'hk' | 't' | 'twp') => convertStrings(v, target);

describe('article fallback rules', () => {
  it('zh-hans shows the original', () => {
    expect(resolveText('zh-hans', original, {}, convert)).toEqual({
      textLocale: 'zh-hans',
      kind: 'original',
      value: original,
    });
  });
  it('zh-hant prefers a human translation, else converts and says so', () => {
    const human = { title: '人工翻譯', summary: '摘要' };
    expect(resolveText('zh-hant', original, { 'zh-hant': human }, convert)).toMatchObject({
      kind: 'human',
      value: human,
    });
    const r = resolveText('zh-hant', original, {}, convert);
    expect(r.kind).toBe('converted');
    expect(r.value.title).toBe('為什麼要在家量血壓？');
    expect(r.value.summary).toBe('高血壓患者要少吃鹽。');
  });
  it('yue falls back to human zh-hant, then to converted Traditional', () => {
    const hant = { title: '繁體', summary: '摘要' };
    expect(
      resolveText('yue', original, { yue: { title: '粵語', summary: '重點' }, 'zh-hant': hant }, convert),
    ).toMatchObject({ kind: 'human', textLocale: 'yue' });
    expect(resolveText('yue', original, { 'zh-hant': hant }, convert)).toMatchObject({
      kind: 'fallback',
      textLocale: 'zh-hant',
      value: hant,
    });
    expect(resolveText('yue', original, {}, convert)).toMatchObject({ kind: 'converted', textLocale: 'zh-hant' });
  });
  it('en falls back to the Chinese original with a notice', () => {
    expect(resolveText('en', original, {}, convert)).toEqual({
      textLocale: 'zh-hans',
      kind: 'fallback',
      value: original,
    });
  });
  it('OpenCC uses Hong Kong forms for Cantonese readers', () => {
    expect(toTraditional('卫生', 'hk')).toBe('衞生');
    expect(toTraditional('卫生', 'tw')).toBe('衛生');
  });
});

const event = () =>
  ({
    slug: 'x',
    title: '讲座',
    summary: '摘要',
    description: '介绍',
    translations: { en: { title: 'Talk', summary: 'In short' } },
    location: { name: '社区老年活动室', address: '和平里小区' },
    organiser: '社区卫生服务中心',
    signUp: { how: 'walk-in', note: '请带医保卡' },
    image: { src: 'media/x.jpg', alt: '讲座现场' },
  }) as unknown as HealthEvent;

describe('converting ahead (the build converts on a worker thread)', () => {
  it('names the strings resolveText would convert, and its target, without converting', () => {
    const doc = { title: '量血压', summary: '少吃盐', body: '正文', tags: ['高血压', { x: '血糖' }] };
    expect(textsToConvert('zh-hant', doc, {})).toEqual({
      target: 'tw',
      texts: ['量血压', '少吃盐', '正文', '高血压', '血糖'],
    });
    expect(textsToConvert('zh-hans', doc, {})).toBeUndefined();
    expect(textsToConvert('en', doc, {})).toBeUndefined();
    expect(textsToConvert('zh-hant', doc, { 'zh-hant': { ...doc, title: '量血壓' } })).toBeUndefined();
  });

  it('converts as toTraditional does, and a remembered conversion is answered as made', () => {
    expect(toTraditionalAll(['高血压', '血糖'], 'hk')).toEqual([
      toTraditional('高血压', 'hk'),
      toTraditional('血糖', 'hk'),
    ]);
    rememberConversions('tw', ['测试只在这里的一句话'], ['測試只在這裡的一句話（記住的）']);
    expect(toTraditional('测试只在这里的一句话', 'tw')).toBe('測試只在這裡的一句話（記住的）');
    expect(() => rememberConversions('tw', ['a'], [])).toThrow();
  });
});

describe('event text', () => {
  it('keeps the original description when a translation gives only title and summary', () => {
    const e = event();
    expect(eventText(e, 'en')).toMatchObject({
      title: 'Talk',
      textLocale: 'en',
      description: '介绍',
      descriptionLocale: 'zh-hans',
    });
    expect(eventText(e, 'zh-hant')).toMatchObject({
      title: '講座',
      kind: 'converted',
      description: '介紹',
      descriptionLocale: 'zh-hant',
    });
  });
  it("shows places, organisers and notes in the reader's script, or marked as Chinese on English pages", () => {
    const e = event();
    expect(localizeEvent(e, 'zh-hant')).toMatchObject({
      location: { name: '社區老年活動室', address: '和平里小區' },
      organiser: '社區衛生服務中心',
      signUpNote: '請帶醫保卡',
      detailsLang: undefined,
    });
    expect(localizeEvent(e, 'yue')).toMatchObject({ location: { name: '社區老年活動室' }, image: { alt: '講座現場' } });
    expect(localizeEvent(e, 'en')).toMatchObject({
      location: { name: '社区老年活动室' },
      detailsLang: 'zh-Hans',
      lang: undefined,
      descriptionLang: 'zh-Hans',
    });
    expect(localizeOccurrence({ location: e.location, note: '改期' }, 'zh-hant')).toMatchObject({
      location: { name: '社區老年活動室' },
      note: '改期',
    });
  });
});

describe('locale paths', () => {
  it('puts zh-hans at / and the others under their prefix', () => {
    expect(localePath('zh-hans', '/articles/x/')).toBe('/articles/x/');
    expect(localePath('yue', '/articles/x/')).toBe('/yue/articles/x/');
    expect(splitLocale('/zh-hant/events/')).toEqual({ locale: 'zh-hant', path: '/events/' });
    expect(splitLocale('/en')).toEqual({ locale: 'en', path: '/' });
    expect(splitLocale('/english-club/')).toEqual({ locale: 'zh-hans', path: '/english-club/' });
  });
  it('picks localized names with the same fallback', () => {
    expect(pick({ 'zh-hans': '长者', 'zh-hant': '長者' }, 'yue')).toBe('長者');
    expect(pick({ 'zh-hans': '长者' }, 'en')).toBe('长者');
  });
});

describe('UI strings', () => {
  function keys(o: object, prefix = ''): string[] {
    return Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(one|other)$/, '')}`],
    );
  }
  it('are complete in all four locales', () => {
    const reference = new Set(keys(UI_RESOURCES['zh-hans']));
    for (const [locale, res] of Object.entries(UI_RESOURCES)) {
      expect(new Set(keys(res)), locale).toEqual(reference);
    }
  });
  it('translate and interpolate', () => {
    expect(useT('en')('audience.articles', { count: 1 })).toBe('1 article');
    expect(useT('en')('audience.articles', { count: 4 })).toBe('4 articles');
    expect(useT('yue')('home.pickerTitle')).toBe('我係……');
    expect(useT('zh-hant')('event.capacity', { count: 30 })).toBe('名額 30 人');
  });
});
