/** A byte count for people: 950 B, 12 KB, 3.4 MB (decimal units, as phones show storage). */
export function formatBytes(bytes: number, intlLocale = 'zh-CN'): string {
  const n = Math.max(0, bytes);
  const [value, unit] = n < 1000 ? [n, 'B'] : n < 1_000_000 ? [n / 1000, 'KB'] : [n / 1_000_000, 'MB'];
  const digits = unit === 'B' || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(intlLocale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} ${unit}`;
}
