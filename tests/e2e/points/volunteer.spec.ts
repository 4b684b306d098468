/**
 * The volunteer's page (/staff/) against the real service: enrolment through a real link, scanning with no
 * signal (the outbox survives a reload and is recorded once, even when sent again), the changing check-in code
 * on screen (decoded from a screenshot, accepted by the service, refused once old), and axe in 标准, 特大 and
 * high contrast. The camera is in camera.spec.ts.
 */
import { expect, test } from '@playwright/test';
import { checkinCode, windowOf } from '@hc/domain/points/checkin-code.ts';
import { formatCardNumber } from '@hc/domain/points/card.ts';
import { axeViolations } from '../axe.ts';
import { decodeQr } from './qr.ts';
import { adminContext, API, key, makeCard, NO_PROGRAMME, PROGRAMME, TODAY_OCCURRENCES, today } from './service.ts';
import { balance, enrolInBrowser, pickAndScan, typeCard, volunteerLink } from './volunteer.ts';

test('no signal in the hall: five scans wait, survive a reload, and are recorded once even when sent again', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const admin = await adminContext(browser, baseURL!);
  const cards = [];
  for (let i = 0; i < 5; i++) cards.push(await makeCard(admin.request));
  const context = await browser.newContext({ baseURL });
  const page = await enrolInBrowser(context, admin.request);
  await pickAndScan(page);

  await context.setOffline(true);
  for (const [i, card] of cards.entries()) {
    // A keyboard-style scanner types the QR text; a person types the number (here in full-width digits, as a
    // Chinese input method does).
    const text =
      i % 2 === 0 ? `HC:${card.number}` : card.number.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    await typeCard(page, text);
    await expect(page.locator('[data-result]')).toContainText('已保存，联网后上传');
    await expect(page.locator('[data-result]')).toContainText(formatCardNumber(card.number));
  }
  await expect(page.getByText('5 条待上传')).toBeVisible();
  // A mistyped digit is caught on the phone, and nothing is queued for it.
  const wrong = cards[0]!.number.slice(0, 9) + String((Number(cards[0]!.number[9]) + 1) % 10);
  await typeCard(page, wrong);
  await expect(page.locator('[data-result]')).toContainText('卡号有误，请核对');
  await expect(page.getByText('5 条待上传')).toBeVisible();

  // Reloaded while the service is still out of reach (the page itself loads; its API calls fail): still 5.
  await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByText('5 条待上传')).toBeVisible();
  await expect(page.locator('[data-occ-title]')).toHaveText('测试讲座：冬季防跌倒');
  for (const card of cards) expect(await balance(admin.request, card.number)).toBe(0);

  // Back online: the `online` event sends them.
  await context.setOffline(true);
  await context.unroute('**/api/**');
  await context.setOffline(false);
  await expect(page.locator('[data-pending-bar]')).toBeHidden({ timeout: 20_000 });
  await expect(page.locator('[data-recent] li', { hasText: '已签到' })).toHaveCount(5);
  for (const card of cards) expect(await balance(admin.request, card.number)).toBe(10);

  // Sent again with the same keys (a lost answer, a second tab): the service replays, nothing is counted twice.
  const replayed = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('hc-outbox-staff-attendance');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const done = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const settled = (await done(db.transaction('settled').objectStore('settled').getAll())) as Array<
      Record<string, unknown>
    >;
    const tx = db.transaction('pending', 'readwrite');
    for (const s of settled) {
      const { key, path, body, at, label } = s;
      tx.objectStore('pending').put({ key, path, body, at, label });
    }
    await new Promise((r) => (tx.oncomplete = r));
    return settled.map((s) => s.key);
  });
  expect(replayed).toHaveLength(5);
  await page.reload();
  await expect(page.locator('[data-pending-bar]')).toBeHidden({ timeout: 20_000 });
  await expect(page.locator('[data-recent] li', { hasText: '已签到' })).toHaveCount(5);
  for (const card of cards) expect(await balance(admin.request, card.number)).toBe(10);

  // Online, a second scan of a recorded card is refused in words, without a ✓ (the panel is still open after the
  // reloads).
  await expect(page.getByRole('button', { name: /扫卡签到/ })).toHaveAttribute('aria-expanded', 'true');
  await typeCard(page, cards[0]!.number);
  await expect(page.locator('[data-result]')).toContainText('这张卡已签到过');
  await expect(page.locator('[data-result]')).not.toContainText('✓');
  await context.close();
  await admin.close();
});

