/**
 * The Studio's medical-review workflow (cms/workflow/rules.ts): who may do what in which state, an edit after
 * approval sends the document back to review, approval fills the reviewer and dates from the reviewer profile,
 * and every step is kept in the history.
 */
import { daysOverdue } from '@hc/domain/review.ts';
import { describe, expect, it } from 'vitest';
import {
  can,
  contentHash,
  nextReviewAfterApproval,
  reviewStatus,
  RULES,
  transition,
  type Actor,
  type ReviewAction,
  type ReviewerProfile,
  type ReviewState,
  type TransitionInput,
} from '../../cms/workflow/rules.ts';

const profiles: ReviewerProfile[] = [
  { _id: 'reviewerProfile.zhang', name: '张文（虚构）', title: '全科主治医师', userId: 'pDoctor' },
  { _id: 'reviewerProfile.old', name: '李退休（虚构）', title: '主任医师', userId: 'pRetired', active: false },
];
const editor: Actor = { userId: 'pEditor', name: '王编辑' };
const doctor: Actor = { userId: 'pDoctor', name: 'Zhang Wen' };
const retired: Actor = { userId: 'pRetired', name: 'Li' };

type Doc = Record<string, any>;
const article = (extra: Doc = {}): Doc => ({
  _id: 'drafts.article.home-blood-pressure',
  _type: 'article',
  _rev: 'r1',
  title: '为什么要在家量血压？',
  body: [
    {
      _type: 'block',
      _key: 'b0',
      children: [{ _type: 'span', _key: 's0', text: '家里量的血压 135/85 mmHg 或以上偏高。' }],
    },
  ],
  reviewer: { name: '旧审核人', role: '医师' },
  reviewedAt: '2025-01-01',
  nextReviewDue: '2026-01-01',
  ...extra,
});

let n = 0;
function step(
  action: ReviewAction,
  draft: Doc | null,
  actor: Actor | null,
  comment?: string,
  published: Doc | null = null,
) {
  const input: TransitionInput = {
    type: String((draft ?? published)?._type),
    draft,
    published,
    actor,
    profiles,
    comment,
    now: '2026-12-05T03:00:00.000Z',
    today: '2026-12-05',
    key: `h${n++}`,
  };
  return transition(action, input);
}
/** Applies a transition's fields to a draft, as the Studio's patch does. */
function apply(draft: Doc, action: ReviewAction, actor: Actor | null, comment?: string): Doc {
  const t = step(action, draft, actor, comment);
  if (!t.ok) throw new Error(t.reason);
  return { ...draft, ...t.set, _rev: `${draft._rev}+` };
}
const state = (draft: Doc | null, published: Doc | null = null) => reviewStatus({ draft, published }).state;

describe('review workflow: states', () => {
  it('a new draft is 草稿; a published document with no draft is 已发布', () => {
    expect(state(article())).toBe('draft');
    expect(state(null, { ...article(), _id: 'article.home-blood-pressure' })).toBe('published');
    expect(state(null, null)).toBe('draft');
  });

  it('goes 草稿 → 待医学审核 → 审核通过 → 已发布', () => {
    let d = article();
    d = apply(d, 'submit', editor);
    expect(state(d)).toBe('inReview');
    d = apply(d, 'approve', doctor, '已核对 2024 年版高血压指南。');
    expect(state(d)).toBe('approved');
    d = apply(d, 'publish', editor);
    // Publishing makes the draft the published document.
    const published = { ...d, _id: 'article.home-blood-pressure' };
    expect(state(null, published)).toBe('published');
    expect(d.review.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'approve', 'publish']);
  });
});

