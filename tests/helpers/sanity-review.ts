/**
 * A dataset as it looks after editors wrote and reviewers approved in the Studio: for the loopback server
 * (sanity-loopback.ts), the documents and the transaction log the History API answers from. Every health document
 * is written by an editor (`pEditor`) and approved by the account of the listed reviewer it names
 * (content/reviewers.yaml's sanityUserId), in a reviewEvent record of its own; everything else is imported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { contentHash } from '@hc/domain/approval.ts';
import type { ListedReviewerEntry } from '@hc/domain/model/index.ts';
import { importAssets, type LoopbackTransaction } from './sanity-loopback.ts';

type Doc = Record<string, unknown> & { _id: string; _type: string };

export const EDITOR = 'pEditor';

export const isHealthDoc = (d: Doc) =>
  d._type === 'article' ||
  d._type === 'quiz' ||
  ((d._type === 'event' || d._type === 'family') && d.healthAdvice === true);

export function readReviewers(contentDir: string): ListedReviewerEntry[] {
  return (yaml.load(readFileSync(path.join(contentDir, 'reviewers.yaml'), 'utf8')) as ListedReviewerEntry[]) ?? [];
}

/** The approval record a reviewer's 批准 creates for a document as it is. */
export const approvalOf = (doc: Doc, suffix = 'approve'): Doc => ({
  _id: `reviewEvent.${doc._id}.${suffix}`,
  _type: 'reviewEvent',
  document: doc._id,
  documentType: doc._type,
  action: 'approve',
  contentHash: contentHash(doc),
  comment: '已核对。',
});

/** The reviewer account that approves a document: the listed reviewer it names. */
export function approverOf(doc: Doc, reviewers: readonly ListedReviewerEntry[]): string {
  const name = (doc.reviewer as { name?: string } | undefined)?.name;
  const r = reviewers.find((x) => x.name === name && x.sanityUserId);
  if (!r) throw new Error(`${doc._id}: no listed reviewer with a Sanity account named ${name}`);
  return r.sanityUserId!;
}

/**
 * Documents and log of an export whose health documents are all approved; `change(log, docs)` may then add
 * transactions (an unapproved publish, a self-approval) before the server starts.
 */
export async function reviewedDataset(
  exported: Doc[],
  reviewers: readonly ListedReviewerEntry[],
): Promise<{ documents: Doc[]; transactions: LoopbackTransaction[] }> {
  const docs = structuredClone(exported);
  const assets = await importAssets(docs, 'loopback', 'production');
  const transactions: LoopbackTransaction[] = [];
  const documents: Doc[] = [...assets];
  for (const a of assets) transactions.push({ author: 'importer', states: { [a._id]: a } });
  for (const d of docs) {
    documents.push(d);
    if (!isHealthDoc(d) || d._id.startsWith('drafts.')) {
      transactions.push({ author: 'importer', states: { [d._id]: d } });
      continue;
    }
    const event = approvalOf(d);
    documents.push(event);
    transactions.push({ author: EDITOR, states: { [`drafts.${d._id}`]: d } });
    transactions.push({ author: approverOf(d, reviewers), states: { [event._id]: event } });
    transactions.push({ author: EDITOR, states: { [`drafts.${d._id}`]: null, [d._id]: d } });
  }
  return { documents, transactions };
}
