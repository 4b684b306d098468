import { z } from 'zod';
import { reviewerSchema, sourceSchema } from './article.ts';
import { dateSchema, idSchema, summarySchema, translationsSchema } from './common.ts';
import { nextReviewProblem } from './reviewers.ts';

const optionSchema = z.strictObject({
  label: z.string().trim().min(1),
  points: z.number().default(0),
  correct: z.boolean().optional(),
  explain: z.string().optional(),
});

/** For number questions: the points a value earns, by half-open range [min, max). */
const numberBandSchema = z.strictObject({
  min: z.number().optional(),
  max: z.number().optional(),
  points: z.number(),
  /** Only when another question has this answer (option index), e.g. waist bands that differ by sex. */
  when: z.strictObject({ question: idSchema, option: z.number().int().min(0) }).optional(),
});

export const questionSchema = z.strictObject({
  id: idSchema,
  text: z.string().trim().min(1),
  type: z.enum(['single', 'multi', 'boolean', 'number']),
  options: z.array(optionSchema).default([]),
  /** Shown after a knowledge answer. */
  explain: z.string().optional(),
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  bands: z.array(numberBandSchema).default([]),
  /** A value computed from other answers, e.g. BMI from height and weight. */
  derived: z.strictObject({ formula: z.literal('bmi'), inputs: z.tuple([idSchema, idSchema]) }).optional(),
  /** Inputs that are collected but score nothing themselves (e.g. height, weight for BMI). */
  scored: z.boolean().default(true),
  recommend: z.array(idSchema).default([]),
});

export const resultBandSchema = z.strictObject({
  min: z.number(),
  max: z.number(),
  title: z.string().trim().min(1),
  advice: z.string().trim().min(1),
  recommend: z
    .strictObject({ articles: z.array(idSchema).default([]), audiences: z.array(idSchema).default([]) })
    .default({ articles: [], audiences: [] }),
});

const quizTranslationSchema = z.strictObject({
  title: z.string().min(1),
  intro: z.string().min(1),
  disclaimer: z.string().min(1),
  /** Per question id: text, explanation and option labels in the same order as the original. */
  questions: z
    .record(
      z.string(),
      z.strictObject({
        text: z.string().min(1),
        explain: z.string().optional(),
        options: z.array(z.string()).optional(),
        optionExplains: z.array(z.string().optional()).optional(),
        unit: z.string().optional(),
      }),
    )
    .default({}),
  results: z.array(z.strictObject({ title: z.string().min(1), advice: z.string().min(1) })).optional(),
});

export const quizSchema = z
  .strictObject({
    slug: idSchema,
    kind: z.enum(['knowledge', 'risk']),
    title: z.string().trim().min(1),
    summary: summarySchema,
    intro: z.string().trim().min(1),
    questions: z.array(questionSchema).min(1),
    results: z.array(resultBandSchema).min(1),
    source: sourceSchema,
    disclaimer: z.string().trim().min(1),
    audiences: z.array(idSchema).default([]),
    topics: z.array(idSchema).default([]),
    translations: translationsSchema(() => quizTranslationSchema).default({}),
    /** A self-check gives health advice: it is reviewed like an article. */
    reviewer: reviewerSchema,
    reviewedAt: dateSchema,
    nextReviewDue: dateSchema,
    /** The day the questions, scoring or advice last changed (later than reviewedAt: 待复审). */
    updatedAt: dateSchema.optional(),
  })
  .superRefine((q, ctx) => {
    const due = nextReviewProblem(q.reviewedAt, q.nextReviewDue);
    if (due) ctx.addIssue({ code: 'custom', path: ['nextReviewDue'], message: due });
    q.questions.forEach((qq, i) => {
      const labels = new Map<string, number>();
      qq.options.forEach((o, j) => {
        const key = o.label.trim();
        const seen = labels.get(key);
        if (seen !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'options', j, 'label'],
            message: `option label "${key}" is used twice in this question (also options[${seen}])`,
          });
        else labels.set(key, j);
      });
    });
    const first = new Map<string, number>();
    q.questions.forEach((qq, i) => {
      const seen = first.get(qq.id);
      if (seen !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'id'],
          message: `duplicate question id "${qq.id}" (also questions[${seen}])`,
        });
      else first.set(qq.id, i);
      if (qq.type === 'boolean' && qq.options.length !== 2) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'options'],
          message: `a yes/no question needs exactly 2 options (has ${qq.options.length})`,
        });
      } else if ((qq.type === 'single' || qq.type === 'multi') && qq.options.length < 2) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'options'],
          message: `a ${qq.type === 'single' ? 'single' : 'multiple'}-choice question needs at least 2 options (has ${qq.options.length})`,
        });
      }
    });
    const ids = [...first.keys()];
    q.questions.forEach((qq, i) => {
      qq.bands.forEach((b, j) => {
        if (b.when && !first.has(b.when.question)) {
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'bands', j, 'when', 'question'],
            message: `unknown question id "${b.when.question}" (known: ${ids.join(', ')})`,
          });
        }
      });
      qq.derived?.inputs.forEach((id, j) => {
        if (!first.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'derived', 'inputs', j],
            message: `unknown question id "${id}" (known: ${ids.join(', ')})`,
          });
      });
    });
    for (const [locale, t] of Object.entries(q.translations)) {
      if (!t) continue;
      for (const [id, tq] of Object.entries(t.questions)) {
        const i = first.get(id);
        if (i === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['translations', locale, 'questions', id],
            message: `no question has the id "${id}" (known: ${ids.join(', ')})`,
          });
          continue;
        }
        const n = q.questions[i]!.options.length;
        if (tq.options && tq.options.length !== n) {
          ctx.addIssue({
            code: 'custom',
            path: ['translations', locale, 'questions', id, 'options'],
            message: `has ${tq.options.length} option labels; the question has ${n} options`,
          });
        }
        const labels = new Map<string, number>();
        (tq.options ?? []).forEach((label, j) => {
          const seen = labels.get(label.trim());
          if (seen !== undefined)
            ctx.addIssue({
              code: 'custom',
              path: ['translations', locale, 'questions', id, 'options', j],
              message: `option label "${label.trim()}" is used twice in this question (also options[${seen}])`,
            });
          else labels.set(label.trim(), j);
        });
      }
      if (t.results && t.results.length !== q.results.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['translations', locale, 'results'],
          message: `has ${t.results.length} results; the quiz has ${q.results.length}`,
        });
      }
    }
  });
export type Quiz = z.infer<typeof quizSchema>;
export type Question = z.infer<typeof questionSchema>;
