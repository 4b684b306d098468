/**
 * Where content comes from. CONTENT_SOURCE=local (default) reads content/; CONTENT_SOURCE=sanity runs GROQ
 * against a Sanity dataset (loaders/sanity.ts). Both produce the same validated ContentSet.
 */
import path from 'node:path';
import type { ContentSet } from './content-set.ts';
import { loadLocalContent } from './local.ts';
import type { SanityEnv } from './sanity.ts';

export type ContentSourceName = 'local' | 'sanity';

export function contentSourceName(env: Record<string, string | undefined> = process.env): ContentSourceName {
  const name = (env.CONTENT_SOURCE ?? 'local').trim() || 'local';
  if (name !== 'local' && name !== 'sanity') {
    throw new Error(`CONTENT_SOURCE must be "local" or "sanity", not "${name}"`);
  }
  return name;
}

/**
 * The cache lives on globalThis: the content loaders and the integrations (which publish media after the
 * build) import this module through different module graphs in one process, and without a shared cache the
 * second graph read, validated (or fetched from Sanity) the whole content again.
 */
const CACHE = Symbol.for('jiankang-shequ.content-set');
const shared = globalThis as { [CACHE]?: Promise<ContentSet> };

/**
 * The Sanity loader, imported only when the source is Sanity: its client and history libraries took about
 * 0.4 s to load at the start of every build from content/.
 */
let sanity: typeof import('./sanity.ts') | undefined;

/** The validated content of this build, read once and shared by every collection. */
export function getContentSet(env: Record<string, string | undefined> = process.env): Promise<ContentSet> {
  if (!shared[CACHE]) {
    const source = contentSourceName(env);
    if (source === 'sanity') {
      shared[CACHE] = import('./sanity.ts').then((m) => (sanity = m).loadSanityContent(env as SanityEnv));
    } else {
      shared[CACHE] = loadLocalContent(env.CONTENT_DIR ?? path.resolve('content'));
    }
  }
  return shared[CACHE];
}

/** Forget the cached content (dev server file changes, tests). */
export function resetContentSet(): void {
  delete shared[CACHE];
  sanity?.resetSanityContent();
}
