/**
 * The points service the `points` project runs (playwright.config.ts: `npm run serve` on a fresh embedded
 * database): staff enrolled through the real one-time links, a catalogue with occurrences happening today (China
 * time) synced through the admin API, and cards made through the API. Every test makes its own cards, so tests
 * running side by side never share a balance.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { expect, type APIRequestContext, type Browser, type BrowserContext } from '@playwright/test';
import type { Catalogue } from '@hc/domain/points/catalogue.ts';
import { localDate } from '@hc/domain/time.ts';
import { testDepartments, testReward, testRules } from '../../helpers/points-catalogue.ts';

export const API = '/api/v1';

/**
 * Whether the built site has a 健康积分 programme (content/points/): without one the resident's pages are not
 * built, and the specs that open them skip; the staff pages and the service work either way.
 */
export const PROGRAMME = existsSync(path.join(process.env.DIST ?? 'dist', 'points', 'index.html'));
export const NO_PROGRAMME = 'the content has no 健康积分 programme (content/points/): no resident pages to open';
export type Role = 'volunteer' | 'desk' | 'admin' | 'auditor';

let keyN = 0;
/** A fresh Idempotency-Key. */
export const key = (p = 'e2e') => `${p}-${process.pid}-${Date.now()}-${keyN++}`;

/** A one-time admin enrolment token from `npm run points:admin` (it attaches to the running service). */
export function adminToken(name = '测试管理员'): string {
  const out = execFileSync(process.execPath, ['scripts/points.ts', 'admin', name], {
    env: { ...process.env, POINTS_DATA_DIR: process.env.E2E_POINTS_DIR },
    encoding: 'utf8',
  });
  const m = /"token": "([A-Za-z0-9_-]+)"/.exec(out);
  if (!m) throw new Error(`no token in: ${out}`);
  return m[1]!;
}

/** Today in China (the service's day) and an ISO time h hours from now. */
export const today = () => localDate(new Date());
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** Test events happening today: a lecture (10 points), an exercise class (5), a screening (no rule). */
export const TODAY_OCCURRENCES = ['e2e-talk', 'e2e-taiji', 'e2e-screening'] as const;

/** The content's points settings (content/points/settings.yaml), or nothing when it has no programme. */
function contentSettings(): { consentVersion?: string; targets?: { participants?: Record<string, number> } } {
  const file = path.join(process.env.CONTENT_DIR ?? 'content', 'points', 'settings.yaml');
  return existsSync(file) ? (yaml.load(readFileSync(file, 'utf8')) as ReturnType<typeof contentSettings>) : {};
}

/** The consent version the built pages ask residents to agree to: the content's, so the pages and the service agree. */
function consentVersion(): string {
  return String(contentSettings().consentVersion ?? 'v1');
}

/** The communities the content's plan sets targets for (the evaluation page draws them). */
export function targetCommunities(): string[] {
  return Object.keys(contentSettings().targets?.participants ?? {});
}

export function testCatalogue(): Catalogue {
  const d = today();
  const occ = (slug: string, type: 'lecture' | 'exercise' | 'screening', title: string) => ({
    id: `${slug}/${d}T00:00`,
    eventSlug: slug,
    eventType: type,
    title,
    localDate: d,
    startsAt: inHours(-1),
    endsAt: inHours(3),
    status: 'scheduled' as const,
  });
  const reward = (id: string, name: string, cost: number, stock: number, perPersonLimit: number) =>
    testReward(id, name, { department: 'bureau', cost, stock, perPersonLimit, collectAt: '中心一楼服务台' });
  const names = {
    bureau: '区卫健局',
    centre: '社区卫生服务中心',
    lecture: '参加健康讲座',
    exercise: '参加运动课',
    volunteering: '志愿服务',
  };
  return {
    settings: { sample: false, expiry: 'end-of-following-year', consentVersion: consentVersion() },
    departments: testDepartments(names),
    rules: testRules(names),
    rewards: [
      reward('massage', '中医推拿一次', 30, 100000, 100),
      reward('bp-monitor', '家用血压计', 500, 100000, 1),
      reward('toothbrush', '软毛牙刷', 5, 100000, 100),
    ],
    occurrences: [
      occ(TODAY_OCCURRENCES[0], 'lecture', '测试讲座：冬季防跌倒'),
      occ(TODAY_OCCURRENCES[1], 'exercise', '测试运动课：八段锦'),
      occ(TODAY_OCCURRENCES[2], 'screening', '测试筛查：血压'),
    ],
  };
}

