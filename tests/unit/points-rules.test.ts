/** The 健康积分 rules of the domain core: card check digits, rotating check-in codes, expiry lots, the content model. */
import { describe, expect, it } from 'vitest';
import {
  cardNumberFrom,
  cardQrText,
  checkDigit,
  formatCardNumber,
  normaliseCardNumber,
  parseCardScan,
} from '@hc/domain/points/card.ts';
import {
  checkinCode,
  parseCheckinCode,
  verifyCheckinCode,
  windowOf,
  WINDOW_SECONDS,
} from '@hc/domain/points/checkin-code.ts';
import {
  catalogueCoverage,
  CATALOGUE_TARGETS,
  coverageWarningLine,
  coverageWarningZh,
} from '@hc/domain/points/coverage.ts';
import { expiredAmount, expiryDate, remainingLots } from '@hc/domain/points/expiry.ts';
import { checkPointsContent, earningRuleSchema, pointsForEvent, rewardSchema } from '@hc/domain/points/model.ts';

describe('card numbers', () => {
  it('the check digit catches every single wrong digit and every swap of neighbours', () => {
    for (const base of ['123456789', '000000001', '987650123', '555555555']) {
      const n = cardNumberFrom(base);
      expect(normaliseCardNumber(n)).toBe(n);
      expect(normaliseCardNumber(formatCardNumber(n))).toBe(n);
      for (let i = 0; i < 10; i++) {
        for (let d = 0; d < 10; d++) {
          if (String(d) === n[i]) continue;
          expect(normaliseCardNumber(n.slice(0, i) + d + n.slice(i + 1))).toBeUndefined();
        }
        if (i < 9 && n[i] !== n[i + 1])
          expect(normaliseCardNumber(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2))).toBeUndefined();
      }
    }
    expect(checkDigit('572')).toBe(4); // the published worked example of Damm's algorithm
    expect(normaliseCardNumber('12345')).toBeUndefined();
  });
  it('a scan or a typed entry: the QR text, full-width digits, groups; a wrong check digit said apart', () => {
    const n = cardNumberFrom('123456789');
    const fullWidth = [...n].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    for (const raw of [
      cardQrText(n),
      `${cardQrText(n)}\n`,
      `hc:${n}`,
      formatCardNumber(n),
      fullWidth,
      ` ${n.slice(0, 5)}－${n.slice(5)} `,
    ])
      expect(parseCardScan(raw)).toEqual({ ok: true, number: n });
    const wrong = n.slice(0, 9) + ((Number(n[9]) + 1) % 10);
    expect(parseCardScan(wrong)).toEqual({ ok: false, problem: 'check' });
    expect(parseCardScan('hc1:123:abc:talk')).toEqual({ ok: false, problem: 'other' });
    expect(parseCardScan('https://example.org/')).toEqual({ ok: false, problem: 'other' });
    expect(parseCardScan('  ')).toEqual({ ok: false, problem: 'empty' });
  });
});

describe('check-in codes', () => {
  const secret = new Uint8Array(32).fill(7);
  const now = new Date('2026-11-22T01:00:10Z');
  it('accept the current window and one either side; refuse older, and forgeries', async () => {
    const code = await checkinCode(secret, 'talk/2026-11-22T09:00', windowOf(now));
    const parsed = parseCheckinCode(code)!;
    expect(parsed.occurrenceId).toBe('talk/2026-11-22T09:00');
    expect(await verifyCheckinCode(secret, parsed, now)).toBe('ok');
    expect(await verifyCheckinCode(secret, parsed, new Date(now.getTime() + WINDOW_SECONDS * 1000))).toBe('ok');
    expect(await verifyCheckinCode(secret, parsed, new Date(now.getTime() + 2 * WINDOW_SECONDS * 1000))).toBe(
      'expired',
    );
    expect(await verifyCheckinCode(new Uint8Array(32).fill(8), parsed, now)).toBe('forged');
    expect(await verifyCheckinCode(secret, { ...parsed, occurrenceId: 'other/2026-11-22T09:00' }, now)).toBe('forged');
    expect(parseCheckinCode('hc1:x:y:z')).toBeUndefined();
  });
});

describe('expiry lots', () => {
  it('spending takes the earliest lots first; what is left of lapsed lots expires once', () => {
    expect(expiryDate('2026-03-01', 'end-of-following-year')).toBe('2027-12-31');
    expect(expiryDate('2026-03-01', 'never')).toBeNull();
    const lots = [
      { amount: 10, expiresOn: '2027-12-31' },
      { amount: 5, expiresOn: null },
      { amount: 20, expiresOn: '2028-12-31' },
    ];
    expect(remainingLots(lots, 12)).toEqual([
      { amount: 18, expiresOn: '2028-12-31' },
      { amount: 5, expiresOn: null },
    ]);
    expect(expiredAmount(lots, 4, '2028-01-01')).toBe(6);
    expect(expiredAmount(lots, 4 + 6, '2028-01-01')).toBe(0); // after the job debited the 6
    expect(() => remainingLots(lots, 100)).toThrow(/inconsistent/);
  });
});

