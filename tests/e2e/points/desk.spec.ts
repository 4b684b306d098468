/**
 * The desk (/staff/desk/) against the real service: a card looked up from a scanner's "HC:…⏎" or a typed number,
 * a redemption refused in the service's words with nothing written, a redemption that lowers the reward's stock
 * and the balance, hand-over and cancellation, an admin's correction refused without a reason, the balance
 * slip's print style, who may open the page, and axe in the three reading modes.
 */
import { expect, test, type Page } from '@playwright/test';
import { formatCardNumber } from '@hc/domain/points/card.ts';
import { axeViolations } from '../axe.ts';
import { API, balanceOf, makeCard, rewardLeft, sharedAdmin, sharedStaff } from './service.ts';

async function lookUp(page: Page, typed: string) {
  const input = page.getByLabel('卡号或扫码');
  await input.fill(typed);
  await input.press('Enter');
}

test('a redemption with too few points is refused in the service’s words, and nothing changes', async ({
  browser,
  baseURL,
}) => {
  const admin = await sharedAdmin(browser, baseURL!);
  const desk = await sharedStaff(browser, baseURL!, 'desk');
  const card = await makeCard(admin.request, 10);
  const left = await rewardLeft(admin.request, 'massage');
  const page = await desk.newPage();
  await page.goto('/staff/desk/');
  await expect(page.getByText('已登录：测试服务台（服务台）')).toBeVisible();
  // A typed number, grouped as printed on the card.
  await lookUp(page, formatCardNumber(card.number));
  await expect(page.locator('[data-balance]')).toHaveText('10 分');
  await page.getByRole('button', { name: '兑换：中医推拿一次' }).click();
  await expect(page.locator('[data-confirm-text]')).toContainText('用 30 分');
  await page.getByRole('button', { name: '确认兑换' }).click();
  await expect(page.locator('[data-redeem-error]')).toHaveText(/^没有兑换：积分不够/);
  await expect(page.locator('[data-voucher]')).toBeHidden();
  expect(await balanceOf(admin.request, card.number)).toBe(10);
  expect(await rewardLeft(admin.request, 'massage')).toBe(left);
  await expect(page.locator('[data-balance]')).toHaveText('10 分');
});

test('a redemption lowers the stock by one and the balance by the cost; the voucher is handed over once', async ({
  browser,
  baseURL,
}) => {
  const admin = await sharedAdmin(browser, baseURL!);
  const desk = await sharedStaff(browser, baseURL!, 'desk');
  const card = await makeCard(admin.request, 100);
  const left = await rewardLeft(admin.request, 'toothbrush');
  const page = await desk.newPage();
  await page.goto('/staff/desk/');
  // As a keyboard-style scanner types the card's QR: "HC:" and the number, then Enter.
  await page.getByLabel('卡号或扫码').pressSequentially(`HC:${card.number}`);
  await page.getByLabel('卡号或扫码').press('Enter');
  await expect(page.locator('[data-balance]')).toHaveText('100 分');
  const reward = page.locator('[data-reward="toothbrush"]');
  await expect(reward).toContainText('需 5 分');
  await expect(reward).toContainText(`剩余 ${left} 份`);
  await expect(reward).toContainText('每人限 100 次');
  await reward.getByRole('button', { name: '兑换：软毛牙刷' }).click();
  await page.getByRole('button', { name: '确认兑换' }).click();
  const voucher = page.locator('[data-voucher-number]');
  await expect(voucher).toHaveText(/^[A-Za-z0-9_-]{8,20}$/);
  expect(await rewardLeft(admin.request, 'toothbrush')).toBe(left - 1);
  expect(await balanceOf(admin.request, card.number)).toBe(95);
  await expect(page.locator('[data-balance]')).toHaveText('95 分');
  await expect(reward).toContainText(`剩余 ${left - 1} 份`);
  // The voucher number is shown large.
  const size = await voucher.evaluate((n) => parseFloat(getComputedStyle(n).fontSize));
  expect(size).toBeGreaterThan(30);

  await page.getByRole('button', { name: '已交付' }).click();
  await expect(page.locator('[data-voucher-status]')).toHaveText('已交付，兑换完成。');
  await expect(page.getByRole('button', { name: '已交付' })).toBeHidden();
  const again = await admin.request.post(`${API}/redemptions/${await voucher.textContent()}/handover`, {
    headers: { 'idempotency-key': `e2e-again-${Date.now()}` },
  });
  expect(again.status()).toBe(409);
  expect(await balanceOf(admin.request, card.number)).toBe(95);
});

