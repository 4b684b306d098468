/**
 * npm test: check the Sanity Studio (generated types current, Studio builds), build once, then unit tests (in a foreign time zone, to prove dates do not depend on the machine),
 * checks over dist/, the performance budgets, and Playwright e2e + axe against the built site.
 * BUILD_NOW pins "today" so the tests see the same upcoming events and overdue list on any day.
 */
import { spawnSync } from 'node:child_process';

const env = { ...process.env, BUILD_NOW: process.env.BUILD_NOW ?? '2026-11-22T09:00:00+08:00', ASTRO_TELEMETRY_DISABLED: '1' };
function run(label, cmd, args, extra = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extra } });
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('lint (ESLint, stylelint, knip, astro check: npm run lint)', 'npm', ['run', 'lint']);
// The Studio (cms/): its extracted schema and the GROQ result types are committed; regenerate them and fail if
// they differ (a schema or query changed without `npm run cms:typegen`), then build the Studio as a deploy would.
// No Sanity account is needed: the Studio builds with a placeholder project ID.
run('Sanity schema + typegen up to date, Studio builds', 'sh', ['-c', [
  'cd cms',
  'npx sanity schema extract --path schema.json --force',
  'npx sanity typegen generate',
  'cd ..',
  'git diff --exit-code -- cms/schema.json src/content/sanity/sanity.types.ts',
  'cd cms && npx sanity build --yes',
].join(' && ')], { DO_NOT_TRACK: '1', SANITY_TELEMETRY_DISABLED: '1' });
run('build', 'npx', ['astro', 'build']);
run('unit and dist tests (vitest, TZ=America/Los_Angeles)', 'npx', ['vitest', 'run'], { TZ: 'America/Los_Angeles' });
// Budgets over the built site: reading pages ≤ 14 KB gzip, readable without JS, React only on the quiz, and
// Lighthouse (mobile) performance ≥ 95 / accessibility 100 on one page of each type.
run('performance budgets (npm run check:budgets)', 'node', ['scripts/bench/check-budgets.mjs']);
run('browser tests (Playwright + axe)', 'npx', ['playwright', 'test']);
