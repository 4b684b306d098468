/**
 * The Studio's medical-review workflow (cms/workflow/rules.ts): who may do what in which state (with the reason
 * when not), an edit after submission or approval needs a new submission, the submitter cannot approve (four eyes),
 * approval fills the reviewer and dates from the reviewer profile, and every step is a record of its own.
 */
import { daysOverdue } from '@hc/domain/review.ts';
import { describe, expect, it } from 'vitest';
import {
  ACTION_LABEL,
  can,
  contentHash,
  needsReview,
  nextReviewAfterApproval,
  STATE_LABEL,
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
  { _id: 'reviewerProfile.li', name: '李医生（虚构）', title: '主治医师', userId: 'pDoctor2' },
];
const editor: Actor = { userId: 'pEditor', name: '王编辑' };
const otherDoctor: Actor = { userId: 'pDoctor2', name: 'Li' };
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

  it('goes 草稿 → 待医学审核 → 已批准，待发布 → 已发布, one record per step', () => {
    let d = article();
    const records: string[] = [];
    const go = (action: ReviewAction, actor: Actor, comment?: string) => {
      const t = step(action, d, actor, comment);
      if (!t.ok) throw new Error(t.reason);
      records.push(t.event.action);
      expect(t.event).toMatchObject({
        _type: 'reviewEvent',
        document: 'article.home-blood-pressure',
        userId: actor.userId,
      });
      d = { ...d, ...t.set };
    };
    go('submit', editor);
    expect(state(d)).toBe('inReview');
    go('approve', doctor, '已核对 2024 年版高血压指南。');
    expect(state(d)).toBe('approved');
    go('publish', editor);
    expect(state(null, { ...d, _id: 'article.home-blood-pressure' })).toBe('published');
    expect(records).toEqual(['submit', 'approve', 'publish']);
    // The history is not in the document: a discarded draft loses nothing.
    expect(JSON.stringify(d.review)).not.toMatch(/history/);
  });

  it('every state and action has one name, and no action is named like a state', () => {
    const states = Object.values(STATE_LABEL);
    const actions = Object.values(ACTION_LABEL);
    expect(new Set(states).size).toBe(states.length);
    expect(new Set(actions).size).toBe(actions.length);
    for (const a of actions) expect(states).not.toContain(a);
  });
});

describe('review workflow: who may do what', () => {
  const states: ReviewState[] = ['draft', 'inReview', 'changed', 'approved', 'published'];
  const status = (s: ReviewState) => ({ state: s });

  it('matches the table for editors and reviewers in every state', () => {
    const table: Record<ReviewAction, { editor: ReviewState[]; reviewer: ReviewState[] }> = {
      submit: { editor: ['draft', 'changed'], reviewer: ['draft', 'changed'] },
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

  it("says why an action is not available, in the editor's words", () => {
    expect(can('approve', status('inReview'), editor, profiles)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('只有审核人可以批准'),
    });
    expect(can('approve', status('draft'), doctor, profiles)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('还没有提交审核'),
    });
    expect(can('publish', status('changed'), editor, profiles)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('重新提交审核'),
    });
    expect(can('approve', status('inReview'), retired, profiles).allowed).toBe(false);
    expect(can('approve', status('inReview'), null, profiles)).toEqual({ allowed: false, reason: '请先登录' });
  });

  it('four eyes: the reviewer who submitted a draft cannot approve it; another reviewer can', () => {
    const d = apply(article(), 'submit', doctor);
    expect(step('approve', d, doctor, '好。')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('两人把关'),
    });
    expect(step('approve', d, otherDoctor, '好。').ok).toBe(true);
  });

  it('an editor cannot publish without approval', () => {
    const d = apply(article(), 'submit', editor);
    expect(step('publish', d, editor)).toEqual({ ok: false, reason: '医学审核批准后才能发布' });
    expect(step('publish', article(), editor).ok).toBe(false);
  });

  it('approve and reject need a comment', () => {
    const d = apply(article(), 'submit', editor);
    expect(step('approve', d, doctor, '  ')).toEqual({ ok: false, reason: '批准需要写明意见' });
    expect(step('reject', d, doctor)).toEqual({ ok: false, reason: '退回修改需要写明意见' });
    expect(step('reject', d, doctor, '第 2 段的数字请注明来源。').ok).toBe(true);
  });

  it('退回修改 sends the draft back to the editor, with the comment in its record', () => {
    const d = apply(article(), 'submit', editor);
    const t = step('reject', d, doctor, '第 2 段的数字请注明来源。');
    if (!t.ok) throw new Error(t.reason);
    expect(state({ ...d, ...t.set })).toBe('draft');
    expect(t.event).toMatchObject({
      action: 'reject',
      by: '张文（虚构）',
      userId: 'pDoctor',
      comment: '第 2 段的数字请注明来源。',
      at: '2026-12-05T03:00:00.000Z',
    });
  });
});

