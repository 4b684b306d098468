/**
 * Build cost at scale: the synthetic corpus (scripts/synthetic/corpus.mjs) at 500, 2,000 and 5,000 articles,
 * each article in four locales, with 1,000 events; for each size the build time, peak memory (maximum
 * resident set of the build process tree, from /usr/bin/time, else from polling /proc) and the size of dist/.
 * A size that is skipped (--max-minutes) is extrapolated from the measured ones and labelled ESTIMATE.
 *
 *   node scripts/bench/build.mjs [--sizes 500,2000,5000] [--events 1000] [--max-minutes 20] [--json out.json]
 *   (npm run bench -- --sizes runs it after the page table)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../synthetic/corpus.mjs';
import { dirSize, htmlFiles, table } from './measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD_ENV = { BUILD_NOW: '2026-11-22T09:00:00+08:00', ASTRO_TELEMETRY_DISABLED: '1' };

/** Run `astro build` with extra env; resolve with wall time and peak RSS in bytes. */
export function timedBuild({ cwd = ROOT, env = {}, log }) {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const statFile = path.join(tmpdir(), `hc-build-time-${process.pid}-${Date.now()}.txt`);
  const astro = path.join(cwd, 'node_modules/astro/bin/astro.mjs');
  const cmd = timeBin ?? process.execPath;
  const args = timeBin ? ['-f', '%M %e', '-o', statFile, process.execPath, astro, 'build'] : [astro, 'build'];
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...BUILD_ENV, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let peakPolled = 0;
    const poll = timeBin ? null : setInterval(() => (peakPolled = Math.max(peakPolled, treeRss(child.pid))), 250);
    let tail = '';
    const keep = (d) => {
      tail = (tail + d).slice(-4000);
      log?.write(d);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`astro build failed (${code}):\n${tail}`));
      let peak = peakPolled;
      if (timeBin) {
        const [kb] = readFileSync(statFile, 'utf8').trim().split(/\s+/).slice(-2);
        peak = Number(kb) * 1024;
        rmSync(statFile, { force: true });
      }
      resolve({ seconds, peakBytes: peak });
    });
    child.on('error', reject);
  });
}

/** Resident memory of a process and its descendants, from /proc (fallback when /usr/bin/time is missing). */
function treeRss(pid) {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    return rss + kids.reduce((s, k) => s + treeRss(k), 0);
  } catch {
    return 0;
  }
}

/** Least-squares line through (x, y) points. */
export function fitLine(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  const slope = sxx ? points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / sxx : 0;
  return (x) => my + slope * (x - mx);
}

export async function scaleBench({
  sizes = [500, 2000, 5000],
  events = 1000,
  maxMinutes = 20,
  work = path.join(tmpdir(), 'hc-bench-scale'),
} = {}) {
  mkdirSync(work, { recursive: true });
  const rows = [];
  const deadline = Date.now() + maxMinutes * 60_000;
  for (const articles of sizes) {
    const measured = rows.filter((r) => !r.estimate);
    // Skip a size whose predicted build would pass the deadline; extrapolate it instead.
    if (measured.length >= 2) {
      const predicted = fitLine(measured.map((r) => [r.articles, r.seconds]))(articles);
      if (Date.now() + predicted * 1000 > deadline) {
        rows.push(estimate(articles, measured));
        continue;
      }
    }
    const corpus = path.join(work, `corpus-${articles}`);
    const out = path.join(work, `dist-${articles}`);
    process.stderr.write(`scale: generating ${articles} articles, ${events} events…\n`);
    const gen = await generateCorpus({ outDir: corpus, articles, events });
    rmSync(out, { recursive: true, force: true });
    process.stderr.write(`scale: building ${articles} articles × 4 locales…\n`);
    const { seconds, peakBytes } = await timedBuild({ env: { CONTENT_DIR: corpus, OUT_DIR: out } });
    const { bytes, files } = dirSize(out);
    const pages = htmlFiles(out).length;
    rows.push({ articles, events: gen.events, pages, files, seconds, peakBytes, distBytes: bytes, estimate: false });
    process.stderr.write(`scale: ${articles} articles: ${seconds.toFixed(0)} s, ${pages} pages\n`);
    rmSync(corpus, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
  return rows;
}

function estimate(articles, measured) {
  const f = (key) => fitLine(measured.map((r) => [r.articles, r[key]]))(articles);
  return {
    articles,
    events: measured.at(-1).events,
    pages: Math.round(f('pages')),
    files: Math.round(f('files')),
    seconds: f('seconds'),
    peakBytes: f('peakBytes'),
    distBytes: f('distBytes'),
    estimate: true,
  };
}

export function scaleTable(rows) {
  const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
  const base = rows[0];
  return table(
    ['articles', 'events', 'pages', 'build', 'ms/page', 'peak memory', 'dist/', 'files', 'build vs first', 'measured?'],
    rows.map((r) => [
      r.articles,
      r.events,
      r.pages,
      `${r.seconds.toFixed(0)} s`,
      ((r.seconds * 1000) / r.pages).toFixed(1),
      mb(r.peakBytes),
      mb(r.distBytes),
      r.files,
      `×${(r.seconds / base.seconds).toFixed(2)}`,
      r.estimate ? 'ESTIMATE (linear fit, not built)' : 'measured',
    ]),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const rows = await scaleBench({
    sizes: opt('--sizes', '500,2000,5000').split(',').map(Number),
    events: Number(opt('--events', 1000)),
    maxMinutes: Number(opt('--max-minutes', 20)),
  });
  console.log(
    `\nBuild cost at scale (each article in 4 locales; ${new Date().toISOString().slice(0, 10)}, ${(await import('node:os')).cpus().length} cores)\n`,
  );
  console.log(scaleTable(rows));
  if (opt('--json')) (await import('node:fs')).writeFileSync(opt('--json'), JSON.stringify(rows, null, 2));
}
