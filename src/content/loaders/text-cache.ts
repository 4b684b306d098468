/**
 * Texts rendered by an earlier build, kept: Astro keeps each collection's entries between builds (its data
 * store, in the cacheDir), and a text whose inputs and code are unchanged gets the same entry again — the
 * OpenCC conversion, the Markdown rendering, the sanitiser and the schema all give what they gave before.
 * An entry is reused only when its digest is this build's key for the text: a SHA-256 of the text's inputs
 * (original, human translations, locale, id) and of the code, which is every file under src/, the Astro config
 * and the lock file (so a changed loader, sanitiser, dictionary or dependency renders everything again).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A fingerprint of the code a rendered text comes from, or undefined when it cannot be read (no reuse then). */
export function codeFingerprint(root: string): string | undefined {
  const hash = createHash('sha256');
  const add = (file: string) =>
    hash
      .update(`${path.relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else add(p);
    }
  };
  try {
    walk(path.join(root, 'src'));
    for (const f of ['astro.config.mjs', 'package-lock.json']) add(path.join(root, f));
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** This build's key for a text: what its store entry's digest must be for the entry to be reused. */
export function textKey(code: string, inputs: unknown): string {
  return `text-${createHash('sha256').update(code).update('\0').update(JSON.stringify(inputs)).digest('hex')}`;
}
