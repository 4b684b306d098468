/** Driving a self-check one question at a time (shared by the quiz spec and the offline spec). */
import { expect, type Page } from '@playwright/test';

export const step = (page: Page) => page.locator('[data-quiz-state="question"]');
export const next = (page: Page) => page.locator('[data-quiz-next]');

/** Answers the current question and waits until the next question (or the result) is shown. */
export async function advance(page: Page, answer: () => Promise<void>): Promise<void> {
  const before = await step(page).getAttribute('data-question');
  await answer();
  await next(page).click();
  await expect(page.locator(`[data-quiz-state="question"][data-question="${before}"]`)).toHaveCount(0);
}
export async function choose(page: Page, label: string | RegExp): Promise<void> {
  await advance(page, () =>
    step(page)
      .getByRole('radio', { name: label, exact: typeof label === 'string' })
      .check(),
  );
}
export async function typeNumber(page: Page, value: string): Promise<void> {
  await advance(page, () => step(page).getByRole('textbox').fill(value));
}

/** Diabetes check: height 150 cm, so weight 49.5 kg is BMI 22.0. */
export async function diabetes(
  page: Page,
  v: { sex: '女' | '男'; age: number; weight: number; waist: number; sbp: number; family: '有' | '没有' },
) {
  await expect(step(page)).toHaveAttribute('data-question', 'sex');
  await choose(page, v.sex);
  await typeNumber(page, String(v.age));
  await typeNumber(page, '150');
  await typeNumber(page, String(v.weight));
  await typeNumber(page, String(v.waist));
  await typeNumber(page, String(v.sbp));
  await choose(page, v.family);
}
