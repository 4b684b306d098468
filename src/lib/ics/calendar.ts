/**
 * iCalendar (RFC 5545) files for events: one per event and feeds of many events.
 *
 * The `ics` package builds the calendar: structure, text escaping (\, ; , and new lines), RRULE, EXDATE,
 * RECURRENCE-ID, SEQUENCE and STATUS. Two things it cannot do correctly for us, so this module finishes its
 * output (checked against ics 3.12.0's source and README):
 *  1. It writes date-times only as UTC or floating, never with TZID, and EXDATE / RECURRENCE-ID always as UTC.
 *     A series in UTC is expanded in UTC (RFC 5545 §3.3.10), so "FREQ=WEEKLY;BYDAY=TU,TH" at 07:00 in
 *     Shanghai (23:00 UTC on Mon/Wed) would land on the wrong days. We hand `ics` exact UTC instants, then
 *     rewrite DTSTART, DTEND, EXDATE and RECURRENCE-ID as TZID=<zone> wall-clock times and add a VTIMEZONE.
 *  2. It folds lines after 75 characters, not 75 octets: a line of Chinese text would be ~225 octets.
 *     We unfold its output and fold again at 75 octets, never inside a UTF-8 character.
 */
import * as icsModule from 'ics';
import type { EventAttributes } from 'ics';
import type { HealthEvent } from '@hc/domain/model/event.ts';
import { instantToZoned, zonedToInstant, zoneOffsetMinutes } from '@hc/domain/calendar/zoned.ts';

// ics is CommonJS: take createEvents from whichever shape the bundler or Node hands over.
const createEvents: typeof icsModule.createEvents =
  icsModule.createEvents ?? (icsModule as unknown as { default: typeof icsModule }).default.createEvents;

export type IcsEvent = Pick<
  HealthEvent,
  | 'slug'
  | 'title'
  | 'summary'
  | 'description'
  | 'start'
  | 'end'
  | 'timeZone'
  | 'rrule'
  | 'exceptions'
  | 'overrides'
  | 'location'
  | 'organiser'
  | 'signUp'
  | 'accessibility'
  | 'status'
  | 'statusNote'
  | 'sequence'
  | 'updatedAt'
>;

export interface IcsOptions {
  /** Public origin of the site (https://health.example.org): its host makes the UIDs, slug@host. */
  origin: string;
  /** Calendar name shown by phones for a feed (X-WR-CALNAME). */
  calName?: string;
  /** Absolute URL of an event's page. */
  pageUrl: (slug: string) => string;
}

/** ics supports recurrenceId (its README, dist/pipeline/format.js) but its index.d.ts does not declare it. */
type IcsAttributes = EventAttributes & { recurrenceId?: number };

export const PRODUCT_ID = '-//Healthy Community//Events//ZH';

/** RFC 5545 has no "postponed": a postponed event is TENTATIVE until it has a new date. */
const STATUS = { scheduled: 'CONFIRMED', moved: 'CONFIRMED', postponed: 'TENTATIVE', cancelled: 'CANCELLED' } as const;

/** A stable, globally unique UID: the slug at the site's host. */
export function eventUid(slug: string, origin: string): string {
  return `${slug}@${new URL(origin).hostname}`;
}

const ms = (local: string, timeZone: string) => zonedToInstant(local, timeZone).getTime();

/** DTSTAMP from the event's updatedAt (a date or date-time in the event's zone), so builds are deterministic. */
export function stampOf(event: Pick<IcsEvent, 'updatedAt' | 'start' | 'timeZone'>): number {
  const u = event.updatedAt;
  if (u && /^\d{4}-\d{2}-\d{2}$/.test(u)) return ms(`${u}T00:00`, event.timeZone);
  if (u && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(u)) return ms(u, event.timeZone);
  if (u && !Number.isNaN(Date.parse(u))) return Date.parse(u);
  // No updatedAt: the first start is at least stable from build to build.
  return ms(event.start, event.timeZone);
}

const SIGN_UP: Record<HealthEvent['signUp']['how'], string> = {
  none: '无需报名',
  'walk-in': '直接到场，不用预约',
  phone: '电话报名',
  wechat: '在社区微信群报名',
  url: '网上报名',
};

