import { describe, expect, it } from 'vitest';
import { parseNumberInput } from '@hc/domain/quiz/number-input.ts';

const ok = (value: number) => ({ ok: true, value });
const no = (problem: 'empty' | 'nan' | 'unit') => ({ ok: false, problem });

describe('parseNumberInput', () => {
  it('reads full-width digits and points as Chinese input methods type them', () => {
    expect(parseNumberInput('１７０', '厘米')).toEqual(ok(170));
    expect(parseNumberInput('１．７', '米')).toEqual(ok(1.7));
    expect(parseNumberInput('４９．５')).toEqual(ok(49.5));
    expect(parseNumberInput('1。7')).toEqual(ok(1.7));
    expect(parseNumberInput('1,5')).toEqual(ok(1.5));
    expect(parseNumberInput(' 60 ')).toEqual(ok(60));
    expect(parseNumberInput('　６０　')).toEqual(ok(60));
  });

  it('accepts the question’s own unit and converts units of the same kind', () => {
    expect(parseNumberInput('170厘米', '厘米')).toEqual(ok(170));
    expect(parseNumberInput('１７０厘米', '厘米')).toEqual(ok(170));
    expect(parseNumberInput('170 cm', '厘米')).toEqual(ok(170));
    expect(parseNumberInput('170公分', '厘米')).toEqual(ok(170));
    expect(parseNumberInput('1.70米', '厘米')).toEqual(ok(170));
    expect(parseNumberInput('1.7m', '公分')).toEqual(ok(170));
    expect(parseNumberInput('1.75米', '厘米')).toEqual(ok(175));
    expect(parseNumberInput('60公斤', '公斤')).toEqual(ok(60));
    expect(parseNumberInput('60kg', '公斤')).toEqual(ok(60));
    expect(parseNumberInput('60 KG', '公斤')).toEqual(ok(60));
    expect(parseNumberInput('120斤', '公斤')).toEqual(ok(60));
    expect(parseNumberInput('45岁', '岁')).toEqual(ok(45));
    expect(parseNumberInput('45歲', '岁')).toEqual(ok(45));
    expect(parseNumberInput('150mmHg', 'mmHg')).toEqual(ok(150));
    expect(parseNumberInput('150 mm hg', 'mmHg')).toEqual(ok(150));
  });

  it('refuses a unit of another kind, or one it does not know, so the page can name the right unit', () => {
    expect(parseNumberInput('60公斤', '厘米')).toEqual(no('unit'));
    expect(parseNumberInput('170厘米', '岁')).toEqual(no('unit'));
    expect(parseNumberInput('170尺', '厘米')).toEqual(no('unit'));
    expect(parseNumberInput('170左右', '厘米')).toEqual(no('unit'));
    expect(parseNumberInput('1e3', '厘米')).toEqual(no('unit'));
  });

  it('refuses what is not a number', () => {
    expect(parseNumberInput('', '厘米')).toEqual(no('empty'));
    expect(parseNumberInput('   ')).toEqual(no('empty'));
    expect(parseNumberInput('abc', '厘米')).toEqual(no('nan'));
    expect(parseNumberInput('一百七十', '厘米')).toEqual(no('nan'));
    expect(parseNumberInput('1.2.3', '厘米')).toEqual(no('nan'));
    expect(parseNumberInput('150/90', 'mmHg')).toEqual(no('nan'));
    expect(parseNumberInput('170厘米')).toEqual(no('nan'));
    expect(parseNumberInput('Infinity')).toEqual(no('nan'));
  });
});
