/**
 * The medical-review workflow, as pure rules (no Sanity imports; unit-tested in tests/unit/review-workflow.test.ts).
 *
 * A health document (article, quiz) moves 草稿 → 待医学审核 → 审核通过 → 已发布:
 *   提交审核  an editor sends a draft to review (also an approved draft edited since, so reviewers see it listed)
 *   审核通过  a reviewer (someone with an active reviewer profile) approves the content as it is now, with a comment;
 *            the approval records a hash of the content, and fills the article's reviewer and review date
 *   退回修改  a reviewer sends it back to the editor, with a comment saying what to change
 *   发布      an editor publishes, only while the approval is for the current content
 * Any edit to the content after approval makes the approval stale: the document is 待医学审核 again. Every step is
 * kept in the document's history (who, when, what, comment), which editors see in the 审核 tab.
 */

export const HEALTH_TYPES = ['article', 'quiz'] as const;
export type HealthType = (typeof HEALTH_TYPES)[number];
export const isHealthType = (type: string): type is HealthType => (HEALTH_TYPES as readonly string[]).includes(type);

export type ReviewState = 'draft' | 'inReview' | 'approved' | 'published';
export const STATE_LABEL: Record<ReviewState, string> = {
  draft: '草稿',
  inReview: '待医学审核',
  approved: '审核通过',
  published: '已发布',
};

export type ReviewAction = 'submit' | 'approve' | 'reject' | 'publish';
export const ACTION_LABEL: Record<ReviewAction, string> = {
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回修改',
  publish: '发布',
};

/** Who may take each action, from which states, whether a comment is required, and where it leads. */
export const RULES: Record<
  ReviewAction,
  { who: 'editor' | 'reviewer'; from: ReviewState[]; comment: boolean; to: ReviewState }
