/**
 * The resident's card as this browser keeps it: the card's secret token and number in localStorage (the card
 * lives on the phone; no account), the last answer of the service with its time (shown when offline), and the
 * outbox of check-ins scanned without signal. Nothing here is ever sent anywhere but the site's own service.
 */
import { Outbox } from './outbox.ts';

const CARD_KEY = 'hc:points-card';
const CACHE_KEY = 'hc:points-last';

export interface StoredCard {
  token: string;
  number: string;
}

/** What the page last heard from the service about the card, and when (ms since the epoch). */
export interface CardCache {
  at: number;
  summary: unknown;
  transfers: unknown;
  catalogue: unknown;
}

function read<T>(key: string, valid: (v: unknown) => v is T): T | undefined {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return valid(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const isCard = (v: unknown): v is StoredCard =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as StoredCard).token === 'string' &&
  /^\d{10}$/.test(String((v as StoredCard).number));

export const readCard = (): StoredCard | undefined => read(CARD_KEY, isCard);

export function saveCard(card: StoredCard): void {
  localStorage.setItem(CARD_KEY, JSON.stringify({ token: card.token, number: card.number }));
}

/** Forgets the card on this browser, with what the page cached about it. */
export function clearCard(): void {
  localStorage.removeItem(CARD_KEY);
  localStorage.removeItem(CACHE_KEY);
}

export const readCache = (): CardCache | undefined =>
  read(
    CACHE_KEY,
    (v): v is CardCache => typeof v === 'object' && v !== null && typeof (v as CardCache).at === 'number',
  );

export function saveCache(cache: CardCache): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(cache));
  } catch {
    // A full storage only costs the offline view; the card itself is already stored.
  }
}

let outbox: Outbox | undefined;
/** The resident's check-ins waiting for signal (one outbox per browser). */
export function residentOutbox(): Outbox {
  outbox ??= new Outbox('resident');
  return outbox;
}
