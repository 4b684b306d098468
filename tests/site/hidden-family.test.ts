/**
 * Consent withdrawn: a family marked hidden leaves nothing anywhere in the built site — no page, sitemap line,
 * link, text, search or feed entry, and no image file. Builds a small site (the centre-real fixture with the two
 * families of tests/fixtures/families-two, one of them hidden) into a temporary folder and searches every file
 * in it; its cost does not depend on content/.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SLUG = 'zhao-family-smoke-free';
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)],
  );
const work = mkdtempSync(path.join(tmpdir(), 'hc-hidden-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a hidden family', () => {
  it('leaves no page, text, link, sitemap line or image in the built site', () => {
    const content = path.join(work, 'content');
    const out = path.join(work, 'dist');
    cpSync(path.resolve('tests/fixtures/centre-real'), content, { recursive: true });
    cpSync(path.resolve('tests/fixtures/families-two'), content, { recursive: true });
    const file = path.join(content, 'families', `${SLUG}.md`);
    const original = readFileSync(file, 'utf8');
    const story = /^summary: (.+)$/m.exec(original)![1];
    writeFileSync(file, original.replace(/^fictional: true$/m, 'fictional: true\nhidden: true'));
    execFileSync('npx', ['astro', 'build'], {
      env: { ...process.env, CONTENT_DIR: content, OUT_DIR: out, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'pipe',
    });

    const files = walk(out);
    expect(files.some((f) => f.endsWith(path.join('families', 'index.html')))).toBe(true);
    const named = files.filter((f) => f.includes(SLUG)).map((f) => path.relative(out, f));
    expect(named, 'files named after the family (pages, images)').toEqual([]);
    const needles = [SLUG, '赵家', '趙家', story.slice(0, 20)];
    const found: string[] = [];
    for (const f of files) {
      if (/\.(avif|webp|jpe?g|png|mp3|ico)$/.test(f)) continue;
      const text = readFileSync(f, 'utf8');
      for (const n of needles) if (text.includes(n)) found.push(`${path.relative(out, f)}: ${n}`);
    }
    expect(found).toEqual([]);
    // The other families are still there, with their pictures.
    expect(files.some((f) => f.includes('chen-family-less-sugar'))).toBe(true);
  }, 300_000);
});
