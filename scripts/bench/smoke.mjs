/**
 * Every benchmark once, on a tiny input, so none can rot silently (npm test runs this after the build; issue 29).
 * Each `bench:*` script of package.json must have an entry in TINY below — a new benchmark without one fails
 * this stage — and any failure (exit code, or a record missing from a benchmark's JSON) fails it. The figures
 * printed here mean nothing (tiny inputs, a loaded machine); only that each benchmark still runs.
 *
 *   node scripts/bench/smoke.mjs [--only bench:search,bench:pwa]      (against dist/: run `astro build` first)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(tmpdir(), 'hc-bench-smoke-'));
const searchJson = path.join(work, 'search.json');

/**
 * The tiny run of each benchmark: npm script → arguments and environment. Servers pick free ports (BENCH_PORT 0),
 * work folders are this run's own.
 */
const TINY = {
  // The page table over the built dist/, without Lighthouse (its scores move with load; `npm run bench` runs it).
  bench: { args: ['--reuse-dist', '--no-lighthouse'] },
  // Precache, first visit and one offline first paint of a saved article, against dist/.
  'bench:pwa': { env: { RUNS: '1' } },
  // A profiled build of a three-article centre (the fixture) instead of 1,000 synthetic articles.
  'bench:build-profile': {
    args: ['--articles', '3', '--source', 'tests/fixtures/centre-real', '--top', '5'],
    env: { BENCH_DIR: path.join(work, 'profile') },
  },
  // Ours against Pagefind over the real content only (a size under the real article count), one round.
  'bench:search': {
    args: ['--sizes', '30', '--rounds', '1', '--typed', '2', '--json', searchJson],
    env: { BENCH_DIR: path.join(work, 'search') },
    check: () => checkSearchRecords(searchJson),
  },
  // The 健康积分 service under load: a tiny ledger on both engines (embedded, and a server it starts itself).
  'bench:points': { args: ['--cards', '200', '--transfers', '2000', '--seconds', '3', '--clients', '8'] },
};

/** Benchmarks that are not npm scripts but are documented commands: run them too. */
const EXTRA = {
  'reading-first (node scripts/bench/reading-first.mjs)': { cmd: ['node', 'scripts/bench/reading-first.mjs'] },
};

/** The search benchmark's records must carry every figure the README and docs/search.md report. */
function checkSearchRecords(file) {
  const records = JSON.parse(readFileSync(file, 'utf8'));
  const need = ['firstSearchMs', 'p95Ms', 'repeatP95Ms', 'firstSearchBytesGzip', 'hitAt1', 'sentenceHitAt1'];
  for (const engine of ['ours', 'pagefind']) {
    const r = records.find((x) => x.engine === engine);
    if (!r) throw new Error(`bench:search: no record for ${engine}`);
    for (const k of need)
      if (!Number.isFinite(r[k])) throw new Error(`bench:search: ${engine}.${k} is ${JSON.stringify(r[k])}`);
  }
  const ours = records.find((x) => x.engine === 'ours');
  if (!Number.isFinite(ours.newQueryRatio)) throw new Error('bench:search: ours.newQueryRatio missing');
  const site = records.find((x) => x.engine === 'site');
  if (!Number.isFinite(site?.typedP95Ms)) throw new Error('bench:search: no typing figure from the built site');
}

const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
const benches = Object.keys(scripts).filter((s) => s.startsWith('bench:'));
const missing = benches.filter((s) => !TINY[s]);
if (missing.length) {
  console.error(`bench smoke: no tiny run for ${missing.join(', ')}: add one to TINY in scripts/bench/smoke.mjs`);
  process.exit(1);
}
if (!existsSync(path.join(ROOT, 'dist/index.html'))) {
  console.error('bench smoke: dist/ is not built (run `astro build` first)');
  process.exit(1);
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;
const jobs = [
  ...Object.entries(TINY)
    .filter(([name]) => name === 'bench' || benches.includes(name))
    .map(([name, t]) => ({
      name: `npm run ${name}`,
      key: name,
      cmd: ['npm', 'run', '--silent', name, ...(t.args ? ['--', ...t.args] : [])],
      ...t,
    })),
  ...Object.entries(EXTRA).map(([name, t]) => ({ name, key: name, ...t })),
].filter((j) => !only || only.includes(j.key));

const failed = [];
for (const job of jobs) {
  const started = Date.now();
  console.log(`\n--- ${job.name} ${job.args ? job.args.join(' ') : ''}`);
  const r = spawnSync(job.cmd[0], job.cmd.slice(1), {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BENCH_PORT: '0', ...job.env },
  });
  let error = r.status === 0 ? undefined : `exit ${r.status ?? r.signal}`;
  if (!error && job.check) {
    try {
      job.check();
    } catch (e) {
      error = e.message;
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`--- ${job.name}: ${error ? `FAILED (${error})` : 'ok'} in ${secs} s`);
  if (error) failed.push(job.name);
}
rmSync(work, { recursive: true, force: true });
if (failed.length) {
  console.error(`\nbench smoke: ${failed.length} benchmark(s) broken: ${failed.join(', ')}`);
  process.exit(1);
}
