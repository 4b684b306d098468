/**
 * A disk cache for build outputs that cost CPU and depend only on what they are made from: sharp's PNGs of
 * the events' social images and the app icons (about 0.1 s of CPU each, on the threads the pages render on).
 * Like Astro's own image cache it lives in Astro's cacheDir (node_modules/.astro/ by default), so a fresh
 * install starts empty. Each entry is named by a SHA-256 of everything its bytes come from — the input, the
 * options, the versions of sharp and its libraries and the fonts installed (text in an SVG is set with the
 * system's fonts) — so a changed input is a new entry, never a stale one; the same input gives the same
 * bytes as a fresh render.
 *
 * Only in a build (the build-files integration sets the folder); elsewhere `make` runs every time.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type PngOptions } from 'sharp';

const KEY = Symbol.for('jiankang-shequ.build-cache');
const shared = globalThis as { [KEY]?: string };

/** Where cached outputs go (a build sets it; undefined turns the cache off). */
export function setBuildCacheDir(dir: string | undefined): void {
  shared[KEY] = dir;
}

/** The bytes `make` gives for `key`, from the cache when a build has made them before. */
export async function cachedBytes(
  kind: string,
  key: unknown,
  make: () => Promise<Uint8Array>,
): Promise<Uint8Array<ArrayBuffer>> {
  const dir = shared[KEY];
  if (!dir) return new Uint8Array(await make());
  const file = path.join(dir, kind, createHash('sha256').update(JSON.stringify(key)).digest('hex'));
  try {
    return new Uint8Array(await readFile(file));
  } catch {
    // Not made yet.
  }
  const bytes = new Uint8Array(await make());
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // Written under another name and renamed: a build stopped half-way leaves no half-written entry.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch {
    // A cache that cannot be written only makes the next build slower.
  }
  return bytes;
}

const FONT_DIRS = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  path.join(os.homedir(), '.fonts'),
  path.join(os.homedir(), '.local/share/fonts'),
  '/Library/Fonts',
  '/System/Library/Fonts',
  path.join(os.homedir(), 'Library/Fonts'),
];

let fonts: string | undefined;

/** A fingerprint of the installed font files (path, size, time), which set the text of an SVG rendered by sharp. */
export function fontsFingerprint(dirs: readonly string[] = FONT_DIRS): string {
  if (dirs === FONT_DIRS && fonts !== undefined) return fonts;
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = path.join(dir, name);
      try {
        const s = statSync(p);
        if (s.isDirectory()) walk(p);
        else hash.update(`${p}\0${s.size}\0${s.mtimeMs}\n`);
      } catch {
        // Gone while walking.
      }
    }
  };
  for (const dir of dirs) walk(dir);
  const out = hash.digest('hex');
  if (dirs === FONT_DIRS) fonts = out;
  return out;
}

/** An SVG rendered to PNG by sharp with these options, made once for every build that asks for the same. */
export function cachedSvgPng(svg: string, png: PngOptions): Promise<Uint8Array<ArrayBuffer>> {
  return cachedBytes('svg-png', { svg, png, sharp: sharp.versions, fonts: fontsFingerprint() }, () =>
    sharp(Buffer.from(svg)).png(png).toBuffer(),
  );
}