/** Plain-text DESCRIPTION: status first, then the summary, the text, how to sign up, access and the page. */
export function descriptionOf(event: IcsEvent, url: string, note?: string): string {
  const s = event.signUp;
  const signUp = [SIGN_UP[s.how], s.how === 'phone' ? s.phone : undefined, s.how === 'url' ? s.url : undefined, s.note]
    .filter(Boolean)
    .join('：');
  const parts = [
    note,
    event.status !== 'scheduled' ? event.statusNote : undefined,
    event.summary,
    event.description.trim(),
    `报名：${signUp}`,
    event.accessibility ? `无障碍：${event.accessibility}` : undefined,
    `主办：${event.organiser}`,
    url,
  ];
  return parts.filter((p): p is string => Boolean(p)).join('\n\n');
}

const placeOf = (l: HealthEvent['location']) => `${l.name}，${l.address}`;

/** UNTIL must be UTC when DTSTART has a TZID (RFC 5545 §3.3.10): a local UNTIL is converted. */
export function normaliseRrule(rrule: string, timeZone: string): string {
  return rrule.replace(
    /UNTIL=(\d{8})(T(\d{6}))?(Z?)(?=;|$)/,
    (whole, d: string, _t, hms: string | undefined, z: string) => {
      if (z) return whole;
      const local = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${hms ? `${hms.slice(0, 2)}:${hms.slice(2, 4)}` : '23:59'}`;
      return `UNTIL=${utcStamp(zonedToInstant(local, timeZone).getTime() + (hms ? Number(hms.slice(4, 6)) * 1000 : 59_000))}`;
    },
  );
}

function utcStamp(t: number): string {
  return new Date(t)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The VEVENTs of one event: the event or series (RRULE, EXDATE), then one per changed occurrence (RECURRENCE-ID). */
export function icsEventsFor(event: IcsEvent, opts: IcsOptions): IcsAttributes[] {
  const tz = event.timeZone;
  const url = opts.pageUrl(event.slug);
  const durationMs = ms(event.end, tz) - ms(event.start, tz);
  const common = {
    uid: eventUid(event.slug, opts.origin),
    productId: PRODUCT_ID,
    title: event.title,
    url,
    sequence: event.sequence,
    timestamp: stampOf(event),
    startInputType: 'utc' as const,
    startOutputType: 'utc' as const,
  };
  const master: IcsAttributes = {
    ...common,
    start: ms(event.start, tz),
    end: ms(event.end, tz),
    description: descriptionOf(event, url),
    location: placeOf(event.location),
    status: STATUS[event.status],
    ...(event.rrule ? { recurrenceRule: normaliseRrule(event.rrule, tz) } : {}),
    ...(event.rrule && event.exceptions.length
      ? { exclusionDates: [...event.exceptions].sort().map((x) => ms(x, tz)) }
      : {}),
  };
  if (!event.rrule) return [master];
  const overrides = [...event.overrides].sort((a, b) => a.occurrence.localeCompare(b.occurrence));
  return [
    master,
    ...overrides.map((o): IcsAttributes => {
      const start = ms(o.start ?? o.occurrence, tz);
      const end = o.end ? ms(o.end, tz) : start + durationMs;
      return {
        ...common,
        recurrenceId: ms(o.occurrence, tz),
        start,
        end,
        description: descriptionOf(event, url, o.note),
        location: placeOf(o.location ?? event.location),
        // A cancelled series stays cancelled even where one date was changed.
        status: event.status === 'cancelled' ? 'CANCELLED' : STATUS[o.status],
      };
    }),
  ];
}

/** A VCALENDAR with every given event (sorted by slug, so files are stable). */
export function buildCalendar(events: IcsEvent[], opts: IcsOptions): string {
  const sorted = [...events].sort((a, b) => a.slug.localeCompare(b.slug));
  const zoneByUid = new Map(sorted.map((e) => [eventUid(e.slug, opts.origin), e.timeZone]));
  const attrs = sorted.flatMap((e) => icsEventsFor(e, opts));
  const { error, value } = createEvents(attrs, {
    productId: PRODUCT_ID,
    method: 'PUBLISH',
    ...(opts.calName ? { calName: opts.calName } : {}),
  });
  if (error || !value) throw new Error(`could not build the calendar: ${error?.message ?? 'no output'}`);
  const zones = [...new Set(sorted.map((e) => e.timeZone))].sort();
  const spans = zones.map((tz) => {
    const mine = sorted.filter((e) => e.timeZone === tz);
    return vtimezone(
      tz,
      mine.map((e) => e.start).sort()[0] ?? '2000-01-01T00:00',
      mine
        .map((e) => e.end)
        .sort()
        .at(-1) ?? '2000-01-01T00:00',
      mine.some((e) => e.rrule),
    );
  });
  return withZones(value, zoneByUid, spans.flat());
}

/**
 * A VTIMEZONE for a zone whose offset does not change: Asia/Shanghai has kept +08:00 with no daylight saving
 * since 1991. A zone with changes in the years covered stops the build rather than produce wrong times.
 */
export function vtimezone(timeZone: string, fromLocal: string, toLocal: string, recurring = false): string[] {
  const first = Number(fromLocal.slice(0, 4));
  const last = Number(toLocal.slice(0, 4)) + (recurring ? 2 : 0);
  const offsets = new Set<number>();
  for (let y = first; y <= last; y++) {
    for (let m = 0; m < 12; m++) offsets.add(zoneOffsetMinutes(new Date(Date.UTC(y, m, 15)), timeZone));
  }
  if (offsets.size !== 1)
    throw new Error(
      `time zone ${timeZone} changes its UTC offset between ${first} and ${last}; only fixed-offset zones are supported in .ics files`,
    );
  const off = [...offsets][0];
  const sign = off < 0 ? '-' : '+';
  const hhmm = `${sign}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}${String(Math.abs(off) % 60).padStart(2, '0')}`;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    `X-LIC-LOCATION:${timeZone}`,
    'BEGIN:STANDARD',
    `TZOFFSETFROM:${hhmm}`,
    `TZOFFSETTO:${hhmm}`,
    'TZNAME:' + (timeZone === 'Asia/Shanghai' ? 'CST' : `UTC${hhmm}`),
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

const UTC_VALUE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Rewrites UTC DTSTART/DTEND/EXDATE/RECURRENCE-ID as TZID wall-clock times, adds VTIMEZONEs, folds by octets. */
function withZones(ics: string, zoneByUid: Map<string, string>, vtimezones: string[]): string {
  const lines = ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
  const out: string[] = [];
  let tz = '';
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT' && vtimezones.length) {
      out.push(...vtimezones);
      vtimezones = [];
    }
    if (line.startsWith('UID:')) tz = zoneByUid.get(line.slice(4)) ?? '';
    const m = /^(DTSTART|DTEND|EXDATE|RECURRENCE-ID):(.+)$/.exec(line);
    if (m && tz) {
      const values = m[2].split(',').map((v) => {
        const p = UTC_VALUE.exec(v);
        if (!p) throw new Error(`unexpected ${m[1]} value ${v}`);
        const instant = new Date(Date.UTC(+p[1], +p[2] - 1, +p[3], +p[4], +p[5], +p[6]));
        return `${instantToZoned(instant, tz).replace(/[-:]/g, '')}00`;
      });
      out.push(`${m[1]};TZID=${tz}:${values.join(',')}`);
    } else {
      out.push(line);
    }
  }
  return out.map(foldLine).join('\r\n') + '\r\n';
}

/** Octets of a code point in UTF-8 (a lone surrogate is written as U+FFFD, also 3). */
const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** Folds a content line at 75 octets (RFC 5545 §3.1); continuation lines start with a space; never splits a character. */
export function foldLine(line: string): string {
  // No UTF-16 unit takes more than 3 octets in UTF-8 (a pair takes 4 for two units): a short line fits.
  if (line.length * 3 <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (bytes + n > 75) {
      parts.push(cur);
      cur = ' ';
      bytes = 1;
    }
    cur += ch;
    bytes += n;
  }
  parts.push(cur);
  return parts.join('\r\n');
}
