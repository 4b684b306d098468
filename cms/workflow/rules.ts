/**
 * The medical-review workflow, as pure rules (no Sanity imports; unit-tested in tests/unit/review-workflow.test.ts).
 *
 * A health document (article, self-check, and an event or family story marked as health advice) moves
 * 草稿 → 待医学审核 → 已批准 → 已发布:
 *   提交审核  an editor sends a draft to review
 *   批准      a reviewer (an active reviewer profile, created by an administrator) approves the content as it is
 *            now, with a comment; not the person who submitted it (four eyes). Approval fills in the reviewer and
 *            the review dates, and records a fingerprint of the content (src/domain/approval.ts)
 *   退回修改  a reviewer sends it back to the editor, with a comment saying what to change
 *   发布      an editor publishes, only while the approval is for the current content
 * Any edit after submission or approval makes the document 已修改: it must be submitted again. Every step is a
 * record of its own (a reviewEvent document, created once and never changed), so the history survives a
 * discarded draft; the public build checks from Sanity's transaction history who created each record.
 */
import { contentHash, publishedId } from '@hc/domain/approval.ts';

export { contentHash };

export const HEALTH_TYPES = ['article', 'quiz'] as const;
/** Types reviewed only when marked as health advice (健康建议). */
export const ADVICE_TYPES = ['event', 'family'] as const;
export const isHealthType = (type: string): boolean =>
  (HEALTH_TYPES as readonly string[]).includes(type) || (ADVICE_TYPES as readonly string[]).includes(type);
/** Whether this document goes through review: articles and self-checks always, events and families when marked. */
export function needsReview(type: string, doc: Record<string, unknown> | null | undefined): boolean {
  if ((HEALTH_TYPES as readonly string[]).includes(type)) return true;
  return (ADVICE_TYPES as readonly string[]).includes(type) && doc?.healthAdvice === true;
}

/** One name per state, used by the badge, the lists and the guide alike. */
export type ReviewState = 'draft' | 'inReview' | 'changed' | 'approved' | 'published';
export const STATE_LABEL: Record<ReviewState, string> = {
  draft: '草稿',
  inReview: '待医学审核',
  changed: '已修改，待重新提交',
  approved: '已批准，待发布',
  published: '已发布',
};

/** One name per action (never the name of a state). */
export type ReviewAction = 'submit' | 'approve' | 'reject' | 'publish';
export const ACTION_LABEL: Record<ReviewAction, string> = {
  submit: '提交审核',
  approve: '批准',
  reject: '退回修改',
  publish: '发布',
};

/** Who may take each action, from which states, whether a comment is required, and where it leads. */
export const RULES: Record<
  ReviewAction,
  { who: 'editor' | 'reviewer'; from: ReviewState[]; comment: boolean; to: ReviewState }
> = {
  submit: { who: 'editor', from: ['draft', 'changed'], comment: false, to: 'inReview' },
  approve: { who: 'reviewer', from: ['inReview'], comment: true, to: 'approved' },
  reject: { who: 'reviewer', from: ['inReview', 'approved'], comment: true, to: 'draft' },
  publish: { who: 'editor', from: ['approved'], comment: false, to: 'published' },
};

/** A reviewer profile document (type reviewerProfile): who may approve health content. */
export interface ReviewerProfile {
  _id: string;
  name: string;
  /** 职称 / 岗位, shown on the article as the reviewer's role. */
  title: string;
  /** The Sanity user id of the person (from sanity.io/manage or the Studio's user menu). */
  userId: string;
  active?: boolean;
}

/** One review record: a `reviewEvent` document, created once by the action and never changed. */
export interface ReviewEvent {
  _id: string;
  _type: 'reviewEvent';
  /** Published id of the document it is about. */
  document: string;
  documentType: string;
  /** The document's title then, for the history list. */
  title: string;
  /** ISO date and time. */
  at: string;
  action: ReviewAction;
  /** Name of the person (the reviewer profile's name for reviewers). */
  by: string;
  /** The Sanity user (the build believes the transaction's author, not this). */
  userId: string;
  comment?: string;
  /** The content the action was about. */
  contentHash: string;
  /** For a submission: the fields that changed since the last approval (their titles are the form's). */
  changed?: string[];
}

