/**
 * The stylesheets are edited by several people and merged often; a block left open by a merge silently
 * moves every later rule into an @media block. Every block must close where it opened.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const sheets = readdirSync('src/styles').filter((f) => f.endsWith('.css'));

describe.each(sheets)('src/styles/%s', (sheet) => {
  it('closes every block, and section comments sit at the top level', () => {
    const css = readFileSync(`src/styles/${sheet}`, 'utf8').replace(/"(?:[^"\\]|\\.)*"/g, '""');
    let depth = 0;
    const problems: string[] = [];
    css.split('\n').forEach((line, i) => {
      const code = line.replace(/\/\*.*?\*\//g, '');
      if (/^\/\* *(=====|———)/.test(line) && depth !== 0) problems.push(`line ${i + 1}: section "${line.slice(0, 40)}…" opens inside a block`);
      for (const ch of code) {
        if (ch === '{') depth += 1;
        if (ch === '}') depth -= 1;
        if (depth < 0) problems.push(`line ${i + 1}: "}" closes nothing`);
      }
    });
    if (depth !== 0) problems.push(`${depth} block(s) never closed`);
    expect(problems).toEqual([]);
  });
});
