/**
 * 健康家庭: mirrors src/domain/model/family.ts. Only a surname or chosen name; no recorded consent, no
 * publication (consent is required, so the Studio will not publish without it); `hidden` removes a family
 * from the whole site at the next build.
 */
import { HomeIcon } from '@sanity/icons/Home';
import { defineArrayMember, defineField, defineType } from 'sanity';
import { dateField, idField, refsField, summaryField, requiredField, GROUPS } from './common.ts';
import { translationsField } from './locale.ts';
import { reviewField } from './review.ts';

export const familyTranslation = defineType({
  name: 'familyTranslation',
  title: '家庭故事译文',
  type: 'object',
  fields: [
    requiredField('displayName', '称呼', 'string'),
    requiredField('members', '家庭成员', 'string'),
    summaryField('en'),
    defineField({ name: 'story', title: '故事', type: 'richText' }),
    defineField({ name: 'habits', title: '好习惯', type: 'array', of: [defineArrayMember({ type: 'string' })] }),
    defineField({ name: 'awardTitle', title: '荣誉名称', type: 'string' }),
  ],
});

export const family = defineType({
  name: 'family',
  title: '健康家庭',
  type: 'document',
  icon: HomeIcon,
  groups: [GROUPS.content, GROUPS.consent, GROUPS.translations],
  fields: [
    defineField({
      name: 'healthAdvice',
      title: '含健康建议',
      description: '内容里给出了健康建议（怎么吃、怎么练、什么情况要就医……）就打开：需要医学审核批准后才能发布。',
      type: 'boolean',
      group: 'content',
      initialValue: false,
    }),
    reviewField(),
    defineField({
      name: 'consent',
      title: '发布同意',
      group: 'consent',
      description: '家庭书面同意后才能发布：记录日期和经办人。没有同意记录不能发布。',
      type: 'object',
      validation: (r) => r.required().error('没有记录同意，不能发布这个家庭'),
      fields: [
        { ...dateField('recordedAt', '同意日期'), validation: (r) => r.required().error('填写同意日期才能发布') },
        defineField({
          name: 'by',
          title: '经办人',
          type: 'string',
          validation: (r) => r.required().error('填写经办人才能发布'),
        }),
      ],
    }),
    defineField({
      name: 'hidden',
      title: '从网站撤下',
      description: '家庭要求撤下时勾选：下次构建后网站上不再出现。',
      type: 'boolean',
      group: 'consent',
      initialValue: false,
    }),
    defineField({
      name: 'displayName',
      title: '称呼',
      description: '只用姓氏或自选称呼（如 李家、老周），不写全名。',
      type: 'string',
      group: 'content',
      validation: (r) => r.required().max(30),
    }),
    { ...idField('slug', 'displayName'), group: 'content' },
    requiredField('members', '家庭成员', 'string', {
      description: '用文字概括，如 祖孙三代五口人。',
      group: 'content',
    }),
    { ...summaryField(), group: 'content' },
    defineField({
      name: 'story',
      title: '故事',
      type: 'richText',
      group: 'content',
      validation: (r) => r.required().min(1).error('故事不能为空'),
    }),
    defineField({
      name: 'photos',
      title: '照片',
      type: 'array',
      group: 'content',
      of: [defineArrayMember({ type: 'contentImage' })],
    }),
    defineField({
      name: 'habits',
      title: '好习惯',
      type: 'array',
      group: 'content',
      of: [defineArrayMember({ type: 'string' })],
      validation: (r) => r.required().min(1),
    }),
    defineField({
      name: 'award',
      title: '荣誉',
      type: 'object',
      group: 'content',
      validation: (r) => r.required(),
      fields: [
        defineField({ name: 'title', title: '名称', type: 'string', validation: (r) => r.required() }),
        defineField({
          name: 'year',
          title: '年份',
          type: 'number',
          validation: (r) => r.required().integer().min(2000).max(2100),
        }),
      ],
    }),
    requiredField('building', '楼栋 / 小区', 'string', { group: 'content' }),
    defineField({
      name: 'fictional',
      title: '示例内容（虚构）',
      type: 'boolean',
      group: 'content',
      initialValue: false,
    }),
    refsField('audiences', '人群', 'audience', 0, 'content'),
    refsField('topics', '主题', 'topic', 0, 'content'),
    translationsField('familyTranslation'),
  ],
  preview: {
    select: {
      title: 'displayName',
      members: 'members',
      media: 'photos.0',
      consent: 'consent.recordedAt',
      hidden: 'hidden',
    },
    prepare: ({ title, members, media, consent, hidden }) => ({
      title,
      media,
      subtitle: `${hidden ? '已撤下 · ' : ''}${consent ? '' : '待同意 · '}${members ?? ''}`,
    }),
  },
});
