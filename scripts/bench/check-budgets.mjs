/**
 * npm run check:budgets — the byte budgets over the built dist/ (build first; npm test does): every reading
 * page (home, hub, article, event, family) ≤ 14 KB gzip (BUDGETS.readingTotalGzip, no exceptions) HTML+CSS+JS and readable before any script runs, React
 * only on pages whose island needs it, every file a page loads exists. These are deterministic, so they gate
 * npm test. Lighthouse scores move with machine load: they are a benchmark (`npm run bench`), not a gate here;
 * accessibility is enforced by axe in the browser tests. Exits 1 with the failing pages and bytes when a budget
 * is broken.
 *
 *   node scripts/bench/check-budgets.mjs [--dist dist]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { evaluate, formatVerdicts } from './lib/budgets.ts';
import { measureDist } from './measure.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dist = path.resolve(opt('--dist', 'dist'));
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`no built site at ${dist}: run the build first`);
  process.exit(2);
}

const started = Date.now();
const types = measureDist(dist);
for (const t of types)
  if (!t.rep) console.log(`  --    ${t.type.kind.padEnd(9)} not built yet (no ${t.type.label} page in dist/): skipped`);
const pages = types.flatMap((t) => t.pages);
const verdicts = evaluate(pages);
console.log(formatVerdicts(verdicts));
const failed = verdicts.filter((v) => !v.ok).length;
console.log(
  `\nbudgets: ${verdicts.length - failed} passed, ${failed} failed (${pages.length} pages, ${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
process.exit(failed ? 1 : 0);
