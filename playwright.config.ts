import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium when present (Playwright's own download is not available everywhere); else Playwright's. */
const systemChromium = CHROMIUM;
// A port that is free now, chosen once by the runner and passed to its workers through the environment (they
// load this file again); E2E_PORT overrides it. The run always starts its own server: a server already
// listening there (another checkout's) makes the run fail instead of being tested by mistake.
process.env.E2E_PORT ||= execFileSync(process.execPath, ['scripts/free-port.mjs'], { encoding: 'utf8' }).trim();
const PORT = Number(process.env.E2E_PORT);

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
    { name: 'chromium', testIgnore: /offline\.spec\.ts$/, use: { serviceWorkers: 'block' } },
    { name: 'offline', testMatch: /offline\.spec\.ts$/, use: { serviceWorkers: 'allow' } },
  ],
  webServer: {
    // Serves the already-built dist/ (npm test builds it once); DIST=dist-fixture serves the fixture build.
    command: `node scripts/serve.mjs ${process.env.DIST ?? 'dist'} ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
