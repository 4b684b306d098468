/**
 * Chinese lunar dates (农历) through Intl's Chinese calendar (ICU), with no library and no machine time zone:
 * each Gregorian day is formatted at 00:00 UTC with `timeZone: 'UTC'`, so the answer depends only on the date.
 *
 * ICU computes the calendar astronomically for the meridian of Beijing (UTC+8). Its new moons can differ by
 * a day from the published calendar when a new moon falls within minutes of midnight: ICU puts the 2027 Lunar
 * New Year on 7 February where the published calendar says 6 February (new moon 2027-02-06 23:56 Beijing).
 * The 重阳 dates used on this site (2024–2028) agree with the published calendar; see tests/unit/lunar.test.ts.
 */

export interface LunarDate {
  /** 1–12. */
  month: number;
  /** True for a leap month (闰月), shown by ICU as e.g. "6bis". */
  leap: boolean;
  day: number;
  /** The Gregorian year in which this lunar year began. */
  relatedYear: number;
}

export class LunarDateError extends Error {}

let formatter: Intl.DateTimeFormat | undefined;

function chineseFormatter(): Intl.DateTimeFormat {
  if (formatter) return formatter;
  const f = new Intl.DateTimeFormat('en-u-ca-chinese', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  if (f.resolvedOptions().calendar !== 'chinese') {
    throw new LunarDateError(
      `this JavaScript runtime has no Chinese calendar in Intl (got "${f.resolvedOptions().calendar}"); ` +
        'lunar observance days such as 重阳节 cannot be computed. Use Node.js built with full ICU (the default).',
    );
  }
  return (formatter = f);
}

/** The lunar date of a Gregorian date "YYYY-MM-DD". */
export function toLunar(date: string): LunarDate {
  const [y, m, d] = date.split('-').map(Number);
  const parts = chineseFormatter().formatToParts(new Date(Date.UTC(y, m - 1, d)));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const monthText = get('month');
  const month = Number.parseInt(monthText, 10);
  const day = Number.parseInt(get('day'), 10);
  const relatedYear = Number.parseInt(get('relatedYear') || get('year'), 10);
  if (!(month >= 1 && month <= 12) || !(day >= 1 && day <= 30) || !Number.isFinite(relatedYear)) {
    throw new LunarDateError(`Intl returned an unreadable Chinese date for ${date}: ${JSON.stringify(parts)}`);
  }
  return { month, leap: !/^\d+$/.test(monthText), day, relatedYear };
}

/**
 * Gregorian dates ("YYYY-MM-DD") in Gregorian year `year` that fall on lunar month `month`, day `day`
 * (never in a leap month). Usually one date; none or two are possible for days near the lunar year's ends.
 */
export function lunarDatesInYear(year: number, month: number, day: number): string[] {
  const key = `${year}-${month}-${day}`;
  const known = inYear.get(key);
  if (known) return [...known];
  const out: string[] = [];
  // Day by day would be 365 ICU calls. A lunar month has 29 or 30 days and its day counts up by one, so from a
  // date on lunar day d the next date on lunar day `day` is at least day − d days on (d < day), else at least
  // 29 − d + day days on (past the month's end); stepping by that lands on every date with that lunar day (or
  // just before it), about 25 calls a year. Every date it could skip has another lunar day.
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1);) {
    const date = new Date(t).toISOString().slice(0, 10);
    const l = toLunar(date);
    if (l.month === month && l.day === day && !l.leap) out.push(date);
    t += Math.max(1, l.day < day ? day - l.day : 29 - l.day + day) * 86400_000;
  }
  inYear.set(key, out);
  return [...out];
}
/** Answers of lunarDatesInYear: a whole year of ICU calls each, and every calendar page asks again. */
const inYear = new Map<string, string[]>();

/**
 * The one Gregorian date in `year` of a lunar month/day that falls once a year in mid-year (e.g. 重阳, 9/9).
 * Throws a LunarDateError naming the date when it cannot be computed, so the build stops with a clear message.
 */
export function lunarDateInYear(year: number, month: number, day: number, what = `lunar ${month}/${day}`): string {
  const found = lunarDatesInYear(year, month, day);
  if (found.length !== 1) {
    throw new LunarDateError(
      `cannot compute ${what} (lunar month ${month}, day ${day}) for ${year}: Intl's Chinese calendar gave ` +
        `${found.length === 0 ? 'no date' : found.join(' and ')}`,
    );
  }
  return found[0];
}
