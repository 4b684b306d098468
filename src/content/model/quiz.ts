import { z } from 'zod';
import { sourceSchema } from './article.ts';
import { idSchema, summarySchema } from './common.ts';

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
  derived: z
    .object({ formula: z.literal('bmi'), inputs: z.tuple([idSchema, idSchema]) })
    .optional(),
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
    .object({ articles: z.array(idSchema).default([]), audiences: z.array(idSchema).default([]) })
    .default({ articles: [], audiences: [] }),
});

const quizTranslationSchema = z.strictObject({
  title: z.string().min(1),
  intro: z.string().min(1),
  disclaimer: z.string().min(1),
  /** Per question id: text, explanation and option labels in the same order as the original. */
  questions: z
    .record(z.string(), z.strictObject({ text: z.string().min(1), explain: z.string().optional(), options: z.array(z.string()).optional(), optionExplains: z.array(z.string().optional()).optional(), unit: z.string().optional() }))
    .default({}),
  results: z.array(z.strictObject({ title: z.string().min(1), advice: z.string().min(1) })).optional(),
});

export const quizSchema = z.strictObject({
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
  translations: z
    .object({
      'zh-hant': quizTranslationSchema.optional(),
      yue: quizTranslationSchema.optional(),
      en: quizTranslationSchema.optional(),
    })
    .default({}),
});
export type Quiz = z.infer<typeof quizSchema>;
export type Question = z.infer<typeof questionSchema>;
