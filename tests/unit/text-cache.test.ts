/** Texts kept from an earlier build (src/content/loaders/text-cache.ts): reused only for the same inputs and code. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeFingerprint, textKey } from '../../src/content/loaders/text-cache.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'hc-text-cache-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'src/domain/markdown'), { recursive: true });
  writeFileSync(path.join(root, 'src/domain/markdown/sanitize.ts'), 'export const a = 1;');
  writeFileSync(path.join(root, 'astro.config.mjs'), 'export default {};');
  writeFileSync(path.join(root, 'package-lock.json'), '{}');
  return root;
}

describe('codeFingerprint', () => {
  it('changes with any source file, the Astro config or the lock file', () => {
    const root = project();
    const first = codeFingerprint(root);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(codeFingerprint(root)).toBe(first);
    for (const [file, text] of [
      ['src/domain/markdown/sanitize.ts', 'export const a = 2;'],
      ['src/new.ts', ''],
      ['astro.config.mjs', 'export default { markdown: {} };'],
      ['package-lock.json', '{"v":2}'],
    ] as const) {
      const before = codeFingerprint(root);
      writeFileSync(path.join(root, file), text);
      expect(codeFingerprint(root), file).not.toBe(before);
    }
  });

  it('is undefined where the code cannot be read, so nothing is reused', () => {
    expect(codeFingerprint(path.join(tmpdir(), 'hc-no-such-project'))).toBeUndefined();
  });
});

describe('textKey', () => {
  it('is the same for the same code and inputs, and differs when either does', () => {
    const inputs = ['zh-hant/x', 'zh-hant', { title: '量血压', body: '正文' }, {}, { slug: 'x' }];
    expect(textKey('c1', inputs)).toBe(textKey('c1', structuredClone(inputs)));
    expect(textKey('c2', inputs)).not.toBe(textKey('c1', inputs));
    expect(textKey('c1', [...inputs.slice(0, 2), { title: '量血压', body: '正文。' }, {}, { slug: 'x' }])).not.toBe(
      textKey('c1', inputs),
    );
  });
});