describe('review workflow: who may do what', () => {
  const states: ReviewState[] = ['draft', 'inReview', 'approved', 'published'];
  const status = (s: ReviewState) => ({ state: s, stale: false });

  it('matches the table for editors and reviewers in every state', () => {
    const table: Record<ReviewAction, { editor: ReviewState[]; reviewer: ReviewState[] }> = {
      submit: { editor: ['draft'], reviewer: ['draft'] },
      approve: { editor: [], reviewer: ['inReview'] },
      reject: { editor: [], reviewer: ['inReview', 'approved'] },
      publish: { editor: ['approved'], reviewer: ['approved'] },
    };
    for (const action of Object.keys(RULES) as ReviewAction[]) {
      for (const s of states) {
        expect(can(action, status(s), editor, profiles).allowed, `editor ${action} in ${s}`).toBe(
          table[action].editor.includes(s),
        );
        expect(can(action, status(s), doctor, profiles).allowed, `reviewer ${action} in ${s}`).toBe(
          table[action].reviewer.includes(s),
        );
      }
    }
  });

  it('an inactive reviewer profile and a signed-out user may not approve', () => {
    expect(can('approve', status('inReview'), retired, profiles)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('审核人'),
    });
    expect(can('approve', status('inReview'), null, profiles).allowed).toBe(false);
    expect(can('approve', status('inReview'), doctor, []).allowed).toBe(false);
  });

  it('an editor cannot publish without approval', () => {
    const d = apply(article(), 'submit', editor);
    expect(step('publish', d, editor)).toEqual({ ok: false, reason: '医学审核通过后才能发布' });
    expect(step('publish', article(), editor).ok).toBe(false);
  });

  it('approve and reject need a comment', () => {
    const d = apply(article(), 'submit', editor);
    expect(step('approve', d, doctor, '  ')).toEqual({ ok: false, reason: '审核通过需要写明意见' });
    expect(step('reject', d, doctor)).toEqual({ ok: false, reason: '退回修改需要写明意见' });
    expect(step('reject', d, doctor, '第 2 段的数字请注明来源。').ok).toBe(true);
  });

  it('退回修改 sends the draft back to the editor, with the comment in the history', () => {
    let d = apply(article(), 'submit', editor);
    d = apply(d, 'reject', doctor, '第 2 段的数字请注明来源。');
    expect(state(d)).toBe('draft');
    expect(d.review.approval).toBeUndefined();
    expect(d.review.history.at(-1)).toMatchObject({
      action: 'reject',
      by: '张文（虚构）',
      userId: 'pDoctor',
      comment: '第 2 段的数字请注明来源。',
      at: '2026-12-05T03:00:00.000Z',
    });
  });
});

