import { describe, expect, it } from 'vitest';
import { addPinyinRuby, articlePinyin, onlyRubyAdded, pinyinScript } from '../../src/lib/text/pinyin.ts';
import { escapeHtml } from '../../src/lib/text/escape.ts';

/** The exact markup expected for `chars` read as the space-separated `readings`, one ruby per character. */
function ruby(chars: string, readings: string): string {
  const rs = readings.split(' ');
  const cs = Array.from(chars);
  expect(rs).toHaveLength(cs.length);
  return cs.map((c, i) => `<ruby>${c}<rt>${rs[i]}</rt></ruby>`).join('');
}

describe('addPinyinRuby', () => {
  it('puts one ruby with a tone-marked reading over each Han character', () => {
    expect(addPinyinRuby('<p>血压</p>', 'hans')).toBe('<p><ruby>血<rt>xuè</rt></ruby><ruby>压<rt>yā</rt></ruby></p>');
  });

  it('reads polyphones by the word they are in', () => {
    const cases: [string, string][] = [
      ['量血压', 'liáng xuè yā'],
      ['重阳节', 'chóng yáng jié'],
      ['很重要', 'hěn zhòng yào'],
      ['去银行', 'qù yín háng'],
      ['孩子长大了', 'hái zi zhǎng dà le'],
      ['尊敬长辈', 'zūn jìng zhǎng bèi'],
      ['长期服药', 'cháng qī fú yào'],
      ['还是觉得要睡觉', 'hái shì jué de yào shuì jiào'],
      ['我们都去首都', 'wǒ men dōu qù shǒu dū'],
      ['一个', 'yí gè'],
      ['不要', 'bú yào'],
    ];
    for (const [text, readings] of cases) {
      expect(addPinyinRuby(`<p>${text}</p>`, 'hans')).toBe(`<p>${ruby(text, readings)}</p>`);
    }
  });

  it('reads the health words pinyin-pro gets wrong on its own', () => {
    const cases: [string, string][] = [
      ['有心脏病', 'yǒu xīn zàng bìng'],
      ['医生还会问您', 'yī shēng hái huì wèn nín'],
      ['头疼得厉害', 'tóu téng de lì hài'],
      ['只吃母乳', 'zhǐ chī mǔ rǔ'],
      ['百日咳', 'bǎi rì ké'],
      ['慢慢地走', 'màn màn de zǒu'],
    ];
    for (const [text, readings] of cases) {
      expect(addPinyinRuby(`<p>${text}</p>`, 'hans')).toBe(`<p>${ruby(text, readings)}</p>`);
    }
  });

  it('reads a word across inline elements but not across paragraphs', () => {
    expect(addPinyinRuby('<p>尊敬<strong>长</strong>辈</p>', 'hans')).toBe(
      `<p>${ruby('尊敬', 'zūn jìng')}<strong>${ruby('长', 'zhǎng')}</strong>${ruby('辈', 'bèi')}</p>`,
    );
    expect(addPinyinRuby('<p>长</p><p>辈</p>', 'hans')).toBe(
      `<p>${ruby('长', 'cháng')}</p><p>${ruby('辈', 'bèi')}</p>`,
    );
  });

  it('leaves tags, attribute values and character references alone', () => {
    expect(addPinyinRuby('<p><a href="/文章/" title="血压 > 高">链接</a> 甲&amp;乙 &#x8840;</p>', 'hans')).toBe(
      `<p><a href="/文章/" title="血压 > 高">${ruby('链接', 'liàn jiē')}</a> ${ruby('甲', 'jiǎ')}&amp;${ruby('乙', 'yǐ')} &#x8840;</p>`,
    );
  });

  it('leaves code, pre, script, style and comments alone', () => {
    const html =
      '<p>运行<code>血压</code>后</p><pre><code>长辈 &lt;b&gt;</code></pre>' +
      '<script>const s = "<p>血压</p>";</script><style>p::after { content: "血" }</style><!-- 血压 -->';
    expect(addPinyinRuby(html, 'hans')).toBe(
      `<p>${ruby('运行', 'yùn xíng')}<code>血压</code>${ruby('后', 'hòu')}</p><pre><code>长辈 &lt;b&gt;</code></pre>` +
        '<script>const s = "<p>血压</p>";</script><style>p::after { content: "血" }</style><!-- 血压 -->',
    );
  });

  it('leaves digits, Latin letters and punctuation as they are', () => {
    expect(addPinyinRuby('<li>在家里测：135/85 mmHg 及以上，就算偏高。</li>', 'hans')).toBe(
      `<li>${ruby('在家里测', 'zài jiā lǐ cè')}：135/85 mmHg ${ruby('及以上', 'jí yǐ shàng')}，${ruby('就算偏高', 'jiù suàn piān gāo')}。</li>`,
    );
  });

  it('reads traditional text through a simplified copy and keeps its characters', () => {
    const text = '量血壓，尊敬長輩，預防跌倒，找醫生檢查。重陽節去銀行，還是覺得睡覺好。';
    const out = addPinyinRuby(`<p>${text}</p>`, 'hant');
    expect(out).toBe(
      `<p>${ruby('量血壓', 'liáng xuè yā')}，${ruby('尊敬長輩', 'zūn jìng zhǎng bèi')}，` +
        `${ruby('預防跌倒', 'yù fáng diē dǎo')}，${ruby('找醫生檢查', 'zhǎo yī shēng jiǎn chá')}。` +
        `${ruby('重陽節去銀行', 'chóng yáng jié qù yín háng')}，${ruby('還是覺得睡覺好', 'hái shì jué de shuì jiào hǎo')}。</p>`,
    );
    // pinyin-pro alone misreads these traditional words: the simplified copy is what gets them right
    expect(addPinyinRuby('<p>長輩</p>', 'hans')).toBe(`<p>${ruby('長輩', 'cháng bèi')}</p>`);
    expect(addPinyinRuby('<p>心臟</p>', 'hant')).toBe(`<p>${ruby('心臟', 'xīn zàng')}</p>`);
  });

  it('changes nothing the second time, and leaves existing ruby alone', () => {
    const html = '<h2 id="多高算高">多高算高？</h2><p>血压 135/85 mmHg，<a href="/x/">长辈</a>要<em>重视</em>。</p>';
    const once = addPinyinRuby(html, 'hans');
    expect(once).not.toBe(html);
    expect(addPinyinRuby(once, 'hans')).toBe(once);
    const own = '<ruby>血<rt>xiě</rt></ruby>压';
    expect(addPinyinRuby(own, 'hans')).toBe(`<ruby>血<rt>xiě</rt></ruby>${ruby('压', 'yā')}`);
  });

  it('returns text without Han characters, and the empty string, unchanged', () => {
    expect(addPinyinRuby('', 'hans')).toBe('');
    expect(addPinyinRuby('', 'hant')).toBe('');
    expect(addPinyinRuby('<p>120, 110 &amp; 119</p>', 'hans')).toBe('<p>120, 110 &amp; 119</p>');
  });
});

