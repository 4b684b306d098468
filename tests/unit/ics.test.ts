/**
 * Every .ics the site publishes, read back by an independent parser (ical.js): starts and ends as
 * Asia/Shanghai wall clock, RRULE, EXDATE, changed dates (RECURRENCE-ID), STATUS, SEQUENCE and UIDs must
 * match the content. Checked on calendars generated from content/ directly, and on the files in dist/ when
 * a build is there (npm test builds first). Runs under TZ=America/Los_Angeles in npm test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, DIST as TEST_DIST } from '../helpers/env.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import type { HealthEvent } from '@hc/domain/model/event.ts';
import { occurrencesBetween } from '@hc/domain/calendar/occurrences.ts';
import { instantToZoned } from '@hc/domain/calendar/zoned.ts';
import { buildCalendar, foldLine, normaliseRrule, stampOf, vtimezone } from '../../src/lib/ics/calendar.ts';
import { feedsFor } from '../../src/lib/ics/feeds.ts';

const ORIGIN = 'https://health.example.org';
const opts = { origin: ORIGIN, pageUrl: (slug: string) => `${ORIGIN}/events/${slug}/` };
const set = await loadLocalContent(CONTENT_DIR);
const events: HealthEvent[] = set.events.map((e) => e.data);
const audienceIds = set.audiences.map((a) => a.data.id);
const STATUS = { scheduled: 'CONFIRMED', moved: 'CONFIRMED', postponed: 'TENTATIVE', cancelled: 'CANCELLED' } as const;
const FAR = new Date('2030-01-01T00:00:00Z');

/** A JS Date from an ical.js time (its zone resolved through the registered VTIMEZONE). */
const wall = (t: ICAL.Time) => instantToZoned(t.toJSDate(), 'Asia/Shanghai');

/** Checks the raw text: CRLF only, lines of at most 75 octets, folding never inside a character. */
function checkSyntax(text: string): void {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(/[^\r]\n/.test(text)).toBe(false);
  for (const line of text.split('\r\n')) {
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(line.includes('\uFFFD')).toBe(false);
  }
}