test('a voucher cancelled before hand-over returns the points and the stock', async ({ browser, baseURL }) => {
  const admin = await sharedAdmin(browser, baseURL!);
  const desk = await sharedStaff(browser, baseURL!, 'desk');
  const card = await makeCard(admin.request, 40);
  const page = await desk.newPage();
  await page.goto('/staff/desk/');
  await lookUp(page, card.number);
  await expect(page.locator('[data-balance]')).toHaveText('40 分');
  await page.getByRole('button', { name: '兑换：中医推拿一次' }).click();
  await page.getByRole('button', { name: '确认兑换' }).click();
  await expect(page.locator('[data-voucher-number]')).not.toBeEmpty();
  expect(await balanceOf(admin.request, card.number)).toBe(10);
  await page.getByRole('button', { name: '取消兑换（退回积分）' }).click();
  await expect(page.locator('[data-voucher-status]')).toHaveText('已取消，30 分已退回。');
  expect(await balanceOf(admin.request, card.number)).toBe(40);
  await expect(page.locator('[data-balance]')).toHaveText('40 分');
});

test('an admin’s correction without a reason is refused; with one it is made', async ({ browser, baseURL }) => {
  const admin = await sharedAdmin(browser, baseURL!);
  const card = await makeCard(admin.request, 20);
  const page = await admin.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/staff/desk/');
  await lookUp(page, card.number);
  await expect(page.locator('[data-balance]')).toHaveText('20 分');
  const form = page.locator('[data-correct]');
  await expect(form).toBeVisible();
  await form.getByLabel('积分数').fill('5');
  await form.getByRole('button', { name: '提交更正' }).click();
  await expect(form.locator('[data-correct-error]')).toHaveText(/^没有更正：请求内容有误/);
  expect(await balanceOf(admin.request, card.number)).toBe(20);
  // The service refuses it too (not only this page).
  const direct = await admin.request.post(`${API}/admin/corrections`, {
    data: { card: { number: card.number }, points: 5, reason: '  ' },
    headers: { 'idempotency-key': `e2e-noreason-${Date.now()}` },
  });
  expect(direct.status()).toBe(400);
  await form.getByLabel('原因（必填）').fill('测试：补记上周的讲座');
  await form.getByRole('button', { name: '提交更正' }).click();
  await expect(form.locator('[data-correct-done]')).toContainText('已更正');
  expect(await balanceOf(admin.request, card.number)).toBe(25);
  await expect(page.locator('[data-balance]')).toHaveText('25 分');
});

test('the balance slip prints the card number and balance without the controls', async ({ browser, baseURL }) => {
  const admin = await sharedAdmin(browser, baseURL!);
  const desk = await sharedStaff(browser, baseURL!, 'desk');
  const card = await makeCard(admin.request, 30);
  const page = await desk.newPage();
  await page.goto('/staff/desk/');
  await lookUp(page, card.number);
  await expect(page.locator('[data-balance]')).toHaveText('30 分');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('[data-card-number]')).toHaveText(formatCardNumber(card.number));
  await expect(page.locator('[data-balance]')).toBeVisible();
  await expect(page.locator('.slip-centre')).toBeVisible();
  await expect(page.getByText('积分余额单')).toBeVisible();
  for (const hidden of ['#desk-card', '[data-print]', '[data-rewards-section]', '.site-header', '.site-footer'])
    await expect(page.locator(hidden).first()).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('#desk-card')).toBeVisible();
});

test('only desk staff and admins may use the desk; others are told why', async ({ browser, baseURL, page }) => {
  await page.goto('/staff/desk/');
  await expect(page.locator('[data-access]')).toContainText('还没有以工作人员身份登录');
  await expect(page.getByLabel('卡号或扫码')).toBeHidden();
  const volunteer = await sharedStaff(browser, baseURL!, 'volunteer');
  const vPage = await volunteer.newPage();
  await vPage.goto('/staff/desk/');
  await expect(vPage.locator('[data-access]')).toContainText('您当前的身份是「志愿者」，不能使用本页');
  await expect(vPage.getByLabel('卡号或扫码')).toBeHidden();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
});

test('the desk has no axe violations in the standard, extra size and high-contrast modes', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000); // axe in three modes on a shared 2-core machine
  const admin = await sharedAdmin(browser, baseURL!);
  const card = await makeCard(admin.request, 50);
  const page = await admin.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/staff/desk/');
  await lookUp(page, card.number);
  await expect(page.locator('[data-balance]')).toHaveText('50 分');
  await page.getByRole('button', { name: '兑换：软毛牙刷' }).click();
  await expect(page.locator('[data-confirm]')).toBeVisible();
  expect(await axeViolations(page, '/staff/desk/')).toEqual([]);
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
