/** With JavaScript the "I am…" picker reorders the home for that audience and remembers the choice on the device. */
import { expect, test } from '@playwright/test';

const order = (page: import('@playwright/test').Page) =>
  page
    .locator('[data-audience-section]')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.audienceSection));

test('choosing an audience puts its section first, survives reload, and can be cleared', async ({ page }) => {
  await page.goto('/');
  const before = await order(page);
  expect(before[0]).toBe('elders');

  const picker = page.getByRole('region', { name: '我是……' });
  const carers = picker.getByRole('button', { name: '照护者与残障人士' });
  await expect(carers).toHaveAttribute('aria-pressed', 'false');
  await carers.click();
  await expect(carers).toHaveAttribute('aria-pressed', 'true');
  expect((await order(page))[0]).toBe('carers');
  await expect(picker.getByRole('status')).toContainText('照护者与残障人士');
  // Only the chosen audience's articles show; a first visit (no choice) sees none of these sections.
  await expect(page.locator('[data-audience-section]:visible')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: /照护者与残障人士/ }).first()).toBeVisible();

  await page.reload();
  expect((await order(page))[0]).toBe('carers');
  await expect(page.getByRole('button', { name: '照护者与残障人士' })).toHaveAttribute('aria-pressed', 'true');

  // The choice is shared by every locale's home.
  await page.goto('/en/');
  expect((await order(page))[0]).toBe('carers');

  await page.goto('/');
  await page.getByRole('button', { name: '清除选择' }).click();
  expect(await order(page)).toEqual(before);
  await expect(page.locator('[data-audience-section]:visible')).toHaveCount(0);
  await page.reload();
  expect(await order(page)).toEqual(before);
});

test('a stored value that is not an audience is ignored', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('hc:audience', '<b>x</b>'));
  await page.reload();
  expect((await order(page))[0]).toBe('elders');
  await expect(page.locator('[data-audience-picker] [aria-pressed="true"]')).toHaveCount(0);
});
