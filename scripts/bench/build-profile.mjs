/**
 * Where a build's time goes: builds the synthetic corpus (scripts/synthetic/corpus.mjs) once with a CPU
 * profile of Astro's main thread, and prints the wall time split by what the main thread was doing — reading
 * content, bundling, getStaticPaths, rendering pages, writing files, the after-build integrations, or waiting
 * (idle: for worker threads, sharp's image threads or the disk) — and the functions of this project and its
 * dependencies that cost most. Work on worker threads (search indexes, pinyin files, CSP pruning) shows here
 * as the main thread's waiting only; the worker total is printed from the build's own log.
 *
 *   node scripts/bench/build-profile.mjs [--articles 1000] [--events 0] [--top 25] [--source DIR]
 *   --source: the content the corpus starts from (default content/; npm test runs it on a small fixture)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../synthetic/corpus.mjs';
import { table } from './measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const source = process.argv.includes('--source')
  ? path.resolve(process.argv[process.argv.indexOf('--source') + 1])
  : undefined;

/**
 * What a sample says the main thread was doing. CPU profiles keep no async stacks (a stack after an await
 * starts at the microtask), so the rule looks at which code is on the stack, innermost first.
 */
function phaseOf(frames) {
  const top = frames[0];
  const has = (re) => frames.some((f) => re.test(f.url) || re.test(f.functionName));
  if (top.functionName === '(idle)') return 'waiting (idle: worker threads, sharp, disk)';
  if (top.functionName === '(garbage collector)') return 'garbage collection';
  if (has(/^runHookBuildDone$|src\/integrations\/|src\/pwa\//))
    return 'after the build (CSP, service worker, sitemap, media)';
  if (has(/content\/loaders\/|astro\/dist\/content\//)) return 'content layer (read, validate, render Markdown)';
  if (has(/\.astro\/\.prerender\/|astro\/dist\/runtime\//))
    return 'rendering pages and endpoints (incl. getStaticPaths)';
  if (
    /^(mkdir|openFileHandle|writeBuffer|writeString|close|writeFileUtf8)$/.test(top.functionName) ||
    has(/core\/build\/generate/)
  )
    return "Astro's page loop and writing files";
  if (has(/vite|rolldown|compiler-rs|esbuild/)) return 'bundling (Vite)';
  return 'start-up and other';
}

export function profileSummary(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phases = new Map();
  const self = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const frames = [];
    for (let id = profile.samples[i]; id != null; id = parent.get(id)) frames.push(byId.get(id).callFrame);
    const phase = phaseOf(frames);
    phases.set(phase, (phases.get(phase) ?? 0) + dt);
    const f = frames[0];
    if (f.functionName.startsWith('(')) continue;
    const where = f.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1];
    const key = pkg
      ? `${pkg} (dependency)`
      : where.startsWith('node:') || !where
        ? 'Node.js built-ins'
        : where.replace(/_[\w-]{8}\.mjs$/, '');
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const rows = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, phases: rows(phases), self: rows(self).slice(0, top) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const articles = arg('articles', 1000);
  const work = process.env.BENCH_DIR ? path.resolve(process.env.BENCH_DIR) : path.join(tmpdir(), 'hc-bench-profile');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const corpus = path.join(work, 'corpus');
  await generateCorpus({ outDir: corpus, articles, events: arg('events', 0), ...(source ? { source } : {}) });
  const profDir = path.join(work, 'prof');
  process.stderr.write(`build-profile: building ${articles} articles × 4 locales with a CPU profile…\n`);
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${profDir}`,
      '--cpu-prof-interval',
      '1000',
      path.join(ROOT, 'node_modules/astro/bin/astro.mjs'),
      'build',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: {
        ...process.env,
        CONTENT_DIR: corpus,
        OUT_DIR: path.join(work, 'dist'),
        BUILD_NOW: '2026-11-22T09:00:00+08:00',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
    },
  );
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`build failed:\n${(run.stdout + run.stderr).slice(-3000)}`);
  // The main thread's profile is the one whose samples span the build (workers write their own, shorter ones).
  const profiles = readdirSync(profDir).map((f) => JSON.parse(readFileSync(path.join(profDir, f), 'utf8')));
  const main = profiles.sort((a, b) => b.endTime - b.startTime - (a.endTime - a.startTime))[0];
  const s = profileSummary(main, arg('top', 25));
  const pages = (run.stdout.match(/(\d+) page\(s\) built/) ?? [])[1];
  const ms = (x) => `${Math.round(x).toLocaleString('en')} ms`;
  const pct = (x) => `${((100 * x) / s.total).toFixed(0)} %`;
  console.log(
    `\nBuild of ${articles} synthetic articles × 4 locales: ${pages} pages in ${wall.toFixed(1)} s (main thread profiled ${(s.total / 1000).toFixed(1)} s)\n`,
  );
  console.log(
    table(
      ['main thread was', 'time', 'share'],
      s.phases.map(([k, v]) => [k, ms(v), pct(v)]),
    ),
  );
  console.log("\nWhere the main thread's own work went (self time, by package or file):\n");
  console.log(
    table(
      ['code', 'time', 'share'],
      s.self.map(([k, v]) => [k, ms(v), pct(v)]),
    ),
  );
  const logged = run.stdout.split('\n').filter((l) => /Completed in|csp-prune|pwa\]|page\(s\) built/.test(l));
  console.log(`\nThe build's own log:\n${logged.map((l) => `  ${l.trim()}`).join('\n')}`);
  rmSync(work, { recursive: true, force: true });
}
