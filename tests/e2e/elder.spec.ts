/**
 * Elder mode: text sizes (标准 / 大字 / 特大) and high contrast, applied before first paint and remembered;
 * layout that holds at 320 px; simple mode; pinyin; read-aloud; the dialect audio player.
 * Sizes and targets: docs/reading.md, "Elder mode" (China's ageing-friendly website specification, MIIT 2021).
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AXE_TAGS } from './axe.ts';
import { SAMPLE } from '../helpers/sample.ts';
// This spec uses the sample content's articles, events, families and quizzes by name: it runs while content/ is
// the sample (tests/helpers/sample.ts); the specs that pick their pages from the build run on any content.
test.skip(!SAMPLE, 'uses the sample content by name');

type Size = 'standard' | 'large' | 'extra';
const SIZES: Size[] = ['standard', 'large', 'extra'];
const BODY_PX: Record<Size, number> = { standard: 18, large: 24, extra: 30 };
const TARGET_PX: Record<Size, number> = { standard: 44, large: 60, extra: 60 };
const PAGES = ['/', '/audiences/elders/', '/articles/home-blood-pressure/', '/events/baduanjin-saturday/'];
const NARROW_PAGES = [
  ...PAGES,
  '/topics/',
  '/events/',
  '/families/',
  '/simple/',
  '/listen/',
  '/yue/articles/stroke-be-fast/',
  '/en/articles/fall-prevention-at-home/',
  // Pages whose grids or fields were sized in rem or by a field's default width, wider than a phone in 特大
  // (the search page's browse columns 480 px, the paper-card form 381 px, the consent form's labels 330 px).
  '/search/',
  '/points/',
  '/staff/card/',
  '/staff/consent/',
];
/** Everything a person taps that is not a link inside running text. */
const CONTROLS =
  'button:visible, .button:visible, .main-nav a:visible, .lang-switch a:visible, .tags a:visible, .tile:visible, .big-tile:visible, .crumbs a:visible, .more:visible, .emergency:visible, .pinyin-toggle:visible, .contact a:visible, .ap-transcripts a:visible';

async function withSize(page: Page, size: Size, contrast = false): Promise<void> {
  await page.addInitScript(
    ([s, c]) => {
      if (s !== 'standard') localStorage.setItem('hc:size', s as string);
      if (c) localStorage.setItem('hc:contrast', '1');
    },
    [size, contrast] as const,
  );
}

