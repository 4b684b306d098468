/**
 * The relevance set over the real content with our engine, in Node (seconds; no browser, no build):
 * prints hit@1 and hit@3, per kind, and every query whose first result is not a judged good answer.
 *
 *   node scripts/bench/search-relevance.mjs [--content DIR] [--set FILE] [--verbose]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { parseRelevance, scoreRelevance } from '../../src/lib/search/relevance.ts';
import { idOfUrl, localIndex, memorySearcher } from './search-local.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const content = path.resolve(arg('content', path.join(ROOT, 'content')));
const setFile = path.resolve(arg('set', path.join(ROOT, 'tests/fixtures/search-relevance.yaml')));

export async function runRelevance(contentDir, cases) {
  const set = await loadLocalContent(contentDir);
  const searchers = new Map();
  const results = [];
  for (const c of cases) {
    let s = searchers.get(c.locale);
    if (!s) searchers.set(c.locale, (s = memorySearcher((await localIndex(set, c.locale)).built)));
    const r = await s.rank(c.q);
    const hits = await s.hits(r, 0, 3);
    results.push(hits.map((h) => idOfUrl(h.url)));
  }
  return scoreRelevance(cases, results);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cases = parseRelevance(yaml.load(readFileSync(setFile, 'utf8')));
  const s = await runRelevance(content, cases);
  const pc = (n, d) => `${((100 * n) / d).toFixed(1)} %`;
  console.log(`relevance: ${s.cases} queries  hit@1 ${pc(s.hitAt1, s.cases)}  hit@3 ${pc(s.hitAt3, s.cases)}`);
  for (const [k, v] of Object.entries(s.byKind))
    console.log(
      `  ${k.padEnd(12)} ${String(v.cases).padStart(3)}  hit@1 ${pc(v.hitAt1, v.cases).padStart(7)}  hit@3 ${pc(v.hitAt3, v.cases).padStart(7)}`,
    );
  if (s.misses.length) console.log('\nfirst result not a good answer:');
  for (const m of s.misses)
    console.log(`  [${m.locale} ${m.kind}] ${m.q} → ${m.got.join(', ') || '(nothing)'}   want ${m.good.join(' | ')}`);
}
