/**
 * The malformed-content pack: tests/fixtures/malformed/<case>/ holds files laid over the small valid content
 * folder (tests/fixtures/content-min) under content/, a README saying what the case breaks, and expected.txt:
 * the exact problems the editor sees (one "file: field: message" line each), nothing more and nothing less.
 * Each case runs through the real loader (loadLocalContent), as a build or `npm run validate:content` would.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { ContentError, formatProblem } from '../../src/content/loaders/errors.ts';

const PACK = path.resolve('tests/fixtures/malformed');
const BASE = path.resolve('tests/fixtures/content-min');
const cases = readdirSync(PACK)
  .filter((n) => existsSync(path.join(PACK, n, 'expected.txt')))
  .sort();

async function problemsOf(name: string): Promise<string[]> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'hc-malformed-'));
  const dir = path.join(tmp, 'content');
  try {
    cpSync(BASE, dir, { recursive: true });
    mkdirSync(path.join(dir, 'media'), { recursive: true });
    cpSync(path.join(PACK, name, 'content'), dir, { recursive: true });
    await loadLocalContent(dir);
    return [];
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    return e.problems.map(formatProblem);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

describe('malformed-content pack', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it('the base fixture itself is valid', async () => {
    await expect(loadLocalContent(BASE)).resolves.toBeDefined();
  });

  for (const name of cases) {
    it(name, async () => {
      const expected = readFileSync(path.join(PACK, name, 'expected.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      expect((await problemsOf(name)).sort()).toEqual(expected.sort());
    });
  }
});
