/** 健康宣传日: mirrors src/content/model/healthDay.ts (fixed Gregorian date, or a lunar month/day). */
import { CalendarIcon } from '@sanity/icons/Calendar';
import { defineField, defineType } from 'sanity';
import { idField, refsField } from './common.ts';

export const healthDay = defineType({
  name: 'healthDay',
  title: '健康宣传日',
  type: 'document',
  icon: CalendarIcon,
  fields: [
    idField('id', undefined, '标识'),
    defineField({ name: 'name', title: '名称', type: 'localeString', validation: (r) => r.required() }),
    defineField({
      name: 'rule',
      title: '日期规则',
      type: 'object',
      validation: (r) => r.required(),
      fields: [
        defineField({ name: 'calendar', title: '历法', type: 'string', initialValue: 'gregorian',
          options: { list: [{ value: 'gregorian', title: '公历' }, { value: 'chinese', title: '农历' }], layout: 'radio' },
          validation: (r) => r.required() }),
        defineField({ name: 'month', title: '月', type: 'number', validation: (r) => r.required().integer().min(1).max(12) }),
        defineField({
          name: 'day', title: '日', type: 'number',
          validation: (r) => r.required().integer().min(1).custom((day: number | undefined, ctx) => {
            const cal = (ctx.parent as { calendar?: string } | undefined)?.calendar;
            return day === undefined || day <= (cal === 'chinese' ? 30 : 31) ? true : '日期超出范围（农历最多 30 日）';
          }),
        }),
        defineField({ name: 'days', title: '持续天数', description: '宣传周填 7。', type: 'number', initialValue: 1, validation: (r) => r.integer().min(1).max(31) }),
      ],
    }),
    refsField('topics', '主题', 'topic'),
    refsField('audiences', '人群', 'audience'),
  ],
  preview: {
    select: { title: 'name.zh_hans', cal: 'rule.calendar', m: 'rule.month', d: 'rule.day' },
    prepare: ({ title, cal, m, d }) => ({ title, subtitle: `${cal === 'chinese' ? '农历' : '公历'} ${m ?? '?'}月${d ?? '?'}日` }),
  },
});
