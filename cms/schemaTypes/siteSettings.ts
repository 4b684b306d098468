/** 网站设置 (one document): mirrors src/domain/model/siteSettings.ts. */
import { CogIcon } from '@sanity/icons/Cog';
import { checkPhone, choiceField, requiredField } from './common.ts';
import { defineArrayMember, defineField, defineType } from 'sanity';

export const siteSettings = defineType({
  name: 'siteSettings',
  title: '网站设置',
  type: 'document',
  icon: CogIcon,
  fields: [
    requiredField('communityName', '社区名称', 'localeString'),
    requiredField('centreName', '卫生服务中心名称', 'localeString'),
    requiredField('tagline', '标语', 'localeString'),
    defineField({
      name: 'contact',
      title: '联系方式',
      type: 'object',
      validation: (r) => r.required(),
      fields: [
        defineField({
          name: 'phone',
          title: '电话',
          type: 'string',
          validation: (r) => r.required().custom(checkPhone),
        }),
        defineField({ name: 'address', title: '地址', type: 'localeString', validation: (r) => r.required() }),
        defineField({ name: 'hours', title: '开放时间', type: 'localeString', validation: (r) => r.required() }),
      ],
    }),
    defineField({
      name: 'emergency',
      title: '急救电话',
      description: '必须包括 120、110 和 119。',
      type: 'array',
      of: [
        defineArrayMember({
          type: 'object',
          name: 'emergencyNumber',
          fields: [
            defineField({
              name: 'number',
              title: '号码',
              type: 'string',
              validation: (r) => r.required().regex(/^\d{3,5}$/),
            }),
            defineField({ name: 'label', title: '说明', type: 'localeString', validation: (r) => r.required() }),
          ],
          preview: { select: { title: 'number', subtitle: 'label.zh_hans' } },
        }),
      ],
      validation: (r) =>
        r
          .required()
          .min(1)
          .custom((list: Array<{ number?: string }> | undefined) =>
            ['120', '110', '119'].every((n) => list?.some((e) => e.number === n))
              ? true
              : '急救电话必须包括 120、110 和 119',
          ),
    }),
    choiceField(
      'defaultLocale',
      '默认语言',
      [
        { value: 'zh-hans', title: '简体中文' },
        { value: 'zh-hant', title: '繁體中文' },
        { value: 'yue', title: '粤语' },
        { value: 'en', title: 'English' },
      ],
      { initialValue: 'zh-hans' },
    ),
    defineField({
      name: 'sampleNotice',
      title: '示例内容提示',
      description: '网站仍是示例内容时显示在页脚。',
      type: 'localeString',
    }),
  ],
  preview: { prepare: () => ({ title: '网站设置' }) },
});
