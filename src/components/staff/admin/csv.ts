/**
 * CSV built in the browser for the evaluation tables the service has no CSV of: a UTF-8 byte order mark so Excel
 * reads the Chinese correctly, every cell quoted, CRLF line ends, and a cell starting with = + - @ prefixed with
 * ' so a spreadsheet does not run it as a formula (as the service's toCsv does).
 */
export const BOM = '\uFEFF';

export function csvCell(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
}

/** The file's text: header row, then one row per line (without the BOM; csvBlob adds it). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvBlob(text: string): Blob {
  return new Blob([BOM, text], { type: 'text/csv;charset=utf-8' });
}
