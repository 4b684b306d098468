/**
 * Git content's review rules (content/reviewers.yaml, content/reviews.yaml; src/domain/model/reviewers.ts):
 * every article and self-check names a reviewer on the allow-list, with the qualification it lists, and its
 * reviewedAt is the day of a review record by that reviewer. A review date therefore moves only in a change that
 * adds the reviewer's record, which the allow-list's owners review like code (docs/editors.md).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { z } from 'zod';
import { listedReviewerSchema, type ListedReviewerEntry } from '@hc/domain/model/index.ts';
import type { ContentSet, Sourced } from './content-set.ts';
import { ContentError, zodProblems, type ContentProblem } from './errors.ts';

export const REVIEWERS_FILE = 'reviewers.yaml';
export const REVIEWS_FILE = 'reviews.yaml';

interface Reviewed {
  source: string;
  document: string;
  reviewer: { name: string; role: string };
  reviewedAt: string;
}

export function checkReviewRecords(
  set: Pick<ContentSet, 'articles' | 'quizzes' | 'reviewers' | 'reviews'>,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map(set.reviewers.map((r) => [r.data.id, r.data]));
  const seen = new Map<string, string>();
  for (const r of set.reviewers) {
    const first = seen.get(r.data.id);
    if (first) problems.push({ source: r.source, path: 'id', message: `duplicate reviewer id "${r.data.id}"` });
    else seen.set(r.data.id, r.source);
  }
  set.reviews.forEach((rec, i) => {
    if (!byId.has(rec.data.reviewer))
      problems.push({
        source: rec.source,
        path: `[${i}].reviewer`,
        message: `"${rec.data.reviewer}" is not on the reviewer list (content/${REVIEWERS_FILE})`,
      });
  });
  const docs: Reviewed[] = [
    ...set.articles.map(({ source, data: d }) => ({
      source,
      document: `articles/${d.slug}`,
      reviewer: d.reviewer,
      reviewedAt: d.reviewedAt,
    })),
    ...set.quizzes.map(({ source, data: d }) => ({
      source,
      document: `quizzes/${d.slug}`,
      reviewer: d.reviewer,
      reviewedAt: d.reviewedAt,
    })),
  ];
  for (const d of docs) {
    const listed = set.reviewers.find((r) => r.data.name === d.reviewer.name)?.data;
    if (!listed) {
      problems.push({
        source: d.source,
        path: 'reviewer.name',
        message: `${d.reviewer.name} is not on the reviewer list (content/${REVIEWERS_FILE})`,
      });
      continue;
    }
    if (listed.qualification !== d.reviewer.role)
      problems.push({
        source: d.source,
        path: 'reviewer.role',
        message: `the reviewer list gives ${listed.name}'s qualification as "${listed.qualification}"`,
      });
    const record = set.reviews.some(
      (r) => r.data.document === d.document && r.data.reviewer === listed.id && r.data.date === d.reviewedAt,
    );
    if (!record)
      problems.push({
        source: d.source,
        path: 'reviewedAt',
        message: `no record in content/${REVIEWS_FILE} of ${listed.name} reviewing ${d.document} on ${d.reviewedAt}: a review date moves only with the reviewer's record`,
      });
  }
  return problems;
}

/**
 * The allow-list alone (a Sanity build reads its reviewers from the repository, never from the dataset):
 * `content/reviewers.yaml` under `contentDir`; a missing file is an empty list (nobody can approve).
 */
export async function loadReviewerList(contentDir: string): Promise<Sourced<ListedReviewerEntry>[]> {
  const file = path.join(path.resolve(contentDir), REVIEWERS_FILE);
  if (!existsSync(file)) return [];
  const source = path
    .relative(path.dirname(path.resolve(contentDir)), file)
    .split(path.sep)
    .join('/');
  const raw = yaml.load(await readFile(file, 'utf8'));
  const parsed = z.array(listedReviewerSchema).safeParse(raw);
  if (!parsed.success) throw new ContentError(zodProblems(source, parsed.error));
  return parsed.data.map((data) => ({ data, source }));
}
