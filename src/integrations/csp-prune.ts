/** After the build: each page's CSP meta keeps only the hashes of its own inline scripts and styles. */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { pruneCspHashes } from '../lib/security/csp-prune.ts';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? htmlFiles(p) : n.endsWith('.html') ? [p] : [];
  });
}

export default function cspPrune(): AstroIntegration {
  return {
    name: 'csp-prune',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const started = Date.now();
        let saved = 0;
        const files = htmlFiles(fileURLToPath(dir));
        for (const f of files) {
          const before = readFileSync(f, 'utf8');
          const after = pruneCspHashes(before);
          if (after !== before) {
            writeFileSync(f, after);
            saved += before.length - after.length;
          }
        }
        logger.info(
          `CSP: kept only each page's own hashes in ${files.length} pages (${(saved / 1024).toFixed(0)} KB less, ${Date.now() - started} ms)`,
        );
      },
    },
  };
}
