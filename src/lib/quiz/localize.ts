/**
 * A quiz in a reader's locale, through the one fallback (src/lib/localize/resolve.ts): a human translation in the
 * locale or its fallbacks, else the original converted with the locale's OpenCC target (Traditional pages), else
 * the original (en, marked as Chinese). Pure: the page passes the result to the island.
 */
import type { Locale, TranslatedLocale } from '@hc/domain/locales/registry.ts';
import { resolveText } from '../localize/resolve.ts';
import type { QuizDef, QuizQuestion, ResultBand } from '@hc/domain/quiz/engine.ts';

interface QuizTranslation {
  title: string;
  intro: string;
  disclaimer: string;
  summary?: string;
  questions: Record<
    string,
    { text: string; explain?: string; options?: string[]; optionExplains?: Array<string | undefined>; unit?: string }
  >;
  results?: Array<{ title: string; advice: string }>;
}

export interface LocalizableQuiz extends QuizDef {
  title: string;
  summary?: string;
  intro: string;
  disclaimer: string;
  translations: Partial<Record<TranslatedLocale, QuizTranslation | undefined>>;
}

export interface LocalizedQuiz extends QuizDef {
  title: string;
  summary: string;
  intro: string;
  disclaimer: string;
  /** The locale the quiz text is really in. */
  textLocale: Locale;
}

/** Every string of a quiz a reader sees, in one shape for the original and each translation. */
interface QuizText {
  title: string;
  summary: string;
  intro: string;
  disclaimer: string;
  questions: Array<{
    text: string;
    explain?: string;
    unit?: string;
    options: Array<{ label: string; explain?: string }>;
  }>;
  results: Array<{ title: string; advice: string }>;
}

function originalText(quiz: LocalizableQuiz): QuizText {
  return {
    title: quiz.title,
    summary: quiz.summary ?? '',
    intro: quiz.intro,
    disclaimer: quiz.disclaimer,
    questions: quiz.questions.map((q) => ({
      text: q.text,
      explain: q.explain,
      unit: q.unit,
      options: q.options.map((o) => ({ label: o.label, explain: o.explain })),
    })),
    results: quiz.results.map((r) => ({ title: r.title, advice: r.advice })),
  };
}

/** A translation over the original: what it leaves out stays as in the original. */
function translatedText(quiz: LocalizableQuiz, base: QuizText, tr: QuizTranslation): QuizText {
  return {
    title: tr.title,
    summary: tr.summary ?? base.summary,
    intro: tr.intro,
    disclaimer: tr.disclaimer,
    questions: quiz.questions.map((q, qi) => {
      const t = tr.questions[q.id];
      const b = base.questions[qi]!;
      if (!t) return b;
      return {
        text: t.text,
        explain: t.explain ?? b.explain,
        unit: t.unit ?? b.unit,
        options: b.options.map((o, i) => ({
          label: t.options?.[i] ?? o.label,
          explain: t.optionExplains?.[i] ?? o.explain,
        })),
      };
    }),
    results: base.results.map((r, i) => tr.results?.[i] ?? r),
  };
}

export function localizeQuiz(quiz: LocalizableQuiz, locale: Locale): LocalizedQuiz {
  const base = originalText(quiz);
  // What a translation leaves out (the summary, an untranslated question) is filled from the original as this
  // locale shows it (converted on Traditional pages), so a translated page never mixes in Simplified text.
  const fill = resolveText(locale, base, {}).value;
  const human: Partial<Record<TranslatedLocale, QuizText>> = {};
  for (const [l, tr] of Object.entries(quiz.translations) as Array<[TranslatedLocale, QuizTranslation | undefined]>) {
    if (tr) human[l] = translatedText(quiz, fill, tr);
  }
  const { value: text, textLocale } = resolveText(locale, base, human);
  const questions: QuizQuestion[] = quiz.questions.map((q, qi) => {
    const t = text.questions[qi]!;
    return {
      ...q,
      text: t.text,
      explain: t.explain,
      unit: t.unit,
      options: q.options.map((o, i) => ({ ...o, label: t.options[i]!.label, explain: t.options[i]!.explain })),
    };
  });
  const results: ResultBand[] = quiz.results.map((r, i) => ({ ...r, ...text.results[i] }));
  return {
    slug: quiz.slug,
    kind: quiz.kind,
    title: text.title,
    summary: text.summary,
    intro: text.intro,
    disclaimer: text.disclaimer,
    questions,
    results,
    textLocale,
  };
}
