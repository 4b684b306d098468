/**
 * Runs one quiz, one question at a time. Answers live only in this phone's localStorage (key `hc-quiz:<slug>`):
 * nothing is sent anywhere and nothing goes into the URL. Scoring is the pure engine in src/lib/quiz.
 */
import { useEffect, useId, useRef, useState } from 'react';
import {
  askedQuestions,
  hasCorrect,
  isAnswered,
  isCorrect,
  numberProblem,
  numberValue,
  recommendedArticles,
  scoreQuiz,
  type Answers,
  type AnswerValue,
  type QuizDef,
  type QuizQuestion,
} from '@hc/domain/quiz/engine.ts';
import { parseNumberInput } from '@hc/domain/quiz/number-input.ts';
import { AUDIENCE_STORAGE_KEY, readChoice } from '../home/order.ts';
import { fill, type Vars } from '../../lib/text/fill.ts';

export interface QuizRunnerProps {
  quiz: QuizDef;
  /** html lang of the quiz text when it differs from the page (e.g. Chinese text on an English page). */
  textLang?: string;
  /** UI strings of the "quiz" group, with {{placeholders}} left in. */
  strings: Record<string, string>;
  articles: Record<string, { href: string; title: string }>;
  audiences: Record<string, { href: string; name: string }>;
  /** Per audience: articles on this quiz's topics, offered when the reader chose that audience on the home page. */
  audienceArticles: Record<string, string[]>;
  /** A number formatter's locale. */
  intl: string;
}

interface Saved {
  v: 1;
  answers: Answers;
  index: number;
  done: boolean;
  /** Knowledge questions whose feedback has been shown. */
  checked: string[];
}

const EMPTY: Saved = { v: 1, answers: {}, index: 0, done: false, checked: [] };
export const storageKey = (slug: string) => `hc-quiz:${slug}`;

function load(slug: string): Saved {
  try {
    const raw = localStorage.getItem(storageKey(slug));
    if (!raw) return EMPTY;
    const s = JSON.parse(raw) as Saved;
    return s && s.v === 1 && typeof s.index === 'number' ? { ...EMPTY, ...s } : EMPTY;
  } catch {
    return EMPTY;
  }
}

