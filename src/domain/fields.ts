/**
 * Unknown field names and the known field a person most likely meant: shared by the content loaders (a typo in
 * a content file) and the points service (a typo in a request body), so both say "did you mean …?" the same way.
 */
import { distance } from 'fastest-levenshtein';

/** The known key closest to a mistyped one, if it is close enough to be a likely typo. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sorted = (s: string) => [...s].sort().join('');
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const kl = k.toLowerCase();
    // Swapped letters (nmae, dya) count as one edit.
    const d = kl === lower ? 0 : kl.length === lower.length && sorted(kl) === sorted(lower) ? 1 : distance(lower, kl);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  if (best === undefined) return undefined;
  return bestD <= Math.max(1, Math.floor(Math.max(key.length, best.length) / 3)) ? best : undefined;
}

/** The message for a field the model does not know. */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const near = nearestKey(key, known);
  return near
    ? `unknown field — did you mean ${near}?`
    : `unknown field (known fields: ${[...known].sort().join(', ')})`;
}
