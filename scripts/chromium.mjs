/**
 * The one place that says which Chromium the tests and benchmarks drive and with which flags: Debian's system
 * Chromium when present (Playwright's own download is not available everywhere), otherwise undefined, so
 * Playwright falls back to its own browser. The flags keep a headless Chromium off the network (no background
 * requests, component updates or sync) on machines whose only network is loopback.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
