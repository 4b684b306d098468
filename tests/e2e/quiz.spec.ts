/**
 * Self-check quizzes: a full run of each quiz, boundary scores of the diabetes check, resume after reload,
 * back navigation, the print view, "clear my answers", no request and nothing in the URL while a quiz is
 * taken, the no-JavaScript page, and axe on every quiz state in three display modes.
 */
import { expect, test } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { choose, diabetes, next, step, typeNumber } from './quiz-steps.ts';
import { SAMPLE } from '../helpers/sample.ts';
// This spec uses the sample content's articles, events, families and quizzes by name: it runs while content/ is
// the sample (tests/helpers/sample.ts); the specs that pick their pages from the build run on any content.
test.skip(!SAMPLE, 'uses the sample content by name');

// axe runs three times per state on a slow machine.
test.describe.configure({ timeout: 180_000 });

const axe = axeViolations;

test.describe('diabetes risk check', () => {
  test('boundary 24 vs 25, with every request after load failing and nothing in the URL', async ({ page }) => {
    await page.goto('/self-check/diabetes-risk/');
    await expect(step(page)).toBeVisible();
    await page.waitForLoadState('networkidle');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.route('**', (route) => route.abort());
    const url = page.url();

    // Woman 45 (12) + BMI 22.0 (1) + waist 70 (3) + SBP 150 (8) + no family history = 24.
    await diabetes(page, { sex: '女', age: 45, weight: 49.5, waist: 70, sbp: 150, family: '没有' });
    const result = page.locator('[data-quiz-state="result"]');
    await expect(result).toContainText('得分：24 分');
    await expect(result.locator('.quiz-band')).toHaveAttribute('data-band', '0');
    expect(page.url()).toBe(url);

    // Back to the first question, change the age to 50 (13): 25 → get a blood glucose test.
    await page.getByRole('button', { name: '重新做一次' }).click();
    await diabetes(page, { sex: '女', age: 50, weight: 49.5, waist: 70, sbp: 150, family: '没有' });
    await expect(result).toContainText('得分：25 分');
    await expect(result.locator('.quiz-band')).toHaveAttribute('data-band', '1');
    await expect(result).toContainText('建议去查血糖');
    expect(page.url()).toBe(url);
    expect(requests, 'requests made while taking the quiz').toEqual([]);
  });

  test('refuses numbers out of range, with the message announced', async ({ page }) => {
    await page.goto('/self-check/diabetes-risk/');
    await choose(page, '男');
    await step(page).getByRole('textbox').fill('80');
    await next(page).click();
    await expect(page.locator('.quiz-error')).toHaveText('不能大于 74。');
    await expect(step(page).getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
    expect(await axe(page, 'number error')).toEqual([]);
    await typeNumber(page, '60');
    await expect(step(page)).toHaveAttribute('data-question', 'height');
  });

  test('reads full-width digits and a unit of the right kind, and names the unit for the wrong one', async ({
    page,
  }) => {
    await page.goto('/self-check/diabetes-risk/');
    await choose(page, '女');
    // As a Chinese input method types them: full-width digits.
    await typeNumber(page, '４５');
    // 1.50 米 where the question asks 厘米 is 150 厘米.
    await typeNumber(page, '１．５０米');
    await expect(step(page)).toHaveAttribute('data-question', 'weight');
    await step(page).getByRole('textbox').fill('49.5厘米');
    await next(page).click();
    await expect(page.locator('.quiz-error')).toHaveText('请只填数字，单位是公斤。');
    await typeNumber(page, '49.5公斤');
    await typeNumber(page, '70');
    await typeNumber(page, '150');
    await choose(page, '没有');
    // 45 (12) + BMI 22.0 (1) + waist 70 (3) + SBP 150 (8) = 24: the converted height reached the BMI.
    await expect(page.locator('[data-quiz-state="result"]')).toContainText('得分：24 分');
  });
});

test.describe('fall-risk check', () => {
  test('full run, resume after reload, back navigation, print view and clear my answers', async ({ page }) => {
    // The reader picked "people with chronic disease" on the home page: the result offers that section too.
    await page.addInitScript(() => localStorage.setItem('hc:audience', 'chronic'));
    await page.goto('/self-check/fall-risk/');
    // Yes to the first item (2 points) and the third (1), then reload.
    await choose(page, '是');
    await choose(page, '否');
    await choose(page, '是');
    await expect(page.getByText('第 4 题，共 12 题')).toBeVisible();
    await page.reload();
    await expect(page.getByText('第 4 题，共 12 题')).toBeVisible();
    await expect(page.locator('.quiz-resumed')).toBeVisible();
    // Back: the earlier answer is still chosen.
    await page.locator('[data-quiz-back]').click();
    await expect(page.getByText('第 3 题，共 12 题')).toBeVisible();
    await expect(step(page).getByRole('radio', { name: '是' })).toBeChecked();
    await next(page).click();
    await expect(page.getByText('第 4 题，共 12 题')).toBeVisible();
    // One more yes (worried, 1 point) = 4 → talk to a doctor.
    await choose(page, '否');
    await choose(page, '是');
    for (let i = 6; i <= 12; i++) await choose(page, '否');
    const result = page.locator('[data-quiz-state="result"]');
    await expect(result).toContainText('得分：4 分');
    await expect(result).toContainText('请和医生谈一谈');
    await expect(result.locator('.quiz-summary li')).toHaveCount(12);
    await expect(result.getByRole('link').first()).toHaveAttribute('href', /\/articles\//);
    await expect(result.locator('.quiz-links a[href="/audiences/chronic/"]')).toHaveCount(1);
    await expect(result.locator('.quiz-links a[href="/audiences/elders/"]')).toHaveCount(1);
    expect(await axe(page, 'fall-risk result')).toEqual([]);

    // Print view: the answers and the result, without the site navigation or the buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(result.locator('.quiz-summary')).toBeVisible();
    await expect(result.locator('.quiz-band')).toBeVisible();
    await expect(page.locator('.main-nav')).toBeHidden();
    await expect(result.locator('.quiz-actions')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    // The result survives a reload; "clear my answers" erases what is stored.
    await page.reload();
    await expect(result).toContainText('得分：4 分');
    expect(await page.evaluate(() => localStorage.getItem('hc-quiz:fall-risk'))).not.toBeNull();
    await page.locator('[data-quiz-clear]').click();
    await expect(page.getByText('已清除保存在这部手机上的答案。')).toBeVisible();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hc-quiz:')))).toEqual([]);
    await page.reload();
    await expect(page.getByText('第 1 题，共 12 题')).toBeVisible();
  });
});

test.describe('health-literacy quiz', () => {
  test('explains each answer in a live region, takes multiple choice, and scores a full run', async ({ page }) => {
    await page.goto('/self-check/health-literacy/');
    expect(await axe(page, 'first question')).toEqual([]);
    // Q1 wrong on purpose.
    await step(page).getByRole('radio', { name: '没有生病就是健康' }).check();
    await next(page).click();
    const fb = page.locator('.quiz-feedback');
    await expect(fb).toHaveAttribute('role', 'status');
    await expect(fb).toContainText('答错了。');
    await expect(fb).toContainText('正确答案：身体、心理和社会适应都处于良好状态。');
    await expect(fb).toContainText('健康素养66条第1条');
    expect(await axe(page, 'feedback')).toEqual([]);
    await next(page).click();
    await expect(step(page)).toHaveAttribute('data-question', 'prevention');
    // The rest: the right answers.
    const right: Record<string, string[]> = {
      prevention: ['对'],
      'check-up': ['错'],
      'vital-signs': ['血压', '体温', '呼吸', '心率'],
      'infection-links': ['传染源、传播途径、易感人群'],
      'adult-vaccines': ['错'],
      'hiv-contact': ['错'],
      'tb-cough': ['2 周'],
      'animal-bite': ['立即冲洗、消毒伤口，尽早打狂犬病疫苗'],
      pests: ['对'],
      'wild-animals': ['错'],
      hypertension: ['140/90 mmHg'],
      'diabetes-fpg': ['7.0 mmol/L'],
      'cancer-screening': ['对'],
      'elder-falls': ['对'],
      'bmi-normal': ['18.5～23.9'],
      salt: ['5 克'],
      'hidden-salt': ['酱油', '咸菜', '咸鸭蛋'],
      exercise: ['150 分钟'],
      'cpr-rate': ['100～120 次'],
      'emergency-number': ['120'],
    };
    for (let i = 2; i <= 21; i++) {
      const id = await step(page).getAttribute('data-question');
      const labels = right[id!]!;
      if (labels.length > 1) {
        for (const l of labels) await step(page).getByRole('checkbox', { name: l, exact: true }).check();
        if (id === 'vital-signs') expect(await axe(page, 'multiple choice')).toEqual([]);
      } else {
        await step(page).getByRole('radio', { name: labels[0], exact: true }).check();
      }
      await next(page).click();
      await expect(fb).toContainText('答对了。');
      await next(page).click();
      await expect(page.locator(`[data-quiz-state="question"][data-question="${id}"]`)).toHaveCount(0);
    }
    const result = page.locator('[data-quiz-state="result"]');
    await expect(result).toContainText('答对 20 题，共 21 题');
    await expect(result).toContainText('答得很好');
  });
});

test('with JavaScript off the page lists the questions and says the check needs JavaScript', async ({
  browser,
  page: plain,
}) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('/self-check/diabetes-risk/');
  await expect(page.locator('.quiz-static')).toBeVisible();
  await expect(page.locator('.quiz-static')).toContainText('JavaScript');
  await expect(page.locator('.quiz-static-list > li')).toHaveCount(7);
  await expect(page.locator('.quiz-source')).toContainText('中国糖尿病防治指南（2024版）：中国糖尿病风险评分表');
  await ctx.close();
  // axe needs JavaScript to run, so check the same static view on a page where the island is taken away.
  await plain.goto('/self-check/diabetes-risk/');
  await expect(step(plain)).toBeVisible(); // the island has mounted (and hidden the static list)
  await plain.evaluate(() => {
    document.documentElement.removeAttribute('data-js');
    document.querySelector('.quiz-app')?.remove();
    document.querySelectorAll<HTMLElement>('[data-quiz-static]').forEach((el) => (el.hidden = false));
  });
  await expect(plain.locator('.quiz-static')).toBeVisible();
  expect(await axe(plain, 'no JavaScript')).toEqual([]);
});

test('zh-hant shows Traditional question text; en says the questions are in Chinese', async ({ page }) => {
  await page.goto('/zh-hant/self-check/fall-risk/');
  await expect(page.locator('.quiz-question')).toHaveText('過去一年裡，我跌倒過。');
  await expect(page.getByText('第 1 題，共 12 題')).toBeVisible();
  await page.goto('/en/self-check/diabetes-risk/');
  await expect(page.locator('[data-translation-notice]')).toContainText('in Chinese');
  await expect(page.locator('.quiz-question')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByText('Question 1 of 8')).toHaveCount(0);
  await expect(page.getByText('Question 1 of 7')).toBeVisible();
  expect(await axe(page, 'en question')).toEqual([]);
  await page.goto('/yue/self-check/health-literacy/');
  await expect(page.getByText('第 1 題，一共 21 題')).toBeVisible();
});

test('at 320 px in every text size: no horizontal scroll, targets at least 44 px (60 px in large sizes)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const [size, min] of [
    ['standard', 44],
    ['large', 60],
    ['extra', 60],
  ] as const) {
    await page.addInitScript((s) => {
      if (s !== 'standard') localStorage.setItem('hc:size', s);
    }, size);
    await page.goto('/self-check/diabetes-risk/');
    await expect(step(page)).toBeVisible();
    if (size !== 'standard') await expect(page.locator('html')).toHaveAttribute('data-size', size);
    for (const state of ['radio', 'number']) {
      if (state === 'number') await choose(page, '男');
      const m = await page.evaluate((minPx) => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('.quiz-page *')]
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .map((el) => el.className || el.tagName);
        const small = [...document.querySelectorAll('.quiz-step button, .quiz-option, .quiz-number input')]
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.height < minPx - 0.5).length;
        return { wide, small };
      }, min);
      expect(m.wide, `${size} ${state}: wider than the screen`).toEqual([]);
      expect(m.small, `${size} ${state}: targets under ${min} px`).toBe(0);
    }
    await page.evaluate(() => localStorage.clear());
  }
});
