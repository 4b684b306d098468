/**
 * Where content comes from. CONTENT_SOURCE=local (default) reads content/; the Sanity source is wired here
 * when it exists, and must produce the same ContentSet.
 */
import path from 'node:path';
import type { ContentSet } from './content-set.ts';
import { loadLocalContent } from './local.ts';

export type ContentSourceName = 'local' | 'sanity';

export function contentSourceName(env: Record<string, string | undefined> = process.env): ContentSourceName {
  const name = (env.CONTENT_SOURCE ?? 'local').trim() || 'local';
  if (name !== 'local' && name !== 'sanity') {
    throw new Error(`CONTENT_SOURCE must be "local" or "sanity", not "${name}"`);
  }
  return name;
}

let cached: Promise<ContentSet> | undefined;

/** The validated content of this build, read once and shared by every collection. */
export function getContentSet(env: Record<string, string | undefined> = process.env): Promise<ContentSet> {
  if (!cached) {
    const source = contentSourceName(env);
    if (source === 'sanity') {
      cached = Promise.reject(
        new Error('CONTENT_SOURCE=sanity: the Sanity loader is not part of this build yet. Build from content/ (CONTENT_SOURCE=local).'),
      );
    } else {
      cached = loadLocalContent(env.CONTENT_DIR ?? path.resolve('content'));
    }
  }
  return cached;
}

/** Forget the cached content (dev server file changes, tests). */
export function resetContentSet(): void {
  cached = undefined;
}
