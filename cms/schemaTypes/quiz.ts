/**
 * 自测 (self-check or knowledge quiz): mirrors src/domain/model/quiz.ts. The result bands are checked with the
 * site's own engine (src/domain/quiz/engine.ts), so the Studio refuses exactly what the build refuses: a reachable
 * score in no band or in two, a number question whose bands leave a gap.
 */
import { CheckmarkCircleIcon } from '@sanity/icons/CheckmarkCircle';
import { defineArrayMember, defineField, defineType } from 'sanity';
import { checkQuiz, type QuizDef } from '@hc/domain/quiz/engine.ts';
import { ID_PATTERN } from '@hc/domain/model/patterns.ts';
import { dateField, idField, refsField, summaryField, choiceField, requiredField, GROUPS } from './common.ts';
import { reviewedFields } from './article.ts';
import { translationsField } from './locale.ts';
import { reviewField } from './review.ts';

const idString = (name: string, title: string, required = true) =>
  defineField({
    name,
    title,
    type: 'string',
    validation: (r) => (required ? r.required() : r).regex(ID_PATTERN, { name: '小写字母、数字和连字符' }),
  });

interface QuizDoc {
  slug?: { current?: string };
  kind?: 'knowledge' | 'risk';
  questions?: Array<
    Record<string, unknown> & {
      id?: string;
      options?: Array<{ label?: string; points?: number }>;
      bands?: unknown[];
      scored?: boolean;
    }
  >;
  results?: Array<{ min?: number; max?: number; title?: string }>;
}

/** The document as the engine sees it (defaults as in the Zod model). */
export function quizDef(doc: QuizDoc): QuizDef {
  return {
    slug: doc.slug?.current ?? '',
    kind: doc.kind ?? 'risk',
    questions: (doc.questions ?? []).map((q) => ({
      ...(q as object),
      id: q.id ?? '',
      options: (q.options ?? []).map((o) => ({ ...o, label: o.label ?? '', points: o.points ?? 0 })),
      bands: (q.bands ?? []) as QuizDef['questions'][number]['bands'],
      scored: q.scored ?? true,
      recommend: [],
    })) as unknown as QuizDef['questions'],
    results: (doc.results ?? []).map((r) => ({
      min: r.min ?? 0,
      max: r.max ?? 0,
      title: r.title ?? '',
      advice: '',
      recommend: { articles: [], audiences: [] },
    })),
  };
}

/** Choice questions need at least two options; a yes/no question exactly two (as the build requires). */
export function checkOptions(type: string | undefined, count: number): true | string {
  if (type === 'boolean' && count !== 2) return `是 / 否题需要正好 2 个选项（现在 ${count} 个）`;
  if ((type === 'single' || type === 'multi') && count < 2) return `选择题至少需要 2 个选项（现在 ${count} 个）`;
  return true;
}

/** Option labels are unique within a question (in the original and in each translation). */
export function checkOptionLabels(labels: Array<string | undefined>): true | string {
  const seen = new Set<string>();
  for (const l of labels) {
    const label = l?.trim();
    if (!label) continue;
    if (seen.has(label)) return `选项“${label}”重复了：同一道题的选项文字必须不同`;
    seen.add(label);
  }
  return true;
}

/** Question ids are unique within a quiz. */
export function checkQuestionIds(questions: Array<{ id?: string }> | undefined): true | string {
  const seen = new Set<string>();
  for (const q of questions ?? []) {
    if (!q.id) continue;
    if (seen.has(q.id)) return `题目标识“${q.id}”重复了：每道题的标识必须不同`;
    seen.add(q.id);
  }
  return true;
}

export function checkBands(doc: QuizDoc | undefined): true | string {
  if (!doc?.questions?.length || !doc.results?.length) return true;
  const problems = checkQuiz(quizDef(doc));
  return problems.length === 0 ? true : problems.map((p) => p.message).join('；');
}

const option = defineArrayMember({
  type: 'object',
  name: 'quizOption',
  title: '选项',
  fields: [
    requiredField('label', '选项文字', 'string'),
    defineField({ name: 'points', title: '分数', type: 'number', initialValue: 0 }),
    defineField({ name: 'correct', title: '正确答案（知识题）', type: 'boolean' }),
    defineField({ name: 'explain', title: '解释', type: 'text', rows: 2 }),
  ],
  preview: {
    select: { title: 'label', points: 'points' },
    prepare: ({ title, points }) => ({ title, subtitle: `${points ?? 0} 分` }),
  },
});

