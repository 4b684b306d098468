/** The quiz engine on small hand-made quizzes: every question type, derived BMI, bands and the build-time check. */
import { describe, expect, it } from 'vitest';
import {
  askedQuestions,
  bmi,
  checkQuiz,
  isAnswered,
  isCorrect,
  numberProblem,
  questionPoints,
  reachableScores,
  recommendedArticles,
  scoreQuiz,
  type QuizDef,
  type QuizQuestion,
} from '@hc/domain/quiz/engine.ts';

const Q = (q: Partial<QuizQuestion> & Pick<QuizQuestion, 'id' | 'type'>): QuizQuestion => ({
  text: q.id,
  options: [],
  bands: [],
  scored: true,
  recommend: [],
  ...q,
});
const band = (min: number, max: number, title = `${min}-${max}`) => ({
  min,
  max,
  title,
  advice: 'a',
  recommend: { articles: [], audiences: [] },
});

const knowledge: QuizDef = {
  slug: 'k',
  kind: 'knowledge',
  questions: [
    Q({
      id: 'one',
      type: 'single',
      options: [
        { label: 'a', points: 0 },
        { label: 'b', points: 1, correct: true },
      ],
      recommend: ['read-one'],
    }),
    Q({
      id: 'tf',
      type: 'boolean',
      options: [
        { label: '对', points: 1, correct: true },
        { label: '错', points: 0 },
      ],
    }),
    Q({
      id: 'many',
      type: 'multi',
      options: [
        { label: 'x', points: 1, correct: true },
        { label: 'y', points: 1, correct: true },
        { label: 'z', points: 0, correct: false },
      ],
    }),
  ],
  results: [band(0, 1, 'low'), band(2, 3, 'high')],
};

const risk: QuizDef = {
  slug: 'r',
  kind: 'risk',
  questions: [
    Q({
      id: 'sex',
      type: 'single',
      options: [
        { label: 'f', points: 0 },
        { label: 'm', points: 2 },
      ],
    }),
    Q({ id: 'h', type: 'number', min: 100, max: 230, scored: false }),
    Q({ id: 'w', type: 'number', min: 25, max: 250, scored: false }),
    Q({
      id: 'bmi',
      type: 'number',
      derived: { formula: 'bmi', inputs: ['h', 'w'] },
      bands: [
        { max: 24, points: 0 },
        { min: 24, points: 3 },
      ],
      recommend: ['weight'],
    }),
    Q({
      id: 'waist',
      type: 'number',
      min: 40,
      max: 200,
      bands: [
        { max: 80, points: 0, when: { question: 'sex', option: 0 } },
        { min: 80, points: 5, when: { question: 'sex', option: 0 } },
        { max: 90, points: 0, when: { question: 'sex', option: 1 } },
        { min: 90, points: 5, when: { question: 'sex', option: 1 } },
      ],
    }),
    Q({
      id: 'habits',
      type: 'multi',
      options: [
        { label: 'smoke', points: 2 },
        { label: 'sit', points: 1 },
      ],
    }),
  ],
  results: [band(0, 4, 'ok'), band(5, 15, 'see a doctor')],
};

describe('BMI', () => {
  it('is weight / height² rounded to one decimal', () => {
    expect(bmi(170, 65)).toBe(22.5);
    expect(bmi(160, 61.4)).toBe(24);
    expect(bmi(100, 23.94)).toBe(23.9);
    expect(bmi(100, 23.95)).toBe(24); // rounds up to the next band, as the printed table would
  });
});

describe('knowledge questions', () => {
  it('single, boolean and multi are right or wrong', () => {
    const [one, tf, many] = knowledge.questions as [QuizQuestion, QuizQuestion, QuizQuestion];
    expect(isCorrect(one, 1)).toBe(true);
    expect(isCorrect(one, 0)).toBe(false);
    expect(isCorrect(one, undefined)).toBeUndefined();
    expect(isCorrect(tf, 0)).toBe(true);
    expect(isCorrect(many, [0, 1])).toBe(true);
    expect(isCorrect(many, [1, 0])).toBe(true);
    expect(isCorrect(many, [0])).toBe(false);
    expect(isCorrect(many, [0, 1, 2])).toBe(false);
  });
  it('a multi question earns its point only when exactly right', () => {
    const many = knowledge.questions[2]!;
    expect(questionPoints(many, { many: [0, 1] })).toBe(1);
    expect(questionPoints(many, { many: [0] })).toBe(0);
    expect(questionPoints(many, {})).toBeUndefined();
  });
  it('scores, counts right answers and recommends reading for wrong answers', () => {
    const all = scoreQuiz(knowledge, { one: 1, tf: 0, many: [0, 1] });
    expect(all).toMatchObject({ score: 3, bandIndex: 1, correct: { right: 3, of: 3 } });
    const some = scoreQuiz(knowledge, { one: 0, tf: 0, many: [0] });
    expect(some).toMatchObject({ score: 1, bandIndex: 0, correct: { right: 1, of: 3 } });
    expect(recommendedArticles(knowledge, { one: 0, tf: 0, many: [0] }, some)).toEqual(['read-one']);
    expect(recommendedArticles(knowledge, { one: 1, tf: 0, many: [0, 1] }, all)).toEqual([]);
  });
});

