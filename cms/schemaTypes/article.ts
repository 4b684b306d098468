/** 健康科普文章: mirrors src/domain/model/article.ts. */
import { daysOverdue } from '@hc/domain/review.ts';
import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { defineArrayMember, defineField, defineType, type Rule } from 'sanity';
import { dateField, idField, refsField, summaryField, GROUPS } from './common.ts';
import { translationsField } from './locale.ts';
import { reviewField, SET_BY_APPROVAL } from './review.ts';
import { todayInChina } from '../structure/index.ts';
import { MAX_REVIEW_YEARS, nextReviewProblem } from '@hc/domain/model/reviewers.ts';

/** A warning when the next review date has passed (the build's review report lists these articles too). */
export function checkOverdue(next: string | undefined, today: string): true | string {
  const days = daysOverdue(next, today);
  return days === 0 ? true : `已过复审日期 ${days} 天：请医生复审，审核通过后会更新审核日期`;
}

/** next review after the review date and at most three years after it (the model's rule, in the editor's words). */
export function checkNextReview(next: string | undefined, reviewed: string | undefined): true | string {
  if (!next || !reviewed) return true;
  const problem = nextReviewProblem(reviewed, next);
  if (!problem) return true;
  if (next <= reviewed) return '下次复审日期必须晚于审核日期';
  return `下次复审最晚在审核后 ${MAX_REVIEW_YEARS} 年内（最晚 ${Number(reviewed.slice(0, 4)) + MAX_REVIEW_YEARS}${reviewed.slice(4)}）`;
}

/**
 * 审核人, 审核日期, 下次复审 (articles and self-checks): read-only, filled in by the 批准 action; the next review
 * date may be moved earlier by a reviewer's approval only. 更新日期 is the editor's.
 */
export function reviewedFields(group: string) {
  return [
    defineField({
      name: 'reviewer',
      title: '审核人',
      description: SET_BY_APPROVAL,
      type: 'reviewer',
      group,
      readOnly: true,
    }),
    { ...dateField('reviewedAt', '审核日期', SET_BY_APPROVAL, false), group, readOnly: true },
    {
      ...dateField(
        'nextReviewDue',
        '下次复审',
        `${SET_BY_APPROVAL}批准时定在一年后（最多 ${MAX_REVIEW_YEARS} 年）。到期的内容会出现在“复审到期”里。`,
        false,
      ),
      group,
      readOnly: true,
      validation: (rule: Rule) => [
        rule.custom((value: string | undefined, ctx) =>
          checkNextReview(value, (ctx.document as { reviewedAt?: string } | undefined)?.reviewedAt),
        ),
        // Overdue is a warning, not an error: the document stays online while the review is arranged.
        rule.custom((value: string | undefined) => checkOverdue(value, todayInChina())).warning(),
      ],
    },
  ];
}

export const articleTranslation = defineType({
  name: 'articleTranslation',
  title: '文章译文',
  type: 'object',
  fields: [
    defineField({ name: 'title', title: '标题', type: 'string', validation: (r) => r.required().max(120) }),
    summaryField('en'),
    defineField({ name: 'body', title: '正文', type: 'richText', validation: (r) => r.required().min(1) }),
    defineField({ name: 'translator', title: '译者', type: 'string' }),
  ],
});

const stringList = (name: string, title: string, description: string) =>
  defineField({
    name,
    title,
    description,
    type: 'array',
    group: 'search',
    of: [defineArrayMember({ type: 'string' })],
    options: { layout: 'tags' },
  });

export const article = defineType({
  name: 'article',
  title: '科普文章',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [GROUPS.content, GROUPS.review, GROUPS.search, GROUPS.media, GROUPS.translations],
  fields: [
    defineField({
      name: 'title',
      title: '标题',
      description: '60 字以内，说清楚这篇讲什么。',
      type: 'string',
      group: 'content',
      validation: (r) => r.required().max(60),
    }),
    { ...idField('slug', 'title'), group: 'content' },
    { ...summaryField(), group: 'content' },
    defineField({
      name: 'body',
      title: '正文',
      description: '用小标题分段，短句，多用列表。',
      type: 'richText',
      group: 'content',
      validation: (r) => r.required().min(1).error('正文不能为空'),
    }),
    refsField('audiences', '适合人群', 'audience', 1, 'content'),
    refsField('topics', '主题', 'topic', 1, 'content'),
    defineField({ name: 'featured', title: '首页推荐', type: 'boolean', group: 'content', initialValue: false }),
    stringList('keywords', '关键词', '搜索用的关键词。'),
    stringList('aliases', '别名和常见写法', '方言说法、俗称、常见错别字，例如 血压高、高血圧。'),
    defineField({ name: 'hero', title: '题图', type: 'contentImage', group: 'media' }),
    defineField({
      name: 'audio',
      title: '方言朗读',
      type: 'array',
      group: 'media',
      of: [defineArrayMember({ type: 'audioTrack' })],
    }),
    ...reviewedFields('review'),
    defineField({
      name: 'sources',
      title: '参考来源',
      description: '至少一条：从“参考来源”列表里选（国家指南、权威机构发布的资料）；列表里没有的，先在那里新建。',
      type: 'array',
      group: 'review',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'source' }] })],
      validation: (r) => r.required().min(1).error('文章至少需要一条参考来源').unique(),
    }),
    { ...dateField('updatedAt', '更新日期'), group: 'review' },
    reviewField('review'),
    translationsField('articleTranslation'),
  ],
  orderings: [{ title: '下次复审（最早）', name: 'nextReviewAsc', by: [{ field: 'nextReviewDue', direction: 'asc' }] }],
  preview: {
    select: { title: 'title', subtitle: 'summary', media: 'hero', due: 'nextReviewDue' },
    prepare: ({ title, subtitle, media, due }) => ({
      title,
      subtitle: due ? `下次复审 ${due} · ${subtitle ?? ''}` : subtitle,
      media,
    }),
  },
});
