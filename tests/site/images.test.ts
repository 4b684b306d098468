/** Every picture in dist/ has width, height and alt text, and offers a modern format (AVIF or WebP). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST, loadContent } from '../helpers/env.ts';

const content = await loadContent();

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)],
  );
const pages = existsSync(DIST) ? walk(DIST).filter((f) => f.endsWith('.html')) : [];

describe('images in dist/', () => {
  it('every <img> has width, height, alt and sits in a <picture> with an AVIF or WebP source', () => {
    const problems: string[] = [];
    let count = 0;
    for (const file of pages) {
      const source = readFileSync(file, 'utf8');
      const name = path.relative(DIST, file);
      for (const m of source.matchAll(/<picture>([\s\S]*?)<\/picture>|<img\b[^>]*>/g)) {
        const picture = m[1];
        const img = picture !== undefined ? (/<img\b[^>]*>/.exec(picture)?.[0] ?? '') : m[0];
        count += 1;
        if (!/\swidth="\d+"/.test(img)) problems.push(`${name}: img without width: ${img.slice(0, 80)}`);
        if (!/\sheight="\d+"/.test(img)) problems.push(`${name}: img without height: ${img.slice(0, 80)}`);
        if (!/\salt="[^"]+"/.test(img)) problems.push(`${name}: img without alt text: ${img.slice(0, 80)}`);
        if (picture === undefined || !/<source[^>]+type="image\/(avif|webp)"/.test(picture))
          problems.push(`${name}: img without an AVIF/WebP source: ${img.slice(0, 80)}`);
      }
    }
    expect(problems).toEqual([]);
    // Content with family photos must show pictures (so this test cannot pass by finding no <img> at all).
    const photos = content.families.reduce((n, f) => n + f.data.photos.length, 0);
    if (photos) expect(count, 'the family pages show pictures').toBeGreaterThanOrEqual(photos);
  });
});
