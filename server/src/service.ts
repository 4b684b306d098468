/**
 * The running service: the API (and, given a built site, the site itself) on one port, the expiry job every
 * six hours, and a clean stop on SIGINT/SIGTERM. Composed by scripts/points.ts (npm run serve / npm start).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Database } from './db/engine.ts';
import { loadKeyring } from './crypto.ts';
import { createApp } from './http/app.ts';
import { ApiError, problemBody } from './http/problem.ts';
import { limitsFromEnv, type Limits } from './http/rate-limit.ts';
import { Ledger } from './ledger/ledger.ts';
import path from 'node:path';
import type { Duplex } from 'node:stream';

export interface ServiceOptions {
  database: Database;
  /** Serves non-API paths (the built site); without it only /api/ answers. */
  site?: (req: IncomingMessage, res: ServerResponse) => void;
  port: number;
  host: string;
  limits?: Limits;
  origins?: string[];
  trustProxy?: boolean;
  now?: () => Date;
  /**
   * Run the expiry job and the audit chainer in this process (default true). False in the HTTP workers of a
   * cluster (server/src/cluster.ts): the primary runs them once for all.
   */
  background?: boolean;
}

export interface RunningService {
  server: Server;
  ledger: Ledger;
  url: string;
  stop(): Promise<void>;
}

export function ledgerFor(database: Database, now?: () => Date): Ledger {
  return new Ledger(
    database.db,
    loadKeyring(database.dataDir ?? path.resolve(process.env.POINTS_DATA_DIR ?? '.data/points')),
    now,
  );
}

export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const ledger = ledgerFor(opts.database, opts.now);
  const app = createApp({
    ledger,
    engine: opts.database.engine,
    limits: opts.limits ?? limitsFromEnv(process.env.POINTS_RATE_LIMITS),
    origins: opts.origins,
    trustProxy: opts.trustProxy,
  });
  const server = createServer((req, res) => {
    if ((req.url ?? '/').startsWith('/api/')) return app.node(req, res);
    if (opts.site) return serveSite(opts.site, req, res);
    plain(res, 404, 'not found');
  });
  server.keepAliveTimeout = 65_000;
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const stopBackground = opts.background === false ? async () => undefined : startBackground(ledger);
  const { port } = server.address() as { port: number };
  return {
    server,
    ledger,
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await stopBackground();
      await opts.database.close();
    },
  };
}

const plain = (res: ServerResponse, status: number, text: string) =>
  res
    .writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(`${text}\n`);

/**
 * The site's handler (scripts/serve.mjs's staticHandler, which refuses paths that could leave the folder); an
 * error thrown in it is a 500, never the end of the service.
 */
function serveSite(
  site: (req: IncomingMessage, res: ServerResponse) => void,
  req: IncomingMessage,
  res: ServerResponse,
) {
  try {
    site(req, res);
  } catch (e) {
    console.error(`site: ${JSON.stringify(req.url)}: ${(e as Error).message}`);
    if (!res.headersSent) plain(res, 500, 'internal error');
    else res.destroy();
  }
}

/**
 * A request Node's parser refused before any handler saw it (headers over its limit, a malformed request line, both
 * Content-Length and chunked, a client too slow to send its request): a short problem+json, as every other refusal,
 * in Simplified Chinese (its Accept-Language was not read), then the connection closed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex) {
  // Node's own rule: nothing more is written on a connection gone, or one whose answer has begun.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) return socket.destroy();
  const e = new ApiError(
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers-too-large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request-timeout'
        : 'bad-http',
  );
  const body = JSON.stringify(problemBody(e, 'zh-hans'));
  socket.end(
    `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status]}\r\ncontent-type: application/problem+json; charset=utf-8\r\n` +
      `content-language: zh-Hans\r\ncache-control: no-store\r\nx-content-type-options: nosniff\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * The service's own jobs: the expiry of points (every six hours, and once at start) and the audit chainer (every
 * 200 ms, off the writes' commit path: see ledger/audit.ts). Returns their stop.
 */
export function startBackground(ledger: Ledger): () => Promise<void> {
  const expiry = setInterval(
    () => void ledger.expire().catch((e) => console.error(`points expiry: ${(e as Error).message}`)),
    6 * 3600_000,
  );
  expiry.unref();
  void ledger.expire().catch(() => undefined);
  ledger.auditChainer.start();
  return async () => {
    clearInterval(expiry);
    await ledger.auditChainer.stop();
  };
}
