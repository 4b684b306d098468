/**
 * One Intl.DateTimeFormat per (locale, options). Constructing a formatter costs far more than formatting with
 * it (ICU loads the locale's patterns each time), and a build formats the same few patterns tens of thousands
 * of times — every event card, calendar cell and lunar date. Formatters are immutable, so sharing is safe.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}
