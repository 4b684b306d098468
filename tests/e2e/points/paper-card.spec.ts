/**
 * The desk's paper card for a resident without a smartphone: registered by a signed-in staff member after the
 * paper consent, printed on A6 (and bank-card size) with a QR that scans back to the card's number.
 */
import { expect, test } from '@playwright/test';
import { formatCardNumber } from '@hc/domain/points/card.ts';
import { axeViolations } from '../axe.ts';
import { decodeQr } from './qr.ts';
import { adminContext, API, enrolStaff, NO_PROGRAMME, PROGRAMME } from './service.ts';
import type { BrowserContext } from '@playwright/test';

test.skip(!PROGRAMME, NO_PROGRAMME);

let admin: BrowserContext;
test.beforeAll(async ({ browser }, info) => {
  admin = await adminContext(browser, info.project.use.baseURL!);
});
test.afterAll(() => admin?.close());

test('desk registers an elder’s paper card and prints it on A6; the printed QR reads back the number', async ({
  page,
  context,
}) => {
  await enrolStaff(admin.request, context.request, 'desk', '服务台小李');
  await page.goto('/staff/card/');
  const create = page.getByRole('button', { name: '办卡并预览' });
  await create.click();
  await expect(page.locator('[data-paper-error]')).toContainText('纸质同意书');
  await page.getByLabel('居民已在纸质').check();
  await page.getByLabel('居民已年满 14 周岁').check();
  await page.getByLabel(/出生年份/).fill('2020');
  await create.click();
  await expect(page.locator('[data-paper-error]')).toContainText('出生年份请填');
  // Full-width digits, as a Chinese input method types them.
  await page.getByLabel(/出生年份/).fill('１９５０');
  await page.getByLabel(/称呼/).first().fill('王阿姨');
  await create.click();
  const numberText = page.locator('[data-paper-number]');
  await expect(numberText).toHaveText(/^\d{4} \d{4} \d{2}$/);
  const number = (await numberText.textContent())!.replace(/\D/g, '');
  await expect(page.locator('[data-paper-name]')).toHaveText('王阿姨');
  // The preview is at the printed size (A6, 397 px): on a phone it scrolls in its own box, not the whole page.
  const width = page.viewportSize()!.width;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

  // The service has the card (made by staff, birth year kept) and not the printed name.
  const summary = await (await admin.request.get(`${API}/cards/${number}`)).json();
  expect(summary).toMatchObject({ number, birthYear: 1950, displayName: null });

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  const sheet = page.locator('[data-paper-sheet]');
  const box = (await sheet.boundingBox())!;
  // A6 is 105 × 148 mm: 397 × 559 CSS pixels.
  expect(Math.round(box.width)).toBe(397);
  expect(Math.round(box.height)).toBe(559);
  expect(await decodeQr(await sheet.screenshot())).toEqual([`HC:${number}`]);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const media = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!;
  // A6 in points (1/72 in): 297.6 × 419.5.
  expect(Math.round(Number(media[1]))).toBe(298);
  expect(Math.round(Number(media[2]))).toBe(420);

  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel(/银行卡大小/).check();
  await page.emulateMedia({ media: 'print' });
  expect(await decodeQr(await sheet.screenshot({ scale: 'device' }))).toEqual([`HC:${number}`]);

  // Reprint from a scanned code, as a keyboard-style scanner types it.
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel(/卡号/).fill(`HC:${number}`);
  await page.getByRole('button', { name: '预览', exact: true }).click();
  await expect(numberText).toHaveText(formatCardNumber(number));
});

test('without a staff session the form says how to sign in; axe clean in 标准, 特大 and high contrast', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/staff/card/');
  await expect(page.locator('[data-paper-signin]')).toBeVisible();
  await expect(page.getByRole('button', { name: '办卡并预览' })).toBeDisabled();
  await page.getByLabel(/卡号/).fill('1234567890');
  await page.getByRole('button', { name: '预览', exact: true }).click();
  await expect(page.locator('[data-paper-reprint-error]')).toHaveText('卡号有误，请核对');
  const failures = await axeViolations(page, '/staff/card/');
  await page.goto('/staff/consent/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('健康积分卡说明与同意书');
  failures.push(...(await axeViolations(page, '/staff/consent/')));
  expect(failures).toEqual([]);
});