/** Parses a calendar with ical.js and compares it with the content, event by event and occurrence by occurrence. */
function checkCalendar(text: string, expected: HealthEvent[]): void {
  checkSyntax(text);
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const vevents = cal.getAllSubcomponents('vevent');
  const masters = vevents.filter((v) => !v.hasProperty('recurrence-id'));
  expect(masters.map((v) => v.getFirstPropertyValue('uid')).sort()).toEqual(
    expected.map((e) => `${e.slug}@health.example.org`).sort(),
  );
  for (const e of expected) {
    const uid = `${e.slug}@health.example.org`;
    const master = masters.find((v) => v.getFirstPropertyValue('uid') === uid)!;
    const exceptions = vevents.filter((v) => v.hasProperty('recurrence-id') && v.getFirstPropertyValue('uid') === uid);
    expect(master.getFirstPropertyValue('sequence'), e.slug).toBe(e.sequence);
    expect(master.getFirstPropertyValue('status'), e.slug).toBe(STATUS[e.status]);
    expect((master.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime(), e.slug).toBe(stampOf(e));
    expect(master.getFirstPropertyValue('url')).toBe(`${ORIGIN}/events/${e.slug}/`);
    expect(String(master.getFirstPropertyValue('location'))).toContain(e.location.name);
    const dtstart = master.getFirstProperty('dtstart')!;
    expect(dtstart.getParameter('tzid')).toBe(e.timeZone);
    if (e.rrule) {
      const recur = master.getFirstPropertyValue('rrule') as ICAL.Recur;
      expect(recur.toString()).toBe(ICAL.Recur.fromString(normaliseRrule(e.rrule, e.timeZone)).toString());
      const exdates = master
        .getAllProperties('exdate')
        .flatMap((p) => p.getValues() as ICAL.Time[])
        .map(wall)
        .sort();
      expect(exdates, e.slug).toEqual([...e.exceptions].sort());
      expect(exceptions.map((x) => wall(x.getFirstPropertyValue('recurrence-id') as ICAL.Time)).sort()).toEqual(
        e.overrides.map((o) => o.occurrence).sort(),
      );
    } else {
      expect(master.hasProperty('rrule')).toBe(false);
      expect(exceptions).toHaveLength(0);
    }
    // Every occurrence ical.js expands equals what the site computes (after exceptions and changes).
    const ev = new ICAL.Event(master);
    for (const x of exceptions) ev.relateException(x);
    const got: Array<{ start: string; end: string; status: string; location: string }> = [];
    const it = ev.iterator();
    for (let next = it.next(); next && next.toJSDate() < FAR; next = it.next()) {
      const d = ev.getOccurrenceDetails(next);
      got.push({
        start: wall(d.startDate),
        end: wall(d.endDate),
        status: String(d.item.component.getFirstPropertyValue('status')),
        location: String(d.item.location),
      });
      if (got.length > 500) throw new Error('runaway recurrence');
    }
    const want = occurrencesBetween(e, new Date(0), FAR).map((o) => ({
      start: o.start,
      end: o.end,
      status: STATUS[o.status],
      location: `${o.location.name}，${o.location.address}`,
    }));
    expect(got, e.slug).toEqual(want);
  }
}

describe('.ics generated from the content', () => {
  it('round-trips every event through ical.js, one file each', () => {
    for (const e of events) checkCalendar(buildCalendar([e], opts), [e]);
  });

  it('round-trips every feed (all, and one per audience)', () => {
    const feeds = feedsFor(events, audienceIds);
    expect(feeds[0].id).toBe('all');
    expect(feeds.find((f) => f.id === 'elders')).toBeTruthy();
    for (const f of feeds)
      checkCalendar(buildCalendar(f.events, { ...opts, calName: f.id }), f.events as HealthEvent[]);
  });

  // The sample content carries these cases by name (site.yaml marks it as a sample); other content skips this.
  it.runIf(Boolean(set.siteSettings.data.sampleNotice))(
    'covers the hard cases: EXDATE, a moved occurrence, a cancelled event and a series before 08:00 (another UTC day)',
    () => {
      const bySlug = (s: string) => events.find((e) => e.slug === s)!;
      const baduanjin = buildCalendar([bySlug('baduanjin-saturday')], opts);
      expect(baduanjin).toContain('EXDATE;TZID=Asia/Shanghai:20270102T080000');
      const bp = buildCalendar([bySlug('monthly-bp-glucose-screening')], opts);
      expect(bp).toContain('RECURRENCE-ID;TZID=Asia/Shanghai:20270106T083000');
      expect(buildCalendar([bySlug('mini-marathon-winter')], opts)).toMatch(/STATUS:CANCELLED\r\n/);
      const taiji = bySlug('taiji-tue-thu-morning');
      expect(taiji.start.slice(11)).toBe('07:00');
      const first = occurrencesBetween(taiji, new Date(0), FAR)
        .slice(0, 2)
        .map((o) => new Date(`${o.start.slice(0, 10)}T12:00:00Z`).getUTCDay());
      expect(first).toEqual([2, 4]); // Tuesday and Thursday in Shanghai, though 23:00 UTC the day before
    },
  );

  it('gives the same bytes on every build (DTSTAMP from updatedAt, events sorted)', () => {
    expect(buildCalendar([...events].reverse(), opts)).toBe(buildCalendar(events, opts));
  });
});

describe('ics helpers', () => {
  it('folds at 75 octets without splitting a Chinese character', () => {
    const line = `DESCRIPTION:${'健康社区活动'.repeat(30)}`;
    const folded = foldLine(line);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('counts octets as UTF-8 does: ASCII, accents, Chinese, emoji and a lone surrogate', () => {
    /** The fold as it was written first: each character's length from TextEncoder. */
    const byEncoder = (line: string) => {
      const enc = new TextEncoder();
      const parts: string[] = [];
      let cur = '';
      let bytes = 0;
      for (const ch of line) {
        const n = enc.encode(ch).length;
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
    };
    for (const line of [
      'LOCATION:' + 'a'.repeat(80),
      `DESCRIPTION:Café ${'é'.repeat(40)} 健康${'😀'.repeat(20)}`,
      `SUMMARY:${'\ud800健'.repeat(30)}`,
      'X:' + 'b'.repeat(23),
      'X:' + '健'.repeat(25),
    ])
      expect(foldLine(line)).toBe(byEncoder(line));
  });

  it('turns a local UNTIL into UTC and leaves a UTC one alone', () => {
    expect(normaliseRrule('FREQ=WEEKLY;UNTIL=20270228T235959Z', 'Asia/Shanghai')).toBe(
      'FREQ=WEEKLY;UNTIL=20270228T235959Z',
    );
    expect(normaliseRrule('FREQ=WEEKLY;UNTIL=20270228T235959;BYDAY=TU', 'Asia/Shanghai')).toBe(
      'FREQ=WEEKLY;UNTIL=20270228T155959Z;BYDAY=TU',
    );
    expect(normaliseRrule('FREQ=WEEKLY;UNTIL=20270228', 'Asia/Shanghai')).toBe('FREQ=WEEKLY;UNTIL=20270228T155959Z');
  });

  it('refuses a zone with daylight saving rather than write wrong times', () => {
    expect(vtimezone('Asia/Shanghai', '2026-11-01T00:00', '2027-03-01T00:00')).toContain('TZOFFSETTO:+0800');
    expect(() => vtimezone('America/Los_Angeles', '2026-11-01T00:00', '2027-03-01T00:00')).toThrow(
      /changes its UTC offset/,
    );
  });
});

const DIST = path.join(TEST_DIST, 'events');
describe.skipIf(!existsSync(DIST))('.ics files in dist/', () => {
  it('has one file per event, parsed and matching the content', () => {
    const files = readdirSync(DIST).filter((f) => f.endsWith('.ics'));
    expect(files.sort()).toEqual(events.map((e) => `${e.slug}.ics`).sort());
    for (const f of files) {
      const e = events.find((x) => `${x.slug}.ics` === f)!;
      checkCalendar(readFileSync(path.join(DIST, f), 'utf8'), [e]);
    }
  });

  it('has the all feed and one feed per audience, each with exactly its events', () => {
    const dir = path.join(DIST, 'feeds');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ics'));
    expect(files).toContain('all.ics');
    expect(files).toContain('elders.ics');
    for (const f of files) {
      const id = f.replace(/\.ics$/, '');
      const expected = id === 'all' ? events : events.filter((e) => e.audiences.includes(id));
      expect(expected.length, f).toBeGreaterThan(0);
      checkCalendar(readFileSync(path.join(dir, f), 'utf8'), expected);
    }
  });
});
