/**
 * 健康积分: departments, earning rules and the exchange catalogue, mirroring src/domain/points/model.ts (the
 * service only ever takes points, costs and caps from these documents, synced by `npm run points:sync`).
 */
import { defineArrayMember, defineField, defineType } from 'sanity';
import { EVENT_TYPES } from './event.ts';
import { dateField, idField, choiceField, requiredField } from './common.ts';

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

export const pointsDepartment = defineType({
  name: 'pointsDepartment',
  title: '积分部门',
  type: 'document',
  fields: [
    idField('id', undefined, '标识'),
    requiredField('name', '名称', 'localeString'),
    choiceField('kind', '类别', DEPARTMENT_KINDS, { required: true }),
  ],
  preview: { select: { title: 'name.zh-hans', subtitle: 'kind' } },
});

export const earningRule = defineType({
  name: 'earningRule',
  title: '积分规则',
  type: 'document',
  fields: [
    idField('id', undefined, '标识'),
    requiredField('title', '名称', 'localeString'),
    defineField({
      name: 'eventType',
      title: '参加哪类活动得分',
      description: '按活动类型记分；与“其他记分事项”二选一。',
      type: 'string',
      options: { list: EVENT_TYPES },
      validation: (r) =>
        r.custom((v, ctx) => {
          const activity = (ctx.document as { activity?: string } | undefined)?.activity;
          return (v === undefined) === (activity === undefined) ? '“活动类型”和“其他记分事项”必须且只能填一个' : true;
        }),
    }),
    choiceField('activity', '其他记分事项', ACTIVITIES, { description: '由工作人员登记；与“活动类型”二选一。' }),
    defineField({
      name: 'points',
      title: '积分',
      type: 'number',
      validation: (r) => r.required().integer().min(1).max(1000),
    }),
    defineField({
      name: 'dailyCap',
      title: '每人每天最多次数',
      type: 'number',
      initialValue: 1,
      validation: (r) => r.required().integer().min(1).max(20),
    }),
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
            defineField({
              name: 'event',
              title: '活动',
              type: 'reference',
              to: [{ type: 'event' }],
              validation: (r) => r.required(),
            }),
            defineField({
              name: 'points',
              title: '积分',
              type: 'number',
              validation: (r) => r.required().integer().min(1).max(1000),
            }),
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
    defineField({
      name: 'cost',
      title: '所需积分',
      type: 'number',
      validation: (r) => r.required().integer().min(1).max(100_000),
    }),
    defineField({
      name: 'stock',
      title: '总数量',
      description: '部门提供的总数；已兑出的数量由积分服务计算。',
      type: 'number',
      validation: (r) => r.required().integer().min(0).max(1_000_000),
    }),
    defineField({
      name: 'perPersonLimit',
      title: '每人最多兑换次数',
      type: 'number',
      validation: (r) => r.required().integer().min(1).max(100),
    }),
    dateField('validFrom', '兑换开始日期'),
    dateField('validTo', '兑换截止日期'),
    requiredField('collectAt', '领取地点', 'localeString'),
    defineField({
      name: 'voucherDays',
      title: '兑换券有效天数',
      type: 'number',
      initialValue: 30,
      validation: (r) => r.required().integer().min(1).max(366),
    }),
  ],
  validation: (r) =>
    r.custom((doc) => {
      const d = doc as { validFrom?: string; validTo?: string } | undefined;
      return d?.validFrom && d.validTo && d.validTo < d.validFrom ? '截止日期早于开始日期' : true;
    }),
  preview: { select: { title: 'name.zh-hans', subtitle: 'cost' } },
});

export const pointsTypes = [pointsDepartment, earningRule, reward];
