/**
 * Reading what people type in a self-check's number box. Chinese input methods type full-width digits
 * ("１７０", "１．７") and the Chinese full stop as a decimal point ("1。7"); people add the unit out of habit
 * ("170厘米", "1.70米", "120斤"). A number with a unit of the question's kind is converted to the question's
 * unit (1.70米 → 170 where the question asks 厘米); any other unit is refused with the unit to use, so the
 * message can say exactly what to type instead of a generic "enter a number".
 */

/** A unit people type, by the quantity it measures and its size in that quantity's base unit. */
interface UnitDef {
  kind: 'length' | 'mass' | 'age' | 'pressure';
  /** Size in the base unit (length: centimetre, mass: kilogram, age: year, pressure: mmHg). */
  factor: number;
}

const UNITS: Record<string, UnitDef> = {};
const add = (kind: UnitDef['kind'], factor: number, names: string[]) => {
  for (const n of names) UNITS[n] = { kind, factor };
};
add('length', 1, ['厘米', '釐米', '公分', 'cm']);
add('length', 0.1, ['毫米', '公厘', 'mm']);
add('length', 100, ['米', '公尺', 'm']);
add('mass', 1, ['公斤', '千克', 'kg']);
add('mass', 0.5, ['斤', '市斤']);
add('mass', 0.001, ['克', '公克', 'g']);
add('age', 1, ['岁', '歲', '周岁', '周歲', '足岁', '足歲', '年', 'years', 'year', 'yrs', 'y']);
add('pressure', 1, ['mmhg', '毫米汞柱']);

/** The unit's definition, matched without regard to case, width or spaces ("ＣＭ", "Kg", "mm Hg"). */
function unitOf(name: string): UnitDef | undefined {
  return UNITS[name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()];
}

export type NumberInput =
  | { ok: true; value: number }
  /** empty: nothing typed; nan: not a number; unit: a number with a unit this question cannot take. */
  | { ok: false; problem: 'empty' | 'nan' | 'unit' };

// A number (digits with at most one decimal point or comma) and whatever follows it.
const NUMBER = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))(.*)$/u;

/** Avoids 1.7 × 100 = 170.00000000000003. */
const tidy = (n: number): number => Math.round(n * 1e9) / 1e9;

/**
 * Reads `raw` as a number for a question measured in `unit` (its text as the content gives it, e.g. 厘米;
 * undefined for a plain count). Full-width characters are read as their ASCII forms; spaces are ignored.
 */
export function parseNumberInput(raw: string, unit?: string): NumberInput {
  const text = raw
    .normalize('NFKC')
    .replace(/[\s\u200b]+/g, '')
    .replace(/(\d)[。、](?=\d)/gu, '$1.');
  if (text === '') return { ok: false, problem: 'empty' };
  const m = NUMBER.exec(text);
  if (!m) return { ok: false, problem: 'nan' };
  const value = Number(m[1]!.replace(',', '.'));
  if (!Number.isFinite(value)) return { ok: false, problem: 'nan' };
  const suffix = m[2]!;
  if (suffix === '') return { ok: true, value };
  // Words after the number are a unit only when the question has one to point to; other trailing marks
  // ("1.2.3", "150/90") are simply not a number.
  if (unit === undefined || !/\p{L}/u.test(suffix)) return { ok: false, problem: 'nan' };
  if (suffix.toLowerCase() === unit.normalize('NFKC').replace(/\s+/g, '').toLowerCase()) return { ok: true, value };
  const typed = unitOf(suffix);
  const wanted = unitOf(unit);
  if (!typed || !wanted || wanted.kind !== typed.kind) return { ok: false, problem: 'unit' };
  return { ok: true, value: tidy((value * typed.factor) / wanted.factor) };
}
