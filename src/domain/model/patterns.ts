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
