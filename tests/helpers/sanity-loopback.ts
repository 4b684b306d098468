/**
 * A stand-in for Sanity's query API on 127.0.0.1, for tests with no Sanity account: it answers
 * `GET|POST /v<date>/data/query/<dataset>` (what @sanity/client sends) by running the GROQ with groq-js over
 * the documents of an export (cms-export/content.ndjson), after doing what `sanity dataset import` does with
 * `_sanityAsset` fields: each file becomes a sanity.imageAsset / sanity.fileAsset document with Sanity's id
 * scheme (image-<sha1>-<w>x<h>-<ext>, file-<sha1>-<ext>), and the field becomes a reference to it.
 * Perspectives as the API applies them (`?perspective=`, default `published`): `published` leaves drafts out;
 * `drafts` shows each document's draft in place of the published version (with the published id, and the draft's
 * id as `_originalId`), and needs a token, as drafts are never visible to an anonymous request; `raw` is everything.
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

export interface Loopback {
  url: string;
  dataset: string;
  projectId: string;
  /** Query requests answered so far. */
  requests: number;
  /** The perspective of each request, in order. */
  perspectives: string[];
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

/** Starts the server on 127.0.0.1 (port 0: any free port) over the given export documents. */
export async function startLoopback(
  documents: Doc[],
  {
    projectId = 'loopback',
    dataset = 'production',
    port = 0,
  }: { projectId?: string; dataset?: string; port?: number } = {},
): Promise<Loopback> {
  const docs = structuredClone(documents);
  const all = [...docs, ...(await importAssets(docs, projectId, dataset))];
  const state = { requests: 0, perspectives: [] as string[] };
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
