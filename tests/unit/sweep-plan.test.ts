/** The accessibility sweep's plan: which template built a URL, and one page per template × locale in every mode. */
import { describe, expect, it } from 'vitest';
import { routeOf, routes, sweepPlan, templateOf, type BuiltPage } from '../helpers/page-templates.ts';

const R = [
  '404.astro',
  '[...lang]/index.astro',
  '[...lang]/articles/index.astro',
  '[...lang]/articles/[slug].astro',
  '[...lang]/events/[slug].astro',
  '[...lang]/events/archive.astro',
  '[...lang]/events/[dim]/[value].astro',
  '[...lang]/events/calendar/[month].astro',
].map(routeOf);

describe('templateOf', () => {
  it('picks the most specific route, in any locale prefix', () => {
    expect(templateOf('/', R)).toBe('[...lang]/index.astro');
    expect(templateOf('/en/', R)).toBe('[...lang]/index.astro');
    expect(templateOf('/articles/', R)).toBe('[...lang]/articles/index.astro');
    expect(templateOf('/yue/articles/x/', R)).toBe('[...lang]/articles/[slug].astro');
    expect(templateOf('/events/archive/', R)).toBe('[...lang]/events/archive.astro');
    expect(templateOf('/events/walk/', R)).toBe('[...lang]/events/[slug].astro');
    expect(templateOf('/zh-hant/events/calendar/2026-11/', R)).toBe('[...lang]/events/calendar/[month].astro');
    expect(templateOf('/events/for/elders/', R)).toBe('[...lang]/events/[dim]/[value].astro');
    expect(templateOf('/404.html', R)).toBe('404.astro');
  });

  it('knows every page route of this site (endpoints are not pages)', () => {
    const all = routes('src/pages').map((r) => r.template);
    expect(all.every((t) => t.endsWith('.astro'))).toBe(true);
    expect(all).toContain('[...lang]/articles/[slug].astro');
  });
});

describe('sweepPlan', () => {
  const page = (url: string, lang: string, classes = 10, bytes = 1000): BuiltPage => ({ url, lang, classes, bytes });
  const pages: BuiltPage[] = [];
  for (const [prefix, lang] of [
    ['/', 'zh-Hans'],
    ['/en/', 'en'],
    ['/yue/', 'yue-Hant'],
  ] as const) {
    pages.push(page(prefix, lang), page(`${prefix}articles/`, lang));
    for (let i = 0; i < 50; i++) pages.push(page(`${prefix}articles/a${i}/`, lang, i === 7 ? 40 : 10, 1000 + i));
  }
  pages.push(page('/404.html', 'zh-Hans'));
  const modes = ['standard', 'extra', 'high'];
  const plan = sweepPlan(pages, R, { modes, defaultLang: 'zh-Hans', must: ['/articles/a3/'] });

  it('checks one page per template × locale, the one with the most components, whatever the number of articles', () => {
    const reps = plan.filter((p) => p.reason === 'representative');
    expect(reps).toHaveLength(3 * 3 + 1);
    expect(
      reps
        .filter((p) => p.template === '[...lang]/articles/[slug].astro')
        .map((p) => p.url)
        .sort(),
    ).toEqual(['/articles/a7/', '/en/articles/a7/', '/yue/articles/a7/']);
    const more = [...pages, ...Array.from({ length: 500 }, (_, i) => page(`/articles/b${i}/`, 'zh-Hans'))];
    expect(sweepPlan(more, R, { modes, defaultLang: 'zh-Hans' })).toHaveLength(reps.length);
  });

  it('checks every mode in the default locale, and every locale × mode pair somewhere', () => {
    for (const p of plan.filter((x) => x.lang === 'zh-Hans')) expect(p.modes).toEqual(modes);
    for (const p of plan.filter((x) => x.lang !== 'zh-Hans')) expect(p.modes).toHaveLength(1);
    const pairs = new Set(plan.flatMap((p) => p.modes.map((m) => `${p.lang} ${m}`)));
    expect(pairs.size).toBe(3 * modes.length);
  });

  it('adds the must-sweep pages in every mode', () => {
    expect(plan.find((p) => p.url === '/articles/a3/')).toMatchObject({
      reason: 'must-sweep',
      modes,
      template: '[...lang]/articles/[slug].astro',
    });
  });
});
