/**
 * A quiz in a reader's locale, with the same fallback as articles: yue → zh-hant → zh-hans; zh-hant → zh-hans;
 * en → zh-hans (the page says so). Pure: the page passes the result to the island.
 */
import type { QuizDef, QuizQuestion, ResultBand } from './engine.ts';

type Loc = 'zh-hans' | 'zh-hant' | 'yue' | 'en';

interface QuizTranslation {
  title: string;
  intro: string;
  disclaimer: string;
  questions: Record<string, { text: string; explain?: string; options?: string[]; optionExplains?: Array<string | undefined>; unit?: string }>;
  results?: Array<{ title: string; advice: string }>;
}

export interface LocalizableQuiz extends QuizDef {
  title: string;
  intro: string;
  disclaimer: string;
  translations: Partial<Record<Exclude<Loc, 'zh-hans'>, QuizTranslation | undefined>>;
}

export interface LocalizedQuiz extends QuizDef {
  title: string;
  intro: string;
  disclaimer: string;
  /** The locale the quiz text is really in. */
  textLocale: Loc;
}

const CHAIN: Record<Loc, Loc[]> = {
  'zh-hans': ['zh-hans'],
  'zh-hant': ['zh-hant', 'zh-hans'],
  yue: ['yue', 'zh-hant', 'zh-hans'],
  en: ['en', 'zh-hans'],
};

export function localizeQuiz(quiz: LocalizableQuiz, locale: Loc): LocalizedQuiz {
  const textLocale = CHAIN[locale].find((l) => l === 'zh-hans' || quiz.translations[l]) ?? 'zh-hans';
  const base = { slug: quiz.slug, kind: quiz.kind };
  if (textLocale === 'zh-hans') {
    return { ...base, title: quiz.title, intro: quiz.intro, disclaimer: quiz.disclaimer, questions: quiz.questions, results: quiz.results, textLocale };
  }
  const tr = quiz.translations[textLocale]!;
  const questions: QuizQuestion[] = quiz.questions.map((q) => {
    const t = tr.questions[q.id];
    if (!t) return q;
    return {
      ...q,
      text: t.text,
      explain: t.explain ?? q.explain,
      unit: t.unit ?? q.unit,
      options: q.options.map((o, i) => ({ ...o, label: t.options?.[i] ?? o.label, explain: t.optionExplains?.[i] ?? o.explain })),
    };
  });
  const results: ResultBand[] = quiz.results.map((r, i) => ({ ...r, ...(tr.results?.[i] ?? {}) }));
  return { ...base, title: tr.title, intro: tr.intro, disclaimer: tr.disclaimer, questions, results, textLocale };
}
