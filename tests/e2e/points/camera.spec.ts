/**
 * The camera for real: Chromium's fake camera plays a Y4M video of a card's QR, and the volunteer's page must
 * read it and record the card. Once with the browser as it is (its BarcodeDetector if it reads QR codes) and once
 * with BarcodeDetector removed, so the polyfill reads with the site's own zxing .wasm; every request stays on
 * the site's origin.
 */
import { chromium, expect, test } from '@playwright/test';
import { cardQrText, formatCardNumber } from '@hc/domain/points/card.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../scripts/chromium.mjs';
import { adminContext, enrolStaff, makeCard } from './service.ts';
import { balance, pickAndScan, writeQrVideo } from './volunteer.ts';

for (const polyfill of [false, true]) {
  test(`a card held up to the camera is recorded (${polyfill ? 'BarcodeDetector removed: the site’s WASM reads' : 'the browser as it is'})`, async ({
    browser,
    baseURL,
  }, testInfo) => {
    test.setTimeout(120_000);
    const admin = await adminContext(browser, baseURL!);
    const card = await makeCard(admin.request);
    const video = testInfo.outputPath('card.y4m');
    writeQrVideo(video, cardQrText(card.number));

    const camera = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const context = await camera.newContext({
        baseURL,
        viewport: { width: 360, height: 780 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        serviceWorkers: 'block',
      });
      await context.grantPermissions(['camera'], { origin: baseURL! });
      if (polyfill) await context.addInitScript(() => delete (window as { BarcodeDetector?: unknown }).BarcodeDetector);
      await enrolStaff(admin.request, context.request, 'volunteer', '测试志愿者（摄像头）');
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      // The WebAssembly reader runs under the page's CSP ('wasm-unsafe-eval' on /staff/ only): nothing is blocked.
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) blocked.push(m.text());
      });
      await page.goto('/staff/');
      await pickAndScan(page);
      await page.getByRole('button', { name: '打开摄像头扫卡' }).click();
      await expect(page.locator('[data-result]')).toContainText('已签到', { timeout: 30_000 });
      await expect(page.locator('[data-result]')).toContainText(formatCardNumber(card.number));
      await expect(page.locator('[data-result]')).toContainText('+10 分');
      expect(await balance(admin.request, card.number)).toBe(10);
      // The camera keeps seeing the card: it is not recorded again, and no second request is made for it.
      await page.waitForTimeout(1500);
      expect(await balance(admin.request, card.number)).toBe(10);
      await page.getByRole('button', { name: '关闭摄像头' }).click();

      const origin = new URL(baseURL!).origin;
      expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'))).toEqual([]);
      if (polyfill) expect(requests.some((u) => /\/_astro\/[^/]*\.wasm$/.test(u))).toBe(true);
      expect(blocked).toEqual([]);
      await context.close();
    } finally {
      await camera.close();
      await admin.close();
    }
  });
}