export default function QuizRunner({
  quiz,
  textLang,
  strings,
  articles,
  audiences,
  audienceArticles,
  intl,
}: QuizRunnerProps) {
  const t = (k: string, vars: Vars = {}) => fill(strings[k], vars);
  const asked = askedQuestions(quiz);
  const [state, setState] = useState<Saved>(() => load(quiz.slug));
  const [resumed] = useState(() => Object.keys(load(quiz.slug).answers).length > 0);
  /** What is typed in number boxes, per question, until it is accepted. */
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>('');
  const [cleared, setCleared] = useState(false);
  const headingRef = useRef<HTMLElement | null>(null);
  const setHeading = (el: HTMLElement | null) => {
    headingRef.current = el;
  };
  const first = useRef(true);
  const id = useId();
  const nf = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 });

  // The static (no-JavaScript) list of questions is replaced by this island.
  useEffect(() => {
    document.querySelectorAll<HTMLElement>('[data-quiz-static]').forEach((el) => (el.hidden = true));
  }, []);

  useEffect(() => {
    try {
      if (Object.keys(state.answers).length === 0 && state.index === 0 && !state.done)
        localStorage.removeItem(storageKey(quiz.slug));
      else localStorage.setItem(storageKey(quiz.slug), JSON.stringify(state));
    } catch {
      /* private mode: the quiz still works, it just cannot resume */
    }
  }, [state, quiz.slug]);

  const q: QuizQuestion | undefined = state.done ? undefined : asked[Math.min(state.index, asked.length - 1)];

  // Move focus to the question (or the result) when it changes, so screen readers start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [state.index, state.done]);

  const setAnswer = (value: AnswerValue | undefined) =>
    setState((s) => ({
      ...s,
      answers: { ...s.answers, [q!.id]: value },
      checked: s.checked.filter((c) => c !== q!.id),
    }));

  const goTo = (index: number) => {
    setError('');
    setState((s) => ({ ...s, index, done: false }));
  };

  const draftOf = (qq: QuizQuestion): string => {
    const stored = state.answers[qq.id];
    return drafts[qq.id] ?? (typeof stored === 'number' ? String(stored) : '');
  };

  const showFeedback = q !== undefined && hasCorrect(q) && state.checked.includes(q.id);

  function submit(e: { preventDefault(): void }) {
    e.preventDefault();
    if (!q) return;
    let answers = state.answers;
    if (q.type === 'number') {
      const read = parseNumberInput(draftOf(q), q.unit);
      const problem = read.ok ? numberProblem(q, read.value) : read.problem;
      if (problem || !read.ok) {
        setError(
          problem === 'low'
            ? t('numberLow', { min: q.min ?? '' })
            : problem === 'high'
              ? t('numberHigh', { max: q.max ?? '' })
              : problem === 'unit' && q.unit
                ? t('numberUnit', { unit: q.unit })
                : t('numberRequired'),
        );
        return;
      }
      answers = { ...answers, [q.id]: read.value };
    }
    if (!isAnswered(q, answers)) {
      setError(q.type === 'multi' ? t('chooseMany') : t('choose'));
      return;
    }
    setError('');
    // Knowledge questions: first show whether the answer was right, with the explanation; then move on.
    if (hasCorrect(q) && !state.checked.includes(q.id)) {
      setState((s) => ({ ...s, answers, checked: [...s.checked, q.id] }));
      return;
    }
    const last = state.index >= asked.length - 1;
    setState((s) => ({ ...s, answers, index: last ? s.index : s.index + 1, done: last }));
  }

  function restart() {
    setDrafts({});
    setError('');
    setState(EMPTY);
    setCleared(false);
  }

  function clearAll() {
    try {
      localStorage.removeItem(storageKey(quiz.slug));
    } catch {
      /* nothing stored */
    }
    setDrafts({});
    setError('');
    setState(EMPTY);
    setCleared(true);
  }

  const answerText = (qq: QuizQuestion): string => {
    if (qq.type === 'number') {
      const v = numberValue(qq, state.answers);
      return v === undefined ? '—' : `${nf.format(v)}${qq.unit ? ` ${qq.unit}` : ''}`;
    }
    const a = state.answers[qq.id];
    const picked = Array.isArray(a) ? a : a === undefined ? [] : [a];
    return picked.map((i) => qq.options[i]?.label ?? '').join('、') || '—';
  };

  const correctText = (qq: QuizQuestion) =>
    qq.options
      .filter((o) => o.correct)
      .map((o) => o.label)
      .join('、');

  if (state.done) {
    const result = scoreQuiz(quiz, state.answers);
    // The audience chosen on the home page (kept on this phone too) adds its own reading and section.
    let chosen: string | null = null;
    try {
      chosen = readChoice(localStorage.getItem(AUDIENCE_STORAGE_KEY), Object.keys(audiences));
    } catch {
      /* no storage */
    }
    const recIds = [
      ...new Set([
        ...recommendedArticles(quiz, state.answers, result),
        ...(chosen ? (audienceArticles[chosen] ?? []) : []),
      ]),
    ];
    const recs = recIds.map((a) => articles[a]).filter((a) => a !== undefined);
    const audIds = [...new Set([...(chosen ? [chosen] : []), ...(result.band?.recommend.audiences ?? [])])];
    const auds = audIds.map((a) => audiences[a]).filter((a) => a !== undefined);
    return (
      <section className="quiz-result" aria-labelledby={`${id}-rt`} data-quiz-state="result">
        <h2 id={`${id}-rt`} ref={setHeading} tabIndex={-1}>
          {t('resultTitle')}
        </h2>
        <div className="quiz-band" data-band={result.bandIndex}>
          <p className="quiz-score">
            {result.correct
              ? t('correctCount', { right: result.correct.right, of: result.correct.of })
              : t('score', { score: nf.format(result.score) })}
          </p>
          {result.band && (
            <>
              <p className="quiz-band-title" lang={textLang}>
                <strong>{result.band.title}</strong>
              </p>
              <p lang={textLang}>{result.band.advice}</p>
            </>
          )}
        </div>
        <p className="notice">{t('neverDiagnoses')}</p>
        <LinkList title={t('recommended')} links={recs.map((a) => ({ href: a.href, label: a.title }))} />
        <LinkList title={t('audiences')} links={auds.map((a) => ({ href: a.href, label: a.name }))} />
        <h3>{t('yourAnswers')}</h3>
        <ol className="quiz-summary" lang={textLang}>
          {quiz.questions
            .filter((qq) => qq.scored || !qq.derived)
            .map((qq) => {
              const right = isCorrect(qq, state.answers[qq.id]);
              const pts = result.points[qq.id];
              return (
                <li key={qq.id}>
                  <span className="quiz-summary-q">{qq.text}</span>{' '}
                  <strong className="quiz-summary-a">{answerText(qq)}</strong>
                  {right !== undefined && <span className="quiz-mark"> {right ? t('right') : t('wrong')}</span>}
                  {right === undefined && qq.scored && pts !== undefined && (
                    <span className="quiz-points"> {t('points', { points: nf.format(pts) })}</span>
                  )}
                </li>
              );
            })}
        </ol>
        <div className="quiz-actions">
          <button type="button" className="button" onClick={() => window.print()} data-quiz-print>
            {t('print')}
          </button>
          <button type="button" className="button secondary" onClick={() => goTo(asked.length - 1)}>
            {t('back')}
          </button>
          <button type="button" className="button secondary" onClick={restart}>
            {t('restart')}
          </button>
          <button type="button" className="button secondary" onClick={clearAll} data-quiz-clear>
            {t('clear')}
          </button>
        </div>
      </section>
    );
  }

  if (!q) return null;
  const n = state.index + 1;
  const a = state.answers[q.id];
  const right = showFeedback ? isCorrect(q, a) : undefined;
  const errId = `${id}-err`;
  const fbId = `${id}-fb`;
  return (
    <form
      key={q.id}
      className="quiz-step"
      onSubmit={submit}
      noValidate
      data-quiz-state="question"
      data-question={q.id}
      aria-labelledby={`${id}-qh`}
    >
      {cleared && (
        <p className="notice" role="status">
          {t('cleared')}
        </p>
      )}
      {resumed && state.index > 0 && <p className="quiz-resumed">{t('resumed')}</p>}
      <p className="quiz-progress-text" id={`${id}-qh`}>
        <span ref={setHeading} tabIndex={-1}>
          {t('progress', { n, total: asked.length })}
        </span>
      </p>
      <progress
        className="quiz-progress"
        max={asked.length}
        value={n - 1}
        aria-label={t('progress', { n, total: asked.length })}
      />
      <fieldset className="quiz-fieldset" aria-describedby={error ? errId : undefined} disabled={showFeedback}>
        <legend className="quiz-question" lang={textLang}>
          {q.text}
        </legend>
        {q.type === 'multi' && <p className="quiz-hint">{t('multiHint')}</p>}
        {(q.type === 'single' || q.type === 'boolean') && (
          <div className="quiz-options">
            {q.options.map((o, i) => (
              <label key={i} className="quiz-option">
                <input type="radio" name={`${id}-${q.id}`} value={i} checked={a === i} onChange={() => setAnswer(i)} />
                <span lang={textLang}>{o.label}</span>
              </label>
            ))}
          </div>
        )}
        {q.type === 'multi' && (
          <div className="quiz-options">
            {q.options.map((o, i) => {
              const picked = Array.isArray(a) ? a : [];
              return (
                <label key={i} className="quiz-option">
                  <input
                    type="checkbox"
                    value={i}
                    checked={picked.includes(i)}
                    onChange={(e) =>
                      setAnswer(e.target.checked ? [...picked, i].sort((x, y) => x - y) : picked.filter((x) => x !== i))
                    }
                  />
                  <span lang={textLang}>{o.label}</span>
                </label>
              );
            })}
          </div>
        )}
        {q.type === 'number' && (
          <div className="quiz-number">
            <label htmlFor={`${id}-num`} className="visually-hidden">
              {q.text}
            </label>
            <input
              id={`${id}-num`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draftOf(q)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errId : `${id}-range`}
              onChange={(e) => setDrafts((d) => ({ ...d, [q.id]: e.target.value }))}
            />
            {q.unit && (
              <span className="quiz-unit" lang={textLang}>
                {q.unit}
              </span>
            )}
            {q.min !== undefined && q.max !== undefined && (
              <p id={`${id}-range`} className="quiz-hint">
                {t('range', { min: q.min, max: q.max })}
              </p>
            )}
          </div>
        )}
      </fieldset>
      <p id={errId} className="quiz-error" role="alert">
        {error}
      </p>
      <div id={fbId} className="quiz-feedback" role="status" aria-live="polite">
        {showFeedback && (
          <div className={right ? 'quiz-fb right' : 'quiz-fb wrong'}>
            <p>
              <strong>{right ? t('right') : t('wrong')}</strong>
              {!right && <> {t('rightAnswer', { answer: correctText(q) })}</>}
            </p>
            {q.explain && <p lang={textLang}>{q.explain}</p>}
          </div>
        )}
      </div>
      <div className="quiz-actions">
        {state.index > 0 && (
          <button type="button" className="button secondary" onClick={() => goTo(state.index - 1)} data-quiz-back>
            {t('back')}
          </button>
        )}
        <button type="submit" className="button" data-quiz-next>
          {hasCorrect(q) && !showFeedback ? t('check') : state.index >= asked.length - 1 ? t('finish') : t('next')}
        </button>
      </div>
      <p className="quiz-privacy">{t('privacy')}</p>
    </form>
  );
}

/** A titled list of links under a result (recommended articles, audiences); nothing when it is empty. */
function LinkList({ title, links }: { title: string; links: Array<{ href: string; label: string }> }) {
  if (links.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="quiz-links">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