describe('the points content model', () => {
  it('rules name exactly one of event type and activity; rewards end after they start; references exist', () => {
    expect(
      earningRuleSchema.safeParse({
        id: 'x',
        title: { 'zh-hans': 'x' },
        eventType: 'lecture',
        activity: 'volunteering',
        points: 1,
        department: 'd',
      }).success,
    ).toBe(false);
    expect(
      earningRuleSchema.safeParse({
        id: 'x',
        title: { 'zh-hans': 'x' },
        eventType: 'lecture',
        points: 1.5,
        department: 'd',
      }).success,
    ).toBe(false);
    const reward = {
      id: 'r',
      name: { 'zh-hans': 'r' },
      department: 'nowhere',
      cost: 1,
      stock: 1,
      perPersonLimit: 1,
      validFrom: '2027-01-02',
      validTo: '2027-01-01',
      collectAt: { 'zh-hans': 'x' },
    };
    expect(rewardSchema.safeParse(reward).error?.issues[0]?.path).toEqual(['validTo']);
    const rule = earningRuleSchema.parse({
      id: 'ex',
      title: { 'zh-hans': '运动' },
      eventType: 'exercise',
      points: 5,
      events: { taiji: 8 },
      department: 'd',
    });
    expect(pointsForEvent([rule], 'exercise', 'taiji')?.points).toBe(8);
    expect(pointsForEvent([rule], 'exercise', 'walk')?.points).toBe(5);
    expect(pointsForEvent([rule], 'lecture', 'x')).toBeUndefined();
    const problems = checkPointsContent({
      settings: { sample: true, expiry: 'never', consentVersion: 'v' },
      departments: [{ id: 'd', name: { 'zh-hans': 'd' }, kind: 'other' }],
      rules: [rule, { ...rule, id: 'ex2' }],
      rewards: [rewardSchema.parse({ ...reward, validTo: '2027-02-01' })],
    });
    expect(problems.map((p) => p.message)).toEqual([
      'unknown department "nowhere" (known: d)',
      'a second rule for eventType exercise (the first is rules[0])',
    ]);
  });
});

describe('catalogue coverage (the plan: the health bureau ≥ 6 reward items, each township ≥ 3)', () => {
  const items = (department: string, n: number, validTo = '2027-12-31') =>
    Array.from({ length: n }, () => ({ department, validTo }));
  const departments = [
    { id: 'bureau', kind: 'health-bureau' as const },
    { id: 'town-a', kind: 'township' as const },
    { id: 'town-b', kind: 'township' as const },
    { id: 'centre', kind: 'health-centre' as const },
  ];

  it('warns per department below its target, with the count and the target; kinds without a target are free', () => {
    expect(CATALOGUE_TARGETS).toEqual({ 'health-bureau': 6, township: 3 });
    const rewards = [...items('bureau', 6), ...items('town-a', 3), ...items('town-b', 2), ...items('centre', 0)];
    expect(catalogueCoverage({ departments, rewards })).toEqual([
      { department: 'town-b', kind: 'township', count: 2, target: 3 },
    ]);
    expect(catalogueCoverage({ departments, rewards: [...rewards, ...items('town-b', 1)] })).toEqual([]);
    expect(catalogueCoverage({ departments, rewards: items('centre', 10) })).toEqual([
      { department: 'bureau', kind: 'health-bureau', count: 0, target: 6 },
      { department: 'town-a', kind: 'township', count: 0, target: 3 },
      { department: 'town-b', kind: 'township', count: 0, target: 3 },
    ]);
  });

  it('counts only rewards still offered on the day; no health bureau at all is a warning too', () => {
    const rewards = [
      ...items('bureau', 5),
      ...items('bureau', 1, '2026-06-30'),
      ...items('town-a', 3),
      ...items('town-b', 3),
    ];
    expect(catalogueCoverage({ departments, rewards })).toEqual([]);
    expect(catalogueCoverage({ departments, rewards }, '2026-12-06')).toEqual([
      { department: 'bureau', kind: 'health-bureau', count: 5, target: 6 },
    ]);
    expect(
      catalogueCoverage({ departments: [{ id: 'town-a', kind: 'township' }], rewards: items('town-a', 3) }),
    ).toEqual([{ department: null, kind: 'health-bureau', count: 0, target: 6 }]);
  });

  it('says it in the Studio’s words and in the build log’s', () => {
    const w = { department: 'town-b', kind: 'township' as const, count: 2, target: 3 };
    expect(coverageWarningZh(w)).toMatch(/至少提供 3 项兑换，这个部门目前有 2 项/);
    expect(coverageWarningLine(w)).toBe(
      'town-b (township) offers 2 reward item(s); the plan asks each township for at least 3',
    );
    expect(coverageWarningZh({ ...w, department: null, kind: 'health-bureau', target: 6 })).toMatch(/还没有/);
  });

  it('the shipped sample catalogue meets the plan', async () => {
    const { loadPointsContent } = await import('../../src/content/loaders/points.ts');
    const content = await loadPointsContent('content');
    if (content) expect(catalogueCoverage(content)).toEqual([]);
  });
});
