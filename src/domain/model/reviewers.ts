/**
 * Who may approve health content, and the record of each review, for content kept in git:
 *   content/reviewers.yaml  the allow-list (changed only through a reviewed pull request; docs/editors.md)
 *   content/reviews.yaml    one record per review: which document, who, which day, what was checked
 * An article's or self-check's reviewedAt must be the day of a record by the reviewer it names, so a review date
 * cannot move without a reviewer. The Sanity build reads the same allow-list (src/domain/approval.ts).
 */
import { z } from 'zod';
import { dateSchema, idSchema } from './common.ts';

export const listedReviewerSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1),
  /** 职称 / 资格, shown on the page as the reviewer's role (an article's reviewer.role must read the same). */
  qualification: z.string().trim().min(1),
  /** The Sanity user id the reviewer signs in to the Studio with (sanity.io/manage → 成员). */
  sanityUserId: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a Sanity user id (letters, digits, - and _), e.g. p1AbCdEf')
    .optional(),
});
export type ListedReviewerEntry = z.infer<typeof listedReviewerSchema>;

/** The documents a review record can be about: `articles/<slug>` or `quizzes/<slug>`. */
export const REVIEWED_DOCUMENT = /^(articles|quizzes)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const reviewRecordSchema = z.strictObject({
  document: z.string().regex(REVIEWED_DOCUMENT, 'must be articles/<slug> or quizzes/<slug>'),
  /** The id of a reviewer in content/reviewers.yaml. */
  reviewer: idSchema,
  date: dateSchema,
  /** What the reviewer checked (which guideline, which numbers) or asked to change. */
  comment: z.string().trim().min(1, 'say what was checked'),
});
export type ReviewRecordEntry = z.infer<typeof reviewRecordSchema>;

/** Years at most between a review and the next one (NHS and most health publishers: every three years). */
export const MAX_REVIEW_YEARS = 3;

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-');
  return `${Number(y) + years}-${m}-${d}`;
}

/** The review-date rule every reviewed document shares: the next review after the review, within three years. */
export function nextReviewProblem(reviewedAt: string, nextReviewDue: string): string | undefined {
  if (nextReviewDue <= reviewedAt) return 'next review must come after the review date';
  if (nextReviewDue > addYears(reviewedAt, MAX_REVIEW_YEARS))
    return `next review must be at most ${MAX_REVIEW_YEARS} years after the review date (${addYears(reviewedAt, MAX_REVIEW_YEARS)} at the latest)`;
  return undefined;
}