describe('review workflow: an edit after submission or approval needs a new submission', () => {
  const edit = (d: Doc): Doc => ({
    ...d,
    body: [{ ...d.body[0], children: [{ _type: 'span', _key: 's0', text: '家里量的血压 140/90 mmHg 或以上偏高。' }] }],
  });

  it('an edit while in review makes it 已修改，待重新提交, not approvable', () => {
    const d = edit(apply(article(), 'submit', editor));
    expect(state(d)).toBe('changed');
    expect(step('approve', d, doctor, '好。')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('提交后内容又改过'),
    });
  });

  it('a changed body after approval: 已修改，待重新提交, and 发布 is refused until approved again', () => {
    let d = edit(apply(apply(article(), 'submit', editor), 'approve', doctor, '内容准确。'));
    expect(state(d)).toBe('changed');
    expect(step('publish', d, editor)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('批准后内容又改过'),
    });
    d = apply(d, 'submit', editor);
    expect(d.review.approval).toBeUndefined();
    expect(state(d)).toBe('inReview');
    d = apply(d, 'approve', doctor, '改得对。');
    expect(state(d)).toBe('approved');
    expect(step('publish', d, editor).ok).toBe(true);
  });

  it('an edit to a published document needs a new approval; the submission names the fields that changed', () => {
    const d = apply(apply(apply(article(), 'submit', editor), 'approve', doctor, '好。'), 'publish', editor);
    const published = { ...d, _id: 'article.home-blood-pressure' };
    const draft = { ...published, _id: 'drafts.article.home-blood-pressure', title: '在家量血压' };
    expect(reviewStatus({ draft, published }).state).toBe('changed');
    const t = transition('submit', {
      type: 'article',
      draft,
      published,
      actor: editor,
      profiles,
      now: '2026-12-06T01:00:00.000Z',
      today: '2026-12-06',
      key: 'k',
      fieldTitles: { title: '标题' },
    });
    expect(t.ok && t.event.changed).toEqual(['标题']);
    // Changing only the update date is not a content change.
    const unchanged = {
      ...published,
      _id: 'drafts.article.home-blood-pressure',
      updatedAt: '2026-12-06',
      _rev: 'other',
    };
    expect(reviewStatus({ draft: unchanged, published }).state).toBe('approved');
    for (const change of [
      { nextReviewDue: '2029-12-01' },
      { reviewer: { name: '别人', role: '医师' } },
      { reviewedAt: '2026-12-06' },
    ]) {
      expect(reviewStatus({ draft: { ...unchanged, ...change }, published }).state, JSON.stringify(change)).toBe(
        'changed',
      );
    }
  });

  it('the content hash ignores key order, system fields and the review record, and includes the document id', () => {
    const a = article();
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(contentHash(reordered)).toBe(contentHash(a));
    expect(
      contentHash({ ...a, _rev: 'x', _updatedAt: 'y', updatedAt: '2026-12-06', review: { status: 'approved' } }),
    ).toBe(contentHash(a));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
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
    // The record is for the content as approved, reviewer and dates included.
    expect(t.ok && t.event.contentHash).toBe(
      t.ok && (t.set.review as { approval: { contentHash: string } }).approval.contentHash,
    );
  });

  it('keeps a next review date that is still ahead and within 3 years', () => {
    expect(nextReviewAfterApproval('2028-06-01', '2026-12-05')).toBe('2028-06-01');
    expect(nextReviewAfterApproval('2026-12-05', '2026-12-05')).toBe('2027-12-05');
    expect(nextReviewAfterApproval('2030-01-01', '2026-12-05')).toBe('2027-12-05');
    expect(nextReviewAfterApproval(undefined, '2026-12-05')).toBe('2027-12-05');
  });

  it('a self-check is reviewed like an article: approval fills its reviewer and dates', () => {
    const quiz = { _id: 'drafts.quiz.diabetes-risk', _type: 'quiz', title: '糖尿病风险自测' };
    const t = step('approve', apply(quiz, 'submit', editor), doctor, '评分表与 2024 版指南一致。');
    expect(t.ok && Object.keys(t.set).sort()).toEqual(['nextReviewDue', 'review', 'reviewedAt', 'reviewer']);
  });

  it('an event is reviewed only when marked as health advice, and has no reviewer fields', () => {
    const event = { _id: 'drafts.event.talk', _type: 'event', title: '讲座', healthAdvice: true };
    expect(needsReview('event', event)).toBe(true);
    expect(needsReview('event', { ...event, healthAdvice: false })).toBe(false);
    const t = step('approve', apply(event, 'submit', editor), doctor, '建议与指南一致。');
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
