/**
 * An independent check on Intl's Chinese calendar, for tests only: new moons from Meeus, "Astronomical
 * Algorithms" (2nd ed.) ch. 49 (periodic terms to 0.00002 day; planetary terms left out, < 1 minute), and the
 * Sun's apparent longitude from ch. 25 (low accuracy, ~0.01°). Chinese months begin on the day (Beijing time,
 * UTC+8) of a new moon; the month that contains the principal term 霜降 (210°) is the 9th month, the one that
 * contains 雨水 (330°) is the 1st. Nothing here is shared with src/domain/calendar/lunar.ts.
 */
const rad = Math.PI / 180;
const sin = (deg: number) => Math.sin(deg * rad);
const DELTA_T_DAYS = 70 / 86400; // TT − UT, about 70 s in the 2020s

/** Julian Ephemeris Day of the mean-corrected new moon with lunation number k (k = 0 near 2000-01-06). */
function newMoonJDE(k: number): number {
  const T = k / 1236.85;
  let jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T * T - 0.00000015 * T ** 3 + 0.00000000073 * T ** 4;
  const E = 1 - 0.002516 * T - 0.0000074 * T * T;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T * T - 0.00000011 * T ** 3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T * T + 0.00001238 * T ** 3 - 0.000000058 * T ** 4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T * T - 0.00000227 * T ** 3 + 0.000000011 * T ** 4;
  const O = 124.7746 - 1.56375588 * k + 0.0020672 * T * T + 0.00000215 * T ** 3;
  jde +=
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(O) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  return jde;
}

/** The Sun's apparent ecliptic longitude in degrees at a Julian Day. */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(M) +
    (0.019993 - 0.000101 * T) * sin(2 * M) +
    0.000289 * sin(3 * M);
  const lambda = L0 + C - 0.00569 - 0.00478 * sin(125.04 - 1934.136 * T);
  return ((lambda % 360) + 360) % 360;
}

const JD_UNIX_EPOCH = 2440587.5;
/** Beijing (UTC+8) calendar date of a Julian Day (UT). */
function beijingDate(jdUT: number): string {
  return new Date((jdUT - JD_UNIX_EPOCH) * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The Beijing date on which the Sun reaches `longitude` in Gregorian year `year` (bisection). */
function solarTermDate(year: number, longitude: number): string {
  // Start the search a little before the term's usual date and bracket one crossing.
  const approxDayOfYear = ((longitude - 280 + 360) % 360) * (365.2422 / 360);
  let lo = Date.UTC(year, 0, 1) / 86400_000 + JD_UNIX_EPOCH + approxDayOfYear - 20;
  let hi = lo + 40;
  const ahead = (jd: number) => ((sunLongitude(jd) - longitude + 540) % 360) - 180; // signed, −180…180
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (ahead(mid) < 0) lo = mid;
    else hi = mid;
  }
  return beijingDate((lo + hi) / 2);
}

/** Beijing date of the last new moon on or before `date` (YYYY-MM-DD, Beijing). */
function monthStartContaining(date: string): string {
  const y = Number(date.slice(0, 4)) + (Number(date.slice(5, 7)) - 0.5) / 12;
  let k = Math.floor((y - 2000) * 12.3685) - 2;
  let best = '';
  for (let i = 0; i < 5; i++, k++) {
    const d = beijingDate(newMoonJDE(k) - DELTA_T_DAYS);
    if (d <= date) best = d;
  }
  return best;
}

const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

/** 重阳 (9th day of the 9th month): the 9th month is the one containing 霜降 (210°). */
export function doubleNinthAstronomical(year: number): string {
  return plusDays(monthStartContaining(solarTermDate(year, 210)), 8);
}

/** 春节 (1st day of the 1st month): the 1st month is the one containing 雨水 (330°). */
export function lunarNewYearAstronomical(year: number): string {
  return monthStartContaining(solarTermDate(year, 330));
}

/** Exact new-moon time, in Beijing time, for reporting near-midnight cases. */
export function newMoonBeijing(date: string): string {
  const y = Number(date.slice(0, 4)) + (Number(date.slice(5, 7)) - 0.5) / 12;
  let k = Math.floor((y - 2000) * 12.3685) - 2;
  for (let i = 0; i < 5; i++, k++) {
    const jd = newMoonJDE(k) - DELTA_T_DAYS;
    if (beijingDate(jd) === date)
      return new Date((jd - JD_UNIX_EPOCH) * 86400_000 + 8 * 3600_000).toISOString().slice(0, 16);
  }
  return '';
}