describe('review workflow: an edit after approval sends it back to review', () => {
  it('a changed body makes the approval stale: 待医学审核, and 发布 is refused', () => {
    let d = apply(apply(article(), 'submit', editor), 'approve', doctor, '内容准确。');
    d = {
      ...d,
      body: [
        { ...d.body[0], children: [{ _type: 'span', _key: 's0', text: '家里量的血压 140/90 mmHg 或以上偏高。' }] },
      ],
    };
    expect(reviewStatus({ draft: d })).toMatchObject({ state: 'inReview', stale: true });
    expect(step('publish', d, editor)).toEqual({ ok: false, reason: '审核通过后内容又改过，需要重新审核才能发布' });
    // The editor submits it again, so it is listed for the reviewers (review.status), without the old approval.
    expect(can('submit', reviewStatus({ draft: d }), editor, profiles).allowed).toBe(true);
    d = apply(d, 'submit', editor);
    expect(d.review).toMatchObject({ status: 'inReview' });
    expect(d.review.approval).toBeUndefined();
    expect(reviewStatus({ draft: d })).toMatchObject({ state: 'inReview', stale: false });
    // The reviewer approves again; now it can be published.
    d = apply(d, 'approve', doctor, '改得对。');
    expect(state(d)).toBe('approved');
    expect(step('publish', d, editor).ok).toBe(true);
  });

  it('an edit to a published document needs a new approval before it is published again', () => {
    let d = apply(apply(apply(article(), 'submit', editor), 'approve', doctor, '好。'), 'publish', editor);
    const published = { ...d, _id: 'article.home-blood-pressure' };
    d = { ...published, _id: 'drafts.article.home-blood-pressure', title: '在家量血压' };
    expect(reviewStatus({ draft: d, published })).toMatchObject({ state: 'inReview', stale: true });
    // Changing only the update date is not a content change.
    const unchanged = {
      ...published,
      _id: 'drafts.article.home-blood-pressure',
      updatedAt: '2026-12-06',
      _rev: 'other',
    };
    expect(reviewStatus({ draft: unchanged, published }).state).toBe('approved');
    // Moving the next review date or typing another reviewer after approval is: it needs a doctor again.
    for (const change of [
      { nextReviewDue: '2029-12-01' },
      { reviewer: { name: '别人', role: '医师' } },
      { reviewedAt: '2026-12-06' },
    ]) {
      const draft = { ...unchanged, ...change };
      expect(reviewStatus({ draft, published }), JSON.stringify(change)).toMatchObject({
        state: 'inReview',
        stale: true,
      });
    }
  });

  it('the content hash ignores key order, system fields and the review record, and includes the document id', () => {
    const a = article();
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(contentHash(reordered)).toBe(contentHash(a));
    expect(
      contentHash({ ...a, _rev: 'x', _updatedAt: 'y', updatedAt: '2026-12-06', review: { status: 'approved' } }),
    ).toBe(contentHash(a));
    expect(contentHash({ ...a, nextReviewDue: '2028-01-01' })).not.toBe(contentHash(a));
    expect(contentHash({ ...a, _id: 'article.home-blood-pressure' })).toBe(contentHash(a));
    expect(contentHash({ ...a, _id: 'drafts.article.copy' })).not.toBe(contentHash(a));
    expect(contentHash({ ...a, summary: '新摘要' })).not.toBe(contentHash(a));
  });
});

describe('review workflow: approval fills the reviewer from the profile', () => {
  it('sets reviewer, reviewedAt (today) and a next review date on an article', () => {
    const t = step('approve', apply(article(), 'submit', editor), doctor, '准确。');
    expect(t.ok && t.set).toMatchObject({
      reviewer: { name: '张文（虚构）', role: '全科主治医师' },
      reviewedAt: '2026-12-05',
      nextReviewDue: '2027-12-05',
      review: {
        status: 'approved',
        approval: {
          reviewer: '张文（虚构）',
          reviewerTitle: '全科主治医师',
          profileId: 'reviewerProfile.zhang',
          approvedAt: '2026-12-05',
        },
      },
    });
  });

  it('keeps a next review date that is still ahead and within 3 years', () => {
    expect(nextReviewAfterApproval('2028-06-01', '2026-12-05')).toBe('2028-06-01');
    expect(nextReviewAfterApproval('2026-12-05', '2026-12-05')).toBe('2027-12-05');
    expect(nextReviewAfterApproval('2030-01-01', '2026-12-05')).toBe('2027-12-05');
    expect(nextReviewAfterApproval(undefined, '2026-12-05')).toBe('2027-12-05');
  });

  it('a quiz has no reviewer fields: only the review record changes', () => {
    const quiz = { _id: 'drafts.quiz.diabetes-risk', _type: 'quiz', title: '糖尿病风险自测' };
    const t = step('approve', apply(quiz, 'submit', editor), doctor, '评分表与 2024 版指南一致。');
    expect(t.ok && Object.keys(t.set)).toEqual(['review']);
  });
});

describe('review due', () => {
  it('counts the days a review is overdue', () => {
    expect(daysOverdue('2026-03-01', '2026-12-05')).toBe(279);
    expect(daysOverdue('2026-12-05', '2026-12-05')).toBe(0);
    expect(daysOverdue('2027-01-01', '2026-12-05')).toBe(0);
    expect(daysOverdue(undefined, '2026-12-05')).toBe(0);
  });
});
