/**
 * npm test: check the Sanity Studio (generated types current, Studio builds), build once, then unit tests (in a foreign time zone, to prove dates do not depend on the machine),
 * checks over dist/, the performance budgets, and Playwright e2e + axe against the built site.
 * BUILD_NOW pins "today" so the tests see the same upcoming events and overdue list on any day.
 */
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  BUILD_NOW: process.env.BUILD_NOW ?? '2026-11-22T09:00:00+08:00',
  ASTRO_TELEMETRY_DISABLED: '1',
};
function run(label, cmd, args, extra = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extra } });
  console.log(
    `=== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`,
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('format (Prettier: npm run format:check)', 'npm', ['run', 'format:check']);
run('lint (ESLint, stylelint, knip, astro check: npm run lint)', 'npm', ['run', 'lint']);
// The Studio (cms/): its extracted schema and the GROQ result types are committed; regenerate them and fail if
// they differ (a schema or query changed without `npm run cms:typegen`), then build the Studio as a deploy would.
// No Sanity account is needed: the Studio builds with a placeholder project ID.
run(
  'Sanity schema + typegen up to date, Studio builds',
  'sh',
  [
    '-c',
    [
      'cd cms',
      'npx sanity schema extract --path schema.json --force',
      'npx sanity typegen generate',
      'cd ..',
      'git diff --exit-code -- cms/schema.json src/content/sanity/sanity.types.ts',
      'cd cms && npx sanity build --yes',
    ].join(' && '),
  ],
  { DO_NOT_TRACK: '1', SANITY_TELEMETRY_DISABLED: '1', SANITY_STUDIO_BUILD_CHECK: '1' },
);
run('build', 'npx', ['astro', 'build']);
// Tests that build a second site use small fixtures (FIXTURE_ONLY), so their cost does not grow with content/.
const FIXTURE_ONLY = ['tests/site/sanity-source.test.ts', 'tests/site/hidden-family.test.ts'];
run(
  'unit and dist tests (vitest, TZ=America/Los_Angeles)',
  'npx',
  ['vitest', 'run', ...FIXTURE_ONLY.flatMap((f) => ['--exclude', f])],
  { TZ: 'America/Los_Angeles' },
);
// The same content and dist tests on a small real-looking centre (3 articles by named reviewers, 2 events, no
// families, no sample notice): no test may depend on the sample content.
const FIXTURE = { CONTENT_DIR: 'tests/fixtures/centre-real', OUT_DIR: 'dist-fixture', DIST: 'dist-fixture' };
run('build the centre-real fixture (dist-fixture/)', 'npx', ['astro', 'build'], FIXTURE);
run(
  'content and dist tests on the fixture',
  'npx',
  ['vitest', 'run', 'tests/site', 'tests/unit/content-rules.test.ts', 'tests/unit/ics.test.ts'],
  { ...FIXTURE, TZ: 'America/Los_Angeles' },
);
// The 健康积分 ledger (server/): concurrency, route × role, bad requests, kill -9, on the embedded default and on a
// second PostgreSQL server the stage starts itself on a free port (server/tests/global-setup.ts). Its benchmark runs
// on a tiny ledger with the others below.
run('points service (ledger tests on both engines)', 'npx', ['vitest', 'run', '--config', 'server/vitest.config.ts']);
// Byte budgets over the built site: reading pages ≤ 14 KB gzip, readable without JS, React only on the quiz.
// (Lighthouse scores move with machine load: they are in `npm run bench`, not here.)
run('byte budgets (npm run check:budgets)', 'node', ['scripts/bench/check-budgets.mjs']);
// Every benchmark once on a tiny input against this build (scripts/bench/smoke.mjs: bench, bench:pwa,
// bench:build-profile on a 3-article fixture, bench:search over the real content, reading-first), so none rots
// silently; a bench:* script without a tiny run there fails this stage.
run('benchmarks on a tiny input (node scripts/bench/smoke.mjs)', 'node', ['scripts/bench/smoke.mjs']);
// Browser tests; the axe sweep covers one page per template × locale (every page: npm run test:a11y:all).
run('browser tests (Playwright + axe)', 'npx', ['playwright', 'test']);
