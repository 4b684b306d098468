/**
 * The reward catalogue's line in the content report (the build log and `npm run validate:content`): whether the
 * health bureau and each township supply as many reward items as the county plan asks (a warning, not an error).
 */
import { catalogueCoverage, coverageWarningLine } from '@hc/domain/points/coverage.ts';
import type { PointsContent } from '@hc/domain/points/model.ts';

/** The report's lines, or undefined when the content has no points programme. */
export function pointsCoverageReport(
  content: PointsContent | undefined,
  today: string,
): { warn: boolean; text: string } | undefined {
  if (!content) return undefined;
  const warnings = catalogueCoverage(content, today);
  if (!warnings.length)
    return {
      warn: false,
      text: 'Reward catalogue: the health bureau (≥ 6 items) and each township (≥ 3) supply what the plan asks',
    };
  return {
    warn: true,
    text: [
      `Reward catalogue below the plan (a warning; the build goes on): ${warnings.length} department(s):`,
      ...warnings.map((w) => `  - ${coverageWarningLine(w)}`),
    ].join('\n'),
  };
}