/** Enrols a staff member of `role` in `context` (the cookie lands there) through an admin's link. */
export async function enrolStaff(admin: APIRequestContext, target: APIRequestContext, role: Role, name: string) {
  const link = await admin.post(`${API}/admin/enrolments`, {
    data: { role, displayName: name },
    headers: { 'idempotency-key': key('link') },
  });
  expect(link.status(), await link.text()).toBe(201);
  const { token } = (await link.json()) as { token: string };
  const r = await target.post(`${API}/staff/enrol`, {
    data: { token, device: `e2e ${role}` },
    headers: { 'idempotency-key': key('enrol') },
  });
  expect(r.status(), await r.text()).toBe(201);
}

/** An admin's API context (signed in) with the test catalogue synced. */
export async function adminContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const r = await ctx.request.post(`${API}/staff/enrol`, {
    data: { token: adminToken(), device: 'e2e admin' },
    headers: { 'idempotency-key': key('enrol') },
  });
  expect(r.status(), await r.text()).toBe(201);
  const sync = await ctx.request.post(`${API}/admin/catalogue`, {
    data: testCatalogue(),
    headers: { 'idempotency-key': key('sync') },
  });
  expect(sync.status(), await sync.text()).toBe(200);
  return ctx;
}

/** A card made through the API, with `points` given by an admin correction. */
export async function makeCard(admin: APIRequestContext, points = 0, fields: Record<string, unknown> = {}) {
  const r = await admin.post(`${API}/cards`, {
    data: { consentVersion: consentVersion(), olderThan14: true, ...fields },
    headers: { 'idempotency-key': key('card') },
  });
  expect(r.status(), await r.text()).toBe(201);
  const card = (await r.json()) as { token: string; number: string };
  if (points > 0) {
    const c = await admin.post(`${API}/admin/corrections`, {
      data: { card: { number: card.number }, points, reason: '测试：预置积分' },
      headers: { 'idempotency-key': key('fix') },
    });
    expect(c.status(), await c.text()).toBe(201);
  }
  return card;
}

/** A signed-in staff member's browser (a 360 px phone), enrolled through an admin's one-time link. */
export async function staffContext(
  browser: Browser,
  baseURL: string,
  admin: APIRequestContext,
  role: Role,
  name = `测试${role}`,
): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { origin: baseURL },
    viewport: { width: 360, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
  });
  await enrolStaff(admin, ctx.request, role, name);
  return ctx;
}

/** A card's balance as the service has it. */
export async function balanceOf(request: APIRequestContext, number: string): Promise<number> {
  const r = await request.get(`${API}/cards/${number}`);
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as { balance: number }).balance;
}

/** How many of a reward are left (GET /catalogue). */
export async function rewardLeft(request: APIRequestContext, id: string): Promise<number> {
  const r = await request.get(`${API}/catalogue`);
  expect(r.status(), await r.text()).toBe(200);
  const reward = ((await r.json()) as { rewards: Array<{ id: string; left: number }> }).rewards.find(
    (x) => x.id === id,
  );
  if (!reward) throw new Error(`no reward ${id} in the catalogue`);
  return reward.left;
}

/** Points earned by a staff-recorded activity (counts in the participation reports, unlike a correction). */
export async function earnActivity(staff: APIRequestContext, number: string, rule = 'volunteering') {
  const r = await staff.post(`${API}/activities`, {
    data: { rule, card: { number } },
    headers: { 'idempotency-key': key('act') },
  });
  expect(r.status(), await r.text()).toBe(201);
}

// One admin and one staff member per role for each worker (a worker's tests share its browser): the service
// allows 20 enrolments a minute from one address, and every enrolment is one.
const shared = new Map<string, Promise<BrowserContext>>();
export const STAFF_NAMES = { volunteer: '测试志愿者', desk: '测试服务台', auditor: '测试审计员' } as const;

/** This worker's admin (signed in, test catalogue synced); tests that revoke or sign out make their own. */
export function sharedAdmin(browser: Browser, baseURL: string): Promise<BrowserContext> {
  if (!shared.has('admin')) shared.set('admin', adminContext(browser, baseURL));
  return shared.get('admin')!;
}

/** This worker's staff member of a role, enrolled by its shared admin. */
export function sharedStaff(browser: Browser, baseURL: string, role: Exclude<Role, 'admin'>): Promise<BrowserContext> {
  if (!shared.has(role))
    shared.set(
      role,
      sharedAdmin(browser, baseURL).then((admin) =>
        staffContext(browser, baseURL, admin.request, role, STAFF_NAMES[role]),
      ),
    );
  return shared.get(role)!;
}
