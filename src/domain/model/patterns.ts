/**
 * The shapes of ids and dates as plain regular expressions, without Zod: the model's schemas use them, and so
 * does the Studio, whose bundle should not carry the whole model to check a slug.
 */

/** A slug or id: lower-case ASCII words joined by hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A calendar date, YYYY-MM-DD (whether it exists is checked separately). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A wall-clock date and time without an offset, YYYY-MM-DDTHH:mm; the zone is given separately. */
export const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * A telephone number as a notice prints it: digits with spaces, hyphens or brackets, an optional leading +, and an
 * optional extension after 转 / 轉 / ext (010-8765-4321 转 8021, (0571) 8888 6666, +86 10 8765 4321, 12320).
 */
export const PHONE_PATTERN = /^(?=(?:\D*\d){3})\+?[\d\s\-()（）]+(?:\s*(?:转|轉|分机|分機|ext\.?|x)\s*\d{1,6})?$/iu;

/** The tel: link of a PHONE_PATTERN number: the digits to dial, and an extension after a pause (","). */
export function telHref(phone: string): string {
  const [main = '', ext] = phone.split(/转|轉|分机|分機|ext\.?|x/i);
  const dial = main.replace(/[^\d+]/g, '');
  const extension = ext?.replace(/\D/g, '');
  return `tel:${dial}${extension ? `,${extension}` : ''}`;
}
