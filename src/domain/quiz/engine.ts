/**
 * The quiz engine: pure scoring of self-checks and knowledge quizzes. No React, no Astro, no I/O.
 *
 * Answers are kept per question id:
 *   single, boolean → the chosen option's index
 *   multi           → the chosen options' indexes
 *   number          → the value typed (derived questions, e.g. BMI, are computed, never typed)
 */

export interface QuizOption {
  label: string;
  points: number;
  correct?: boolean;
  explain?: string;
}

/** Points a number earns, by half-open range [min, max); `when` limits the band to one answer of another question. */
export interface NumberBand {
  min?: number;
  max?: number;
  points: number;
  when?: { question: string; option: number };
}

export interface QuizQuestion {
  id: string;
  text: string;
  type: 'single' | 'multi' | 'boolean' | 'number';
  options: QuizOption[];
  explain?: string;
  unit?: string;
  min?: number;
  max?: number;
  bands: NumberBand[];
  derived?: { formula: 'bmi'; inputs: readonly [string, string] };
  scored: boolean;
  recommend: string[];
}

export interface ResultBand {
  min: number;
  max: number;
  title: string;
  advice: string;
  recommend: { articles: string[]; audiences: string[] };
}

export interface QuizDef {
  slug: string;
  kind: 'knowledge' | 'risk';
  questions: QuizQuestion[];
  results: ResultBand[];
}

export type AnswerValue = number | number[];
export type Answers = Record<string, AnswerValue | undefined>;

/** Questions the person is asked (derived ones are computed). */
export function askedQuestions<Q extends QuizQuestion>(quiz: { questions: Q[] }): Q[] {
  return quiz.questions.filter((q) => !q.derived);
}

/** Avoids 0.1 + 0.2 noise in sums of decimal points. */
const tidy = (n: number): number => Math.round(n * 1e6) / 1e6;

/** BMI in kg/m² from height in cm and weight in kg, rounded to one decimal as the published tables print it. */
export function bmi(heightCm: number, weightKg: number): number {
  const m = heightCm / 100;
  return Math.round((weightKg / (m * m)) * 10) / 10;
}

/** The value of a number question: typed, or derived from other answers. Undefined while inputs are missing. */
export function numberValue(q: QuizQuestion, answers: Answers): number | undefined {
  if (q.derived) {
    const [h, w] = q.derived.inputs.map((id) => answers[id]);
    if (typeof h !== 'number' || typeof w !== 'number' || h <= 0 || w <= 0) return undefined;
    return bmi(h, w);
  }
  const v = answers[q.id];
  return typeof v === 'number' ? v : undefined;
}

/** Why a typed number is refused, or null when it is fine. */
export function numberProblem(q: QuizQuestion, value: number): 'nan' | 'low' | 'high' | null {
  if (!Number.isFinite(value)) return 'nan';
  if (q.min !== undefined && value < q.min) return 'low';
  if (q.max !== undefined && value > q.max) return 'high';
  return null;
}

function bandApplies(b: NumberBand, answers: Answers): boolean {
  return !b.when || answers[b.when.question] === b.when.option;
}

/** The number band a value falls into, given the other answers (for `when`). */
export function numberBand(q: QuizQuestion, value: number, answers: Answers): NumberBand | undefined {
  return q.bands.find(
    (b) => bandApplies(b, answers) && (b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max),
  );
}

/** True when a question has a right answer (knowledge questions). */
export function hasCorrect(q: QuizQuestion): boolean {
  return q.options.some((o) => o.correct !== undefined);
}

/** Whether an answer is right: single/boolean pick a correct option; multi picks exactly the correct set. */
export function isCorrect(q: QuizQuestion, answer: AnswerValue | undefined): boolean | undefined {
  if (!hasCorrect(q) || answer === undefined) return undefined;
  if (q.type === 'multi') {
    const picked = new Set(Array.isArray(answer) ? answer : [answer]);
    return q.options.every((o, i) => Boolean(o.correct) === picked.has(i));
  }
  return typeof answer === 'number' && Boolean(q.options[answer]?.correct);
}

/** Points one question earns. Undefined while it cannot be scored yet (unanswered or inputs missing). */
export function questionPoints(q: QuizQuestion, answers: Answers): number | undefined {
  if (!q.scored) return 0;
  if (q.type === 'number') {
    const v = numberValue(q, answers);
    if (v === undefined) return undefined;
    return numberBand(q, v, answers)?.points;
  }
  const a = answers[q.id];
  if (a === undefined) return undefined;
  if (q.type === 'multi') {
    const picked = Array.isArray(a) ? a : [a];
    // A knowledge question earns its correct options' points (the largest, when several are correct) only when
    // exactly the correct set is picked.
    if (hasCorrect(q))
      return isCorrect(q, picked) ? Math.max(...q.options.filter((o) => o.correct).map((o) => o.points)) : 0;
    return tidy(picked.reduce((s, i) => s + (q.options[i]?.points ?? 0), 0));
  }
  return typeof a === 'number' ? (q.options[a]?.points ?? 0) : undefined;
}

/** Whether the question has an acceptable answer. */
export function isAnswered(q: QuizQuestion, answers: Answers): boolean {
  const a = answers[q.id];
  if (q.type === 'multi') return Array.isArray(a) && a.length > 0;
  if (q.type === 'number') return typeof a === 'number' && numberProblem(q, a) === null;
  return typeof a === 'number' && a >= 0 && a < q.options.length;
}

export interface QuizResult {
  score: number;
  band: ResultBand | undefined;
  bandIndex: number;
  /** Per question: its points (undefined when unscorable). */
  points: Record<string, number | undefined>;
  /** Knowledge quizzes: how many were answered correctly, of how many. */
  correct?: { right: number; of: number };
}

