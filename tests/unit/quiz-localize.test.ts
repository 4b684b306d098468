/** Quiz text per locale: yue → zh-hant → zh-hans, en → zh-hans; scoring data never changes with the language. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/sample.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { localizeQuiz } from '../../src/lib/quiz/localize.ts';

describe.runIf(SAMPLE)('localizeQuiz', async () => {
  const set = await loadLocalContent(path.resolve('content'));
  const fall = set.quizzes.find((q) => q.data.slug === 'fall-risk')?.data as NonNullable<
    (typeof set.quizzes)[number]
  >['data']; // collected (not run) without the sample

  it('zh-hans is the original', () => {
    const q = localizeQuiz(fall, 'zh-hans');
    expect(q.textLocale).toBe('zh-hans');
    expect(q.questions[0]!.text).toBe('过去一年里，我跌倒过。');
  });
  it('zh-hant uses the Traditional translation, with the same points', () => {
    const q = localizeQuiz(fall, 'zh-hant');
    expect(q.textLocale).toBe('zh-hant');
    expect(q.title).toBe('老年人跌倒風險自測');
    expect(q.questions[0]!.text).toBe('過去一年裡，我跌倒過。');
    expect(q.questions.map((x) => x.options.map((o) => o.points))).toEqual(
      fall.questions.map((x) => x.options.map((o) => o.points)),
    );
    expect(q.results.map((r) => [r.min, r.max])).toEqual([
      [0, 3],
      [4, 14],
    ]);
  });
  it('yue falls back to zh-hant, en to zh-hans', () => {
    expect(localizeQuiz(fall, 'yue').textLocale).toBe('zh-hant');
    expect(localizeQuiz(fall, 'en').textLocale).toBe('zh-hans');
  });
  it('every quiz has a zh-hant translation of every question and option', () => {
    for (const { data } of set.quizzes) {
      const tr = data.translations['zh-hant'];
      expect(tr, data.slug).toBeDefined();
      for (const q of data.questions) {
        expect(tr!.questions[q.id]?.text, `${data.slug}.${q.id}`).toBeTruthy();
        expect(tr!.questions[q.id]?.options?.length ?? 0, `${data.slug}.${q.id} options`).toBe(q.options.length);
      }
      expect(tr!.results?.length).toBe(data.results.length);
    }
  });
});