describe('the pinyin file of an article (/articles/<slug>/pinyin.json)', () => {
  it('annotates Simplified and Traditional texts only', () => {
    expect(pinyinScript('zh-hans')).toBe('hans');
    expect(pinyinScript('zh-hant')).toBe('hant');
    expect(pinyinScript('yue')).toBeNull();
    expect(pinyinScript('en')).toBeNull();
  });

  it('escapes the plain-text title and summary before annotating, and keeps the body’s markup', () => {
    const parts = articlePinyin('血压<高>', '少吃盐 & 多走路', '<p><strong>量</strong>血压</p>', 'hans');
    expect(parts.title).toBe(`${ruby('血', 'xuè')}${ruby('压', 'yā')}&lt;${ruby('高', 'gāo')}&gt;`);
    expect(parts.summary).toContain('&amp;');
    expect(parts.summary).not.toContain('<script');
    expect(parts.body).toBe(`<p><strong>${ruby('量', 'liáng')}</strong>${ruby('血', 'xuè')}${ruby('压', 'yā')}</p>`);
  });

  it('proves annotation added nothing but ruby (onlyRubyAdded)', () => {
    const body = '<p><a href="/x/" title="量血压">量</a>血压 &lt;b&gt;</p>';
    expect(onlyRubyAdded(body, addPinyinRuby(body, 'hans'))).toBe(true);
    const title = escapeHtml('<img src=x onerror=alert(1)>高血压');
    expect(onlyRubyAdded(title, addPinyinRuby(title, 'hans'))).toBe(true);
    // Anything else that changed, or ruby with markup inside, fails the check.
    expect(onlyRubyAdded(body, body.replace('<p>', '<p onclick="x()">'))).toBe(false);
    expect(onlyRubyAdded('血', '<ruby>血<rt><img src=x></rt></ruby>')).toBe(false);
    expect(onlyRubyAdded('血', '<ruby>血<rt>xuè</rt></ruby><script>1</script>')).toBe(false);
    expect(onlyRubyAdded('a', '<ruby>a<rt>a</rt></ruby>')).toBe(false);
  });
});
