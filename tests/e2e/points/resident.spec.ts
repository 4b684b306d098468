/**
 * The resident's card against the real service: one tap makes a card whose QR is on the first screen at
 * 360 × 800 in every text size; the balance and history come from the service and stay, with their time, when
 * it cannot be reached; the volunteer's code checks in (at once, or later from the outbox); a browser without
 * the card (WeChat's) gets it over with a transfer code and both keep working.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkinCode, windowOf } from '@hc/domain/points/checkin-code.ts';
import { formatCardNumber } from '@hc/domain/points/card.ts';
import { axeViolations } from '../axe.ts';
import { adminContext, API, key, TODAY_OCCURRENCES, today, NO_PROGRAMME, PROGRAMME } from './service.ts';
import type { BrowserContext } from '@playwright/test';

test.skip(!PROGRAMME, NO_PROGRAMME);

let admin: BrowserContext;
test.beforeAll(async ({ browser }, info) => {
  admin = await adminContext(browser, info.project.use.baseURL!);
});
test.afterAll(() => admin?.close());

const occurrence = (slug: string) => `${slug}/${today()}T00:00`;

/** The code the volunteer's phone shows for an occurrence, `windowsAgo` windows back. */
async function volunteerCode(slug: string, windowsAgo = 0): Promise<string> {
  const r = await admin.request.post(`${API}/occurrences/${encodeURIComponent(occurrence(slug))}/code-secret`, {
    headers: { 'idempotency-key': key('secret') },
  });
  expect(r.status(), await r.text()).toBe(200);
  const { secret } = (await r.json()) as { secret: string };
  return checkinCode(
    new Uint8Array(Buffer.from(secret, 'base64url')),
    occurrence(slug),
    windowOf(new Date()) - windowsAgo,
  );
}

async function getCard(page: Page): Promise<string> {
  await page.goto('/points/');
  await page.getByRole('button', { name: /领取积分卡/ }).click();
  const number = page.locator('[data-card-number]');
  await expect(number).toContainText(/\d{4}\s\d{4}\s\d{2}/);
  return (await number.textContent())!.replace(/\D/g, '');
}

async function balanceOf(number: string): Promise<number> {
  const r = await admin.request.get(`${API}/cards/${number}`);
  return ((await r.json()) as { balance: number }).balance;
}

for (const size of ['standard', 'large', 'extra'] as const) {
  test(`one tap makes a card whose QR is on the first screen (${size})`, async ({ page }) => {
    await page.addInitScript((s) => localStorage.setItem('hc:size', s), size);
    await page.setViewportSize({ width: 360, height: 800 });
    const number = await getCard(page);
    // Opening the page again (scrolled to the top) shows the card first: the whole QR above the fold.
    await page.goto('/points/');
    const qr = page.locator('[data-card-qr] svg');
    await expect(qr).toBeVisible();
    const box = (await page.locator('[data-card-qr]').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    expect(box.width).toBeGreaterThanOrEqual(150);
    await expect(page.locator('[data-card-qr]')).toHaveAttribute('aria-label', new RegExp(formatCardNumber(number)));
    await expect(page.locator('[data-card-balance]')).toHaveText('0');
  });
}

test('balance and history from the service; the last known balance with its time when it cannot be reached', async ({
  page,
}) => {
  const number = await getCard(page);
  const fix = await admin.request.post(`${API}/admin/corrections`, {
    data: { card: { number }, points: 35, reason: '测试：补记积分' },
    headers: { 'idempotency-key': key('fix') },
  });
  expect(fix.status()).toBe(201);
  await page.goto('/points/');
  await expect(page.locator('[data-card-balance]')).toHaveText('35');
  await expect(page.locator('[data-card-updated]')).toContainText('更新于');
  await page.getByText('积分记录', { exact: true }).click();
  await expect(page.locator('[data-card-history] li').first()).toContainText('+35');
  await page.getByText('现在可以兑换', { exact: true }).click();
  await expect(page.locator('[data-card-can-buy]')).toContainText('中医推拿一次');
  await expect(page.locator('[data-card-can-buy]')).not.toContainText('家用血压计');

  await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
  await page.goto('/points/');
  await expect(page.locator('[data-card-balance]')).toHaveText('35');
  await expect(page.locator('[data-card-offline]')).toBeVisible();
  await expect(page.locator('[data-card-updated]')).toContainText('更新于');
});

test('the volunteer’s code checks in; a code older than its window is refused in words', async ({ page }) => {
  const number = await getCard(page);
  await page.goto(`/points/checkin/#${await volunteerCode(TODAY_OCCURRENCES[0])}`);
  await expect(page.locator('[data-checkin]')).toHaveText('签到成功，得 10 分');
  await expect(page.locator('[data-card-balance]')).toHaveText('10');
  expect(await balanceOf(number)).toBe(10);
  // The fragment is gone: a reload does not check in again.
  expect(new URL(page.url()).hash).toBe('');
  // 积分晾晒, opt-in: a picture with this month's count only.
  await page.getByText('分享本月参加次数', { exact: true }).first().click();
  await page.getByRole('button', { name: '分享本月参加次数' }).click();
  await expect(page.locator('[data-card-share-out] img')).toHaveAttribute('alt', '我这个月参加了 1 次健康活动');

  await page.goto(`/points/checkin/#${await volunteerCode(TODAY_OCCURRENCES[1], 5)}`);
  await expect(page.locator('[data-checkin]')).toHaveAttribute('data-tone', 'bad');
  await expect(page.locator('[data-checkin]')).not.toHaveText('');
  expect(await balanceOf(number)).toBe(10);

  await page.goto('/points/checkin/#not-a-code');
  await expect(page.locator('[data-checkin]')).toContainText('不是有效的签到码');
});

test('a check-in with no signal waits on the phone and is sent when the page opens with signal', async ({ page }) => {
  const number = await getCard(page);
  const code = await volunteerCode(TODAY_OCCURRENCES[0]);
  await page.route('**/api/v1/me/checkins', (route) => route.abort('internetdisconnected'));
  await page.goto(`/points/checkin/#${code}`);
  await expect(page.locator('[data-checkin]')).toContainText('联网后自动上传');
  await expect(page.locator('[data-card-pending]')).toContainText('1 条签到待上传');
  expect(await balanceOf(number)).toBe(0);
  await page.unroute('**/api/v1/me/checkins');
  await page.goto('/points/');
  await expect(page.locator('[data-card-balance]')).toHaveText('10');
  await expect(page.locator('[data-card-pending]')).toBeHidden();
  expect(await balanceOf(number)).toBe(10);
});

test('at the check-in with no card yet, the 领取 button is on the first screen in 特大', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('hc:size', 'extra'));
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/points/checkin/#${await volunteerCode(TODAY_OCCURRENCES[0])}`);
  await expect(page.locator('[data-checkin]')).toContainText('还没有积分卡');
  const box = (await page.getByRole('button', { name: /领取积分卡/ }).boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(800);
});

