/**
 * The admin page (/staff/admin/) and the evaluation page (/staff/admin/evaluation/) against the real service:
 * staff with their devices, an enrolment link as text and QR that enrols a new phone, the catalogue version, the
 * audit log; the evaluation charts (SVG), each with a captioned table and a CSV download (the service's for
 * participation, one built in the page with a byte order mark for departments); axe in three reading modes.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { axeViolations } from '../axe.ts';
import {
  API,
  earnActivity,
  key,
  makeCard,
  sharedAdmin,
  sharedStaff,
  staffContext,
  STAFF_NAMES,
  targetCommunities,
} from './service.ts';

test('the admin page lists staff, makes an enrolment link with its QR, shows the catalogue and the audit log', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000); // axe in three modes on a shared 2-core machine
  const admin = await sharedAdmin(browser, baseURL!);
  await sharedStaff(browser, baseURL!, 'volunteer');
  const page = await admin.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) refused.push(m.text());
  });
  await page.goto('/staff/admin/');
  const staff = page.getByRole('table', { name: '工作人员和他们已登录的设备' });
  await expect(staff).toContainText(STAFF_NAMES.volunteer);
  await expect(page.getByRole('table', { name: '我已登录的设备' })).toContainText('（本机）');
  await expect(page.locator('[data-catalogue]')).toContainText('服务中的目录版本');
  await expect(page.getByText('npm run points:sync')).toBeVisible();
  await expect(page.getByRole('table', { name: /^审计日志/ })).toBeVisible();

  await page.getByLabel('姓名').fill('测试新同事');
  await page.getByLabel('身份').selectOption('desk');
  await page.getByRole('button', { name: '生成登记链接' }).click();
  const link = page.getByLabel('登记链接（只能用一次）');
  await expect(link).toHaveValue(new RegExp(`^${baseURL}/staff/enrol/#[A-Za-z0-9_-]{20,}$`));
  await expect(page.locator('[data-enrol-qr] svg')).toBeVisible();
  await expect(page.locator('[data-enrol-expires]')).toContainText('有效期至');
  // The link works once, on another phone.
  const token = new URL(await link.inputValue()).hash.slice(1);
  const phone = await browser.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  const enrol = await phone.request.post(`${API}/staff/enrol`, {
    data: { token, device: 'e2e phone' },
    headers: { 'idempotency-key': key('enrol') },
  });
  expect(enrol.status(), await enrol.text()).toBe(201);
  expect(((await (await phone.request.get(`${API}/staff/me`)).json()) as { role: string }).role).toBe('desk');

  expect(await axeViolations(page, '/staff/admin/')).toEqual([]);
  expect(refused, 'the QR is drawn within the CSP').toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('an admin revokes a staff member, whose device is then signed out', async ({ browser, baseURL }) => {
  const admin = await sharedAdmin(browser, baseURL!);
  const name = `测试待停用${Date.now() % 100000}`;
  const leaving = await staffContext(browser, baseURL!, admin.request, 'volunteer', name);
  const page = await admin.newPage();
  await page.goto('/staff/admin/');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: `停用并退出全部设备：${name}` }).click();
  await expect(page.locator('[data-staff-status]')).toHaveText(`已停用「${name}」。`);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('已停用');
  expect((await leaving.request.get(`${API}/staff/me`)).status()).toBe(401);
});

test('auditors see the audit log but not the admin tools; volunteers are told why', async ({ browser, baseURL }) => {
  const auditor = await sharedStaff(browser, baseURL!, 'auditor');
  const page = await auditor.newPage();
  await page.goto('/staff/admin/');
  await expect(page.getByRole('table', { name: /^审计日志/ })).toBeVisible();
  await expect(page.getByRole('button', { name: '生成登记链接' })).toBeHidden();
  const volunteer = await sharedStaff(browser, baseURL!, 'volunteer');
  const vPage = await volunteer.newPage();
  await vPage.goto('/staff/admin/evaluation/');
  await expect(vPage.locator('[data-access]')).toContainText('不能使用本页');
});

test('the evaluation page draws each chart with its table and CSV download', async ({ browser, baseURL }) => {
  test.setTimeout(120_000); // axe in three modes on a shared 2-core machine
  const admin = await sharedAdmin(browser, baseURL!);
  // Six residents of one community take part: that community's cells are shown, smaller groups are "<5".
  for (let i = 0; i < 6; i++) {
    const card = await makeCard(admin.request, 0, { community: '测试评估社区', birthYear: 1950 });
    await earnActivity(admin.request, card.number);
  }
  const lone = await makeCard(admin.request, 0, { community: '测试小社区' });
  await earnActivity(admin.request, lone.number);
  const auditor = await sharedStaff(browser, baseURL!, 'auditor');
  const page = await auditor.newPage();
  // Plot's own <style> would break the page's CSP: nothing is refused.
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) refused.push(m.text());
  });
  await page.goto('/staff/admin/evaluation/');
  for (const id of ['community', 'eventType', 'month', 'eventTypeMonth', 'departments', 'ageBand']) {
    const section = page.locator(`[data-report="${id}"]`);
    await expect(section.locator('[data-chart] svg').first()).toBeVisible();
    await expect(section.locator('table caption')).not.toBeEmpty();
    await expect(section.getByRole('link', { name: '下载 CSV 表格' })).toBeVisible();
  }
  const community = page.getByRole('table', { name: '各社区参与人数、持卡人数与目标' });
  await expect(community.getByRole('row', { name: /测试评估社区/ })).toContainText(/\b([6-9]|\d{2,})\b/);
  await expect(community.getByRole('row', { name: /测试小社区/ })).toContainText('<5');
  // Event type × month: the activities recorded above are a column of this month's row.
  const month = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).format(new Date());
  await expect(
    page.getByRole('table', { name: /^每月各类活动的参与人数/ }).getByRole('row', { name: new RegExp(month) }),
  ).toBeVisible();
  await expect(page.locator('[data-report="eventTypeMonth"] .chart-legend')).toContainText('其他登记活动');
  // The plan's targets (content/points/settings.yaml) are drawn beside the participants.
  for (const name of targetCommunities()) await expect(community).toContainText(name);

  const [service] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-report="eventType"]').getByRole('link', { name: '下载 CSV 表格' }).click(),
  ]);
  const serviceCsv = readFileSync(await service.path(), 'utf8');
  expect(serviceCsv.split('\r\n')[0]).toBe('key,participants,earnings,points,suppressed');

  const [built] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-report="departments"]').getByRole('link', { name: '下载 CSV 表格' }).click(),
  ]);
  expect(built.suggestedFilename()).toBe('departments.csv');
  const builtCsv = readFileSync(await built.path(), 'utf8');
  expect(builtCsv.startsWith('\uFEFF"部门","发放积分","兑换积分"\r\n')).toBe(true);
  expect(builtCsv).toContain('"区卫健局"');

  expect(await axeViolations(page, '/staff/admin/evaluation/')).toEqual([]);
  expect(refused).toEqual([]);
});
