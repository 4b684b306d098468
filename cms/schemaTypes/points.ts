/**
 * 健康积分: departments, earning rules and the exchange catalogue, mirroring src/domain/points/model.ts (the
 * service only ever takes points, costs and caps from these documents, synced by `npm run points:sync`).
 * The county plan's minimums (the health bureau ≥ 6 reward items, each township ≥ 3: src/domain/points/coverage.ts)
 * show as warnings on the department and reward documents; they never stop publishing.
 */
import { defineArrayMember, defineField, defineType, type StringRule, type ValidationContext } from 'sanity';
import { catalogueCoverage, coverageWarningZh } from '@hc/domain/points/coverage.ts';
import type { Department } from '@hc/domain/points/model.ts';
import { localDate } from '@hc/domain/time.ts';
import { EVENT_TYPES } from './event.ts';
import { dateField, idField, choiceField, integerField, requiredField } from './common.ts';

const DEPARTMENT_KINDS = [
  { value: 'health-bureau', title: '卫生健康局' },
  { value: 'health-centre', title: '社区卫生服务中心' },
  { value: 'sports-culture', title: '文化体育部门' },
  { value: 'civil-affairs', title: '民政部门' },
  { value: 'transport', title: '交通部门' },
  { value: 'township', title: '乡镇（街道）' },
  { value: 'other', title: '其他' },
];
const ACTIVITIES = [
  { value: 'volunteering', title: '志愿服务（健康宣传员、邻里互助员）' },
  { value: 'health-monitoring', title: '到中心测量血压、血糖' },
  { value: 'family-doctor-contract', title: '签约家庭医生' },
  { value: 'annual-checkup', title: '年度健康体检' },
  { value: 'knowledge-contest', title: '健康知识竞赛' },
  { value: 'other', title: '其他活动' },
];
const API_VERSION = '2025-02-19';
const publishedId = (id: string) => id.replace(/^drafts\./, '');

/**
 * The plan's minimum for one department (by its document id), counting its published rewards that are still
 * offered today plus the reward being edited (`editing`: its id and end date); true when met or when the
 * department's kind has no target.
 */
export function departmentCoverage(
  department: { id: string; kind: Department['kind'] },
  rewards: ReadonlyArray<{ id: string; validTo?: string }>,
  today: string,
  editing?: { id: string; validTo?: string },
): true | string {
  const all = editing && !rewards.some((r) => r.id === editing.id) ? [...rewards, editing] : rewards;
  const warning = catalogueCoverage(
    {
      departments: [department],
      rewards: all.map((r) => ({ department: department.id, validTo: r.validTo ?? '9999-12-31' })),
    },
    today,
  ).find((w) => w.department === department.id);
  return warning ? coverageWarningZh(warning) : true;
}

const REWARDS_OF = `*[_type == "reward" && department._ref == $id && !(_id in path("drafts.**"))]{ "id": _id, validTo }`;

async function coverageOfDepartment(doc: unknown, ctx: ValidationContext) {
  const d = doc as { _id?: string; kind?: Department['kind'] } | undefined;
  if (!d?._id || !d.kind) return true;
  const id = publishedId(d._id);
  const rewards = await ctx
    .getClient({ apiVersion: API_VERSION })
    .fetch<Array<{ id: string; validTo?: string }>>(REWARDS_OF, { id });
  return departmentCoverage({ id, kind: d.kind }, rewards, localDate(new Date()));
}

async function coverageOfReward(doc: unknown, ctx: ValidationContext) {
  const r = doc as { _id?: string; department?: { _ref?: string }; validTo?: string } | undefined;
  const id = r?.department?._ref;
  if (!r?._id || !id) return true;
  const client = ctx.getClient({ apiVersion: API_VERSION });
  const dept = await client.fetch<{ kind?: Department['kind'] } | null>(`*[_id == $id][0]{ kind }`, { id });
  if (!dept?.kind) return true;
  const rewards = await client.fetch<Array<{ id: string; validTo?: string }>>(REWARDS_OF, { id });
  return departmentCoverage({ id, kind: dept.kind }, rewards, localDate(new Date()), {
    id: publishedId(r._id),
    validTo: r.validTo,
  });
}

export const pointsDepartment = defineType({
  name: 'pointsDepartment',
  title: '积分部门',
  type: 'document',
  fields: [
    idField('id', undefined, '标识'),
    requiredField('name', '名称', 'localeString'),
    choiceField('kind', '类别', DEPARTMENT_KINDS, { required: true }),
  ],
  validation: (rule) => rule.custom(coverageOfDepartment).warning(),
  preview: { select: { title: 'name.zh-hans', subtitle: 'kind' } },
});

export const earningRule = defineType({
  name: 'earningRule',
  title: '积分规则',
  type: 'document',
  fields: [
    idField('id', undefined, '标识'),
    requiredField('title', '名称', 'localeString'),
    choiceField('eventType', '参加哪类活动得分', EVENT_TYPES, {
      description: '按活动类型记分；与“其他记分事项”二选一。',
      validation: (r: StringRule) =>
        r.custom((v, ctx) => {
          const activity = (ctx.document as { activity?: string } | undefined)?.activity;
          return (v === undefined) === (activity === undefined) ? '“活动类型”和“其他记分事项”必须且只能填一个' : true;
        }),
    }),
    choiceField('activity', '其他记分事项', ACTIVITIES, { description: '由工作人员登记；与“活动类型”二选一。' }),
    integerField('points', '积分', 1, 1000),
    integerField('dailyCap', '每人每天最多次数', 1, 20, { initialValue: 1 }),
    defineField({
      name: 'events',
      title: '个别活动的积分',
      description: '某些活动（按网址标识）不按上面的积分计算时填写。',
      type: 'array',
      of: [
        defineArrayMember({
          type: 'object',
          name: 'eventPoints',
          title: '活动积分',
          fields: [
            requiredField('event', '活动', 'reference', { to: [{ type: 'event' }] }),
            integerField('points', '积分', 1, 1000),
          ],
        }),
      ],
    }),
    requiredField('department', '记入哪个部门', 'reference', { to: [{ type: 'pointsDepartment' }] }),
  ],
  preview: { select: { title: 'title.zh-hans', subtitle: 'points' } },
});

export const reward = defineType({
  name: 'reward',
  title: '兑换项目',
  type: 'document',
  fields: [
    idField('id', undefined, '标识'),
    requiredField('name', '名称', 'localeString'),
    defineField({ name: 'description', title: '说明', type: 'localeText' }),
    requiredField('department', '提供部门', 'reference', { to: [{ type: 'pointsDepartment' }] }),
    integerField('cost', '所需积分', 1, 100_000),
    integerField('stock', '总数量', 0, 1_000_000, { description: '部门提供的总数；已兑出的数量由积分服务计算。' }),
    integerField('perPersonLimit', '每人最多兑换次数', 1, 100),
    dateField('validFrom', '兑换开始日期'),
    dateField('validTo', '兑换截止日期'),
    requiredField('collectAt', '领取地点', 'localeString'),
    integerField('voucherDays', '兑换券有效天数', 1, 366, { initialValue: 30 }),
  ],
  validation: (r) => [
    r.custom((doc) => {
      const d = doc as { validFrom?: string; validTo?: string } | undefined;
      return d?.validFrom && d.validTo && d.validTo < d.validFrom ? '截止日期早于开始日期' : true;
    }),
    r.custom(coverageOfReward).warning(),
  ],
  preview: { select: { title: 'name.zh-hans', subtitle: 'cost' } },
});

export const pointsTypes = [pointsDepartment, earningRule, reward];