const numberBand = defineArrayMember({
  type: 'object',
  name: 'numberBand',
  title: '数值区间',
  description: '左闭右开 [最小, 最大)',
  fields: [
    defineField({ name: 'min', title: '最小（含）', type: 'number' }),
    defineField({ name: 'max', title: '最大（不含）', type: 'number' }),
    requiredField('points', '分数', 'number'),
    defineField({
      name: 'when',
      title: '仅当',
      description: '只在另一题选了某个选项时适用（如按性别分的腰围）。',
      type: 'object',
      fields: [
        idString('question', '题目标识'),
        defineField({
          name: 'option',
          title: '选项序号（从 0 开始）',
          type: 'number',
          validation: (r) => r.required().integer().min(0),
        }),
      ],
    }),
  ],
});

const QUESTION_TYPE: Record<string, string> = { single: '单选', multi: '多选', boolean: '是 / 否', number: '填数字' };

const question = defineArrayMember({
  type: 'object',
  name: 'quizQuestion',
  title: '题目',
  fields: [
    idString('id', '题目标识'),
    requiredField('text', '题目', 'text', { rows: 2 }),
    choiceField(
      'type',
      '题型',
      [
        { value: 'single', title: '单选' },
        { value: 'multi', title: '多选' },
        { value: 'boolean', title: '是 / 否' },
        { value: 'number', title: '填数字' },
      ],
      { required: true },
    ),
    defineField({
      name: 'options',
      title: '选项',
      type: 'array',
      of: [option],
      validation: (r) =>
        r.custom((opts: Array<{ label?: string }> | undefined, ctx) => {
          const count = checkOptions((ctx.parent as { type?: string } | undefined)?.type, opts?.length ?? 0);
          return count === true ? checkOptionLabels((opts ?? []).map((o) => o.label)) : count;
        }),
    }),
    defineField({ name: 'explain', title: '解释', type: 'text', rows: 2 }),
    defineField({ name: 'unit', title: '单位', type: 'string' }),
    defineField({ name: 'min', title: '最小值', type: 'number' }),
    defineField({ name: 'max', title: '最大值', type: 'number' }),
    defineField({ name: 'bands', title: '数值计分区间', type: 'array', of: [numberBand] }),
    defineField({
      name: 'derived',
      title: '由其他题计算',
      type: 'object',
      fields: [
        defineField({
          name: 'formula',
          title: '公式',
          type: 'string',
          options: { list: [{ value: 'bmi', title: 'BMI（身高 cm、体重 kg）' }] },
          validation: (r) => r.required(),
        }),
        defineField({
          name: 'inputs',
          title: '输入题目标识（身高、体重）',
          type: 'array',
          of: [defineArrayMember({ type: 'string' })],
          validation: (r) => r.required().length(2),
        }),
      ],
    }),
    defineField({
      name: 'scored',
      title: '计分',
      description: '只收集不计分的题（如身高、体重）取消勾选。',
      type: 'boolean',
      initialValue: true,
    }),
    refsField('recommend', '推荐文章', 'article'),
  ],
  preview: {
    select: { title: 'text', type: 'type' },
    prepare: ({ title, type }) => ({ title, subtitle: QUESTION_TYPE[type as string] }),
  },
});

const resultBand = defineArrayMember({
  type: 'object',
  name: 'resultBand',
  title: '结果区间',
  fields: [
    requiredField('min', '最低总分（含）', 'number'),
    defineField({
      name: 'max',
      title: '最高总分（含）',
      type: 'number',
      validation: (r) => r.required().min(r.valueOfField('min')),
    }),
    requiredField('title', '结果', 'string'),
    requiredField('advice', '建议', 'text', { rows: 3 }),
    defineField({
      name: 'recommend',
      title: '推荐',
      type: 'object',
      fields: [refsField('articles', '文章', 'article'), refsField('audiences', '人群', 'audience')],
    }),
  ],
  preview: {
    select: { title: 'title', min: 'min', max: 'max' },
    prepare: ({ title, min, max }) => ({ title, subtitle: `${min}–${max} 分` }),
  },
});