/** The size and contrast buttons sit behind the header's 字号 button (issue 16): open it when it is closed. */
async function openSizes(page: Page): Promise<void> {
  const toggle = page.locator('.hdr-size');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

for (const size of SIZES) {
  test(`${size}: body text, line height, paragraph spacing and target sizes`, async ({ page }) => {
    await withSize(page, size);
    for (const url of PAGES) {
      await page.goto(url);
      const m = await page.evaluate(() => {
        const p = (document.querySelector('.prose p') ??
          document.querySelector('main p:not(.meta):not(.tag)')) as HTMLElement;
        const cs = getComputedStyle(p);
        return {
          body: parseFloat(getComputedStyle(document.body).fontSize),
          font: parseFloat(cs.fontSize),
          line: parseFloat(cs.lineHeight),
          gap: parseFloat(cs.marginBottom),
        };
      });
      expect(m.body, `${url} body size`).toBeGreaterThanOrEqual(BODY_PX[size]);
      expect(m.font, `${url} paragraph size`).toBeGreaterThanOrEqual(BODY_PX[size]);
      expect(m.line / m.font, `${url} line height`).toBeGreaterThanOrEqual(1.6);
      expect((m.line + m.gap) / m.line, `${url} paragraph spacing`).toBeGreaterThanOrEqual(1.3);
      const small = await page.locator(CONTROLS).evaluateAll(
        (els, min) =>
          els
            .map((el) => ({ el, r: el.getBoundingClientRect() }))
            .filter(({ r }) => r.width > 0 && (r.height < min - 0.5 || r.width < min - 0.5))
            .map(
              ({ el, r }) =>
                `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 12)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
            ),
        TARGET_PX[size],
      );
      expect(small, `${url} targets under ${TARGET_PX[size]} px`).toEqual([]);
    }
  });

  // 320 CSS px is also what a 1280 px window shows at 400% zoom.
  test(`${size}: no horizontal scrolling or clipped text at 320 px`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 256 });
    await withSize(page, size);
    for (const url of NARROW_PAGES) {
      await page.goto(url);
      // Folded parts opened too (the 积分 page's transfer-code field, folded, was 513 px wide in 特大).
      await page.evaluate(() =>
        document.querySelectorAll('main details').forEach((d) => ((d as HTMLDetailsElement).open = true)),
      );
      const over = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter(
          (el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'absolute',
        );
        // Text cut off inside a box that hides its overflow.
        const clipped = [...document.querySelectorAll('body *')].filter((el) => {
          const cs = getComputedStyle(el);
          return (
            (cs.overflowX === 'hidden' || cs.overflowX === 'clip') &&
            el.clientWidth > 1 &&
            el.scrollWidth > el.clientWidth + 1
          );
        });
        return {
          scroll: document.documentElement.scrollWidth,
          width,
          wide: wide.slice(0, 3).map((el) => `${el.tagName}.${el.className}`),
          clipped: clipped.slice(0, 3).map((el) => `${el.tagName}.${el.className}`),
        };
      });
      expect(over.clipped, `${url} clips text`).toEqual([]);
      expect(over.scroll, `${url} scrolls sideways: ${over.wide.join(', ')}`).toBeLessThanOrEqual(over.width);
      expect(over.wide, url).toEqual([]);
    }
  });
}

// Targets on phones of other sizes and a tablet: the folded sections (<details> summaries) and the labels of
// checkboxes are tapped like buttons (the 积分 page's summaries were 31 px tall: disclosure.css was not loaded).
for (const size of SIZES) {
  test(`${size}: summaries and checkbox labels are full targets, 375 and 768 px wide`, async ({ page }) => {
    await withSize(page, size);
    for (const width of [375, 768]) {
      await page.setViewportSize({ width, height: 900 });
      for (const url of ['/points/', '/self-check/fall-risk/', '/families/', '/staff/card/']) {
        await page.goto(url);
        const small = await page
          .locator('main summary:visible, main label:has(input[type=checkbox]):visible')
          .evaluateAll(
            (els, min) =>
              els
                .map((el) => ({ el, r: el.getBoundingClientRect() }))
                .filter(({ r }) => r.width > 0 && r.height < min - 0.5)
                .map(({ el, r }) => `"${(el.textContent ?? '').trim().slice(0, 12)}" ${Math.round(r.height)} px`),
            TARGET_PX[size],
          );
        expect(small, `${url} at ${width} px: targets under ${TARGET_PX[size]} px`).toEqual([]);
      }
    }
  });
}

test('the text-size choice is applied before first paint, survives reload and a new page, and can be reset', async ({
  page,
  context,
}) => {
  // Records <html data-size> at the moment <body> is created, i.e. before anything can paint.
  await context.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body) {
        (window as unknown as { sizeAtBody: string | null }).sizeAtBody =
          document.documentElement.getAttribute('data-size');
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/articles/home-blood-pressure/');
  await openSizes(page);
  await page.getByRole('button', { name: '特大' }).click();
  await expect(page.getByRole('button', { name: '特大' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-size', 'extra');
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('30px');

  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { sizeAtBody: string | null }).sizeAtBody)).toBe('extra');
  await openSizes(page);
  await expect(page.getByRole('button', { name: '特大' })).toHaveAttribute('aria-pressed', 'true');

  const second = await context.newPage();
  await second.goto('/yue/events/');
  expect(await second.evaluate(() => (window as unknown as { sizeAtBody: string | null }).sizeAtBody)).toBe('extra');
  expect(await second.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('30px');
  await openSizes(second);
  await expect(second.getByRole('button', { name: '特大' })).toHaveAttribute('aria-pressed', 'true');

  await second.getByRole('button', { name: '標準' }).click();
  expect(await second.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');
  await page.reload();
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');
});

test('high contrast: black and white with yellow links, remembered', async ({ page }) => {
  await page.goto('/');
  await openSizes(page);
  const toggle = page.getByRole('button', { name: '高对比' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await openSizes(page);
  const colours = await page.evaluate(() => ({
    bg: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.body).color,
    link: getComputedStyle(document.querySelector('main a:not(.button):not(.tile)')!).color,
  }));
  expect(colours).toEqual({ bg: 'rgb(0, 0, 0)', text: 'rgb(255, 255, 255)', link: 'rgb(255, 255, 0)' });
  await page.getByRole('button', { name: '高对比' }).click();
  await page.reload();
  await expect(page.locator('html')).not.toHaveAttribute('data-contrast', 'high');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the standard size works; the size, pinyin and read-aloud controls need JavaScript and are not offered', async ({
    page,
  }) => {
    await page.goto('/articles/home-blood-pressure/');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');
    await expect(page.getByRole('button', { name: '特大' })).toBeHidden();
    await expect(page.getByLabel('显示拼音')).toBeHidden();
    await expect(page.getByRole('button', { name: '朗读全文' })).toBeHidden();
    // Every dialect track is a plain audio player.
    await expect(page.locator('[data-ap-plain] audio')).toHaveCount(2);
    await expect(page.locator('[data-ap-plain] audio').first()).toBeVisible();
  });
});

test('simple mode: four big tiles, minimal navigation, remembered until switched back', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /进入长辈版/ }).click();
  await expect(page).toHaveURL(/\/simple\/$/);
  const tiles = page.locator('.big-tile');
  await expect(tiles).toHaveCount(4);
  // The elder version's main text is at least 24 px (MIIT 2021).
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('24px');
  for (const name of ['看健康知识', '附近的活动', '自我检查', '听一听'])
    await expect(page.getByRole('link', { name: new RegExp(name) })).toBeVisible();
  for (const box of await tiles.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()))) {
    expect(box.height).toBeGreaterThanOrEqual(100);
  }
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();

  // Remembered: the home opens the simple home, and other pages offer the way back.
  await page.goto('/');
  await expect(page).toHaveURL(/\/simple\/$/);
  await page.getByRole('link', { name: /看健康知识/ }).click();
  await expect(page.getByRole('link', { name: '长辈版首页' })).toBeVisible();
  // One row, as the standard header: the name, 首页 and 字号 (it was 125 px here, 263 px in 特大).
  const header = await page.locator('header.site-header').boundingBox();
  expect(header!.height).toBeLessThanOrEqual(80);
  // Leaving the mode is two deliberate taps (字号, then 回到标准版), never one by mistake.
  await expect(page.getByRole('button', { name: '回到标准版' })).toBeHidden();
  await page.getByRole('button', { name: '字号' }).click();
  await page.getByRole('button', { name: '回到标准版' }).click();
  await expect(page).toHaveURL(/\/$/);
  // The size the person read at is kept; on a phone in the large sizes the main menu sits behind a button.
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('24px');
  await page.getByRole('button', { name: '菜单' }).click();
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  await page.reload();
  await expect(page).not.toHaveURL(/simple/);
});

test('pinyin: ruby over the characters on request, remembered, and accessible', async ({ page }) => {
  test.setTimeout(120_000); // includes an axe run
  await page.goto('/articles/home-blood-pressure/');
  await expect(page.locator('.article rt')).toHaveCount(0);
  await page.getByLabel('显示拼音').check();
  await expect(page.locator('.prose rt').first()).toBeVisible();
  await expect(page.locator('h1 rt').first()).toHaveText('wèi');
  expect(await page.locator('.prose ruby').filter({ hasText: '压' }).first().locator('rt').textContent()).toBe('yā');
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await page.reload();
  await expect(page.locator('.prose rt').first()).toBeVisible();
  await expect(page.getByLabel('显示拼音')).toBeChecked();
  await page.getByLabel('显示拼音').uncheck();
  await expect(page.locator('.article rt')).toHaveCount(0);
  await expect(page.locator('h1')).toHaveText('为什么要在家量血压？');
  // Cantonese text gets no Mandarin pinyin.
  await page.goto('/yue/articles/home-blood-pressure/');
  await expect(page.getByLabel('顯示拼音')).toHaveCount(0);
});

test('read-aloud hides itself when the phone has no Chinese voice', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window.speechSynthesis, 'getVoices', {
      value: () => [{ lang: 'en-US', name: 'English', localService: true, default: true }],
    });
  });
  await page.goto('/articles/home-blood-pressure/');
  await expect(page.locator('[data-read-aloud]')).toBeHidden();
});

test('read-aloud speaks paragraph by paragraph in zh-HK on Cantonese pages, highlights, pauses and resumes', async ({
  page,
}) => {
  // A stand-in speech engine: records what is spoken and finishes each utterance when asked.
  await page.addInitScript(() => {
    const log: { text: string; lang: string }[] = [];
    let current: SpeechSynthesisUtterance | null = null;
    const w = window as unknown as Record<string, unknown>;
    w.spoken = log;
    w.finishUtterance = () => {
      const u = current;
      current = null;
      u?.onend?.(new Event('end') as SpeechSynthesisEvent);
    };
    const fake = {
      getVoices: () => [
        { lang: 'zh-CN', name: 'Mandarin', localService: true, default: false },
        { lang: 'zh-HK', name: 'Cantonese', localService: true, default: false },
      ],
      speak(u: SpeechSynthesisUtterance) {
        current = u;
        log.push({ text: u.text, lang: u.lang });
        setTimeout(() => u.onstart?.(new Event('start') as SpeechSynthesisEvent), 0);
      },
      cancel() {
        current = null;
        w.cancelled = ((w.cancelled as number) ?? 0) + 1;
      },
      pause() {
        w.paused = true;
      },
      resume() {
        w.paused = false;
      },
      addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: fake });
    (window as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = class {
      text: string;
      lang = '';
      voice = null;
      rate = 1;
      onstart: unknown;
      onend: unknown;
      onerror: unknown;
      constructor(t: string) {
        this.text = t;
      }
    };
  });
  await page.goto('/yue/articles/stroke-be-fast/');
  const start = page.getByRole('button', { name: '朗讀全文' });
  await expect(start).toBeVisible();
  await start.click();
  await expect(page.locator('.reading')).toHaveCount(1);
  await expect(page.locator('h1.reading')).toHaveCount(1);
  const first = await page.evaluate(
    () => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken[0],
  );
  expect(first.lang).toBe('zh-HK');
  expect(first.text).toBe(await page.locator('h1').innerText());
  await expect(page.getByRole('status').filter({ hasText: '讀緊第 1 段' })).toBeVisible();

  await page.evaluate(() => (window as unknown as { finishUtterance: () => void }).finishUtterance());
  await expect(page.locator('.summary.reading')).toHaveCount(1);
  await page.getByRole('button', { name: '暫停' }).click();
  expect(await page.evaluate(() => (window as unknown as { paused: boolean }).paused)).toBe(true);
  await page.getByRole('button', { name: '繼續' }).click();
  expect(await page.evaluate(() => (window as unknown as { paused: boolean }).paused)).toBe(false);
  await page.getByRole('button', { name: '停止' }).click();
  await expect(page.locator('.reading')).toHaveCount(0);
  await expect(start).toBeVisible();
});

test('the dialect player plays the Cantonese track at 0.75×', async ({ page }) => {
  await page.goto('/yue/articles/home-blood-pressure/');
  const player = page.locator('[data-audio-player]');
  // The player is folded behind the reading-tools button, which opens it and starts the recording (one tap).
  await expect(player).toBeHidden();
  await player.evaluate((root) => {
    const audio = root.querySelector('audio[data-ap-audio]') as HTMLAudioElement;
    const seen: string[] = [];
    (window as unknown as { mediaEvents: string[] }).mediaEvents = seen;
    for (const type of ['play', 'playing', 'ratechange', 'timeupdate'])
      audio.addEventListener(type, () => seen.push(type));
  });
  await page.getByRole('button', { name: '聽錄音' }).click();
  await expect(player.getByRole('button', { name: /粵語/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(player.getByRole('button', { name: /普通话/ })).toBeVisible();
  await player.getByRole('button', { name: '0.75 倍' }).click();
  await expect(player.getByRole('button', { name: '0.75 倍' })).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { mediaEvents: string[] }).mediaEvents.includes('timeupdate')),
    )
    .toBe(true);
  const state = await player.evaluate((root) => {
    const a = root.querySelector('audio[data-ap-audio]') as HTMLAudioElement;
    return {
      rate: a.playbackRate,
      src: a.currentSrc,
      paused: a.paused,
      events: (window as unknown as { mediaEvents: string[] }).mediaEvents,
    };
  });
  expect(state.rate).toBe(0.75);
  expect(state.src).toMatch(/\/media\/audio\/home-blood-pressure\.yue\.mp3$/);
  expect(state.paused).toBe(false);
  expect(state.events).toEqual(expect.arrayContaining(['ratechange', 'play', 'playing', 'timeupdate']));
  await expect(player.getByRole('button', { name: '暫停' })).toBeVisible();
  await expect
    .poll(() => player.evaluate((root) => (root.querySelector('audio[data-ap-audio]') as HTMLAudioElement).currentTime))
    .toBeGreaterThan(0.3);
  await player.getByRole('button', { name: '暫停' }).click();
});

test('an elder’s journey: extra size, simple mode, an article, Cantonese audio at 0.75×, pinyin, later in a new tab', async ({
  page,
  context,
}, testInfo) => {
  await page.goto('/');
  await openSizes(page);
  await page.getByRole('button', { name: '特大' }).click();
  await page.getByRole('link', { name: /进入长辈版/ }).click();
  await page.getByRole('link', { name: /听一听/ }).click();
  await page.getByRole('link', { name: '为什么要在家量血压？' }).click();
  await expect(page.locator('h1')).toContainText('为什么要在家量血压', { useInnerText: true });
  const player = page.locator('[data-audio-player]');
  await page.getByRole('button', { name: '听录音' }).click();
  await player.getByRole('button', { name: /粵語/ }).click();
  await player.getByRole('button', { name: '0.75 倍' }).click();
  await expect
    .poll(() =>
      player.evaluate((root) => {
        const a = root.querySelector('audio[data-ap-audio]') as HTMLAudioElement;
        return !a.paused && a.playbackRate === 0.75 && a.currentSrc.endsWith('.yue.mp3') && a.currentTime > 0;
      }),
    )
    .toBe(true);
  await player.getByRole('button', { name: '暂停' }).click();
  await page.getByLabel('显示拼音').check();
  await expect(page.locator('.prose rt').first()).toBeVisible();
  mkdirSync(testInfo.outputPath(), { recursive: true });
  const shot = testInfo.outputPath('article-extra-360.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('article at extra size, 360 px', { path: shot, contentType: 'image/png' });

  const later = await context.newPage();
  await later.goto('/');
  await expect(later).toHaveURL(/\/simple\/$/);
  expect(await later.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('30px');
  const homeShot = testInfo.outputPath('simple-home-extra-360.png');
  await later.screenshot({ path: homeShot });
  await testInfo.attach('simple home at extra size, 360 px', { path: homeShot, contentType: 'image/png' });
  await later.getByRole('button', { name: '回到标准版' }).click();
  const fullShot = testInfo.outputPath('home-extra-360.png');
  await later.screenshot({ path: fullShot });
  await testInfo.attach('home at extra size, 360 px', { path: fullShot, contentType: 'image/png' });
});
