/**
 * Medical approval that holds: what an approval covers (a SHA-256 fingerprint of a document's content), and the
 * build's decision, from Sanity's own record of who did what, whether a published health document may go live.
 *
 * Pure: the Studio (cms/workflow) fingerprints what a reviewer approves with the same function the build uses
 * to check it; the site's Sanity loader (src/content/sanity/history.ts) reads the transaction history and hands
 * the facts to `gateDecision`. Nothing here trusts a field a write token can type: who approved is the author of
 * the transaction that created the approval record, and who wrote the content is the author of the transaction
 * that made the content what it is.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

type Doc = Record<string, unknown>;

/**
 * Fields that are not what a reviewer approves: system fields, the old in-document workflow record and the
 * editor's 更新日期. Everything else counts, the reviewer and review dates included (approval fills them in and
 * then takes the fingerprint): typing another reviewer's name or moving the next review date voids it.
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

/** The fields an approval fills in: the four-eyes check looks at who wrote everything else. */
export const APPROVAL_FIELDS = new Set(['reviewer', 'reviewedAt', 'nextReviewDue']);

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

/** The published id of a draft or published id. */
export const publishedId = (id: string) => id.replace(/^drafts\./, '');

function fingerprint(doc: Doc, skip: (key: string) => boolean): string {
  const content = Object.fromEntries(Object.entries(doc).filter(([k]) => !NOT_CONTENT.has(k) && !skip(k)));
  const text = `${publishedId(String(doc._id ?? ''))}\n${stable(content)}`;
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

/** The fingerprint of a document's health content (its id included, so approving one does not approve a copy). */
export function contentHash(doc: Doc): string {
  return fingerprint(doc, () => false);
}

/** The fingerprint of what the writer wrote: the content without the fields approval fills in. */
export function writtenHash(doc: Doc): string {
  return fingerprint(doc, (k) => APPROVAL_FIELDS.has(k));
}

/** One reviewer on the repository's allow-list (content/reviewers.yaml), as the gate needs it. */
export interface ListedReviewer {
  id: string;
  name: string;
  qualification: string;
  /** The Sanity user id the reviewer signs in with (absent: the reviewer works only on git content). */
  sanityUserId?: string;
}

/** A review record kept outside the document (a Sanity `reviewEvent` document), as the dataset holds it. */
export interface ReviewEventDoc {
  _id: string;
  /** Published id of the health document it is about. */
  document: string;
  action: 'submit' | 'approve' | 'reject' | 'publish';
  contentHash?: string;
  comment?: string;
}

/** What Sanity's transaction history says about one review record. */
export interface EventProvenance {
  /** The user whose transaction created the record. */
  author: string;
  /** When (ISO). */
  at: string;
  /** A later transaction changed or deleted it: an append-only record that was rewritten counts for nothing. */
  rewritten: boolean;
}

export interface GateDocument {
  /** Published id. */
  id: string;
  type: string;
  title: string;
  /** The document as published (every field), for the fingerprint. */
  raw: Doc;
  /** The user whose transaction last made the written content what it is now (undefined: history has none). */
  writtenBy?: string;
}

export type GateOutcome =
  { ok: true; reviewer: ListedReviewer; approvedAt: string; eventId: string } | { ok: false; reason: string };

/**
 * May this published health document go live? It needs an approval record for exactly its current content,
 * created (per the history) by a listed reviewer's account and never rewritten, by someone other than the person
 * who last wrote the content, and the reviewer named on the document must be that reviewer.
 */
export function gateDecision(
  doc: GateDocument,
  events: readonly ReviewEventDoc[],
  provenance: ReadonlyMap<string, EventProvenance>,
  reviewers: readonly ListedReviewer[],
): GateOutcome {
  const hash = contentHash(doc.raw);
  const approvals = events.filter((e) => e.document === doc.id && e.action === 'approve');
  if (approvals.length === 0) return { ok: false, reason: 'published without an approval by a listed reviewer' };
  const current = approvals.filter((e) => e.contentHash === hash);
  if (current.length === 0)
    return { ok: false, reason: 'changed since its last approval (no approval covers the published content)' };
  const reasons: string[] = [];
  for (const e of current) {
    const p = provenance.get(e._id);
    if (!p) {
      reasons.push(`approval ${e._id} has no transaction in Sanity's history`);
      continue;
    }
    if (p.rewritten) {
      reasons.push(`approval ${e._id} was changed after it was made`);
      continue;
    }
    const reviewer = reviewers.find((r) => r.sanityUserId === p.author);
    if (!reviewer) {
      reasons.push(
        `approval ${e._id} was made by user ${p.author}, who is not on the reviewer list (content/reviewers.yaml)`,
      );
      continue;
    }
    if (doc.writtenBy === p.author) {
      reasons.push(
        `approved by ${reviewer.name}, who also made the last change to the content (four eyes: another reviewer must approve)`,
      );
      continue;
    }
    const named = (doc.raw.reviewer as { name?: unknown } | undefined)?.name;
    if (named !== undefined && named !== reviewer.name) {
      reasons.push(`names ${String(named)} as reviewer, but ${reviewer.name} approved it`);
      continue;
    }
    return { ok: true, reviewer, approvedAt: p.at, eventId: e._id };
  }
  return { ok: false, reason: reasons.join('; ') };
}

/** One transaction on a document's ids (published and draft): whose it was, and the states it left. */
export interface DocumentTransaction {
  author: string;
  /** Per document id the transaction touched: the document after it (null: deleted). */
  states: Record<string, Doc | null>;
}

/**
 * Who last wrote the current content: walking a document's transactions (published and draft ids, oldest first),
 * the author of the last transaction after which some id held the written content `hash` while none did before.
 * Publishing moves the draft's content to the published id in one transaction: nothing new appears, so the
 * publisher is not counted as a writer, and neither is the reviewer whose approval only fills in the review
 * fields. Undefined when no transaction brought the content (the history was cut short).
 */
export function lastWriter(transactions: readonly DocumentTransaction[], hash: string): string | undefined {
  const held = new Map<string, string | undefined>();
  let writer: string | undefined;
  for (const t of transactions) {
    const before = new Set(held.values());
    for (const [id, state] of Object.entries(t.states)) held.set(id, state ? writtenHash(state) : undefined);
    if (!before.has(hash) && new Set(held.values()).has(hash)) writer = t.author;
  }
  return writer;
}
