import { describe, expect, it } from 'vitest';
import { BOM, csvBlob, csvCell, toCsv } from '../../src/components/staff/admin/csv.ts';

describe('the evaluation page’s CSV', () => {
  it('quotes every cell and neutralises a leading = + - @', () => {
    expect(csvCell('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-5')).toBe(`"'-5"`);
    expect(csvCell('@x')).toBe(`"'@x"`);
    expect(csvCell('和平里 "东"')).toBe('"和平里 ""东"""');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(12)).toBe('"12"');
  });
  it('has a header row, CRLF lines and a UTF-8 byte order mark', async () => {
    const text = toCsv(
      ['部门', '发放积分'],
      [
        ['社区卫生服务中心', 120],
        ['区卫健局', null],
      ],
    );
    expect(text).toBe('"部门","发放积分"\r\n"社区卫生服务中心","120"\r\n"区卫健局",""\r\n');
    const bytes = new Uint8Array(await csvBlob(text).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(BOM).toBe('\uFEFF');
  });
});
