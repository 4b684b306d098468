/**
 * The short card number a resident or a volunteer types when there is no QR to scan: nine random digits and a
 * check digit by Damm's algorithm, which catches every single wrong digit and every swap of two neighbouring
 * digits (Luhn misses 09 ↔ 90). Written as "1234 5678 90". The QR carries a separate unguessable token.
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

/** The typed form reduced to its digits (spaces and hyphens people add are dropped), or undefined if not a card number. */
export function normaliseCardNumber(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
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
