/**
 * npm run i18n:report: how many Simplified-only characters the built /zh-hant/ and /yue/ pages still show outside
 * lang="zh-Hans" (the figure tests/site/script.test.ts holds at zero). Build first (npx astro build).
 *   node scripts/i18n-report.ts [dist] [--pages]
 */
import path from 'node:path';
import { scanDist } from '../tests/helpers/simplified-pages.ts';

const args = process.argv.slice(2);
const dist = path.resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
const findings = scanDist(dist);
const bad = findings.filter((f) => f.count > 0);
const total = bad.reduce((n, f) => n + f.count, 0);
console.log(
  `${bad.length} of ${findings.length} /zh-hant/ and /yue/ pages show Simplified-only characters: ${total} in all`,
);
if (args.includes('--pages')) {
  for (const f of bad.sort((a, b) => b.count - a.count))
    console.log(`${String(f.count).padStart(5)}  ${f.page}  ${f.samples[0] ?? ''}`);
}