test('a used enrolment link says so in plain words, and /staff/ says how to get one', async ({ browser, baseURL }) => {
  const admin = await adminContext(browser, baseURL!);
  const link = await volunteerLink(admin.request);
  const first = await browser.newContext({ baseURL });
  const page = await first.newPage();
  await page.goto(link);
  await page.getByRole('button', { name: '登记这台设备' }).click();
  await page.waitForURL(/\/staff\/$/);
  // The same link on another phone.
  const second = await browser.newContext({ baseURL });
  const other = await second.newPage();
  await other.goto(link);
  await other.getByRole('button', { name: '登记这台设备' }).click();
  await expect(other.locator('[data-enrol-status]')).toContainText('这个登记链接已用过或已过期');
  await expect(other.getByRole('button', { name: '登记这台设备' })).toBeHidden();
  await other.goto('/staff/');
  await expect(other.getByText('这台设备还没有登记为工作人员')).toBeVisible();
  await expect(other.getByText(/请向管理员要一个登记链接/)).toBeVisible();
  await first.close();
  await second.close();
  await admin.close();
});

test('an unknown card and a screening with no points are refused in words', async ({ browser, baseURL }) => {
  const admin = await adminContext(browser, baseURL!);
  const context = await browser.newContext({ baseURL });
  const page = await enrolInBrowser(context, admin.request);
  await pickAndScan(page);
  // A number with a valid check digit that no card has.
  await typeCard(page, '0000000000');
  await expect(page.locator('[data-result]')).toContainText('找不到这张卡，请核对卡号');
  await expect(page.locator('[data-result]')).not.toContainText('已签到');
  await page.getByRole('button', { name: '换一场活动' }).click();
  await pickAndScan(page, '测试筛查：血压');
  const card = await makeCard(admin.request);
  await typeCard(page, card.number);
  await expect(page.locator('[data-result]')).toContainText('这类活动没有积分');
  await context.close();
  await admin.close();
});

