/**
 * The performance budgets, and their evaluation over measured pages. Pure: measurements in, verdicts out.
 */
import type { PageKind } from './pages.ts';

export const BUDGETS = {
  /**
   * gzip bytes of HTML + CSS + JS together on every reading page: one TCP first flight (14 KB), in every locale,
   * with no exceptions (issue 29). It was 15 KB from 2026-12-05 to 2026-12-06; the reading tools' code now loads
   * on first use (src/components/reading-tools/tools.ts), which brought every page back under it.
   */
  readingTotalGzip: 14 * 1024,
  /** Lighthouse (mobile preset) scores, 0–100, on every page type. */
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
  /** A reading page must show at least this much text in <main> before any script runs. */
  minMainText: 80,
  /** Inline <head> script allowed before paint (the display-preferences pre-paint snippet). */
  inlineHeadJs: 1024,
  /**
   * gzip bytes of the Content-Security-Policy <meta> counted outside readingTotalGzip (issue 17). The policy
   * (default-src, object-src, base-uri, img-src and one hash per inline script/style of the page) costs
   * 185–335 B gzip (measured 2026-12-05); home and several articles were already within ~150 B of 14 KB. Every
   * run prints what each page type uses of it, so it is never silent; a page whose meta costs more than this
   * counts the excess.
   */
  cspMetaAllowance: 352,
} as const;

const largest = (pages: readonly PageMeasurement[]) => pages.reduce((a, b) => (b.total > a.total ? b : a));

/** One measured page (sizes) of a type. */
export interface PageMeasurement {
  kind: PageKind;
  file: string;
  reading: boolean;
  reactAllowed: boolean;
  total: number;
  gzip: { html: number; css: number; js: number };
  /** gzip bytes of the page's CSP meta (see BUDGETS.cspMetaAllowance); 0 or absent when none. */
  cspMeta?: number;
  /** gzip of render-blocking external scripts. */
  blockingJs: number;
  inlineHeadJs: number;
  react: boolean;
  mainText: number;
  missing: string[];
}

export interface LighthouseScores {
  kind: PageKind;
  url: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

export interface Verdict {
  ok: boolean;
  kind: PageKind;
  rule: string;
  message: string;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Every budget over every measured page; one verdict per page-rule that fails, one per rule and type that passes. */
export function evaluate(pages: readonly PageMeasurement[], lighthouse: readonly LighthouseScores[] = []): Verdict[] {
  const out: Verdict[] = [];
  const kinds = [...new Set(pages.map((p) => p.kind))];
  for (const kind of kinds) {
    const of = pages.filter((p) => p.kind === kind);
    const rule = (
      name: string,
      failing: PageMeasurement[],
      describe: (p: PageMeasurement) => string,
      passMessage: string,
    ) => {
      if (failing.length === 0) out.push({ ok: true, kind, rule: name, message: passMessage });
      for (const p of failing.slice(0, 5))
        out.push({ ok: false, kind, rule: name, message: `${p.file}: ${describe(p)}` });
      if (failing.length > 5)
        out.push({ ok: false, kind, rule: name, message: `…and ${failing.length - 5} more ${kind} pages` });
    };
    rule(
      'files exist',
      of.filter((p) => p.missing.length > 0),
      (p) => `references missing files ${p.missing.join(', ')}`,
      `${of.length} pages load only files that exist`,
    );
    if (of[0].reading) {
      const counted = (p: PageMeasurement) => p.total - Math.min(p.cspMeta ?? 0, BUDGETS.cspMetaAllowance);
      const metas = of.map((p) => p.cspMeta ?? 0).filter((n) => n > 0);
      if (metas.length) {
        out.push({
          ok: true,
          kind,
          rule: 'size: CSP meta',
          message: `${metas.length} pages carry a CSP meta of ${Math.min(...metas)}–${Math.max(...metas)} B gzip, counted outside the budget up to ${BUDGETS.cspMetaAllowance} B`,
        });
      }
      const within = of.filter((p) => counted(p) <= BUDGETS.readingTotalGzip);
      rule(
        'size',
        of.filter((p) => counted(p) > BUDGETS.readingTotalGzip),
        (p) =>
          `${kb(counted(p))} gzip (HTML ${kb(p.gzip.html)} + CSS ${kb(p.gzip.css)} + JS ${kb(p.gzip.js)}${p.cspMeta ? `, less ${Math.min(p.cspMeta, BUDGETS.cspMetaAllowance)} B of CSP meta` : ''}) is over the ${kb(BUDGETS.readingTotalGzip)} budget by ${kb(counted(p) - BUDGETS.readingTotalGzip)}`,
        // Shown only when no page is over, so `within` is every page of the type.
        within.length
          ? `${within.length} pages ≤ ${kb(BUDGETS.readingTotalGzip)} (largest ${kb(counted(largest(within)))}: ${largest(within).file})`
          : '',
      );
      rule(
        'readable without JS',
        of.filter((p) => p.blockingJs > 0 || p.inlineHeadJs > BUDGETS.inlineHeadJs || p.mainText < BUDGETS.minMainText),
        (p) =>
          p.blockingJs > 0
            ? `${p.blockingJs} B of render-blocking script`
            : p.inlineHeadJs > BUDGETS.inlineHeadJs
              ? `${p.inlineHeadJs} B of inline <head> script (allowed ${BUDGETS.inlineHeadJs} B)`
              : `only ${p.mainText} characters of text in <main> before scripts run`,
        `${of.length} pages readable before any script runs`,
      );
    }
    rule(
      'React only where an island needs it',
      of.filter((p) => p.react && !p.reactAllowed),
      () => 'loads React, but this page type has no React island',
      of.some((p) => p.react) ? `React loaded (this page type's island needs it)` : `${of.length} pages load no React`,
    );
  }
  for (const l of lighthouse) {
    const scoreRule = (name: string, value: number, min: number) =>
      out.push({
        ok: value >= min,
        kind: l.kind,
        rule: `Lighthouse ${name}`,
        message:
          value >= min
            ? `${l.url}: ${value} ≥ ${min}`
            : `${l.url}: ${value} is below ${min} (LCP ${Math.round(l.lcpMs)} ms, TBT ${Math.round(l.tbtMs)} ms, CLS ${l.cls.toFixed(3)})`,
      });
    scoreRule('performance', l.performance, BUDGETS.lighthousePerformance);
    scoreRule('accessibility', l.accessibility, BUDGETS.lighthouseAccessibility);
  }
  return out;
}

/** A short multi-line report: failures first, then passes. */
export function formatVerdicts(verdicts: readonly Verdict[]): string {
  const line = (v: Verdict) => `${v.ok ? '  ok  ' : 'FAIL  '}${v.kind.padEnd(9)} ${v.rule}: ${v.message}`;
  return [...verdicts.filter((v) => !v.ok), ...verdicts.filter((v) => v.ok)].map(line).join('\n');
}