/** Scores a finished quiz and finds its result band. */
export function scoreQuiz(quiz: QuizDef, answers: Answers): QuizResult {
  const points: Record<string, number | undefined> = {};
  let score = 0;
  for (const q of quiz.questions) {
    const p = questionPoints(q, answers);
    points[q.id] = p;
    score += p ?? 0;
  }
  score = tidy(score);
  const bandIndex = quiz.results.findIndex((b) => score >= b.min && score <= b.max);
  const result: QuizResult = { score, band: quiz.results[bandIndex], bandIndex, points };
  const knowledge = quiz.questions.filter(hasCorrect);
  if (knowledge.length > 0) {
    result.correct = { right: knowledge.filter((q) => isCorrect(q, answers[q.id])).length, of: knowledge.length };
  }
  return result;
}

/** Articles to read for the answers given: the band's, then those of questions answered wrong or scoring points. */
export function recommendedArticles(quiz: QuizDef, answers: Answers, result: QuizResult): string[] {
  const out = new Set(result.band?.recommend.articles ?? []);
  for (const q of quiz.questions) {
    if (q.recommend.length === 0) continue;
    const wrong = isCorrect(q, answers[q.id]) === false;
    const risky = !hasCorrect(q) && (result.points[q.id] ?? 0) > 0;
    if (wrong || risky) q.recommend.forEach((id) => out.add(id));
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------------------
// Build-time checks: result bands cover every reachable score exactly once; number bands cover their range.

/** The distinct point values one question can earn. */
export function possiblePoints(q: QuizQuestion): number[] {
  if (!q.scored) return [0];
  if (q.type === 'number') return [...new Set(q.bands.map((b) => b.points))];
  if (q.type === 'multi') {
    if (hasCorrect(q)) return [...new Set([0, Math.max(...q.options.filter((o) => o.correct).map((o) => o.points))])];
    let sums = new Set<number>([0]);
    for (const o of q.options) sums = new Set([...sums, ...[...sums].map((s) => tidy(s + o.points))]);
    return [...sums];
  }
  return [...new Set(q.options.map((o) => o.points))];
}

/** Every total score a quiz can reach, ascending. */
export function reachableScores(quiz: QuizDef): number[] {
  let totals = new Set<number>([0]);
  for (const q of quiz.questions) {
    const next = new Set<number>();
    for (const t of totals) for (const p of possiblePoints(q)) next.add(tidy(t + p));
    totals = next;
  }
  return [...totals].sort((a, b) => a - b);
}

export interface QuizProblem {
  /** Field path inside the quiz, e.g. `results[1]` or `questions[2].bands`. */
  path: string;
  message: string;
}

/** Checks a quiz's bands; an empty list means the quiz can be published. */
export function checkQuiz(quiz: QuizDef): QuizProblem[] {
  const problems: QuizProblem[] = [];
  const name = (i: number) => `"${quiz.results[i]!.title}"`;
  quiz.results.forEach((b, i) => {
    if (b.min > b.max)
      problems.push({
        path: `results[${i}]`,
        message: `quiz "${quiz.slug}": band ${name(i)} has min ${b.min} above max ${b.max}`,
      });
  });
  for (const s of reachableScores(quiz)) {
    const hits = quiz.results.map((b, i) => (s >= b.min && s <= b.max ? i : -1)).filter((i) => i >= 0);
    if (hits.length === 0)
      problems.push({ path: 'results', message: `quiz "${quiz.slug}": reachable score ${s} is in no result band` });
    if (hits.length > 1) {
      problems.push({
        path: `results[${hits[1]}]`,
        message: `quiz "${quiz.slug}": bands ${hits.map(name).join(' and ')} overlap at score ${s}`,
      });
    }
  }
  quiz.questions.forEach((q, qi) => {
    if (q.type !== 'number' || !q.scored) return;
    if (q.bands.length === 0) {
      problems.push({
        path: `questions[${qi}].bands`,
        message: `quiz "${quiz.slug}": number question "${q.id}" has no bands`,
      });
      return;
    }
    // One group of bands per `when` condition; each group must tile (-∞, +∞) without gaps or overlaps.
    const groups = new Map<string, NumberBand[]>();
    for (const b of q.bands) {
      const key = b.when ? `${b.when.question}=${b.when.option}` : '';
      groups.set(key, [...(groups.get(key) ?? []), b]);
    }
    for (const [key, bands] of groups) {
      const where = key ? ` (when ${key})` : '';
      const sorted = [...bands].sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
      const start = q.min ?? -Infinity;
      let edge = -Infinity;
      for (const b of sorted) {
        const lo = b.min ?? -Infinity;
        const hi = b.max ?? Infinity;
        if (lo > Math.max(edge, start))
          problems.push({
            path: `questions[${qi}].bands`,
            message: `quiz "${quiz.slug}": question "${q.id}"${where}: no band for values from ${Math.max(edge, start)} to ${lo}`,
          });
        if (lo < edge)
          problems.push({
            path: `questions[${qi}].bands`,
            message: `quiz "${quiz.slug}": question "${q.id}"${where}: bands overlap from ${lo} to ${edge}`,
          });
        if (hi <= lo)
          problems.push({
            path: `questions[${qi}].bands`,
            message: `quiz "${quiz.slug}": question "${q.id}"${where}: empty band [${lo}, ${hi})`,
          });
        edge = Math.max(edge, hi);
      }
      const uncoveredTop = q.max !== undefined ? edge <= q.max : edge !== Infinity;
      if (uncoveredTop)
        problems.push({
          path: `questions[${qi}].bands`,
          message: `quiz "${quiz.slug}": question "${q.id}"${where}: no band for values from ${edge} up`,
        });
    }
  });
  return problems;
}
