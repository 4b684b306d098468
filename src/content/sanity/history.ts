/**
 * The review gate of a Sanity build: reads Sanity's record of transactions (the History API,
 * GET /data/history/<dataset>/transactions/<ids>) to learn who really created each approval record and who last
 * wrote each health document, and decides with src/domain/approval.ts what may be published. A write token can
 * type any field, but not the author of a transaction, so neither a token nor a Content Release can forge or skip
 * an approval. The History API needs a token (SANITY_API_READ_TOKEN, Viewer is enough); without one nothing can
 * be verified and every health document is withheld, with the reason in the build report.
 *
 * Transactions come as NDJSON, oldest first, with each document's change as a Mendoza patch (`effectFormat=mendoza`,
 * the format the Studio's own history uses); replaying them gives every state the document had.
 */
import type { SanityClient } from '@sanity/client';
import { applyPatch, type RawPatch } from 'mendoza';
import {
  gateDecision,
  lastWriter,
  writtenHash,
  type DocumentTransaction,
  type EventProvenance,
  type GateOutcome,
  type ListedReviewer,
  type ReviewEventDoc,
} from '@hc/domain/approval.ts';

/** A transaction as the History API gives it (effects only with effectFormat=mendoza). */
export interface HistoryTransaction {
  id: string;
  timestamp: string;
  author: string;
  documentIDs: string[];
  effects?: Record<string, { apply: RawPatch; revert: RawPatch } | undefined>;
}

/** Ids per request: a URL stays well under any proxy's limit. */
const IDS_PER_REQUEST = 20;
/** Transactions per page; a full page asks for the next one from its last transaction. */
export const PAGE = 100;

async function page(
  client: SanityClient,
  token: string,
  ids: string[],
  params: Record<string, string>,
): Promise<HistoryTransaction[]> {
  const { dataset } = client.config();
  const query = new URLSearchParams({ excludeContent: 'true', limit: String(PAGE), ...params });
  const url = client.getUrl(`/data/history/${dataset}/transactions/${ids.map(encodeURIComponent).join(',')}?${query}`);
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/x-ndjson' } });
  if (!res.ok)
    throw new Error(
      `Sanity history API answered ${res.status} for ${ids.length} document(s): ${(await res.text()).slice(0, 200)}`,
    );
  const lines = (await res.text()).split('\n').filter((l) => l.trim());
  return lines.map((l) => {
    const t = JSON.parse(l) as HistoryTransaction & { error?: { description?: string } };
    if (t.error) throw new Error(`Sanity history API: ${t.error.description ?? JSON.stringify(t.error)}`);
    return t;
  });
}

/** Every transaction on the given ids (oldest first), page after page. */
export async function transactionsOf(
  client: SanityClient,
  token: string,
  ids: string[],
  params: Record<string, string> = {},
): Promise<HistoryTransaction[]> {
  const out: HistoryTransaction[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    const batch = ids.slice(i, i + IDS_PER_REQUEST);
    let from: string | undefined;
    for (;;) {
      const got = await page(client, token, batch, from ? { ...params, fromTransaction: from } : params);
      // The page that starts from a transaction includes it again.
      const fresh = from ? got.filter((t) => t.id !== from) : got;
      out.push(...fresh);
      if (got.length < PAGE || fresh.length === 0) break;
      from = got[got.length - 1]!.id;
    }
  }
  return out;
}

/** Per published id, its transactions with the states they left on the published and draft ids. */
export function replay(
  transactions: readonly HistoryTransaction[],
  publishedIds: readonly string[],
): Map<string, DocumentTransaction[]> {
  const owner = new Map<string, string>();
  for (const id of publishedIds) {
    owner.set(id, id);
    owner.set(`drafts.${id}`, id);
  }
  const state = new Map<string, Record<string, unknown> | null>();
  const out = new Map<string, DocumentTransaction[]>(publishedIds.map((id) => [id, []]));
  for (const t of transactions) {
    const perDoc = new Map<string, Record<string, Record<string, unknown> | null>>();
    for (const [docId, effect] of Object.entries(t.effects ?? {})) {
      const pub = owner.get(docId);
      if (!pub || !effect) continue;
      const next = applyPatch(state.get(docId) ?? null, effect.apply) as Record<string, unknown> | null;
      state.set(docId, next);
      perDoc.set(pub, { ...perDoc.get(pub), [docId]: next });
    }
    for (const [pub, states] of perDoc) out.get(pub)!.push({ author: t.author, states });
  }
  return out;
}

/** Who created each record (the first transaction's author) and whether a later transaction touched it. */
export function provenanceOf(
  transactions: readonly HistoryTransaction[],
  ids: readonly string[],
): Map<string, EventProvenance> {
  const wanted = new Set(ids);
  const out = new Map<string, EventProvenance>();
  for (const t of transactions) {
    for (const id of t.documentIDs) {
      if (!wanted.has(id)) continue;
      const seen = out.get(id);
      if (seen) seen.rewritten = true;
      else out.set(id, { author: t.author, at: t.timestamp, rewritten: false });
    }
  }
  return out;
}

export interface HealthDoc extends Record<string, unknown> {
  _id: string;
  _type: string;
}

export interface GateResult {
  outcomes: Map<string, GateOutcome>;
}

/**
 * The gate over the published health documents of a dataset: their approval records (reviewEvent documents)
 * and the history of both. Withheld documents carry the reason.
 */
export async function reviewGate(
  client: SanityClient,
  token: string | undefined,
  docs: readonly HealthDoc[],
  events: readonly ReviewEventDoc[],
  reviewers: readonly ListedReviewer[],
): Promise<GateResult> {
  const outcomes = new Map<string, GateOutcome>();
  if (!token) {
    for (const d of docs)
      outcomes.set(d._id, {
        ok: false,
        reason:
          "not verified: the build needs SANITY_API_READ_TOKEN to read Sanity's history and check who approved it",
      });
    return { outcomes };
  }
  const ids = docs.map((d) => d._id);
  const history = replay(
    await transactionsOf(
      client,
      token,
      ids.flatMap((id) => [id, `drafts.${id}`]),
      { effectFormat: 'mendoza' },
    ),
    ids,
  );
  const approvals = events.filter((e) => e.action === 'approve' && ids.includes(e.document));
  const provenance = provenanceOf(
    await transactionsOf(
      client,
      token,
      approvals.map((e) => e._id),
    ),
    approvals.map((e) => e._id),
  );
  for (const d of docs) {
    const writtenBy = lastWriter(history.get(d._id) ?? [], writtenHash(d));
    const title = typeof d.title === 'string' ? d.title : typeof d.displayName === 'string' ? d.displayName : d._id;
    outcomes.set(
      d._id,
      gateDecision({ id: d._id, type: d._type, title, raw: d, writtenBy }, approvals, provenance, reviewers),
    );
  }
  return { outcomes };
}
