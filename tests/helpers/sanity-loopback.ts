/**
 * A stand-in for Sanity's query API on 127.0.0.1, for tests with no Sanity account: it answers
 * `GET|POST /v<date>/data/query/<dataset>` (what @sanity/client sends) by running the GROQ with groq-js over
 * the documents of an export (cms-export/content.ndjson), after doing what `sanity dataset import` does with
 * `_sanityAsset` fields: each file becomes a sanity.imageAsset / sanity.fileAsset document with Sanity's id
 * scheme (image-<sha1>-<w>x<h>-<ext>, file-<sha1>-<ext>), and the field becomes a reference to it.
 * Perspectives as the API applies them (`?perspective=`, default `published`): `published` leaves drafts out;
 * `drafts` shows each document's draft in place of the published version (with the published id, and the draft's
 * id as `_originalId`), and needs a token, as drafts are never visible to an anonymous request; `raw` is everything.
 *
 * It also answers the History API the review gate reads (src/content/sanity/history.ts), from a transaction log
 * the test gives (who did what, in order; by default one import transaction per document, by the user `importer`):
 *   GET /v<date>/data/history/<dataset>/transactions/<ids>   NDJSON, oldest first: id, timestamp, author,
 *       documentIDs, and with effectFormat=mendoza each document's change as a Mendoza patch; `limit` and
 *       `fromTransaction` (that transaction included again) page through it
 *   GET /v<date>/data/history/<dataset>/documents/<id>?revision=<transaction id>   the document after it
 * Both need a token, as Sanity's do.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, parse } from 'groq-js';
import sharp from 'sharp';

type Doc = Record<string, unknown> & { _id: string; _type: string };

/** One transaction of the log: who made it and the documents it left (null: deleted). */
export interface LoopbackTransaction {
  id?: string;
  author: string;
  timestamp?: string;
  states: Record<string, Doc | null>;
}

export interface Loopback {
  url: string;
  dataset: string;
  projectId: string;
  /** Query requests answered so far. */
  requests: number;
  /** The perspective of each request, in order. */
  perspectives: string[];
  /** History API requests answered so far. */
  historyRequests: number;
  close(): Promise<void>;
}

const ASSET_FIELD = /^(image|file)@(file:\/\/.+)$/;

