/**
 * 健康积分 as content: the departments that supply rewards, the earning rules (points per event type or per
 * activity, with per-event amounts and a per-day cap) and the reward catalogue. The git loader, the Studio and
 * the points service all check against these schemas; points, costs and caps reach the service only from here,
 * never from a request.
 */
import { z } from 'zod';
import { dateSchema, idSchema, localizedStringSchema } from '../model/common.ts';
import { EVENT_TYPES } from '../model/event.ts';

/** The kinds of department a county's catalogue draws on (the county plan names each). */
export const DEPARTMENT_KINDS = [
  'health-bureau',
  'health-centre',
  'sports-culture',
  'civil-affairs',
  'transport',
  'township',
  'other',
] as const;

/** Activities staff record that are not an event occurrence on the calendar. */
export const POINT_ACTIVITIES = [
  'volunteering',
  'health-monitoring',
  'family-doctor-contract',
  'annual-checkup',
  'knowledge-contest',
  'other',
] as const;

/** When earned points lapse: never, at the end of the year earned, or at the end of the following year. */
export const EXPIRY_POLICIES = ['never', 'end-of-year', 'end-of-following-year'] as const;
export type ExpiryPolicy = (typeof EXPIRY_POLICIES)[number];

export const departmentSchema = z.strictObject({
  id: idSchema,
  name: localizedStringSchema,
  kind: z.enum(DEPARTMENT_KINDS),
});
export type Department = z.infer<typeof departmentSchema>;

const points = z.number().int('points are whole numbers').min(1).max(1000);

export const earningRuleSchema = z
  .strictObject({
    id: idSchema,
    title: localizedStringSchema,
    /** Attending an event of this type earns the points… */
    eventType: z.enum(EVENT_TYPES).optional(),
    /** …or staff record this activity. Exactly one of the two. */
    activity: z.enum(POINT_ACTIVITIES).optional(),
    points,
    /** How many times a member may earn by this rule on one day (a database constraint in the service). */
    dailyCap: z.number().int().min(1).max(20).default(1),
    /** Points for particular events (by slug) instead of `points`. */
    events: z.record(idSchema, points).default({}),
    /** The department whose programme the points count toward (reports of points earned by department). */
    department: idSchema,
  })
  .superRefine((r, ctx) => {
    if ((r.eventType === undefined) === (r.activity === undefined))
      ctx.addIssue({ code: 'custom', path: ['eventType'], message: 'give exactly one of eventType and activity' });
    if (r.activity && Object.keys(r.events).length)
      ctx.addIssue({
        code: 'custom',
        path: ['events'],
        message: 'per-event points belong to a rule for an event type',
      });
  });
export type EarningRule = z.infer<typeof earningRuleSchema>;

export const rewardSchema = z
  .strictObject({
    id: idSchema,
    name: localizedStringSchema,
    description: localizedStringSchema.optional(),
    department: idSchema,
    cost: z.number().int('a cost is a whole number of points').min(1).max(100_000),
    /** How many the department supplies in total (the service counts what is taken against it). */
    stock: z.number().int().min(0).max(1_000_000),
    perPersonLimit: z.number().int().min(1).max(100),
    validFrom: dateSchema,
    validTo: dateSchema,
    /** Where the voucher is handed over. */
    collectAt: localizedStringSchema,
    /** Days a voucher stays valid after it is issued. */
    voucherDays: z.number().int().min(1).max(366).default(30),
  })
  .superRefine((r, ctx) => {
    if (r.validTo < r.validFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: `ends (${r.validTo}) before it starts (${r.validFrom})`,
      });
  });
export type Reward = z.infer<typeof rewardSchema>;

/**
 * The plan's targets, for the evaluation page's charts (optional): how many residents should take part in each
 * community (as residents' cards name it), for the plan's year.
 */
export const pointsTargetsSchema = z.strictObject({
  /** The plan's year the targets are for. */
  year: z.number().int().min(2000).max(2100).optional(),
  /** Participants (distinct people who earned points) the plan aims for, by community. */
  participants: z.record(z.string().trim().min(1).max(40), z.number().int().min(1).max(10_000_000)).default({}),
});
export type PointsTargets = z.infer<typeof pointsTargetsSchema>;

export const pointsSettingsSchema = z.strictObject({
  /** True for the demonstration catalogue that ships with the project. */
  sample: z.boolean().default(false),
  expiry: z.enum(EXPIRY_POLICIES).default('end-of-following-year'),
  /** The consent text's version a resident agrees to when a card is made. */
  consentVersion: z.string().trim().min(1).max(40),
  /** The plan's targets for the evaluation charts (the service stores only the rest of the settings). */
  targets: pointsTargetsSchema.optional(),
});
export type PointsSettings = z.infer<typeof pointsSettingsSchema>;

/** content/points/*.yaml: each file a mapping with its list (and `sample: true` on the demonstration set). */
export const departmentsFileSchema = z.strictObject({
  sample: z.boolean().default(false),
  departments: z.array(departmentSchema).min(1),
});
export const rulesFileSchema = z.strictObject({
  sample: z.boolean().default(false),
  rules: z.array(earningRuleSchema),
});
export const rewardsFileSchema = z.strictObject({ sample: z.boolean().default(false), rewards: z.array(rewardSchema) });

export interface PointsContent {
  settings: PointsSettings;
  departments: Department[];
  rules: EarningRule[];
  rewards: Reward[];
}

/** Cross-entry rules: unique ids, departments that exist, one rule per event type and per activity. */
export function checkPointsContent(
  c: PointsContent,
): Array<{ file: 'departments' | 'rules' | 'rewards'; path: string; message: string }> {
  const out: Array<{ file: 'departments' | 'rules' | 'rewards'; path: string; message: string }> = [];
  const dup = (file: 'departments' | 'rules' | 'rewards', key: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) out.push({ file, path: `${key}[${i}].id`, message: `duplicate id "${id}"` });
      seen.add(id);
    });
  };
  dup(
    'departments',
    'departments',
    c.departments.map((d) => d.id),
  );
  dup(
    'rules',
    'rules',
    c.rules.map((r) => r.id),
  );
  dup(
    'rewards',
    'rewards',
    c.rewards.map((r) => r.id),
  );
  const depts = new Set(c.departments.map((d) => d.id));
  const known = [...depts].join(', ');
  c.rules.forEach((r, i) => {
    if (!depts.has(r.department))
      out.push({
        file: 'rules',
        path: `rules[${i}].department`,
        message: `unknown department "${r.department}" (known: ${known})`,
      });
  });
  c.rewards.forEach((r, i) => {
    if (!depts.has(r.department))
      out.push({
        file: 'rewards',
        path: `rewards[${i}].department`,
        message: `unknown department "${r.department}" (known: ${known})`,
      });
  });
  const by = new Map<string, number>();
  c.rules.forEach((r, i) => {
    const k = r.eventType ? `eventType ${r.eventType}` : `activity ${r.activity}`;
    if (by.has(k))
      out.push({
        file: 'rules',
        path: `rules[${i}]`,
        message: `a second rule for ${k} (the first is rules[${by.get(k)}])`,
      });
    else by.set(k, i);
  });
  return out;
}

/** The rule and points for attending an occurrence of an event of `eventType`, or undefined if none earns. */
export function pointsForEvent(
  rules: readonly EarningRule[],
  eventType: string,
  slug: string,
): { rule: EarningRule; points: number } | undefined {
  const rule = rules.find((r) => r.eventType === eventType);
  return rule ? { rule, points: rule.events[slug] ?? rule.points } : undefined;
}
