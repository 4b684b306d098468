/**
 * Where content comes from. CONTENT_SOURCE=local (default) reads content/; CONTENT_SOURCE=sanity runs GROQ
 * against a Sanity dataset (loaders/sanity.ts). Both produce the same validated ContentSet.
 */
import path from 'node:path';
import type { ContentSet } from './content-set.ts';
import { loadLocalContent } from './local.ts';
import { loadSanityContent, resetSanityContent, type SanityEnv } from './sanity.ts';

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
      cached = loadSanityContent(env as SanityEnv);
    } else {
      cached = loadLocalContent(env.CONTENT_DIR ?? path.resolve('content'));
    }
  }
  return cached;
}

/** Forget the cached content (dev server file changes, tests). */
export function resetContentSet(): void {
  cached = undefined;
  resetSanityContent();
}