export interface Approval {
  contentHash: string;
  profileId: string;
  reviewer: string;
  reviewerTitle: string;
  userId: string;
  /** YYYY-MM-DD */
  approvedAt: string;
}

export interface ReviewRecord {
  status?: 'draft' | 'inReview' | 'approved' | 'published';
  /** Who submitted the content now in review, and its fingerprint then. */
  submittedBy?: string;
  submittedHash?: string;
  approval?: Approval;
}

type Doc = Record<string, unknown> & { review?: ReviewRecord };

export interface ReviewStatus {
  state: ReviewState;
  /** The approval, when it is for the current content. */
  approval?: Approval;
  /** Who submitted the content now in review. */
  submittedBy?: string;
}

/** The state of a document from its draft and published versions (as the Studio's edit state gives them). */
export function reviewStatus({ draft, published }: { draft?: Doc | null; published?: Doc | null }): ReviewStatus {
  const current = draft ?? published;
  if (!current) return { state: 'draft' };
  const record = current.review ?? {};
  const hash = contentHash(current);
  const approval = record.approval && record.approval.contentHash === hash ? record.approval : undefined;
  if (!draft) return { state: 'published', approval };
  const status = record.status ?? 'draft';
  if (status === 'approved' || status === 'published')
    return approval ? { state: 'approved', approval } : { state: 'changed' };
  if (status === 'inReview')
    return record.submittedHash === hash
      ? { state: 'inReview', submittedBy: record.submittedBy }
      : { state: 'changed' };
  return { state: 'draft' };
}

export interface Actor {
  userId: string;
  /** The person's display name in the Studio. */
  name: string;
}

/** The active reviewer profile of a user, if any. */
export function reviewerProfileOf(
  userId: string | undefined,
  profiles: readonly ReviewerProfile[],
): ReviewerProfile | undefined {
  if (!userId) return undefined;
  return profiles.find((p) => p.userId === userId && p.active !== false);
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

/** May this person take this action on a document in this state? The reason says why not, in the editor's words. */
export function can(
  action: ReviewAction,
  status: ReviewStatus,
  actor: Actor | null,
  profiles: readonly ReviewerProfile[],
): Decision {
  const rule = RULES[action];
  if (!actor) return { allowed: false, reason: '请先登录' };
  if (rule.who === 'reviewer' && !reviewerProfileOf(actor.userId, profiles)) {
    return {
      allowed: false,
      reason: `只有审核人可以${ACTION_LABEL[action]}。您还不是审核人：请管理员在“审核人”里为您建立资料，并把您登记到审核人名单（见编辑指南）`,
    };
  }
  if (!rule.from.includes(status.state)) {
    if (action === 'publish' && status.state === 'changed')
      return { allowed: false, reason: '批准后内容又改过：请重新提交审核，批准后才能发布' };
    if (action === 'publish') return { allowed: false, reason: '医学审核批准后才能发布' };
    if (action === 'approve' && status.state === 'changed')
      return { allowed: false, reason: '提交后内容又改过：请编辑重新提交审核' };
    if (action === 'approve') return { allowed: false, reason: '还没有提交审核：编辑点“提交审核”后才能批准' };
    return { allowed: false, reason: `现在是“${STATE_LABEL[status.state]}”，不能${ACTION_LABEL[action]}` };
  }
  if (action === 'approve' && status.submittedBy === actor.userId) {
    return { allowed: false, reason: '这一稿是您提交的：需要另一位审核人批准（两人把关）' };
  }
  return { allowed: true };
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-');
  return `${Number(y) + years}-${m}-${d}`;
}

/** Years at most between review and next review (the content model's rule). */
export const MAX_REVIEW_YEARS = 3;

/** The next review date after an approval today: the one set, if it is still ahead and within 3 years; else a year on. */
export function nextReviewAfterApproval(current: unknown, today: string): string {
  return typeof current === 'string' && current > today && current <= addYears(today, MAX_REVIEW_YEARS)
    ? current
    : addYears(today, 1);
}

export interface TransitionInput {
  type: string;
  draft?: Doc | null;
  published?: Doc | null;
  actor: Actor | null;
  profiles: readonly ReviewerProfile[];
  comment?: string;
  /** ISO date and time of the action, and the day (YYYY-MM-DD, China) it counts as. */
  now: string;
  today: string;
  /** A unique key for the review record. */
  key: string;
  /** The fields of the document type (name → title), to name what changed since the last approval. */
  fieldTitles?: Record<string, string>;
}

export type Transition =
  { ok: true; state: ReviewState; set: Record<string, unknown>; event: ReviewEvent } | { ok: false; reason: string };

/** The titles of the fields whose values differ between two versions (system and workflow fields left out). */
export function changedFields(
  before: Doc | null | undefined,
  after: Doc,
  titles: Record<string, string> = {},
): string[] {
  if (!before) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const k of keys) {
    if (k.startsWith('_') || k === 'review' || k === 'updatedAt') continue;
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) out.push(titles[k] ?? k);
  }
  return out.sort();
}

