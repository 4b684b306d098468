/**
 * Whether the reward catalogue is as broad as the county plan asks: the health bureau supplies at least 6 reward
 * items and each township (乡镇、街道) at least 3. A shortfall is a warning, never an error (a new programme starts
 * small); the Studio shows it on the department and reward documents, the build and `npm run validate:content`
 * print it with the content report.
 */
import type { Department, Reward } from './model.ts';

/** Reward items each department of a kind should supply (kinds not listed have no target). */
export const CATALOGUE_TARGETS = { 'health-bureau': 6, township: 3 } as const satisfies Partial<
  Record<Department['kind'], number>
>;
type TargetKind = keyof typeof CATALOGUE_TARGETS;

export interface CoverageWarning {
  /** The department's id, or null when no department of a kind that must exist (the health bureau) is listed. */
  department: string | null;
  kind: TargetKind;
  /** Reward items it supplies that are still offered on `today` (all of them when no day is given). */
  count: number;
  target: number;
}

/**
 * Departments below their target, in the order given; also a warning when there is no health bureau at all.
 * A reward counts while it is offered: its exchange period has not ended before `today`.
 */
export function catalogueCoverage(
  content: {
    departments: ReadonlyArray<Pick<Department, 'id' | 'kind'>>;
    rewards: ReadonlyArray<Pick<Reward, 'department' | 'validTo'>>;
  },
  today?: string,
): CoverageWarning[] {
  const counts = new Map<string, number>();
  for (const r of content.rewards)
    if (!today || r.validTo >= today) counts.set(r.department, (counts.get(r.department) ?? 0) + 1);
  const out: CoverageWarning[] = [];
  for (const d of content.departments) {
    if (!(d.kind in CATALOGUE_TARGETS)) continue;
    const kind = d.kind as TargetKind;
    const count = counts.get(d.id) ?? 0;
    if (count < CATALOGUE_TARGETS[kind]) out.push({ department: d.id, kind, count, target: CATALOGUE_TARGETS[kind] });
  }
  if (!content.departments.some((d) => d.kind === 'health-bureau'))
    out.push({ department: null, kind: 'health-bureau', count: 0, target: CATALOGUE_TARGETS['health-bureau'] });
  return out;
}

const KIND_WORDS: Record<TargetKind, { zh: string; en: string }> = {
  'health-bureau': { zh: '卫生健康局', en: 'the health bureau' },
  township: { zh: '每个乡镇（街道）', en: 'each township' },
};

/** One warning in the Studio's words (Simplified Chinese). */
export function coverageWarningZh(w: CoverageWarning): string {
  return w.department === null
    ? `还没有“卫生健康局”类别的部门：方案要求卫生健康局至少提供 ${w.target} 项兑换`
    : `方案要求${KIND_WORDS[w.kind].zh}至少提供 ${w.target} 项兑换，这个部门目前有 ${w.count} 项（提醒，不影响发布）`;
}

/** One warning as a line of the build's content report (English, like the rest of the log). */
export function coverageWarningLine(w: CoverageWarning): string {
  return w.department === null
    ? `no department of kind health-bureau: the plan asks ${KIND_WORDS[w.kind].en} for at least ${w.target} reward items`
    : `${w.department} (${w.kind}) offers ${w.count} reward item(s); the plan asks ${KIND_WORDS[w.kind].en} for at least ${w.target}`;
}
