/**
 * The staff pages in the built site (docs/staff.md): /staff/ and /staff/enrol/ are built, the barcode reader's
 * .wasm is a site file, only /staff/ allows WebAssembly in its CSP, and no page but the points pages (which share
 * the API client and the outbox) loads a byte of the staff code (the scripts a page loads are followed through
 * their imports).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../helpers/env.ts';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? htmlFiles(p) : n.endsWith('.html') ? [p] : [];
  });
}

/** Every script file a page loads, its static and dynamic imports included. */
function scriptsOf(html: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]*\ssrc="(\/[^"]+\.js)"/g)].map((m) => m[1]!);
  while (queue.length) {
    const url = queue.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const file = path.join(DIST, url);
    if (!existsSync(file)) continue;
    const js = readFileSync(file, 'utf8');
    for (const m of js.matchAll(/["'`](\.\/[^"'`]+\.js)["'`]/g))
      queue.push(path.posix.join(path.posix.dirname(url), m[1]!));
  }
  return seen;
}

const pages = existsSync(DIST) ? htmlFiles(DIST) : [];
const staff = pages.filter((f) => path.relative(DIST, f).startsWith(`staff${path.sep}`));
const csp = (html: string) => /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1] ?? '';

describe.skipIf(pages.length === 0)('staff pages in the build', () => {
  it('are built, and the barcode reader’s .wasm is a file of the site', () => {
    expect(staff.map((f) => path.relative(DIST, f))).toEqual(
      expect.arrayContaining([path.join('staff', 'enrol', 'index.html'), path.join('staff', 'index.html')]),
    );
    expect(readdirSync(path.join(DIST, '_astro')).filter((f) => /^zxing_reader\.[\w-]+\.wasm$/.test(f))).toHaveLength(
      1,
    );
  });

  it("allow 'wasm-unsafe-eval' on /staff/ only, and never a script from elsewhere", () => {
    for (const f of pages) {
      const policy = csp(readFileSync(f, 'utf8'));
      const name = path.relative(DIST, f);
      expect(policy.includes("'wasm-unsafe-eval'"), name).toBe(name === path.join('staff', 'index.html'));
      expect(policy, name).not.toMatch(/script-src[^;]*(https?:|\*)/);
    }
  });

  it('no page but the points pages loads the staff scripts, the API client or the reader', () => {
    const staffScripts = new Set(staff.flatMap((f) => [...scriptsOf(readFileSync(f, 'utf8'))]));
    const markers = ['hc-outbox-', '/occurrences/', 'zxing_reader', '/staff/enrol'];
    const own = [...staffScripts].filter((u) => {
      const js = readFileSync(path.join(DIST, u), 'utf8');
      return markers.some((m) => js.includes(m));
    });
    expect(own.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const f of pages) {
      // The resident's card pages share the API client and the outbox (a check-in waits for signal there too).
      if (staff.includes(f) || /(^|\/)points\//.test(path.relative(DIST, f))) continue;
      for (const u of scriptsOf(readFileSync(f, 'utf8')))
        if (own.includes(u)) problems.push(`${path.relative(DIST, f)}: ${u}`);
    }
    expect(problems).toEqual([]);
  });
});
