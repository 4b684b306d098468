import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium when present (Playwright's own download is not available everywhere); else Playwright's. */
const systemChromium = CHROMIUM;
// A port that is free now, chosen once by the runner and passed to its workers through the environment (they
// load this file again); E2E_PORT overrides it. The run always starts its own server: a server already
// listening there (another checkout's) makes the run fail instead of being tested by mistake.
process.env.E2E_PORT ||= execFileSync(process.execPath, ['scripts/free-port.mjs'], { encoding: 'utf8' }).trim();
const PORT = Number(process.env.E2E_PORT);
// The points service (tests/e2e/points/): the real service on its embedded PostgreSQL, in a data folder of its own
// made for this run (under the system's temp folder: the database server must be able to read every folder above).
process.env.E2E_POINTS_PORT ||= execFileSync(process.execPath, ['scripts/free-port.mjs'], { encoding: 'utf8' }).trim();
process.env.E2E_POINTS_DIR ||= mkdtempSync(path.join(tmpdir(), 'hc-points-e2e-'));
const POINTS_PORT = Number(process.env.E2E_POINTS_PORT);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  // One worker per core the machine gives this process (E2E_WORKERS overrides, e.g. to share a machine).
  workers: Number(process.env.E2E_WORKERS) || availableParallelism(),
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...devices['Pixel 5'],
    viewport: { width: 360, height: 780 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: systemChromium,
      args: CHROMIUM_ARGS,
    },
  },
  // Service workers stay off except in the offline spec, so no spec sees another's cached pages.
  projects: [
    { name: 'chromium', testIgnore: [/offline\.spec\.ts$/, /points\//], use: { serviceWorkers: 'block' } },
    { name: 'offline', testMatch: /offline\.spec\.ts$/, use: { serviceWorkers: 'allow' } },
    // 健康积分 pages against the real service (the site and the API on one origin, as npm start serves them).
    {
      name: 'points',
      testMatch: /points\/.*\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${POINTS_PORT}`, serviceWorkers: 'block' },
    },
  ],
  webServer: [
    {
      // Serves the already-built dist/ (npm test builds it once); DIST=dist-fixture serves the fixture build.
      command: `node scripts/serve.mjs ${process.env.DIST ?? 'dist'} ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The same dist/ with the points service (npm run serve) on a fresh embedded database; the catalogue is the
      // content's, and tests add what they need (today's occurrence) through the admin API.
      command: `node scripts/points.ts serve --dist ${process.env.DIST ?? 'dist'}`,
      url: `http://127.0.0.1:${POINTS_PORT}/api/v1/health`,
      // Every spec enrols its own staff from one address: the per-address enrolment limit (20 a minute, tested in
      // server/tests/) is raised here so parallel specs never trip it.
      env: {
        PORT: String(POINTS_PORT),
        POINTS_DATA_DIR: process.env.E2E_POINTS_DIR,
        POINTS_RATE_LIMITS: 'enrol=1000,checkin=1000,redeem=1000',
      },
      reuseExistingServer: false,
      timeout: 90_000,
    },
  ],
});
