/** After the build: each page's CSP meta keeps only the hashes of its own inline scripts and styles. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { helpWithQueuedWork, offload } from '../lib/offload/index.ts';
import { pruneCspFiles } from '../lib/security/csp-prune.ts';
import { startCspPages, takeCspEdits } from '../build/csp-pages.ts';

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
      // Pages are handed over as they render, so most are worked out before the build is done (src/build/csp-pages.ts).
      'astro:build:start': () => startCspPages(),
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const made = await takeCspEdits();
        const files = htmlFiles(fileURLToPath(dir));
        // In batches on the build's worker threads and on this one (every page is independent, and nothing else
        // is left for this thread to do): the workers take batches from the front, this thread from the back.
        const batches = [];
        for (let i = 0; i < files.length; i += 100) batches.push(files.slice(i, i + 100));
        const jobs = Promise.all(
          batches.map((b) => offload('security/csp-prune.ts', 'pruneCspFiles', [b, made], pruneCspFiles)),
        );
        await helpWithQueuedWork();
        const saved = (await jobs).reduce((a, b) => a + b, 0);
        logger.info(
          `CSP: kept only each page's own hashes in ${files.length} pages (${(saved / 1024).toFixed(0)} KB less, ${made.size} worked out while rendering, ${Date.now() - started} ms)`,
        );
      },
    },
  };
}
