/** The "I am…" picker: the chosen audience's section goes first; the rest keep their order. */

export const AUDIENCE_STORAGE_KEY = 'hc:audience';

export function orderForAudience<T>(items: T[], idOf: (item: T) => string, chosen: string | null | undefined): T[] {
  if (!chosen) return [...items];
  const first = items.filter((i) => idOf(i) === chosen);
  if (first.length === 0) return [...items];
  return [...first, ...items.filter((i) => idOf(i) !== chosen)];
}

/** Reads a stored choice, accepting only known ids (storage can hold anything). */
export function readChoice(stored: string | null, known: readonly string[]): string | null {
  return stored && known.includes(stored) ? stored : null;
}
