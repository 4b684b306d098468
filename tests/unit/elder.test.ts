/** Elder-mode logic: the pre-paint script, stored preferences, voice choice and dialect helpers. */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PREF_KEYS, PREPAINT_SCRIPT, effectiveSize, parseFlag, parseSize } from '../../src/components/site/prefs.ts';
import { pickVoice } from '../../src/components/reading-tools/voice.ts';
import { DIALECT_NAMES, formatDuration, mediaUrl, orderTracks } from '../../src/lib/dialects.ts';
import { DIALECTS } from '@hc/domain/model/article.ts';

/** Runs the inline head script against a fake <html> element and storage; returns the attributes it set. */
function prepaint(
  stored: Record<string, string>,
  storageThrows = false,
  initial: Record<string, string> = {},
): Record<string, string> {
  const attrs: Record<string, string> = { ...initial };
  const documentElement = {
    setAttribute: (k: string, v: string) => {
      attrs[k] = v;
    },
    hasAttribute: (k: string) => k in attrs,
  };
  const localStorage = {
    getItem: (k: string) => {
      if (storageThrows) throw new Error('SecurityError');
      return stored[k] ?? null;
    },
  };
  runInNewContext(PREPAINT_SCRIPT, { document: { documentElement }, localStorage });
  return attrs;
}

describe('the pre-paint script', () => {
  it('marks JavaScript and applies nothing else by default', () => {
    expect(prepaint({})).toEqual({ 'data-js': '' });
  });
  it('applies a stored size, high contrast, simple mode and pinyin', () => {
    expect(
      prepaint({
        [PREF_KEYS.size]: 'extra',
        [PREF_KEYS.contrast]: '1',
        [PREF_KEYS.simple]: '1',
        [PREF_KEYS.pinyin]: '1',
      }),
    ).toEqual({ 'data-js': '', 'data-size': 'extra', 'data-contrast': 'high', 'data-simple': '', 'data-pinyin': '' });
    expect(prepaint({ [PREF_KEYS.size]: 'large' })).toEqual({ 'data-js': '', 'data-size': 'large' });
  });
  it('shows simple mode at least at the large size, unless a size was chosen', () => {
    expect(prepaint({ [PREF_KEYS.simple]: '1' })).toEqual({ 'data-js': '', 'data-simple': '', 'data-size': 'large' });
    expect(prepaint({ [PREF_KEYS.simple]: '1', [PREF_KEYS.size]: 'standard' })).toEqual({
      'data-js': '',
      'data-simple': '',
    });
    expect(prepaint({}, false, { 'data-simple-page': '' })).toEqual({
      'data-simple-page': '',
      'data-js': '',
      'data-simple': '',
      'data-size': 'large',
    });
    expect(effectiveSize(null, true)).toBe('large');
    expect(effectiveSize('extra', true)).toBe('extra');
    expect(effectiveSize('standard', true)).toBe('standard');
    expect(effectiveSize('bogus', false)).toBe('standard');
  });
  it('ignores values it does not know, like parseSize and parseFlag do', () => {
    expect(prepaint({ [PREF_KEYS.size]: 'huge', [PREF_KEYS.contrast]: 'yes' })).toEqual({ 'data-js': '' });
    expect(parseSize('huge')).toBe('standard');
    expect(parseSize('extra')).toBe('extra');
    expect(parseSize(null)).toBe('standard');
    expect(parseFlag('yes')).toBe(false);
    expect(parseFlag('1')).toBe(true);
  });
  it('survives storage that throws (private mode, blocked storage)', () => {
    expect(prepaint({}, true)).toEqual({ 'data-js': '' });
  });
  it('stays tiny', () => {
    expect(PREPAINT_SCRIPT.length).toBeLessThan(700);
  });
});

describe('pickVoice', () => {
  const v = (lang: string, extra: Partial<{ localService: boolean; default: boolean }> = {}) => ({
    lang,
    name: lang,
    ...extra,
  });
  it('finds Mandarin under the names browsers use', () => {
    expect(pickVoice([v('en-US'), v('zh_CN')], 'zh-CN')?.lang).toBe('zh_CN');
    expect(pickVoice([v('cmn-Hans-CN')], 'zh-CN')?.lang).toBe('cmn-Hans-CN');
    expect(pickVoice([v('zh-TW')], 'zh-CN')).toBeUndefined();
  });
  it('finds Cantonese for zh-HK and never offers Mandarin instead', () => {
    expect(pickVoice([v('zh-CN'), v('yue-HK')], 'zh-HK')?.lang).toBe('yue-HK');
    expect(pickVoice([v('zh-CN'), v('zh-HK')], 'zh-HK')?.lang).toBe('zh-HK');
    expect(pickVoice([v('zh-CN'), v('zh-TW')], 'zh-HK')).toBeUndefined();
  });
  it('prefers a voice on the device, then the default', () => {
    expect(
      pickVoice([v('zh-CN', { default: true }), { ...v('zh-CN', { localService: true }), name: 'local' }], 'zh-CN')
        ?.name,
    ).toBe('local');
  });
  it('returns undefined when there are no voices at all', () => {
    expect(pickVoice([], 'zh-CN')).toBeUndefined();
  });
});

describe('dialects', () => {
  it('names every dialect in the model by its own name', () => {
    expect(Object.keys(DIALECT_NAMES).sort()).toEqual([...DIALECTS].sort());
    expect(DIALECT_NAMES.yue.name).toContain('粵語');
    expect(DIALECT_NAMES.cmn.name).toBe('普通话');
  });
  it('puts the page’s own dialect first', () => {
    const tracks = [{ dialect: 'cmn' as const }, { dialect: 'yue' as const }];
    expect(orderTracks(tracks, 'yue').map((t) => t.dialect)).toEqual(['yue', 'cmn']);
    expect(orderTracks(tracks, undefined).map((t) => t.dialect)).toEqual(['cmn', 'yue']);
  });
  it('formats durations and media URLs', () => {
    expect(formatDuration(83.4)).toBe('1:23');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(-2)).toBe('0:00');
    expect(mediaUrl('media/audio/x.mp3')).toBe('/media/audio/x.mp3');
  });
});
