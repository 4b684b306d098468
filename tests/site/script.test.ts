/**
 * Done-when check of the localisation layer: no built /zh-hant/ or /yue/ page shows a Simplified-only character
 * (src/lib/text/script.ts) in visible text or alt text, except inside elements marked lang="zh-Hans" (text that
 * is Simplified on purpose and says so). Figures: `node scripts/i18n-report.ts --pages`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDist, TRADITIONAL_LOCALES } from '../helpers/simplified-pages.ts';

const DIST = path.resolve('dist');

describe.skipIf(!existsSync(DIST))('Traditional and Cantonese pages in dist/', () => {
  const findings = scanDist(DIST);

  it('include every Traditional locale', () => {
    for (const { prefix } of TRADITIONAL_LOCALES) {
      expect(findings.filter((f) => f.page.startsWith(`/${prefix}/`)).length, prefix).toBeGreaterThan(20);
    }
  });

  it('show no Simplified-only character outside lang="zh-Hans"', () => {
    const bad = findings.filter((f) => f.count > 0).map((f) => `${f.page} ${f.count}: ${f.samples.join(' | ')}`);
    expect(bad).toEqual([]);
  });
});
