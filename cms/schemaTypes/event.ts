/** 活动: mirrors src/domain/model/event.ts. Times are local wall-clock times (YYYY-MM-DDTHH:mm) in `timeZone`. */
import { CalendarIcon } from '@sanity/icons/Calendar';
import { defineArrayMember, defineField, defineType, type Rule, type StringRule } from 'sanity';
import { LOCAL_DATE_TIME_PATTERN as LOCAL_DATE_TIME } from '@hc/domain/model/patterns.ts';
import { refsField, summaryField, choiceField, requiredField, GROUPS } from './common.ts';
import { translationsField } from './locale.ts';
import { reviewField } from './review.ts';
import { checkPhone, idField } from './common.ts';
import { checkRrule } from '@hc/domain/calendar/rrule-check.ts';
import { seriesStarts } from '@hc/domain/calendar/series.ts';

/** The recurrence rule, checked as the build checks it (src/domain/calendar/rrule-check.ts). */
export function checkRruleField(rrule: string | undefined, start: string | undefined): true | string {
  if (!rrule || !start || !LOCAL_DATE_TIME.test(start)) return true;
  const problems = checkRrule(rrule, start);
  return problems.length ? `重复规则有误：${problems.join('；')}` : true;
}

/** An exception or override must name an occurrence of the series (its original start), as the build requires. */
export function checkOccurrence(
  key: string | undefined,
  doc: { start?: string; rrule?: string } | undefined,
): true | string {
  if (!key || !doc?.start || !LOCAL_DATE_TIME.test(key) || !LOCAL_DATE_TIME.test(doc.start)) return true;
  if (doc.rrule && checkRrule(doc.rrule, doc.start).length) return true;
  const [y, m, d] = key.slice(0, 10).split('-').map(Number);
  const until = new Date(Date.UTC(y!, m! - 1, d! + 1));
  const starts = seriesStarts({ start: doc.start, rrule: doc.rrule } as Parameters<typeof seriesStarts>[0], until);
  if (starts.includes(key)) return true;
  return doc.rrule
    ? `${key} 不是这个活动的某一次（原定开始时间要和重复规则算出的一致）`
    : `${key} 不是这个活动的开始时间（活动只办一次：${doc.start}）`;
}

export const EVENT_TYPES = [
  { value: 'lecture', title: '健康讲座' },
  { value: 'clinic', title: '义诊' },
  { value: 'screening', title: '筛查' },
  { value: 'exercise', title: '运动' },
  { value: 'training', title: '技能培训' },
  { value: 'festival', title: '节日活动' },
  { value: 'vaccination', title: '接种' },
  { value: 'tcm', title: '中医' },
  { value: 'other', title: '其他' },
];
export const EVENT_STATUSES = [
  { value: 'scheduled', title: '照常' },
  { value: 'cancelled', title: '取消' },
  { value: 'postponed', title: '延期' },
  { value: 'moved', title: '改地点 / 时间' },
];

function localTime(name: string, title: string, required: boolean) {
  return defineField({
    name,
    title,
    type: 'string',
    description: '当地时间，写成 2026-12-05T09:30',
    placeholder: '2026-12-05T09:30',
    validation: (rule: StringRule) => {
      const r = rule.regex(LOCAL_DATE_TIME, { name: 'YYYY-MM-DDTHH:mm' });
      return required ? r.required() : r;
    },
  });
}

/** The end must come after the start (the model's rule). */
export function checkEnd(end: string | undefined, start: string | undefined): true | string {
  return !end || !start || end > start ? true : `结束时间（${end}）必须晚于开始时间（${start}）`;
}

export const eventLocation = defineType({
  name: 'eventLocation',
  title: '地点',
  type: 'object',
  fields: [
    requiredField('name', '地点名称', 'string'),
    requiredField('address', '地址', 'string'),
    defineField({
      name: 'geo',
      title: '坐标',
      type: 'object',
      options: { collapsible: true, collapsed: true },
      fields: [
        defineField({ name: 'lat', title: '纬度', type: 'number', validation: (r) => r.required().min(-90).max(90) }),
        defineField({ name: 'lng', title: '经度', type: 'number', validation: (r) => r.required().min(-180).max(180) }),
      ],
    }),
  ],
});