export const quizTranslation = defineType({
  name: 'quizTranslation',
  title: '自测译文',
  type: 'object',
  fields: [
    requiredField('title', '标题', 'string'),
    requiredField('intro', '开场说明', 'text', { rows: 3 }),
    requiredField('disclaimer', '免责说明', 'text', { rows: 2 }),
    defineField({
      name: 'questions',
      title: '题目译文',
      type: 'array',
      of: [
        defineArrayMember({
          type: 'object',
          name: 'questionTranslation',
          fields: [
            idString('questionId', '题目标识'),
            defineField({ name: 'text', title: '题目', type: 'text', rows: 2, validation: (r) => r.required() }),
            defineField({ name: 'explain', title: '解释', type: 'text', rows: 2 }),
            defineField({
              name: 'options',
              title: '选项（顺序同原文）',
              type: 'array',
              of: [defineArrayMember({ type: 'string' })],
              validation: (r) => r.custom((labels: string[] | undefined) => checkOptionLabels(labels ?? [])),
            }),
            defineField({
              name: 'optionExplains',
              title: '选项解释（顺序同原文，可留空）',
              type: 'array',
              of: [defineArrayMember({ type: 'string' })],
            }),
            defineField({ name: 'unit', title: '单位', type: 'string' }),
          ],
          preview: { select: { title: 'text' } },
        }),
      ],
    }),
    defineField({
      name: 'results',
      title: '结果译文（顺序同原文）',
      type: 'array',
      of: [
        defineArrayMember({
          type: 'object',
          name: 'resultTranslation',
          fields: [
            defineField({ name: 'title', title: '结果', type: 'string', validation: (r) => r.required() }),
            defineField({ name: 'advice', title: '建议', type: 'text', rows: 3, validation: (r) => r.required() }),
          ],
        }),
      ],
    }),
  ],
});

export const quiz = defineType({
  name: 'quiz',
  title: '自测',
  type: 'document',
  icon: CheckmarkCircleIcon,
  groups: [GROUPS.content, GROUPS.review, GROUPS.translations],
  validation: (rule) => rule.custom((doc) => checkBands(doc as QuizDoc | undefined)),
  fields: [
    requiredField('title', '标题', 'string', { group: 'content' }),
    { ...idField('slug', 'title'), group: 'content' },
    choiceField(
      'kind',
      '类型',
      [
        { value: 'knowledge', title: '知识问答' },
        { value: 'risk', title: '风险自测' },
      ],
      { required: true, layout: 'radio', group: 'content' },
    ),
    { ...summaryField(), group: 'content' },
    requiredField('intro', '开场说明', 'text', { rows: 3, group: 'content' }),
    defineField({
      name: 'questions',
      title: '题目',
      type: 'array',
      group: 'content',
      of: [question],
      validation: (r) =>
        r
          .required()
          .min(1)
          .custom((qs: Array<{ id?: string }> | undefined) => checkQuestionIds(qs)),
    }),
    defineField({
      name: 'results',
      title: '结果区间',
      description: '每一个能得到的总分都必须恰好落在一个区间里。',
      type: 'array',
      group: 'content',
      of: [resultBand],
      validation: (r) =>
        r
          .required()
          .min(1)
          .custom((_v, ctx) => checkBands(ctx.document as QuizDoc | undefined)),
    }),
    requiredField('source', '量表来源', 'quizSource', { group: 'content' }),
    requiredField('disclaimer', '免责说明', 'text', { rows: 2, group: 'content' }),
    refsField('audiences', '人群', 'audience', 0, 'content'),
    refsField('topics', '主题', 'topic', 0, 'content'),
    ...reviewedFields('review'),
    { ...dateField('updatedAt', '更新日期', '改了题目、计分或建议时填今天。', false), group: 'review' },
    translationsField('quizTranslation'),
    reviewField('review'),
  ],
  preview: {
    select: { title: 'title', subtitle: 'summary', due: 'nextReviewDue' },
    prepare: ({ title, subtitle, due }) => ({
      title,
      subtitle: due ? `下次复审 ${due} · ${subtitle ?? ''}` : subtitle,
    }),
  },
});