> = {
  submit: { who: 'editor', from: ['draft'], comment: false, to: 'inReview' },
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

export interface HistoryEntry {
  _key: string;
  _type?: 'reviewHistoryEntry';
  /** ISO date and time. */
  at: string;
  action: ReviewAction;
  /** Name of the person (the reviewer profile's name for reviewers). */
  by: string;
  userId: string;
  comment?: string;
  /** The content the action was about. */
  contentHash: string;
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
  status?: ReviewState;
  approval?: Approval;
  history?: HistoryEntry[];
}

type Doc = Record<string, unknown> & { review?: ReviewRecord };

/**
 * Fields that are not what a reviewer approves: system fields, the workflow record and the editor's 更新日期.
 * Everything else counts, the reviewer and review dates included (approval fills them in and then takes the
 * hash): typing another reviewer's name or moving the next review date after approval needs a new approval.
 */
export const NOT_CONTENT = new Set([
  '_id',
  '_rev',
  '_createdAt',
  '_updatedAt',
  '_originalId',
  '_system',
  'review',
  'updatedAt',
]);

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** FNV-1a, 64 bits: detects that content changed (not a security measure; Sanity's permissions are). */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** The publishedId of a draft or published id. */
export const publishedId = (id: string) => id.replace(/^drafts\./, '');

/** A hash of the health content of a document (its id included, so a duplicate is not approved). */
export function contentHash(doc: Doc): string {
  const content = Object.fromEntries(Object.entries(doc).filter(([k]) => !NOT_CONTENT.has(k)));
  return fnv1a64(`${publishedId(String(doc._id ?? ''))}\n${stable(content)}`);
}

export interface ReviewStatus {
  state: ReviewState;
  /** Approved once, but the content changed since: back in review. */
  stale: boolean;
  /** The approval, when it is for the current content. */
  approval?: Approval;
}

/** The state of a document from its draft and published versions (as the Studio's edit state gives them). */
export function reviewStatus({ draft, published }: { draft?: Doc | null; published?: Doc | null }): ReviewStatus {
  const current = draft ?? published;
  if (!current) return { state: 'draft', stale: false };
  const record = current.review ?? {};
  const approval =
    record.approval && record.approval.contentHash === contentHash(current) ? record.approval : undefined;
  if (!draft) return { state: 'published', stale: false, approval };
  const status = record.status ?? 'draft';
  if (status === 'approved' || status === 'published') {
    return approval ? { state: 'approved', stale: false, approval } : { state: 'inReview', stale: true };
  }
  return { state: status, stale: false };
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

/** May this person take this action on a document in this state? */
export function can(
  action: ReviewAction,
  status: ReviewStatus,
  actor: Actor | null,
  profiles: readonly ReviewerProfile[],
): Decision {
  const rule = RULES[action];
  if (!actor) return { allowed: false, reason: '请先登录' };
  if (rule.who === 'reviewer' && !reviewerProfileOf(actor.userId, profiles)) {
    return { allowed: false, reason: '只有审核人（在“审核人”里有有效资料的医生）可以审核' };
  }
  // An edit after approval is back in review already; submitting it puts it in the reviewers' list (待医学审核).
  const resubmit = action === 'submit' && status.stale;
  if (!rule.from.includes(status.state) && !resubmit) {
    if (action === 'publish' && status.stale)
      return { allowed: false, reason: '审核通过后内容又改过，需要重新审核才能发布' };
    if (action === 'publish') return { allowed: false, reason: '医学审核通过后才能发布' };
    return { allowed: false, reason: `当前状态是“${STATE_LABEL[status.state]}”，不能${ACTION_LABEL[action]}` };
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
  /** A unique key for the history entry. */
  key: string;
}

export type Transition =
  { ok: true; state: ReviewState; set: Record<string, unknown>; entry: HistoryEntry } | { ok: false; reason: string };

/**
 * What an action changes: the fields to set on the draft (the whole review record, and for an approved article
 * its reviewer and review dates). Publishing then publishes the draft as it is.
 */
export function transition(action: ReviewAction, input: TransitionInput): Transition {
  const status = reviewStatus(input);
  const decision = can(action, status, input.actor, input.profiles);
  if (!decision.allowed) return { ok: false, reason: decision.reason };
  const comment = input.comment?.trim();
  if (RULES[action].comment && !comment) return { ok: false, reason: `${ACTION_LABEL[action]}需要写明意见` };
  const current = (input.draft ?? input.published)!;
  const hash = contentHash(current);
  const profile = reviewerProfileOf(input.actor!.userId, input.profiles);
  const entry: HistoryEntry = {
    _key: input.key,
    _type: 'reviewHistoryEntry',
    at: input.now,
    action,
    by: profile?.name ?? input.actor!.name,
    userId: input.actor!.userId,
    contentHash: hash,
    ...(comment ? { comment } : {}),
  };
  const record = current.review ?? {};
  const history = [...(record.history ?? []), entry];
  const to = RULES[action].to;
  const set: Record<string, unknown> = {};
  if (action === 'approve') {
    if (input.type === 'article') {
      set.reviewer = { _type: 'reviewer', name: profile!.name, role: profile!.title };
      set.reviewedAt = input.today;
      set.nextReviewDue = nextReviewAfterApproval(current.nextReviewDue, input.today);
    }
    // The approval is for the content as it will be with the reviewer and dates filled in.
    const approved = contentHash({ ...current, ...set });
    entry.contentHash = approved;
    const approval: Approval = {
      contentHash: approved,
      profileId: profile!._id,
      reviewer: profile!.name,
      reviewerTitle: profile!.title,
      userId: profile!.userId,
      approvedAt: input.today,
    };
    set.review = { _type: 'reviewRecord', status: to, approval, history };
  } else if (action === 'reject' || action === 'submit') {
    // A new submission is about new content: the old approval no longer applies.
    set.review = { _type: 'reviewRecord', status: to, history };
  } else {
    set.review = {
      _type: 'reviewRecord',
      status: to,
      ...(record.approval ? { approval: record.approval } : {}),
      history,
    };
  }
  return { ok: true, state: to, set, entry };
}