/** Replaces `_sanityAsset` fields by asset references and returns the asset documents, as the importer does. */
export async function importAssets(docs: Doc[], projectId: string, dataset: string): Promise<Doc[]> {
  const assets = new Map<string, Doc>();
  const visit = async (value: unknown): Promise<void> => {
    if (Array.isArray(value)) {
      for (const v of value) await visit(v);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    const spec = typeof obj._sanityAsset === 'string' ? ASSET_FIELD.exec(obj._sanityAsset) : null;
    if (spec) {
      const file = fileURLToPath(spec[2]!);
      const bytes = readFileSync(file);
      const sha1 = createHash('sha1').update(bytes).digest('hex');
      const ext = path.extname(file).slice(1).toLowerCase();
      let id: string;
      if (spec[1] === 'image') {
        const meta = await sharp(bytes).metadata();
        id = `image-${sha1}-${meta.width}x${meta.height}-${ext}`;
        assets.set(id, {
          _id: id,
          _type: 'sanity.imageAsset',
          assetId: sha1,
          extension: ext,
          originalFilename: path.basename(file),
          mimeType: `image/${ext === 'jpg' ? 'jpeg' : ext}`,
          sha1hash: sha1,
          size: bytes.length,
          path: `images/${projectId}/${dataset}/${sha1}-${meta.width}x${meta.height}.${ext}`,
          url: `https://cdn.sanity.io/images/${projectId}/${dataset}/${sha1}-${meta.width}x${meta.height}.${ext}`,
          metadata: {
            _type: 'sanity.imageMetadata',
            dimensions: {
              _type: 'sanity.imageDimensions',
              width: meta.width,
              height: meta.height,
              aspectRatio: meta.width! / meta.height!,
            },
          },
        });
      } else {
        id = `file-${sha1}-${ext}`;
        assets.set(id, {
          _id: id,
          _type: 'sanity.fileAsset',
          assetId: sha1,
          extension: ext,
          originalFilename: path.basename(file),
          sha1hash: sha1,
          size: bytes.length,
          path: `files/${projectId}/${dataset}/${sha1}.${ext}`,
          url: `https://cdn.sanity.io/files/${projectId}/${dataset}/${sha1}.${ext}`,
        });
      }
      delete obj._sanityAsset;
      obj.asset = { _type: 'reference', _ref: id };
    }
    for (const v of Object.values(obj)) await visit(v);
  };
  for (const d of docs) await visit(d);
  return [...assets.values()];
}

const isDraftId = (id: string) => id.startsWith('drafts.');

/** The documents a query sees in a perspective; `authenticated`: the request carried a token. */
export function applyPerspective(docs: Doc[], perspective: string, authenticated: boolean): Doc[] {
  if (perspective === 'raw') return authenticated ? docs : docs.filter((d) => !isDraftId(d._id));
  if (perspective === 'published' || !authenticated)
    return docs.filter((d) => !isDraftId(d._id) && !d._id.startsWith('versions.'));
  if (perspective !== 'drafts') throw new Error(`unsupported perspective "${perspective}" (published, drafts or raw)`);
  const drafts = new Map(docs.filter((d) => isDraftId(d._id)).map((d) => [d._id.slice('drafts.'.length), d]));
  const out: Doc[] = [];
  for (const d of docs) {
    if (isDraftId(d._id) || d._id.startsWith('versions.')) continue;
    const draft = drafts.get(d._id);
    out.push(draft ? { ...draft, _id: d._id, _originalId: draft._id } : d);
    drafts.delete(d._id);
  }
  // Drafts of documents never published.
  for (const [id, draft] of drafts) out.push({ ...draft, _id: id, _originalId: draft._id });
  return out;
}

export function readNdjson(text: string): Doc[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Doc);
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface LoggedTransaction {
  id: string;
  timestamp: string;
  author: string;
  states: Record<string, Doc | null>;
  before: Record<string, Doc | null>;
}

/** The log with ids, times and each transaction's before-states; by default one import per document. */
function transactionLog(docs: Doc[], given: LoopbackTransaction[] | undefined): LoggedTransaction[] {
  const txs: LoopbackTransaction[] = given ?? docs.map((d) => ({ author: 'importer', states: { [d._id]: d } }));
  const current = new Map<string, Doc | null>();
  const start = Date.parse('2026-01-01T00:00:00Z');
  return txs.map((t, i) => {
    const before = Object.fromEntries(Object.keys(t.states).map((id) => [id, current.get(id) ?? null]));
    for (const [id, doc] of Object.entries(t.states)) current.set(id, doc);
    return {
      id: t.id ?? `tx${String(i).padStart(6, '0')}`,
      timestamp: t.timestamp ?? new Date(start + i * 60_000).toISOString(),
      author: t.author,
      states: t.states,
      before,
    };
  });
}

/** The History API over a transaction log (see the header). */
function answerHistory(
  log: LoggedTransaction[],
  url: URL,
  kind: string,
  idsText: string,
): unknown[] | { documents: Doc[] } {
  const ids = idsText.split(',').map(decodeURIComponent);
  if (kind === 'documents') {
    const revision = url.searchParams.get('revision');
    const until = revision ? log.findIndex((t) => t.id === revision) : log.length - 1;
    if (until < 0) throw new Error(`unknown revision ${revision}`);
    let doc: Doc | null = null;
    for (const t of log.slice(0, until + 1)) if (ids[0]! in t.states) doc = t.states[ids[0]!]!;
    return { documents: doc ? [{ ...doc, _rev: log[until]!.id }] : [] };
  }
  const limit = Number(url.searchParams.get('limit') ?? '100');
  const from = url.searchParams.get('fromTransaction');
  const mendoza = url.searchParams.get('effectFormat') === 'mendoza';
  let list = log.filter((t) => ids.some((id) => id in t.states));
  if (from)
    list = list.slice(
      Math.max(
        0,
        list.findIndex((t) => t.id === from),
      ),
    );
  return list.slice(0, limit).map((t) => {
    const touched = Object.keys(t.states).filter((id) => ids.includes(id));
    return {
      id: t.id,
      timestamp: t.timestamp,
      author: t.author,
      documentIDs: touched,
      ...(mendoza
        ? // A Mendoza patch that is one literal value (opcode 0) sets the whole document; Sanity's are finer.
          {
            effects: Object.fromEntries(
              touched.map((id) => [id, { apply: [0, t.states[id]], revert: [0, t.before[id]] }]),
            ),
          }
        : {}),
    };
  });
}

/** Starts the server on 127.0.0.1 (port 0: any free port) over the given export documents. */
export async function startLoopback(
  documents: Doc[],
  {
    projectId = 'loopback',
    dataset = 'production',
    port = 0,
    transactions,
  }: { projectId?: string; dataset?: string; port?: number; transactions?: LoopbackTransaction[] } = {},
): Promise<Loopback> {
  const docs = structuredClone(documents);
  const given = structuredClone(transactions);
  const all = [...docs, ...(await importAssets(docs, projectId, dataset))];
  // The log's documents go through the same import, so they match the dataset's.
  if (given)
    for (const t of given)
      await importAssets(
        Object.values(t.states).filter((d): d is Doc => d !== null),
        projectId,
        dataset,
      );
  const log = transactionLog(docs, given);
  const state = { requests: 0, perspectives: [] as string[], historyRequests: 0 };
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const h = /^\/v[\dX-]+\/data\/history\/([^/]+)\/(transactions|documents)\/([^/]+)$/.exec(url.pathname);
      if (h) {
        if (decodeURIComponent(h[1]!) !== dataset)
          return send(404, { error: 'Not Found', message: `Dataset "${h[1]}" not found` });
        if (!/^Bearer \S+/.test(req.headers.authorization ?? ''))
          return send(401, { error: 'Unauthorized', message: 'the History API needs a token' });
        state.historyRequests++;
        const answer = answerHistory(log, url, h[2]!, h[3]!);
        if (!Array.isArray(answer)) return send(200, answer);
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        return res.end(answer.map((t) => JSON.stringify(t)).join('\n') + (answer.length ? '\n' : ''));
      }
      const m = /^\/v[\dX-]+\/data\/query\/([^/]+)$/.exec(url.pathname);
      if (!m) return send(404, { error: 'Not Found', message: `no such endpoint: ${url.pathname}` });
      if (decodeURIComponent(m[1]!) !== dataset)
        return send(404, { error: 'Not Found', message: `Dataset "${m[1]}" not found` });
      let query: string | null;
      const params: Record<string, unknown> = {};
      if (req.method === 'POST') {
        const b = JSON.parse(await body(req)) as { query: string; params?: Record<string, unknown> };
        query = b.query;
        Object.assign(params, b.params ?? {});
      } else {
        query = url.searchParams.get('query');
        for (const [k, v] of url.searchParams) if (k.startsWith('$')) params[k.slice(1)] = JSON.parse(v);
      }
      if (!query) return send(400, { error: 'Bad Request', message: 'missing query' });
      const perspective = url.searchParams.get('perspective') ?? 'published';
      const view = applyPerspective(all, perspective, /^Bearer \S+/.test(req.headers.authorization ?? ''));
      state.requests++;
      state.perspectives.push(perspective);
      const started = Date.now();
      const value = await evaluate(parse(query, { params }), { dataset: view, params });
      send(200, { query, result: await value.get(), ms: Date.now() - started });
    } catch (e) {
      send(400, { error: 'Bad Request', message: (e as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    dataset,
    projectId,
    get requests() {
      return state.requests;
    },
    get perspectives() {
      return state.perspectives;
    },
    get historyRequests() {
      return state.historyRequests;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
