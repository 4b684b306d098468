import { describe, expect, it } from 'vitest';
import type { PointsContent, Reward } from '@hc/domain/points/model.ts';
import { canExchange, rewardPeriod } from '@hc/domain/points/rewards.ts';
import { earningRules, LOW_STOCK, rewardsByDepartment, stockState } from '../../src/lib/points/view.ts';

const reward = (over: Partial<Reward>): Reward => ({
  id: 'r',
  name: { 'zh-hans': '奖励' },
  department: 'a',
  cost: 10,
  stock: 100,
  perPersonLimit: 1,
  validFrom: '2026-12-01',
  validTo: '2027-12-31',
  collectAt: { 'zh-hans': '服务台' },
  voucherDays: 30,
  ...over,
});
const content = (rewards: Reward[]): PointsContent => ({
  settings: { sample: false, expiry: 'never', consentVersion: '1' },
  departments: [
    { id: 'b', name: { 'zh-hans': '乙部门', en: 'Dept B' }, kind: 'other' },
    { id: 'a', name: { 'zh-hans': '甲部门' }, kind: 'other' },
    { id: 'empty', name: { 'zh-hans': '没有奖励' }, kind: 'other' },
  ],
  rules: [
    {
      id: 'ex',
      title: { 'zh-hans': '运动' },
      eventType: 'exercise',
      points: 5,
      dailyCap: 1,
      events: { known: 8, gone: 9 },
      department: 'a',
    },
    {
      id: 'vol',
      title: { 'zh-hans': '志愿' },
      activity: 'volunteering',
      points: 10,
      dailyCap: 2,
      events: {},
      department: 'a',
    },
  ],
  rewards,
});

describe('points view', () => {
  it('states stock from the content total', () => {
    expect(stockState(0)).toBe('out');
    expect(stockState(1)).toBe('low');
    expect(stockState(LOW_STOCK)).toBe('low');
    expect(stockState(LOW_STOCK + 1)).toBe('available');
  });

  it('tells a reward’s period from today, both ends included', () => {
    const r = { validFrom: '2026-12-01', validTo: '2026-12-31' };
    expect(rewardPeriod(r, '2026-11-30')).toBe('upcoming');
    expect(rewardPeriod(r, '2026-12-01')).toBe('current');
    expect(rewardPeriod(r, '2026-12-31')).toBe('current');
    expect(rewardPeriod(r, '2027-01-01')).toBe('ended');
  });

  it('a balance can exchange a reward only in its period, with some left, and enough points', () => {
    const r = { validFrom: '2026-12-01', validTo: '2026-12-31', cost: 30, left: 5 };
    expect(canExchange(r, 30, '2026-12-06')).toBe(true);
    expect(canExchange(r, 29, '2026-12-06')).toBe(false);
    expect(canExchange({ ...r, left: 0 }, 100, '2026-12-06')).toBe(false);
    expect(canExchange(r, 100, '2026-11-30')).toBe(false);
    expect(canExchange(r, 100, '2027-01-01')).toBe(false);
  });

  it('groups rewards by department in content order, cheapest first, exchangeable before the rest', () => {
    const view = rewardsByDepartment(
      content([
        reward({ id: 'a-dear', cost: 50 }),
        reward({ id: 'a-cheap', cost: 5 }),
        reward({ id: 'a-later', cost: 1, validFrom: '2027-05-01' }),
        reward({ id: 'a-over', cost: 1, validTo: '2026-01-31' }),
        reward({ id: 'b-one', department: 'b', stock: 0 }),
      ]),
      'en',
      '2026-12-06',
    );
    expect(view.map((d) => d.id)).toEqual(['b', 'a']);
    expect(view[0]!.name).toEqual({ text: 'Dept B' });
    expect(view[1]!.name).toEqual({ text: '甲部门', lang: 'zh-Hans' });
    expect(view[1]!.rewards.map((r) => [r.id, r.period])).toEqual([
      ['a-cheap', 'current'],
      ['a-dear', 'current'],
      ['a-later', 'upcoming'],
      ['a-over', 'ended'],
    ]);
    expect(view[0]!.rewards[0]!.stock).toBe('out');
  });

  it('splits earning rules into events and activities, naming per-event amounts by published events only', () => {
    const r = earningRules(content([]), 'zh-hans', (slug) => (slug === 'known' ? { text: '八段锦' } : undefined));
    expect(r.events.map((x) => x.id)).toEqual(['ex']);
    expect(r.activities.map((x) => [x.id, x.dailyCap])).toEqual([['vol', 2]]);
    expect(r.events[0]!.events).toEqual([{ slug: 'known', title: { text: '八段锦' }, points: 8 }]);
  });
});
