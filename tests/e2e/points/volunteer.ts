/**
 * The volunteer's page from a test: a volunteer enrolled through a real one-time link opened in the browser
 * (/staff/enrol/#<token>), an occurrence picked, cards scanned or typed, and what the outbox holds.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { API, key } from './service.ts';

/** The lecture of the test catalogue (10 points). */
export const TALK = '测试讲座：冬季防跌倒';

/** An admin's one-time link for a volunteer. */
export async function volunteerLink(admin: APIRequestContext, name = '测试志愿者'): Promise<string> {
  const r = await admin.post(`${API}/admin/enrolments`, {
    data: { role: 'volunteer', displayName: name },
    headers: { 'idempotency-key': key('link') },
  });
  expect(r.status(), await r.text()).toBe(201);
  const { link } = (await r.json()) as { link: string };
  expect(link).toMatch(/^\/staff\/enrol\/#[A-Za-z0-9_-]+$/);
  return link;
}

/** Opens the link in `context`, enrols with the prefilled device name and lands on /staff/. */
export async function enrolInBrowser(context: BrowserContext, admin: APIRequestContext, name?: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(await volunteerLink(admin, name));
  const device = page.getByLabel('这台设备的名称');
  await expect(device).not.toHaveValue('');
  // The token has left the address bar.
  expect(new URL(page.url()).hash).toBe('');
  await page.getByRole('button', { name: '登记这台设备' }).click();
  await page.waitForURL(/\/staff\/$/);
  await expect(page.getByText(/^已登录：/)).toBeVisible();
  return page;
}

/** Picks an occurrence by title (when the page is not already on it) and opens the scanning panel. */
export async function pickAndScan(page: Page, title = TALK): Promise<void> {
  const pick = page.getByRole('button', { name: new RegExp(title) });
  // The page fills in the list (or the remembered choice) once the service has answered.
  await expect(pick.or(page.locator('[data-occ-title]', { hasText: title })).first()).toBeVisible();
  if (await pick.isVisible()) await pick.click();
  await expect(page.locator('[data-occ-title]')).toHaveText(title);
  const scan = page.getByRole('button', { name: /扫卡签到/ });
  if ((await scan.getAttribute('aria-expanded')) !== 'true') await scan.click();
}

/** Types (or a keyboard-style scanner types) a card's text and Enter. */
export async function typeCard(page: Page, text: string): Promise<void> {
  const input = page.getByLabel('卡号（或用扫码枪扫）');
  await input.fill(text);
  await input.press('Enter');
}

/** A card's balance through the admin API. */
export async function balance(admin: APIRequestContext, number: string): Promise<number> {
  const r = await admin.get(`${API}/cards/${number}`);
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as { balance: number }).balance;
}

/**
 * A Y4M video (what Chromium's fake camera plays, looping) of a QR code with `text`, dark modules on white in the
 * middle of a grey frame: a plain header, then raw I420 frames (full-size luma, quarter-size chroma).
 */
export function writeQrVideo(file: string, text: string, opts: { width?: number; height?: number } = {}): void {
  const W = opts.width ?? 640;
  const H = opts.height ?? 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor(Math.min(W, H) / 1.6 / (size + 2 * quiet));
  const side = (size + 2 * quiet) * scale;
  const x0 = Math.floor((W - side) / 2);
  const y0 = Math.floor((H - side) / 2);
  const luma = Buffer.alloc(W * H, 128);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx);
      luma[(y0 + y) * W + x0 + x] = dark ? 16 : 235;
    }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const frames = Array.from({ length: 5 }, () => frame);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...frames]));
}
