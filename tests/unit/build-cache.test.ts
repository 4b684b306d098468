/** The build's disk cache (src/build/cache.ts): a second build takes the bytes the first made, keyed on all they come from. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedBytes, cachedSvgPng, fontsFingerprint, setBuildCacheDir } from '../../src/build/cache.ts';

const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'hc-build-cache-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  setBuildCacheDir(undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('cachedBytes', () => {
  it('makes each key once per cache folder and gives the same bytes again', async () => {
    setBuildCacheDir(scratch());
    let made = 0;
    const make = async () => new Uint8Array([++made, 2, 3]);
    expect([...(await cachedBytes('t', { a: 1 }, make))]).toEqual([1, 2, 3]);
    expect([...(await cachedBytes('t', { a: 1 }, make))]).toEqual([1, 2, 3]);
    expect(made).toBe(1);
    expect([...(await cachedBytes('t', { a: 2 }, make))]).toEqual([2, 2, 3]);
    expect(made).toBe(2);
  });

  it('makes every time when no build has set a folder', async () => {
    let made = 0;
    const make = async () => new Uint8Array([++made]);
    await cachedBytes('t', 'k', make);
    await cachedBytes('t', 'k', make);
    expect(made).toBe(2);
  });
});

describe('cachedSvgPng', () => {
  it('is the PNG sharp makes, from the cache the second time', async () => {
    const dir = scratch();
    setBuildCacheDir(dir);
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="4" fill="#005a4e"/></svg>';
    const fresh = new Uint8Array(await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer());
    expect(await cachedSvgPng(svg, { compressionLevel: 9 })).toEqual(fresh);
    expect(readdirSync(path.join(dir, 'svg-png'))).toHaveLength(1);
    expect(await cachedSvgPng(svg, { compressionLevel: 9 })).toEqual(fresh);
    expect(readdirSync(path.join(dir, 'svg-png'))).toHaveLength(1);
    await cachedSvgPng(svg, { compressionLevel: 6 });
    expect(readdirSync(path.join(dir, 'svg-png'))).toHaveLength(2);
  });
});

describe('fontsFingerprint', () => {
  it('changes when a font file is added or changed', () => {
    const fonts = scratch();
    mkdirSync(path.join(fonts, 'noto'));
    writeFileSync(path.join(fonts, 'noto', 'a.ttf'), 'a');
    const first = fontsFingerprint([fonts]);
    expect(fontsFingerprint([fonts])).toBe(first);
    writeFileSync(path.join(fonts, 'noto', 'b.ttf'), 'b');
    const second = fontsFingerprint([fonts]);
    expect(second).not.toBe(first);
    utimesSync(path.join(fonts, 'noto', 'a.ttf'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(fontsFingerprint([fonts])).not.toBe(second);
  });
});
