/**
 * The short card number a resident or a volunteer types when there is no QR to scan: nine random digits and a
 * check digit by Damm's algorithm, which catches every single wrong digit and every swap of two neighbouring
 * digits (Luhn misses 09 ↔ 90). Written as "1234 5678 90".
 *
 * The card's QR (on the phone and on paper) carries only the number, as "HC:1234567890": scanning a card lets
 * staff record for it, never act as its holder. The phone's secret token, which lets a resident spend, stays on
 * the phone.
 */

// The quasigroup of order 10 from H. Michael Damm (2004), as usually published.
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const;

export const CARD_DIGITS = 10;

/** The Damm check digit of a string of digits. */
export function checkDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) {
    const d = ch.charCodeAt(0) - 48;
    if (d < 0 || d > 9) throw new Error(`not a digit: ${ch}`);
    interim = DAMM[interim]![d]!;
  }
  return interim;
}

/**
 * The typed form reduced to its digits, or undefined if not a card number. Spaces and hyphens people add are
 * dropped; full-width digits (as Chinese input methods type them) are read as digits.
 */
export function normaliseCardNumber(typed: string): string | undefined {
  const digits = typed.normalize('NFKC').replace(/[\s\-‐‑–—－]/g, '');
  if (!new RegExp(`^\\d{${CARD_DIGITS}}$`).test(digits)) return undefined;
  return checkDigit(digits) === 0 ? digits : undefined;
}

/** A card number from nine random digits (the caller supplies them from a secure random source). */
export function cardNumberFrom(nineDigits: string): string {
  if (!/^\d{9}$/.test(nineDigits)) throw new Error('a card number is made from nine digits');
  return `${nineDigits}${checkDigit(nineDigits)}`;
}

/** "1234 5678 90": groups a person can read out and type. */
export function formatCardNumber(number: string): string {
  return `${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`;
}

const QR_PREFIX = 'HC:';

/** The text of a card's QR: upper-case letters and digits only, so the QR stays small (alphanumeric mode). */
export function cardQrText(number: string): string {
  return `${QR_PREFIX}${number}`;
}

export type CardScan =
  | { ok: true; number: string }
  /** check: ten digits whose check digit is wrong (a mistyped digit); other: not a card at all. */
  | { ok: false; problem: 'empty' | 'check' | 'other' };

/**
 * What a scan or a typed entry names: a card QR ("HC:1234567890", also as a keyboard-style scanner types it, with
 * spaces or a line end) or a typed number in any width and grouping. A check-in code or any other QR is "other".
 */
export function parseCardScan(raw: string): CardScan {
  const text = raw.normalize('NFKC').trim();
  if (!text) return { ok: false, problem: 'empty' };
  const body = text.toUpperCase().startsWith(QR_PREFIX) ? text.slice(QR_PREFIX.length) : text;
  const number = normaliseCardNumber(body);
  if (number) return { ok: true, number };
  const digits = body.replace(/[\s\-‐‑–—－]/g, '');
  return { ok: false, problem: new RegExp(`^\\d{${CARD_DIGITS}}$`).test(digits) ? 'check' : 'other' };
}
