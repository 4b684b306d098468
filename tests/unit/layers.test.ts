/**
 * The layout's two rules, checked over every source file of the three front doors and the domain core:
 * imports follow the layers (scripts/lint/layers.js, also an ESLint rule), and no module imports itself back
 * through a chain of imports (type-only imports count: a circle of types is still a circle of design).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importProblem, layerOf } from '../../scripts/lint/layers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|tsx|mts|js|mjs|astro)$/;

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (SOURCE.test(e.name)) out.push(p);
  }
  return out;
}

const SPEC =
  /(?:^|[\s;])(?:import|export)\b[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** The specifiers a file imports (in an .astro file, those of its frontmatter and scripts). */
function specifiers(text: string): string[] {
  return [...text.matchAll(SPEC)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function resolve(from: string, spec: string): string | undefined {
  let target: string;
  if (spec.startsWith('@hc/domain/')) target = path.join(ROOT, 'src/domain', spec.slice('@hc/domain/'.length));
  else if (spec.startsWith('.')) target = path.resolve(path.dirname(from), spec);
  else return undefined;
  for (const t of [target, `${target}.ts`, path.join(target, 'index.ts')])
    if (fs.existsSync(t) && fs.statSync(t).isFile()) return t;
  return undefined;
}

const files = ['src', 'cms', 'server'].flatMap((d) => walk(path.join(ROOT, d)));
const graph = new Map(
  files.map((f) => [f, specifiers(fs.readFileSync(f, 'utf8')).flatMap((s) => resolve(f, s) ?? [])] as const),
);

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
function circles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.map((f) => path.relative(ROOT, f)).sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('the layout', () => {
  it('reads the import graph (a sanity check on the reader itself)', () => {
    expect(files.length).toBeGreaterThan(100);
    const event = graph.get(path.join(ROOT, 'src/domain/model/event.ts'))!;
    expect(event.map((f) => path.relative(ROOT, f))).toContain('src/domain/calendar/series.ts');
  });

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    expect(
      circles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
  });

  it('imports follow the layers in every file', () => {
    const problems = [...graph.keys()].flatMap((f) =>
      specifiers(fs.readFileSync(f, 'utf8')).flatMap((s) => {
        const p = importProblem(f, s);
        return p ? [`${path.relative(ROOT, f)}: ${s}: ${p}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('the domain core imports nothing of a front door; front doors import it by name and not each other', () => {
    const at = (rel: string) => path.join(ROOT, rel);
    expect(layerOf('src/domain/time.ts')).toBe('domain');
    expect(importProblem(at('src/domain/model/event.ts'), '../../lib/icons.ts')).toMatch(/must not import the site/);
    expect(importProblem(at('src/domain/model/event.ts'), 'astro:content')).toMatch(/must not import Astro/);
    expect(importProblem(at('src/lib/x.ts'), '../domain/time.ts')).toBe(
      "import the domain core by name: '@hc/domain/time.ts'",
    );
    expect(importProblem(at('cms/schemaTypes/x.ts'), '../../src/lib/icons.ts')).toMatch(
      /Studio .* must not import the site/,
    );
    expect(importProblem(at('server/src/app.ts'), '../../cms/workflow/rules.ts')).toMatch(
      /service .* must not import the Studio/,
    );
    expect(importProblem(at('cms/schemaTypes/x.ts'), '@hc/domain/time.ts')).toBeUndefined();
    expect(importProblem(at('src/lib/x.ts'), './y.ts')).toBeUndefined();
  });
});
