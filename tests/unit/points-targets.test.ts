import { describe, expect, it } from 'vitest';
import { pointsSettingsSchema } from '@hc/domain/points/model.ts';

const base = { consentVersion: 'v1' };

describe('the points settings’ optional targets (the evaluation page’s)', () => {
  it('are optional', () => {
    expect(pointsSettingsSchema.parse(base).targets).toBeUndefined();
  });
  it('take a year and participants per community', () => {
    const s = pointsSettingsSchema.parse({ ...base, targets: { year: 2027, participants: { 和平里社区: 300 } } });
    expect(s.targets).toEqual({ year: 2027, participants: { 和平里社区: 300 } });
    expect(pointsSettingsSchema.parse({ ...base, targets: {} }).targets).toEqual({ participants: {} });
  });
  it('refuse counts that are not whole positive numbers, odd years and unknown fields', () => {
    for (const targets of [
      { participants: { 和平里社区: 0 } },
      { participants: { 和平里社区: 2.5 } },
      { participants: { '': 10 } },
      { year: 1999 },
      { participant: { 和平里社区: 300 } },
    ])
      expect(pointsSettingsSchema.safeParse({ ...base, targets }).success, JSON.stringify(targets)).toBe(false);
  });
});