test('a browser without the card (WeChat’s) gets one at the check-in and the check-in follows', async ({ page }) => {
  await page.goto(`/points/checkin/#${await volunteerCode(TODAY_OCCURRENCES[0])}`);
  await expect(page.locator('[data-checkin]')).toContainText('还没有积分卡');
  await page.getByRole('button', { name: /领取积分卡/ }).click();
  await expect(page.locator('[data-checkin]')).toHaveText('签到成功，得 10 分');
  await expect(page.locator('[data-card-balance]')).toHaveText('10');
});

test('a transfer code brings the card to another browser; both keep working; forget lets go of one', async ({
  page,
  browser,
  baseURL,
}) => {
  const number = await getCard(page);
  await page.getByText('换手机，或在微信里使用这张卡').click();
  await page.getByRole('button', { name: '生成转移码' }).click();
  await expect(page.locator('[data-card-move-code]')).toContainText(/\d{4} \d{4}/);
  const shown = await page.locator('[data-card-move-code]').textContent();
  const code = /(\d{4} \d{4})/.exec(shown ?? '')![1]!;

  const wechat = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const other = await wechat.newPage();
  await other.goto('/points/');
  await other.locator('summary', { hasText: '我已有积分卡' }).click();
  const box = other.getByLabel('8 位转移码');
  await box.fill('123');
  await other.getByRole('button', { name: '在本机使用这张卡' }).click();
  await expect(other.locator('[data-card-claim-error]')).toHaveText('请填 8 位数字的转移码');
  // Typed with a Chinese input method: full-width digits.
  await box.fill([...code.replace(' ', '')].map((d) => String.fromCharCode(0xff10 + Number(d))).join(''));
  await other.getByRole('button', { name: '在本机使用这张卡' }).click();
  await expect(other.locator('[data-card-number]')).toContainText(formatCardNumber(number));

  // Used once: the same code again is refused.
  const again = await wechat.request.post(`${API}/cards/claim`, {
    data: { code: code.replace(' ', '') },
    headers: { 'idempotency-key': key('claim') },
  });
  expect(again.status()).toBeGreaterThanOrEqual(400);

  await other.getByText('管理这张卡').click();
  other.once('dialog', (d) => void d.accept());
  await other.getByRole('button', { name: '在本机忘记这张卡' }).click();
  await expect(other.locator('[data-card-status]')).toHaveText('本机已忘记这张卡。');
  await expect(other.getByRole('button', { name: /领取积分卡/ })).toBeVisible();
  await wechat.close();

  // The first phone still has its card.
  await page.goto('/points/');
  await expect(page.locator('[data-card-number]')).toContainText(formatCardNumber(number));
  await expect(page.locator('[data-card-offline]')).toBeHidden();
});

test('axe: /points/ (no card, and a card with every part open) and /points/checkin/ in 标准, 特大 and high contrast', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/points/checkin/');
  const failures = await axeViolations(page, '/points/checkin/');
  await page.goto('/points/');
  failures.push(...(await axeViolations(page, '/points/ without a card')));
  await getCard(page);
  for (const d of await page.locator('[data-card-more] details').all()) await d.locator('summary').click();
  failures.push(...(await axeViolations(page, '/points/ with a card')));
  expect(failures).toEqual([]);
});