test('volunteer and resident: the code on screen opens /points/checkin/ on the resident’s phone, which checks in and shows the new balance; an older window is refused', async ({
  browser,
  baseURL,
  request,
}) => {
  test.skip(!PROGRAMME, NO_PROGRAMME);
  test.setTimeout(90_000);
  const admin = await adminContext(browser, baseURL!);
  const context = await browser.newContext({ baseURL });
  const page = await enrolInBrowser(context, admin.request);
  await page.getByRole('button', { name: /测试讲座/ }).click();
  await page.getByRole('button', { name: /出示签到码/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('测试讲座：冬季防跌倒');
  await expect(dialog).toContainText('签到得 10 分');
  await expect(dialog).toContainText(/\d+ 秒后换新码/);
  const canvas = dialog.getByRole('img', { name: '签到二维码，每 30 秒更换' });
  await expect(canvas).toBeVisible();

  const [read] = await decodeQr(await canvas.screenshot());
  expect(read).toBeTruthy();
  const url = new URL(read!);
  expect(url.origin).toBe(new URL(baseURL!).origin);
  expect(url.pathname).toBe('/points/checkin/');
  const code = decodeURIComponent(url.hash.slice(1));
  const occurrence = `${TODAY_OCCURRENCES[0]}/${today()}T00:00`;
  expect(code).toMatch(new RegExp(`^hc1:\\d+:[A-Za-z0-9_-]{22}:${occurrence}$`));

  // The resident, on their own phone: the camera opens the URL, the card on that phone checks in.
  const residentContext = await browser.newContext({ baseURL });
  const resident = await residentContext.newPage();
  await resident.goto('/points/');
  await resident.getByRole('button', { name: /领取积分卡/ }).click();
  await expect(resident.locator('[data-card-balance]')).toHaveText('0');
  await resident.goto(read!);
  await expect(resident.locator('[data-checkin]')).toHaveText('签到成功，得 10 分');
  await expect(resident.locator('[data-card-balance]')).toHaveText('10');
  const number = (await resident.locator('[data-card-number]').textContent())!.replace(/\D/g, '');
  expect(await balance(admin.request, number)).toBe(10);
  // The same code again (a second scan of the same screen) is refused in words, nothing added.
  await resident.goto(read!);
  await expect(resident.locator('[data-checkin]')).toHaveAttribute('data-tone', 'bad');
  expect(await balance(admin.request, number)).toBe(10);
  await residentContext.close();

  const claim = (c: string, token: string) =>
    request.post(`${API}/me/checkins`, {
      data: { code: c },
      headers: { authorization: `Card ${token}`, origin: baseURL!, 'idempotency-key': key('checkin') },
    });

  // A code from two windows ago (a photo passed round) is genuine but expired.
  const secret = await context.request.post(`${API}/occurrences/${encodeURIComponent(occurrence)}/code-secret`, {
    headers: { origin: baseURL!, 'idempotency-key': key('secret') },
  });
  expect(secret.status(), await secret.text()).toBe(200);
  const bytes = Buffer.from(((await secret.json()) as { secret: string }).secret, 'base64url');
  const old = await checkinCode(new Uint8Array(bytes), occurrence, windowOf(new Date()) - 2);
  const other = await makeCard(admin.request);
  const refused = await claim(old, other.token);
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { type: string }).type).toMatch(/code-expired$/);

  // The code keeps working with the service out of reach: the secret is on the phone.
  await page.getByRole('button', { name: '关闭签到码' }).click();
  await context.setOffline(true);
  await page.getByRole('button', { name: /出示签到码/ }).click();
  await expect(canvas).toBeVisible();
  await context.close();
  await admin.close();
});

test('axe: /staff/ and /staff/enrol/ in 标准, 特大 and high contrast', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await adminContext(browser, baseURL!);
  const context = await browser.newContext({ baseURL });
  const failures: string[] = [];

  const enrol = await context.newPage();
  await enrol.goto(await volunteerLink(admin.request));
  await expect(enrol.getByLabel('这台设备的名称')).toBeVisible();
  failures.push(...(await axeViolations(enrol, '/staff/enrol/')));
  // A new tab (the first keeps its token for a reload) opened without the fragment.
  const bare = await context.newPage();
  await bare.goto('/staff/enrol/');
  await expect(bare.getByText('这个链接不完整')).toBeVisible();
  failures.push(...(await axeViolations(bare, '/staff/enrol/ (no token)')));

  const signedOut = await context.newPage();
  await signedOut.goto('/staff/');
  await expect(signedOut.getByText('这台设备还没有登记为工作人员')).toBeVisible();
  failures.push(...(await axeViolations(signedOut, '/staff/ (signed out)')));

  const page = await enrolInBrowser(context, admin.request);
  failures.push(...(await axeViolations(page, '/staff/ (pick)')));
  const card = await makeCard(admin.request);
  await pickAndScan(page);
  await typeCard(page, card.number);
  await expect(page.locator('[data-result]')).toContainText('已签到');
  await typeCard(page, '1234567890');
  await expect(page.locator('[data-result]')).toContainText('卡号有误');
  failures.push(...(await axeViolations(page, '/staff/ (scan)')));
  await page.getByRole('button', { name: /出示签到码/ }).click();
  await expect(page.getByRole('img', { name: '签到二维码，每 30 秒更换' })).toBeVisible();
  failures.push(...(await axeViolations(page, '/staff/ (code)')));
  expect(failures).toEqual([]);
  await context.close();
  await admin.close();
});
