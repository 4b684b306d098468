/**
 * Per-page CSP pruning (src/lib/security/csp-prune.ts) prepared while the pages render. Pruning reads every
 * page with an HTML tokenizer — about 0.5 ms a page, a second of a 1,700-page build once every page was
 * written, while the build waited for it. Here the middleware hands each rendered page's text over as it
 * is made; in batches a build worker thread works out the edit of each (where its CSP meta is, what replaces
 * it) while the main thread renders the next pages, and the csp-prune integration later applies an edit to
 * the file whose text it was made from (by a hash of the whole text), parsing only pages that have none.
 *
 * The registry lives on globalThis: the middleware runs in the pages' bundle, the integration in the config's
 * module graph, both in one process.
 */
import { helpWithQueuedWork, offload } from '../lib/offload/index.ts';
import { cspEdits, type CspEdit } from '../lib/security/csp-prune.ts';

/** Pages per worker job: few messages, and the first edits come back soon. */
const BATCH = 25;
/**
 * Pages handed over and not yet worked out, at most: a worker busy with the search indexes could otherwise
 * have every page's text waiting in memory. A page over the limit is parsed after the build, as before.
 */
const MAX_WAITING = 1000;

interface State {
  batch: Array<string | Uint8Array>;
  jobs: Array<Promise<Array<[string, CspEdit | null]>>>;
  waiting: number;
}

const KEY = Symbol.for('jiankang-shequ.csp-pages');
const shared = globalThis as { [KEY]?: State };

/** From here on rendered pages are handed over (the csp-prune integration, when a build starts). */
export function startCspPages(): void {
  shared[KEY] = { batch: [], jobs: [], waiting: 0 };
}

/** Whether a build is taking pages (no: the dev server, or a build without the csp-prune integration). */
export function takingCspPages(): boolean {
  return shared[KEY] !== undefined;
}

function flush(s: State): void {
  if (!s.batch.length) return;
  const pages = s.batch;
  s.batch = [];
  const job = offload('security/csp-prune.ts', 'cspEdits', [pages], cspEdits).finally(() => {
    s.waiting -= pages.length;
  });
  // A failed job only means those pages are parsed after the build.
  s.jobs.push(job.catch(() => []));
}

/**
 * A rendered page (its text, or its UTF-8 bytes as written), for its edit to be worked out while other pages
 * render. Bytes are what the page is written from: handing those over spares this thread decoding the page
 * and encoding it again.
 */
export function handOverPage(page: string | Uint8Array): void {
  const s = shared[KEY];
  if (!s || s.waiting >= MAX_WAITING) return;
  s.waiting += 1;
  s.batch.push(page);
  if (s.batch.length >= BATCH) flush(s);
}

/** Every edit worked out (waiting for those under way), by the key of its page's text; stops taking pages. */
export async function takeCspEdits(): Promise<Map<string, CspEdit | null>> {
  const s = shared[KEY];
  shared[KEY] = undefined;
  if (!s) return new Map();
  flush(s);
  // The pages are all rendered: this thread takes the batches no worker has started.
  await helpWithQueuedWork();
  return new Map((await Promise.all(s.jobs)).flat());
}