export const eventTranslation = defineType({
  name: 'eventTranslation',
  title: '活动译文',
  type: 'object',
  fields: [
    requiredField('title', '标题', 'string'),
    summaryField('en'),
    defineField({ name: 'description', title: '介绍', type: 'text', rows: 6 }),
  ],
});

export const event = defineType({
  name: 'event',
  title: '活动',
  type: 'document',
  icon: CalendarIcon,
  groups: [GROUPS.content, GROUPS.time, GROUPS.signup, GROUPS.translations],
  fields: [
    defineField({
      name: 'healthAdvice',
      title: '含健康建议',
      description: '活动介绍里给出了健康建议（怎么吃、怎么练、什么情况要就医……）就打开：需要医学审核批准后才能发布。',
      type: 'boolean',
      group: 'content',
      initialValue: false,
    }),
    reviewField(),
    defineField({
      name: 'title',
      title: '标题',
      type: 'string',
      group: 'content',
      validation: (r) => r.required().max(60),
    }),
    { ...idField('slug', 'title'), group: 'content' },
    { ...summaryField(), group: 'content' },
    requiredField('description', '介绍', 'text', { description: '纯文字，空一行分段。', rows: 8, group: 'content' }),
    choiceField('type', '类型', EVENT_TYPES, { required: true, group: 'content' }),
    choiceField('status', '状态', EVENT_STATUSES, { layout: 'radio', group: 'content', initialValue: 'scheduled' }),
    defineField({
      name: 'statusNote',
      title: '状态说明',
      description: '取消、延期或改地点时告诉居民原因和新的安排。',
      type: 'text',
      rows: 2,
      group: 'content',
    }),
    requiredField('organiser', '主办', 'string', { group: 'content' }),
    refsField('audiences', '适合人群', 'audience', 1, 'content'),
    refsField('topics', '主题', 'topic', 0, 'content'),
    defineField({ name: 'image', title: '图片', type: 'contentImage', group: 'content' }),
    { ...localTime('start', '开始', true), group: 'time' },
    {
      ...localTime('end', '结束', true),
      group: 'time',
      validation: (rule: Rule) =>
        rule
          .required()
          .regex(LOCAL_DATE_TIME, { name: 'YYYY-MM-DDTHH:mm' })
          .custom((end: string | undefined, ctx) =>
            checkEnd(end, (ctx.document as { start?: string } | undefined)?.start),
          ),
    },
    choiceField('timeZone', '时区', [{ value: 'Asia/Shanghai', title: '北京时间' }], {
      group: 'time',
      initialValue: 'Asia/Shanghai',
    }),
    defineField({
      name: 'rrule',
      title: '重复规则',
      group: 'time',
      type: 'string',
      description:
        '不重复就留空。重复的活动按规则写，常用的有：每周二 FREQ=WEEKLY;BYDAY=TU，每月第一个周六 FREQ=MONTHLY;BYDAY=1SA，到 2027 年 2 月底为止加 ;UNTIL=20270228T235959Z（星期：MO 一 TU 二 WE 三 TH 四 FR 五 SA 六 SU 日）。写错时下面会用中文提示。',
      validation: (r) =>
        r.custom((v: string | undefined, ctx) =>
          checkRruleField(v, (ctx.document as { start?: string } | undefined)?.start),
        ),
    }),
    defineField({
      name: 'exceptions',
      title: '不举行的日期',
      description: '重复活动中停办的那一次的开始时间。',
      group: 'time',
      type: 'array',
      of: [
        defineArrayMember({
          type: 'string',
          validation: (r) =>
            r
              .regex(LOCAL_DATE_TIME, { name: 'YYYY-MM-DDTHH:mm' })
              .custom((v: string | undefined, ctx) =>
                checkOccurrence(v, ctx.document as { start?: string; rrule?: string } | undefined),
              ),
        }),
      ],
    }),
    defineField({
      name: 'overrides',
      title: '单次调整',
      group: 'time',
      type: 'array',
      of: [
        defineArrayMember({
          type: 'object',
          name: 'occurrenceOverride',
          title: '单次调整',
          fields: [
            {
              ...localTime('occurrence', '原定开始时间', true),
              validation: (rule: Rule) =>
                rule
                  .required()
                  .regex(LOCAL_DATE_TIME, { name: 'YYYY-MM-DDTHH:mm' })
                  .custom((v: string | undefined, ctx) =>
                    checkOccurrence(v, ctx.document as { start?: string; rrule?: string } | undefined),
                  ),
            },
            defineField({
              name: 'status',
              title: '状态',
              type: 'string',
              options: { list: EVENT_STATUSES },
              validation: (r) => r.required(),
            }),
            localTime('start', '新的开始', false),
            {
              ...localTime('end', '新的结束', false),
              validation: (rule: Rule) =>
                rule
                  .regex(LOCAL_DATE_TIME, { name: 'YYYY-MM-DDTHH:mm' })
                  .custom((end: string | undefined, ctx) =>
                    checkEnd(end, (ctx.parent as { start?: string } | undefined)?.start),
                  ),
            },
            defineField({ name: 'location', title: '新的地点', type: 'eventLocation' }),
            defineField({ name: 'note', title: '说明', type: 'string' }),
          ],
          preview: { select: { title: 'occurrence', subtitle: 'status' } },
        }),
      ],
    }),
    requiredField('location', '地点', 'eventLocation', { group: 'time' }),
    defineField({
      name: 'accessibility',
      title: '无障碍说明',
      description: '轮椅、电梯、手语、座位等。',
      type: 'text',
      rows: 2,
      group: 'time',
    }),
    defineField({
      name: 'signUp',
      title: '报名方式',
      type: 'object',
      group: 'signup',
      validation: (r) => r.required(),
      fields: [
        defineField({
          name: 'how',
          title: '怎么报名',
          type: 'string',
          validation: (r) => r.required(),
          options: {
            list: [
              { value: 'none', title: '不用报名' },
              { value: 'walk-in', title: '直接来' },
              { value: 'phone', title: '电话' },
              { value: 'wechat', title: '微信' },
              { value: 'url', title: '网址' },
            ],
          },
        }),
        defineField({
          name: 'phone',
          title: '电话',
          type: 'string',
          validation: (r) =>
            r.custom((v, ctx) =>
              (ctx.parent as { how?: string } | undefined)?.how === 'phone' && !v
                ? '电话报名需要电话号码'
                : checkPhone(v),
            ),
        }),
        defineField({
          name: 'url',
          title: '网址',
          type: 'url',
          validation: (r) =>
            r.custom((v, ctx) =>
              (ctx.parent as { how?: string } | undefined)?.how === 'url' && !v ? '网上报名需要网址' : true,
            ),
        }),
        defineField({ name: 'capacity', title: '名额', type: 'number', validation: (r) => r.integer().positive() }),
        defineField({ name: 'note', title: '说明', type: 'string' }),
      ],
    }),
    defineField({
      name: 'volunteersWanted',
      title: '招募志愿者',
      type: 'object',
      group: 'signup',
      options: { collapsible: true, collapsed: true },
      fields: [
        defineField({ name: 'count', title: '人数', type: 'number', validation: (r) => r.integer().positive() }),
        defineField({ name: 'note', title: '说明', type: 'string', validation: (r) => r.required() }),
      ],
    }),
    defineField({
      name: 'sequence',
      title: '修改次数',
      description: '已发布的活动每次改时间或地点时加 1，手机日历才会更新。',
      type: 'number',
      group: 'time',
      initialValue: 0,
      validation: (r) => r.integer().min(0),
    }),
    defineField({ name: 'updatedAt', title: '更新时间', type: 'string', group: 'content' }),
    translationsField('eventTranslation'),
  ],
  orderings: [{ title: '开始时间', name: 'startAsc', by: [{ field: 'start', direction: 'asc' }] }],
  preview: {
    select: { title: 'title', start: 'start', status: 'status', media: 'image' },
    prepare: ({ title, start, status, media }) => ({
      title,
      media,
      subtitle: `${(start ?? '').replace('T', ' ')}${status && status !== 'scheduled' ? ` · ${EVENT_STATUSES.find((s) => s.value === status)?.title}` : ''}`,
    }),
  },
});
