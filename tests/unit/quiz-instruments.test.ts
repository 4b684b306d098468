/**
 * The three published instruments, scored at every band boundary. If a table in content/quizzes changes,
 * these tests say which value moved. Sources: see the header of each content/quizzes/*.yaml file.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/sample.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import type { Quiz } from '@hc/domain/model/index.ts';
import { checkQuiz, questionPoints, reachableScores, scoreQuiz, type Answers } from '@hc/domain/quiz/engine.ts';

let quizzes: Map<string, Quiz>;
beforeAll(async () => {
  const set = await loadLocalContent(path.resolve('content'));
  quizzes = new Map(set.quizzes.map((q) => [q.data.slug, q.data]));
});
const quiz = (slug: string) => quizzes.get(slug)!;
const q = (slug: string, id: string) => quiz(slug).questions.find((x) => x.id === id)!;

describe.runIf(SAMPLE)('Chinese Diabetes Risk Score (中国2型糖尿病防治指南 2020)', () => {
  const S = 'diabetes-risk';
  const FEMALE = 0;
  const MALE = 1;
  const pts = (id: string, answers: Answers) => questionPoints(q(S, id), answers);

  it('age bands: 20–24 0, 25–34 4, 35–39 8, 40–44 11, 45–49 12, 50–54 13, 55–59 15, 60–64 16, 65–74 18', () => {
    const table: Array<[number, number]> = [
      [20, 0],
      [24, 0],
      [25, 4],
      [34, 4],
      [35, 8],
      [39, 8],
      [40, 11],
      [44, 11],
      [45, 12],
      [49, 12],
      [50, 13],
      [54, 13],
      [55, 15],
      [59, 15],
      [60, 16],
      [64, 16],
      [65, 18],
      [74, 18],
    ];
    for (const [age, p] of table) expect(pts('age', { age }), `age ${age}`).toBe(p);
    expect(q(S, 'age').min).toBe(20);
    expect(q(S, 'age').max).toBe(74);
  });

  it('BMI bands: <22.0 0, 22.0–23.9 1, 24.0–29.9 3, ≥30.0 5 (BMI rounded to one decimal)', () => {
    const at = (h: number, w: number) => pts('bmi', { height: h, weight: w });
    // height 100 cm makes BMI equal to the weight in kg.
    const table: Array<[number, number]> = [
      [21.9, 0],
      [22.0, 1],
      [23.9, 1],
      [24.0, 3],
      [29.9, 3],
      [30.0, 5],
    ];
    for (const [w, p] of table) expect(at(100, w), `BMI ${w}`).toBe(p);
    // 170 cm: 63.5 kg is BMI 21.97…, printed 22.0 → 1 point; 63.3 kg is 21.90… → 21.9 → 0 points.
    expect(at(170, 63.5)).toBe(1);
    expect(at(170, 63.3)).toBe(0);
  });

  it('waist bands differ by sex: men <75 0, 75–79.9 3, 80–84.9 5, 85–89.9 7, 90–94.9 8, ≥95 10', () => {
    const table: Array<[number, number]> = [
      [74.9, 0],
      [75, 3],
      [79.9, 3],
      [80, 5],
      [84.9, 5],
      [85, 7],
      [89.9, 7],
      [90, 8],
      [94.9, 8],
      [95, 10],
    ];
    for (const [waist, p] of table) expect(pts('waist', { sex: MALE, waist }), `man waist ${waist}`).toBe(p);
  });

  it('women: <70 0, 70–74.9 3, 75–79.9 5, 80–84.9 7, 85–89.9 8, ≥90 10', () => {
    const table: Array<[number, number]> = [
      [69.9, 0],
      [70, 3],
      [74.9, 3],
      [75, 5],
      [79.9, 5],
      [80, 7],
      [84.9, 7],
      [85, 8],
      [89.9, 8],
      [90, 10],
    ];
    for (const [waist, p] of table) expect(pts('waist', { sex: FEMALE, waist }), `woman waist ${waist}`).toBe(p);
  });

  it('systolic pressure: <110 0, 110–119 1, 120–129 3, 130–139 6, 140–149 7, 150–159 8, ≥160 10', () => {
    const table: Array<[number, number]> = [
      [109, 0],
      [110, 1],
      [119, 1],
      [120, 3],
      [129, 3],
      [130, 6],
      [139, 6],
      [140, 7],
      [149, 7],
      [150, 8],
      [159, 8],
      [160, 10],
    ];
    for (const [sbp, p] of table) expect(pts('sbp', { sbp }), `SBP ${sbp}`).toBe(p);
  });

  it('family history 6, male sex 2', () => {
    expect(pts('family', { family: 0 })).toBe(6);
    expect(pts('family', { family: 1 })).toBe(0);
    expect(pts('sex', { sex: MALE })).toBe(2);
    expect(pts('sex', { sex: FEMALE })).toBe(0);
  });

  it('ranges from 0 to 51 and every reachable score has exactly one band', () => {
    const r = reachableScores(quiz(S));
    expect(r[0]).toBe(0);
    expect(r.at(-1)).toBe(51);
    expect(checkQuiz(quiz(S))).toEqual([]);
  });

  it('24 is below the cutoff, 25 means get a blood glucose test', () => {
    // Woman, 45 (12), BMI 22.0 (1), waist 70 (3), SBP 120 (3), no family history: 19. SBP 150 (8): 24.
    const base: Answers = { sex: FEMALE, age: 45, height: 100, weight: 22, waist: 70, sbp: 150, family: 1 };
    const r24 = scoreQuiz(quiz(S), base);
    expect(r24.score).toBe(24);
    expect(r24.bandIndex).toBe(0);
    const r25 = scoreQuiz(quiz(S), { ...base, age: 50 }); // age 50: 13
    expect(r25.score).toBe(25);
    expect(r25.bandIndex).toBe(1);
    expect(r25.band!.advice).toContain('血糖');
    expect(quiz(S).results.map((b) => [b.min, b.max])).toEqual([
      [0, 24],
      [25, 51],
    ]);
  });

  it('the highest score: man 74, BMI 30, waist 95, SBP 160, family history = 51', () => {
    expect(
      scoreQuiz(quiz(S), { sex: MALE, age: 74, height: 100, weight: 30, waist: 95, sbp: 160, family: 0 }).score,
    ).toBe(51);
  });
});

describe.runIf(SAMPLE)('Fall risk: CDC STEADI "Stay Independent" (12 yes/no items)', () => {
  const S = 'fall-risk';
  const YES = 0;
  const NO = 1;
  const ids = () => quiz(S).questions.map((x) => x.id);

  it('has 12 yes/no items; the first two score 2, the other ten 1', () => {
    expect(quiz(S).questions).toHaveLength(12);
    expect(quiz(S).questions.every((x) => x.type === 'boolean')).toBe(true);
    expect(quiz(S).questions.map((x) => x.options[YES]!.points)).toEqual([2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(quiz(S).questions.every((x) => x.options[NO]!.points === 0)).toBe(true);
  });

  it('3 points: below the cutoff; 4 points: talk to a doctor; 14 is the maximum', () => {
    const all = (v: number) => Object.fromEntries(ids().map((id) => [id, v]));
    expect(scoreQuiz(quiz(S), all(NO)).score).toBe(0);
    const three = { ...all(NO), fallen: YES, unsteady: YES };
    expect(scoreQuiz(quiz(S), three)).toMatchObject({ score: 3, bandIndex: 0 });
    const four = { ...three, worried: YES };
    const r4 = scoreQuiz(quiz(S), four);
    expect(r4).toMatchObject({ score: 4, bandIndex: 1 });
    expect(r4.band!.title).toContain('医生');
    const fourOnes = { ...all(NO), unsteady: YES, furniture: YES, worried: YES, sad: YES };
    expect(scoreQuiz(quiz(S), fourOnes)).toMatchObject({ score: 4, bandIndex: 1 });
    expect(scoreQuiz(quiz(S), all(YES)).score).toBe(14);
    expect(quiz(S).results.map((b) => [b.min, b.max])).toEqual([
      [0, 3],
      [4, 14],
    ]);
    expect(checkQuiz(quiz(S))).toEqual([]);
  });
});

describe.runIf(SAMPLE)('Health literacy (健康素养66条, 2024)', () => {
  const S = 'health-literacy';
  it('has at least 20 knowledge questions, each with an explanation and a correct answer', () => {
    const qs = quiz(S).questions;
    expect(qs.length).toBeGreaterThanOrEqual(20);
    for (const x of qs) {
      expect(x.explain, x.id).toBeTruthy();
      expect(
        x.options.some((o) => o.correct),
        x.id,
      ).toBe(true);
    }
    expect(checkQuiz(quiz(S))).toEqual([]);
  });

  it('one point per right answer; 16 right is "learn more", 17 right is "very good"', () => {
    const qs = quiz(S).questions;
    const right = (x: Quiz['questions'][number]) =>
      x.type === 'multi' ? x.options.flatMap((o, i) => (o.correct ? [i] : [])) : x.options.findIndex((o) => o.correct);
    const wrong = (x: Quiz['questions'][number]) =>
      x.type === 'multi' ? [x.options.findIndex((o) => !o.correct)] : x.options.findIndex((o) => !o.correct);
    const answers = (n: number): Answers => Object.fromEntries(qs.map((x, i) => [x.id, i < n ? right(x) : wrong(x)]));
    expect(scoreQuiz(quiz(S), answers(qs.length))).toMatchObject({
      score: qs.length,
      correct: { right: qs.length, of: qs.length },
    });
    expect(scoreQuiz(quiz(S), answers(0)).score).toBe(0);
    expect(scoreQuiz(quiz(S), answers(16))).toMatchObject({ score: 16, bandIndex: 0 });
    expect(scoreQuiz(quiz(S), answers(17))).toMatchObject({ score: 17, bandIndex: 1 });
  });
});
