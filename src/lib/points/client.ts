/**
 * The browser's side of the points service API (/api/v1/, same origin): JSON in and out, an Idempotency-Key on
 * every write (made once per action by the caller, so a retry after a lost answer is the same write), and errors as
 * the service's problem+json, whose title is already in the page's language. Used by the resident's card page and
 * the staff pages; reading pages never load it.
 */

export const API_BASE = '/api/v1';

/** What went wrong, in words for the person (the service's title) and in a stable code for the page. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    /** The last part of the problem type, e.g. "insufficient-points"; "offline" when the service was not reached. */
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(title);
    this.name = 'ApiProblem';
  }
  /** The service was not reached (no signal, service down): the write can wait in an outbox and be sent later. */
  get offline(): boolean {
    return this.code === 'offline';
  }
}

/** A fresh idempotency key for one action (the service accepts 8–100 of A–Z a–z 0–9 - _ . :). */
export function idempotencyKey(prefix = 'w'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  /** Required for writes (POST, DELETE). */
  key?: string;
  /** A resident's card token (Authorization: Card …); staff are signed in by their cookie. */
  token?: string;
  /** The page's language, for the words of an error (zh-Hans, zh-Hant, yue, en). */
  lang?: string;
  signal?: AbortSignal;
  /** The offline text to use when the service was not reached. */
  offlineTitle?: string;
}

/** Calls the service; resolves with the JSON body (or text for CSV), rejects with an ApiProblem. */
export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json, text/csv;q=0.9' };
  if (opts.lang) headers['accept-language'] = opts.lang;
  if (opts.token) headers.authorization = `Card ${opts.token}`;
  if (method !== 'GET') headers['idempotency-key'] = opts.key ?? idempotencyKey();
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch (e) {
    // Aborted by the caller: passed on. Timed out (AbortSignal.timeout) or no network: not reached.
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiProblem(0, 'offline', opts.offlineTitle ?? 'offline');
  }
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    // A proxy's own error page (502 from nginx while the service restarts) is "not reached" too.
    if (!type.includes('json')) throw new ApiProblem(res.status, 'offline', opts.offlineTitle ?? res.statusText);
    const p = (await res.json().catch(() => ({}))) as {
      type?: string;
      title?: string;
      detail?: string;
      errors?: Array<{ path: string; message: string }>;
    };
    const code = p.type?.split('/').pop() ?? 'error';
    throw new ApiProblem(res.status, code, p.title ?? res.statusText, p.detail, p.errors);
  }
  if (type.includes('json')) return (await res.json()) as T;
  return (await res.text()) as T;
}
