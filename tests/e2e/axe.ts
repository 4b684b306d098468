/**
 * axe the way every spec runs it: WCAG 2.0/2.1/2.2 A and AA plus best practice, in the three ways of reading
 * (standard, extra size, high contrast with the enhanced 7:1 contrast rule). The reading preferences are
 * attributes on <html>, so one loaded page is checked in every mode. Returns one line per violation.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { TEXT_SIZES } from '../../src/components/site/prefs.ts';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export const READING_MODES = [
  { name: 'standard', attrs: {} as Record<string, string>, enhanced: false },
  { name: 'extra size', attrs: { 'data-size': 'extra' } as Record<string, string>, enhanced: false },
  { name: 'high contrast', attrs: { 'data-contrast': 'high' } as Record<string, string>, enhanced: true },
];

type Mode = (typeof READING_MODES)[number];

/**
 * Every way of reading the site offers: each text size with and without high contrast (the enhanced 7:1 rule
 * on in high contrast), and the simple mode (长辈版, which shows its own navigation at the large size).
 * The standard mode comes first.
 */
export const ALL_READING_MODES: Mode[] = [
  ...TEXT_SIZES.flatMap((size) =>
    [false, true].map((high) => ({
      name: `${size}${high ? ' + high contrast' : ''}`,
      attrs: {
        ...(size === 'standard' ? {} : { 'data-size': size }),
        ...(high ? { 'data-contrast': 'high' } : {}),
      } as Record<string, string>,
      enhanced: high,
    })),
  ),
  { name: 'simple (长辈版)', attrs: { 'data-simple': '', 'data-size': 'large' }, enhanced: false },
];

export async function axeViolations(page: Page, label: string, modes = READING_MODES): Promise<string[]> {
  const failures: string[] = [];
  for (const mode of modes) {
    await page.evaluate((a) => {
      const html = document.documentElement;
      html.removeAttribute('data-size');
      html.removeAttribute('data-contrast');
      if (!html.hasAttribute('data-simple-page')) html.removeAttribute('data-simple'); // the simple home is always simple
      for (const [k, v] of Object.entries(a)) html.setAttribute(k, v);
    }, mode.attrs);
    let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
    if (mode.enhanced) builder = builder.options({ rules: { 'color-contrast-enhanced': { enabled: true } } });
    const { violations } = await builder.analyze();
    for (const v of violations) {
      failures.push(
        `${label} [${mode.name}]: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
      );
    }
  }
  // Back to what the person chose (the page may go on being tested).
  await page.evaluate(() => {
    const html = document.documentElement;
    html.removeAttribute('data-size');
    html.removeAttribute('data-contrast');
    if (!html.hasAttribute('data-simple-page')) html.removeAttribute('data-simple');
  });
  return failures;
}
