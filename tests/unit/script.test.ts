/** Which characters count as Simplified-only, and what the dist/ scan looks at. */
import { describe, expect, it } from 'vitest';
import { isSimplifiedOnly, simplifiedOnlyChars } from '../../src/lib/text/script.ts';
import { scanHtml } from '../helpers/simplified-pages.ts';

describe('Simplified-only characters', () => {
  it('counts characters only Simplified writes', () => {
    for (const ch of '发区动场这们') expect(isSimplifiedOnly(ch), ch).toBe(true);
  });
  it('does not count characters both scripts write, or Traditional ones', () => {
    // 后 干 里 台 准 面 系: both scripts; 群 峰: OpenCC's standard is 羣 峯 but Taiwan and Hong Kong write 群 峰.
    for (const ch of '后干里台准面系群峰發區動場社家a1，') expect(isSimplifiedOnly(ch), ch).toBe(false);
  });
  it('lists them in order, with repeats', () => {
    expect(simplifiedOnlyChars('社区卫生服务中心，社區')).toEqual(['区', '卫', '务']);
  });
});

describe('page scan', () => {
  const page = (body: string) =>
    `<!doctype html><html lang="zh-Hant"><head><title>健康社區</title></head><body>${body}</body></html>`;
  it('finds Simplified text and alt text', () => {
    expect(scanHtml(page('<p>和平里小区中心广场</p><img src="x.jpg" alt="社区医生">')).count).toBe(4); // 区 场 区 医 (广 is also a Traditional character)
  });
  it('skips elements marked lang="zh-Hans", scripts and styles', () => {
    expect(
      scanHtml(
        page(
          '<p lang="zh-Hans">简体中文 <img alt="广场"></p><script>const x = "这个";</script><style>/* 样式 */</style>',
        ),
      ).count,
    ).toBe(0);
  });
  it('counts the title but not other head elements', () => {
    expect(
      scanHtml('<html><head><title>这</title><meta name="description" content="这"></head><body></body></html>').count,
    ).toBe(1);
  });
  it('allows the characters a locale writes itself', () => {
    expect(scanHtml(page('<p>睇晒全部，試吓</p>'), '晒吓').count).toBe(0);
    expect(scanHtml(page('<p>睇晒全部，試吓</p>')).count).toBe(2);
  });
});