describe('risk questions', () => {
  it('derived questions are not asked', () => {
    expect(askedQuestions(risk).map((q) => q.id)).toEqual(['sex', 'h', 'w', 'waist', 'habits']);
  });
  it('number bands are half-open and may depend on another answer', () => {
    const waist = risk.questions[4]!;
    expect(questionPoints(waist, { sex: 0, waist: 79.9 })).toBe(0);
    expect(questionPoints(waist, { sex: 0, waist: 80 })).toBe(5);
    expect(questionPoints(waist, { sex: 1, waist: 80 })).toBe(0);
    expect(questionPoints(waist, { sex: 1, waist: 90 })).toBe(5);
    expect(questionPoints(waist, { waist: 90 })).toBeUndefined(); // sex unknown: no band applies
  });
  it('derived BMI scores from height and weight, and waits for both', () => {
    const b = risk.questions[3]!;
    expect(questionPoints(b, { h: 160 })).toBeUndefined();
    expect(questionPoints(b, { h: 160, w: 61.3 })).toBe(0); // 23.9
    expect(questionPoints(b, { h: 160, w: 61.4 })).toBe(3); // 24.0
  });
  it('unscored inputs earn nothing; multi risk questions add their options', () => {
    expect(questionPoints(risk.questions[1]!, { h: 170 })).toBe(0);
    expect(questionPoints(risk.questions[5]!, { habits: [0, 1] })).toBe(3);
  });
  it('bands and recommendations', () => {
    const answers = { sex: 1, h: 160, w: 70, waist: 95, habits: [] };
    const r = scoreQuiz(risk, answers);
    expect(r).toMatchObject({ score: 10, bandIndex: 1 });
    expect(r.correct).toBeUndefined();
    expect(recommendedArticles(risk, answers, r)).toEqual(['weight']);
  });
  it('validates typed numbers', () => {
    const h = risk.questions[1]!;
    expect(numberProblem(h, 99)).toBe('low');
    expect(numberProblem(h, 231)).toBe('high');
    expect(numberProblem(h, Number.NaN)).toBe('nan');
    expect(numberProblem(h, 170)).toBeNull();
    expect(isAnswered(h, { h: 170 })).toBe(true);
    expect(isAnswered(h, { h: 20 })).toBe(false);
    expect(isAnswered(risk.questions[5]!, { habits: [] })).toBe(false);
    expect(isAnswered(risk.questions[0]!, { sex: 2 })).toBe(false);
  });
});

describe('build-time band check', () => {
  it('computes every reachable score', () => {
    expect(reachableScores(knowledge)).toEqual([0, 1, 2, 3]);
    expect(reachableScores(risk)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]); // sex 0|2 + BMI 0|3 + waist 0|5 + habits 0–3
  });
  it('passes good quizzes', () => {
    expect(checkQuiz(knowledge)).toEqual([]);
    expect(checkQuiz(risk)).toEqual([]);
  });
  it('names the quiz and the score a gap leaves out', () => {
    expect(checkQuiz({ ...knowledge, results: [band(0, 1, 'low'), band(3, 3, 'high')] })).toEqual([
      { path: 'results', message: 'quiz "k": reachable score 2 is in no result band' },
    ]);
  });
  it('names the quiz and both bands that overlap', () => {
    expect(checkQuiz({ ...knowledge, results: [band(0, 2, 'low'), band(2, 3, 'high')] })).toEqual([
      { path: 'results[1]', message: 'quiz "k": bands "low" and "high" overlap at score 2' },
    ]);
  });
  it('finds gaps and overlaps in number bands, per condition', () => {
    const broken: QuizDef = {
      ...risk,
      questions: risk.questions.map((q) =>
        q.id === 'waist'
          ? {
              ...q,
              bands: [
                { max: 80, points: 0, when: { question: 'sex', option: 0 } },
                { min: 81, points: 5, when: { question: 'sex', option: 0 } },
                { max: 91, points: 0, when: { question: 'sex', option: 1 } },
                { min: 90, points: 5, when: { question: 'sex', option: 1 } },
              ],
            }
          : q,
      ),
    };
    expect(checkQuiz(broken).map((p) => p.message)).toEqual([
      'quiz "r": question "waist" (when sex=0): no band for values from 80 to 81',
      'quiz "r": question "waist" (when sex=1): bands overlap from 90 to 91',
    ]);
  });
  it("number bands must reach the question's min and max", () => {
    const short: QuizDef = {
      ...risk,
      questions: [Q({ id: 'age', type: 'number', min: 20, max: 74, bands: [{ min: 20, max: 65, points: 0 }] })],
      results: [band(0, 0, 'only')],
    };
    expect(checkQuiz(short).map((p) => p.message)).toEqual(['quiz "r": question "age": no band for values from 65 up']);
  });
});
