/**
 * Checks an event's recurrence rule before anything uses it: only the RFC 5545 parts the site supports,
 * each with a valid value, and at least one occurrence within two years of the first start. rrule.js itself
 * throws deep inside the build on some mistakes (BYDAY=XX, an unknown part) and silently yields no dates on
 * others (INTERVAL=0); here each mistake is a message for the editor.
 */
import * as rrule from 'rrule';
import { floating } from './zoned.ts';

const RRule: typeof rrule.RRule = rrule.RRule ?? (rrule as unknown as { default: typeof rrule }).default.RRule;

/** Supported rule parts. */
export const RRULE_PARTS = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTH',
  'BYMONTHDAY',
  'BYSETPOS',
  'WKST',
] as const;
const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** How far after the first start a series must have an occurrence. */
export const RRULE_HORIZON_DAYS = 730;

const intIn =
  (min: number, max: number, allowNegative = false) =>
  (v: string) => {
    if (!/^[+-]?\d+$/.test(v)) return false;
    const n = Math.abs(Number(v));
    return (allowNegative || !v.startsWith('-')) && n >= min && n <= max;
  };

const VALUE_RULES: Record<string, { ok: (v: string) => boolean; expect: string; list?: boolean }> = {
  FREQ: { ok: (v) => FREQS.includes(v), expect: FREQS.join(', ') },
  INTERVAL: { ok: intIn(1, 1000), expect: 'a whole number of 1 or more' },
  COUNT: { ok: intIn(1, 10000), expect: 'a whole number of 1 or more' },
  UNTIL: {
    ok: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v) && !Number.isNaN(untilDate(v).getTime()),
    expect: 'a date such as 20270228 or 20270228T235959Z',
  },
  BYDAY: {
    ok: (v) => /^([+-]?([1-9]|[1-4]\d|5[0-3]))?(MO|TU|WE|TH|FR|SA|SU)$/.test(v),
    expect: `days ${DAYS.join(', ')} (optionally numbered, e.g. 2TU or -1FR)`,
    list: true,
  },
  BYMONTH: { ok: intIn(1, 12), expect: 'months 1 to 12', list: true },
  BYMONTHDAY: { ok: (v) => intIn(1, 31, true)(v), expect: 'days of the month 1 to 31 or -31 to -1', list: true },
  BYSETPOS: { ok: (v) => intIn(1, 366, true)(v), expect: 'positions 1 to 366 or -366 to -1', list: true },
  WKST: { ok: (v) => DAYS.includes(v), expect: DAYS.join(', ') },
};

function untilDate(v: string): Date {
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(4, 6));
  const d = Number(v.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? dt : new Date(NaN);
}

/** Problems with a rule (empty when it is fine). `start` is the event's local start (YYYY-MM-DDTHH:mm). */
export function checkRrule(rule: string, start: string): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const part of rule.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      problems.push(`"${part}" is not a rule part (write NAME=VALUE, e.g. FREQ=WEEKLY)`);
      continue;
    }
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    const spec = VALUE_RULES[name];
    if (!spec) {
      problems.push(`unsupported rule part ${name} (supported: ${RRULE_PARTS.join(', ')})`);
      continue;
    }
    if (seen.has(name)) problems.push(`${name} is given twice`);
    seen.set(name, value);
    const values = spec.list ? value.split(',') : [value];
    const bad = values.filter((v) => !spec.ok(v));
    if (bad.length) problems.push(`${name}=${bad.join(',')} is not valid: expected ${spec.expect}`);
  }
  if (!seen.has('FREQ')) problems.push('FREQ is missing (e.g. FREQ=WEEKLY)');
  if (seen.has('COUNT') && seen.has('UNTIL')) problems.push('give COUNT or UNTIL, not both');
  if (seen.has('BYSETPOS') && ![...seen.keys()].some((k) => k.startsWith('BY') && k !== 'BYSETPOS')) {
    problems.push('BYSETPOS needs another BY… part to select from');
  }
  if (problems.length) return problems;
  try {
    const dtstart = floating(start);
    const r = new RRule({ ...RRule.parseString(rule), dtstart });
    const first = r.after(new Date(dtstart.getTime() - 1), true);
    if (!first || first.getTime() > dtstart.getTime() + RRULE_HORIZON_DAYS * 86400_000) {
      problems.push(`the rule gives no date within ${RRULE_HORIZON_DAYS / 365} years of the start (${start})`);
    }
  } catch (e) {
    problems.push(`cannot be read: ${(e as Error).message}`);
  }
  return problems;
}
