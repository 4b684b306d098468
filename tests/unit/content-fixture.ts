/**
 * A fresh copy of the small valid content folder for each test, and helpers to break it and read the error.
 * Used by the tests that pin what bad content says.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { ContentError } from '../../src/content/loaders/errors.ts';

const FIXTURE = path.resolve('tests/fixtures/content-min');

export interface ContentFixture {
  /** The copy's content/ folder. */
  dir(): string;
  /** Replaces text in a file of the copy; throws when the text is not there, so a broken fixture is noticed. */
  edit(file: string, from: string | RegExp, to: string): void;
  /** Loads the copy and returns the ContentError message; fails the test when the content loads. */
  problems(): Promise<string>;
}

export function useContentFixture(): ContentFixture {
  let dir = '';
  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'hc-content-')), 'content');
    cpSync(FIXTURE, dir, { recursive: true });
    mkdirSync(path.join(dir, 'media/audio'), { recursive: true }); // git keeps no empty folders
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));
  return {
    dir: () => dir,
    edit(file, from, to) {
      const p = path.join(dir, file);
      const before = readFileSync(p, 'utf8');
      const after = before.replace(from, to);
      if (after === before) throw new Error(`fixture edit did not apply to ${file}: ${from}`);
      writeFileSync(p, after);
    },
    async problems() {
      try {
        await loadLocalContent(dir);
      } catch (e) {
        expect(e).toBeInstanceOf(ContentError);
        return (e as Error).message;
      }
      throw new Error('content loaded although it is invalid');
    },
  };
}
