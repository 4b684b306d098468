/**
 * The injection pack in a browser: a small content set with the hostile payloads (tests/fixtures/injection)
 * in every text field the loader accepts them in, and written into Markdown bodies as text, is built into a
 * temporary folder and opened in Chromium page by page. No dialog may open, no Content-Security-Policy
 * violation may be reported, no element may carry an event handler or a javascript:/data: link, and clicking
 * every link (which runs a javascript: URL if one got through) changes nothing; pinyin (inserted markup) is
 * switched on where offered and checked again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError, formatPath } from '../../src/content/loaders/errors.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { createStaticServer } from '../../scripts/serve.mjs';
import { PAYLOADS } from '../fixtures/injection/payloads.ts';
import { baseDocs, getAt, setAt, stringPaths, writeContent } from '../fixtures/injection/fixture.ts';

const work = mkdtempSync(path.join(tmpdir(), 'hc-inject-site-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const walkFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(path.join(dir, n)).isDirectory() ? walkFiles(path.join(dir, n)) : [path.join(dir, n)],
  );

/** A payload as Markdown text that shows it literally (entities, so no tag is ever written). */
const asText = (p: string) =>
  p
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\r\n\u2028\u2029]+/g, ' ');

/** The fixture with payloads in every field the loader accepts them in; returns how many fields carry one. */
async function writeFixture(dir: string): Promise<number> {
  const docs = baseDocs();
  docs.push({
    file: 'articles/salt.zh-hant.md',
    data: { title: '每天吃多少鹽？', summary: '成年人每天吃鹽不超過 5 克。' },
    body: '## 為什麼？\n\n吃鹽多會讓血壓升高。',
  });
  // Every body gets every payload as text, and links whose text is a payload.
  for (const d of docs) {
    if (d.body === undefined) continue;
    d.body += `\n\n${PAYLOADS.map((p, i) => `- 第 ${i + 1} 条：\`${p.replace(/`/g, "'").replace(/[\r\n\u2028\u2029]+/g, ' ')}\` ${asText(p)} [${asText(p).replace(/[[\]]/g, '')}](/articles/)`).join('\n')}`;
  }
  const originals = new Map<string, unknown>();
  const fields = docs.flatMap((d) => stringPaths(d.data).map((at) => ({ d, at, key: `${d.file}:${formatPath(at)}` })));
  fields.forEach((f, i) => {
    originals.set(f.key, getAt(f.d.data, f.at));
    setAt(f.d.data, f.at, PAYLOADS[i % PAYLOADS.length]);
  });
  const write = () => writeContent(dir, docs);
  // Put back the original value wherever the loader refuses a payload (an id, a date, a length …).
  let kept = fields.length;
  for (let round = 0; round < 10; round++) {
    write();
    try {
      await loadLocalContent(dir);
      return kept;
    } catch (e) {
      if (!(e instanceof ContentError)) throw e;
      for (const p of e.problems) {
        const f = fields.find(
          (x) =>
            `content/${x.d.file}` === p.source &&
            (x.key.endsWith(`:${p.path}`) || (p.path !== '' && x.key.split(':')[1]!.startsWith(p.path))),
        );
        if (f && originals.has(f.key) && getAt(f.d.data, f.at) !== originals.get(f.key)) {
          setAt(f.d.data, f.at, originals.get(f.key));
          kept -= 1;
        } else if (!f) {
          // A rule that spans fields (e.g. a summary and its translation): put back the whole entry.
          for (const x of fields.filter((y) => `content/${y.d.file}` === p.source))
            if (getAt(x.d.data, x.at) !== originals.get(x.key)) {
              setAt(x.d.data, x.at, originals.get(x.key));
              kept -= 1;
            }
        }
      }
    }
  }
  throw new Error('could not make a loadable injection fixture');
}

describe('injection fixture in Chromium', () => {
  it('runs nothing, links nowhere unsafe, reports no CSP violation on any page', async () => {
    const content = path.join(work, 'content');
    const out = path.join(work, 'dist');
    const carried = await writeFixture(content);
    expect(carried).toBeGreaterThanOrEqual(30);
    execFileSync('npx', ['astro', 'build'], {
      env: { ...process.env, CONTENT_DIR: content, OUT_DIR: out, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'pipe',
    });
    const pages = walkFiles(out)
      .filter((f) => f.endsWith('index.html'))
      .map((f) => `/${path.relative(out, path.dirname(f)).split(path.sep).join('/')}/`.replace(/^\/\.\/$|^\/\/$/, '/'));
    expect(pages.length).toBeGreaterThan(20);
    // Every payload reached the built pages (as text).
    const html = pages.map((p) => readFileSync(path.join(out, p, 'index.html'), 'utf8')).join('\n');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const server = createStaticServer(out);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
      args: ['--no-sandbox'],
    });
    const problems: string[] = [];
    try {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      await context.addInitScript(() => {
        const w = window as unknown as { __hc: string[] };
        w.__hc = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          w.__hc.push(`CSP ${e.violatedDirective} ${e.blockedURI}`),
        );
        // Every link click: a javascript: link is recorded and allowed to run (a dialog would then show);
        // any other link is kept from navigating, so every link of the page can be clicked in turn.
        document.addEventListener(
          'click',
          (e) => {
            const a = (e.target as Element | null)?.closest?.('a');
            if (!a) return;
            if (a.protocol === 'javascript:') w.__hc.push(`javascript: link ${a.getAttribute('href')}`);
            else e.preventDefault();
          },
          true,
        );
      });
      const page = await context.newPage();
      page.on('dialog', (d) => {
        problems.push(`${page.url()}: dialog "${d.message()}"`);
        void d.dismiss();
      });
      page.on('framenavigated', (f) => {
        if (f.url().startsWith('javascript:')) problems.push(`navigation to ${f.url()}`);
      });
      const inspect = async (url: string) => {
        const found = await page.evaluate(() => {
          const bad: string[] = [];
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.getAttributeNames()) if (/^on/i.test(a)) bad.push(`${el.tagName}[${a}]`);
            for (const a of ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']) {
              const v = el.getAttribute(a);
              if (v && /^\s*(javascript|vbscript|data:text)/i.test(v.replace(/[\t\n\r]/g, '')))
                bad.push(`${el.tagName}[${a}=${v}]`);
            }
          }
          for (const tag of ['iframe', 'object', 'embed', 'base', 'frame'])
            if (document.querySelector(tag)) bad.push(`<${tag}>`);
          for (const a of document.querySelectorAll('a')) a.click();
          return bad.concat((window as unknown as { __hc: string[] }).__hc);
        });
        problems.push(...found.map((x) => `${url}: ${x}`));
      };
      for (const p of pages) {
        await page.goto(origin + p);
        await inspect(p);
        const pinyin = page.locator('[data-pinyin-toggle]').first();
        if (await pinyin.count()) {
          await pinyin.check();
          await page.locator('.prose rt').first().waitFor({ timeout: 5000 });
          await inspect(`${p} (pinyin)`);
        }
      }
      // Control: the hooks do see a javascript: link that gets into a page (and the policy blocks it).
      await page.goto(`${origin}/`);
      await page.evaluate(() => {
        const a = document.createElement('a');
        a.href = 'javascript:alert(1)';
        a.textContent = 'x';
        document.body.append(a);
      });
      const before = problems.length;
      await inspect('control');
      await expect
        .poll(async () => page.evaluate(() => (window as unknown as { __hc: string[] }).__hc.length))
        .toBeGreaterThan(1);
      expect(problems.length).toBeGreaterThan(before);
      problems.splice(before);
    } finally {
      await browser.close();
      await new Promise((r) => server.close(r));
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
