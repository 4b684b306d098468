import { describe, expect, it } from 'vitest';
import { nextOccurrences, occurrencesBetween, upcoming, withEvents } from '@hc/domain/calendar/occurrences.ts';
import { instantToZoned, zonedToInstant, zoneOffsetMinutes } from '@hc/domain/calendar/zoned.ts';
import type { HealthEvent } from '@hc/domain/model/event.ts';

const base: HealthEvent = {
  slug: 'taiji',
  title: '太极拳',
  summary: 's',
  description: 'd',
  type: 'exercise',
  start: '2026-12-01T07:00',
  end: '2026-12-01T08:00',
  timeZone: 'Asia/Shanghai',
  rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261231T235959Z',
  exceptions: [],
  overrides: [],
  location: { name: '广场', address: '健康路 1 号' },
  organiser: '中心',
  audiences: ['elders'],
  topics: [],
  signUp: { how: 'walk-in' },
  status: 'scheduled',
  sequence: 0,
  translations: {},
};

describe('zoned times', () => {
  it('converts Shanghai wall clock to instants and back', () => {
    expect(zonedToInstant('2026-12-01T07:00', 'Asia/Shanghai').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(instantToZoned(new Date('2026-11-30T23:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-01T07:00');
  });
  it('handles a zone with daylight saving', () => {
    expect(zonedToInstant('2026-07-01T09:00', 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedToInstant('2026-12-01T09:00', 'Europe/London').toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });
});

describe('zone offsets, remembered by zone and second', () => {
  it('change at a daylight-saving switch to the second, and a repeated or sub-second question gets the same', () => {
    const at = (iso: string) => new Date(iso);
    for (let round = 0; round < 2; round++) {
      expect(zoneOffsetMinutes(at('2026-03-08T06:59:59.999Z'), 'America/New_York')).toBe(-300);
      expect(zoneOffsetMinutes(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-240);
      expect(zoneOffsetMinutes(at('2026-03-08T07:00:00.500Z'), 'America/New_York')).toBe(-240);
      expect(zoneOffsetMinutes(at('2026-03-08T07:00:00Z'), 'Asia/Shanghai')).toBe(480);
      expect(zoneOffsetMinutes(at('1970-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
    }
  });
});

describe('occurrences', () => {
  const from = new Date('2026-11-01T00:00:00Z');
  const to = new Date('2027-01-01T00:00:00Z');

  it('expands a weekly series on its days, in the event zone', () => {
    const list = occurrencesBetween(base, from, to);
    expect(list.map((o) => o.start.slice(0, 10))).toEqual([
      '2026-12-01',
      '2026-12-03',
      '2026-12-08',
      '2026-12-10',
      '2026-12-15',
      '2026-12-17',
      '2026-12-22',
      '2026-12-24',
      '2026-12-29',
      '2026-12-31',
    ]);
    expect(list[0].startInstant.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(list[0].end).toBe('2026-12-01T08:00');
  });

  it('drops exceptions and applies a moved occurrence', () => {
    const e = {
      ...base,
      exceptions: ['2026-12-03T07:00'],
      overrides: [
        {
          occurrence: '2026-12-08T07:00',
          status: 'moved' as const,
          start: '2026-12-09T09:00',
          location: { name: '活动室', address: '2 号楼' },
        },
      ],
    };
    const list = occurrencesBetween(e, from, new Date('2026-12-11T00:00:00Z'));
    expect(list.map((o) => [o.key, o.start, o.end, o.status, o.location.name])).toEqual([
      ['2026-12-01T07:00', '2026-12-01T07:00', '2026-12-01T08:00', 'scheduled', '广场'],
      ['2026-12-08T07:00', '2026-12-09T09:00', '2026-12-09T10:00', 'moved', '活动室'],
      ['2026-12-10T07:00', '2026-12-10T07:00', '2026-12-10T08:00', 'scheduled', '广场'],
    ]);
  });

  it('keeps a cancelled single event, marked cancelled', () => {
    const e = { ...base, rrule: undefined, status: 'cancelled' as const, statusNote: '道路施工' };
    const [o] = occurrencesBetween(e, from, to);
    expect(o.status).toBe('cancelled');
    expect(o.note).toBe('道路施工');
  });

  it('counts an occurrence that is under way as upcoming, and not one that has ended', () => {
    const during = new Date('2026-11-30T23:30:00Z'); // 07:30 in Shanghai on 1 December
    expect(nextOccurrences(base, during, 1)[0].key).toBe('2026-12-01T07:00');
    const after = new Date('2026-12-01T00:00:01Z'); // 08:00:01 in Shanghai
    expect(nextOccurrences(base, after, 1)[0].key).toBe('2026-12-03T07:00');
  });

  it('crosses a month edge in local time, not UTC', () => {
    // 2026-12-31 07:00 in Shanghai is 2026-12-30 23:00 UTC: it belongs to December 31 locally.
    const list = occurrencesBetween(base, new Date('2026-12-30T16:00:00Z'), new Date('2026-12-31T16:00:00Z'));
    expect(list.map((o) => o.start)).toEqual(['2026-12-31T07:00']);
  });

  it('merges and sorts many events', () => {
    const single = { ...base, slug: 'talk', rrule: undefined, start: '2026-12-02T14:30', end: '2026-12-02T16:00' };
    const list = upcoming([base, single], new Date('2026-11-30T00:00:00Z'), 4);
    expect(list.map((o) => o.slug)).toEqual(['taiji', 'talk', 'taiji']);
  });
});

describe('occurrences in the calendar views (issue 4)', () => {
  const monthRange = (month: string) =>
    [
      zonedToInstant(`${month}-01T00:00`, 'Asia/Shanghai'),
      zonedToInstant(`${month === '2026-12' ? '2027-01' : '2027-02'}-01T00:00`, 'Asia/Shanghai'),
    ] as const;
  const late: HealthEvent = {
    ...base,
    slug: 'late',
    start: '2026-11-30T23:30',
    end: '2026-12-01T00:30',
    rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6',
  };

  it('puts an occurrence at 23:30 on the last day of a month in that month, and one at 00:30 on the 1st in the next', () => {
    const [from, to] = monthRange('2026-12');
    const dec = occurrencesBetween(late, from, to).filter((o) => o.startInstant >= from);
    expect(dec.map((o) => o.start)).toEqual([
      '2026-12-07T23:30',
      '2026-12-14T23:30',
      '2026-12-21T23:30',
      '2026-12-28T23:30',
    ]);
    const early = {
      ...base,
      slug: 'early',
      start: '2026-12-01T00:30',
      end: '2026-12-01T01:00',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3',
    };
    expect(occurrencesBetween(early, from, to).map((o) => o.start)).toEqual(['2026-12-01T00:30']);
    const [jan, feb] = monthRange('2027-01');
    expect(occurrencesBetween(early, jan, feb).map((o) => o.start)).toEqual(['2027-01-01T00:30']);
  });

  it('shows every week of a weekly series across a month edge, minus its exceptions', () => {
    const saturdays = {
      ...base,
      slug: 'sat',
      start: '2026-11-28T08:00',
      end: '2026-11-28T09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=10',
      exceptions: ['2027-01-02T08:00'],
    };
    const list = occurrencesBetween(
      saturdays,
      zonedToInstant('2026-11-01T00:00', 'Asia/Shanghai'),
      zonedToInstant('2027-02-01T00:00', 'Asia/Shanghai'),
    );
    expect(list.map((o) => o.start.slice(0, 10))).toEqual([
      '2026-11-28',
      '2026-12-05',
      '2026-12-12',
      '2026-12-19',
      '2026-12-26',
      '2027-01-09',
      '2027-01-16',
      '2027-01-23',
      '2027-01-30',
    ]);
  });

  it('keeps a cancelled occurrence of a series, labelled, and moves a moved one into the next month', () => {
    const e = {
      ...base,
      overrides: [
        { occurrence: '2026-12-10T07:00', status: 'cancelled' as const, note: '场地检修' },
        {
          occurrence: '2026-12-31T07:00',
          status: 'moved' as const,
          start: '2027-01-02T09:00',
          end: '2027-01-02T10:00',
        },
      ],
    };
    const [from, to] = monthRange('2026-12');
    const dec = occurrencesBetween(e, from, to);
    const cancelled = dec.find((o) => o.key === '2026-12-10T07:00')!;
    expect([cancelled.status, cancelled.start, cancelled.note]).toEqual(['cancelled', '2026-12-10T07:00', '场地检修']);
    expect(dec.some((o) => o.key === '2026-12-31T07:00')).toBe(false);
    const [jan, feb] = monthRange('2027-01');
    const moved = occurrencesBetween(e, jan, feb);
    expect(moved.map((o) => [o.key, o.start, o.status])).toEqual([['2026-12-31T07:00', '2027-01-02T09:00', 'moved']]);
  });

  it('gives the same occurrences whatever the machine time zone', () => {
    const original = process.env.TZ;
    const runs: string[][] = [];
    const offsets = new Set<number>();
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/London', 'UTC', 'Asia/Shanghai']) {
      process.env.TZ = tz; // Node re-reads TZ when it changes
      offsets.add(new Date('2026-12-01T00:00:00Z').getTimezoneOffset());
      const [from, to] = monthRange('2026-12');
      runs.push(
        occurrencesBetween({ ...base, exceptions: ['2026-12-03T07:00'] }, from, to).map(
          (o) => `${o.start}/${o.startInstant.toISOString()}`,
        ),
      );
    }
    process.env.TZ = original;
    expect(offsets.size, 'the machine zone really changed between runs').toBeGreaterThanOrEqual(4);
    for (const r of runs) expect(r).toEqual(runs[0]);
    expect(runs[0][0]).toBe('2026-12-01T07:00/2026-11-30T23:00:00.000Z');
    expect(runs[0]).toHaveLength(9);
  });
});

describe('withEvents', () => {
  it('pairs each occurrence with its own event, in order, and names an occurrence whose event is missing', () => {
    const other: HealthEvent = { ...base, slug: 'other-walk', title: '另一场健步走' };
    const now = new Date('2026-11-20T00:00:00Z');
    const list = upcoming([base, other], now, 30);
    expect(list.length).toBeGreaterThan(2);
    const pairs = withEvents(list, [other, base]);
    expect(pairs.map((p) => p.o)).toEqual(list);
    for (const { o, e } of pairs) expect(e.slug).toBe(o.slug);
    expect(new Set(pairs.map((p) => p.e.slug))).toEqual(new Set([base.slug, other.slug]));
    expect(() => withEvents(list, [base])).toThrow(/other-walk/);
  });
});
