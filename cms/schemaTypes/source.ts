/**
 * 参考来源: the shared source list (content/sources.yaml in git; mirrors sourceEntrySchema in
 * src/domain/model/article.ts). Articles and self-checks cite a source by reference, so one guideline reads the
 * same on every page; a new edition is one edit here, and the articles citing it are listed under the document.
 */
import { BookIcon } from '@sanity/icons/Book';
import { defineField, defineType } from 'sanity';
import { idField, requiredField } from './common.ts';

export const source = defineType({
  name: 'source',
  title: '参考来源',
  type: 'document',
  icon: BookIcon,
  fields: [
    idField('id', 'title', '标识'),
    requiredField('title', '标题', 'string', {
      description: '按原文写全，连同版本，例如 中国高血压防治指南（2024年修订版）。',
    }),
    requiredField('publisher', '发布机构', 'string', { description: '同一份指南在所有文章里写法一致。' }),
    defineField({
      name: 'year',
      title: '年份',
      description: '发表的年份（期刊发表的指南写刊出的年份）。',
      type: 'number',
      validation: (r) => r.required().integer().min(1900).max(2100),
    }),
    defineField({ name: 'edition', title: '版本', description: '标题里带的版本，例如 2024年修订版。', type: 'string' }),
    defineField({ name: 'url', title: '网址', type: 'url' }),
    defineField({
      name: 'updatedAt',
      title: '变更日期',
      description: '换了新版本或改了标题、出处时填今天：引用它、在这之前审核的文章和自测都会列为“待复审”。',
      type: 'date',
      options: { dateFormat: 'YYYY-MM-DD' },
    }),
  ],
  preview: {
    select: { title: 'title', publisher: 'publisher', year: 'year' },
    prepare: ({ title, publisher, year }) => ({ title, subtitle: [publisher, year].filter(Boolean).join(' · ') }),
  },
});

/** A self-check's source: the source document and the part of it the self-check uses. */
export const quizSource = defineType({
  name: 'quizSource',
  title: '量表来源',
  type: 'object',
  fields: [
    requiredField('source', '参考来源', 'reference', { to: [{ type: 'source' }] }),
    defineField({ name: 'section', title: '章节或量表', description: '例如 中国糖尿病风险评分表。', type: 'string' }),
  ],
  preview: { select: { title: 'source.title', subtitle: 'section' } },
});