/**
 * What an action changes: the fields to set on the draft (the review state, and for an approved article or
 * self-check its reviewer and review dates), and the review record to create beside the document.
 */
export function transition(action: ReviewAction, input: TransitionInput): Transition {
  const status = reviewStatus(input);
  const decision = can(action, status, input.actor, input.profiles);
  if (!decision.allowed) return { ok: false, reason: decision.reason };
  const comment = input.comment?.trim();
  if (RULES[action].comment && !comment) return { ok: false, reason: `${ACTION_LABEL[action]}需要写明意见` };
  const current = (input.draft ?? input.published)!;
  const actor = input.actor!;
  const profile = reviewerProfileOf(actor.userId, input.profiles);
  const to = RULES[action].to;
  const set: Record<string, unknown> = {};
  let hash = contentHash(current);
  const record = current.review ?? {};
  if (action === 'approve') {
    if ((HEALTH_TYPES as readonly string[]).includes(input.type)) {
      set.reviewer = { _type: 'reviewer', name: profile!.name, role: profile!.title };
      set.reviewedAt = input.today;
      set.nextReviewDue = nextReviewAfterApproval(current.nextReviewDue, input.today);
    }
    // The approval is for the content as it will be with the reviewer and dates filled in.
    hash = contentHash({ ...current, ...set });
    const approval: Approval = {
      contentHash: hash,
      profileId: profile!._id,
      reviewer: profile!.name,
      reviewerTitle: profile!.title,
      userId: profile!.userId,
      approvedAt: input.today,
    };
    set.review = { _type: 'reviewRecord', status: to, approval };
  } else if (action === 'submit') {
    // A new submission is about new content: the old approval no longer applies.
    set.review = { _type: 'reviewRecord', status: to, submittedBy: actor.userId, submittedHash: hash };
  } else if (action === 'reject') {
    set.review = { _type: 'reviewRecord', status: to };
  } else {
    set.review = { _type: 'reviewRecord', status: to, ...(record.approval ? { approval: record.approval } : {}) };
  }
  const doc = publishedId(String(current._id ?? ''));
  const changed = action === 'submit' ? changedFields(input.published, current, input.fieldTitles) : [];
  const event: ReviewEvent = {
    _id: `reviewEvent.${doc}.${input.key}`,
    _type: 'reviewEvent',
    document: doc,
    documentType: input.type,
    title: String(current.title ?? current.displayName ?? doc),
    at: input.now,
    action,
    by: profile?.name ?? actor.name,
    userId: actor.userId,
    contentHash: hash,
    ...(comment ? { comment } : {}),
    ...(changed.length ? { changed } : {}),
  };
  return { ok: true, state: to, set, event };
}
