/**
 * The parts of a test 健康积分 catalogue that the ledger's tests (server/tests/helpers.ts) and the browser tests
 * (tests/e2e/points/service.ts) share: two departments, three earning rules (a lecture, an exercise class, an
 * activity) and the shape of a reward. Each side gives its own names (the browser tests show theirs on pages) and
 * its own occurrences.
 */
import type { Catalogue } from '@hc/domain/points/catalogue.ts';

type Names = Record<'bureau' | 'centre' | 'lecture' | 'exercise' | 'volunteering', string>;

export function testDepartments(names: Names): Catalogue['departments'] {
  return [
    { id: 'bureau', name: { 'zh-hans': names.bureau }, kind: 'health-bureau' },
    { id: 'centre', name: { 'zh-hans': names.centre }, kind: 'health-centre' },
  ];
}

/** Lecture 10 points (3 a day), exercise 5 (1 a day; `exerciseEvents`: points per event), volunteering 20 (2 a day). */
export function testRules(names: Names, exerciseEvents: Record<string, number> = {}): Catalogue['rules'] {
  const rule = (id: 'lecture' | 'exercise', points: number, dailyCap: number, events: Record<string, number>) => ({
    id,
    title: { 'zh-hans': names[id] },
    eventType: id,
    points,
    dailyCap,
    events,
    department: 'centre',
  });
  return [
    rule('lecture', 10, 3, {}),
    rule('exercise', 5, 1, exerciseEvents),
    {
      id: 'volunteering',
      title: { 'zh-hans': names.volunteering },
      activity: 'volunteering',
      points: 20,
      dailyCap: 2,
      events: {},
      department: 'bureau',
    },
  ];
}

/** A reward valid from 2000 to 2999 (or from `validFrom`), vouchers valid 30 days. */
export function testReward(
  id: string,
  name: string,
  r: { department: string; cost: number; stock: number; perPersonLimit: number; collectAt: string; validFrom?: string },
): Catalogue['rewards'][number] {
  return {
    id,
    name: { 'zh-hans': name },
    department: r.department,
    cost: r.cost,
    stock: r.stock,
    perPersonLimit: r.perPersonLimit,
    validFrom: r.validFrom ?? '2000-01-01',
    validTo: '2999-12-31',
    collectAt: { 'zh-hans': r.collectAt },
    voucherDays: 30,
  };
}
