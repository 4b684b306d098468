/** 健康宣传日: mirrors src/domain/model/healthDay.ts (fixed Gregorian date, or a lunar month/day). */
import { CalendarIcon } from '@sanity/icons/Calendar';
import { defineField, defineType } from 'sanity';
import { idField, refsField, requiredField } from './common.ts';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A day that exists in its month (公历 2 月 29 日 only in leap years, so refused, as the build does). */
export function checkDay(
  rule: { calendar?: string; month?: number } | undefined,
  day: number | undefined,
): true | string {
  if (day === undefined) return true;
  if (rule?.calendar === 'chinese') return day <= 30 ? true : '日期超出范围（农历最多 30 日）';
  const max = rule?.month ? (DAYS_IN_MONTH[rule.month - 1] ?? 31) : 31;
  if (day <= max) return true;
  return rule?.month === 2 && day === 29
    ? '2 月 29 日只有闰年才有，三年里会缺两年；请改成 2 月 28 日或 3 月 1 日'
    : `${rule?.month} 月没有 ${day} 日（只有 ${max} 天）`;
}

export const healthDay = defineType({
  name: 'healthDay',
  title: '健康宣传日',
  type: 'document',
  icon: CalendarIcon,
  fields: [
    idField('id', undefined, '标识'),
    requiredField('name', '名称', 'localeString'),
    defineField({
      name: 'rule',
      title: '日期规则',
      type: 'object',
      validation: (r) => r.required(),
      fields: [
        defineField({
          name: 'calendar',
          title: '历法',
          type: 'string',
          initialValue: 'gregorian',
          options: {
            list: [
              { value: 'gregorian', title: '公历' },
              { value: 'chinese', title: '农历' },
            ],
            layout: 'radio',
          },
          validation: (r) => r.required(),
        }),
        defineField({
          name: 'month',
          title: '月',
          type: 'number',
          validation: (r) => r.required().integer().min(1).max(12),
        }),
        defineField({
          name: 'day',
          title: '日',
          type: 'number',
          validation: (r) =>
            r
              .required()
              .integer()
              .min(1)
              .custom((day: number | undefined, ctx) =>
                checkDay(ctx.parent as { calendar?: string; month?: number } | undefined, day),
              ),
        }),
        defineField({
          name: 'days',
          title: '持续天数',
          description: '宣传周填 7。',
          type: 'number',
          initialValue: 1,
          validation: (r) => r.integer().min(1).max(31),
        }),
      ],
    }),
    refsField('topics', '主题', 'topic'),
    refsField('audiences', '人群', 'audience'),
  ],
  preview: {
    select: { title: 'name.zh_hans', cal: 'rule.calendar', m: 'rule.month', d: 'rule.day' },
    prepare: ({ title, cal, m, d }) => ({
      title,
      subtitle: `${cal === 'chinese' ? '农历' : '公历'} ${m ?? '?'}月${d ?? '?'}日`,
    }),
  },
});
