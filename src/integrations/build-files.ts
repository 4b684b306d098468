/** After the build: writes the files routes queued instead of rendering one by one (src/content/build-files.ts). */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writeBuildFiles } from '../content/build-files.ts';

export default function buildFiles(): AstroIntegration {
  return {
    name: 'build-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const n = await writeBuildFiles(fileURLToPath(dir));
        logger.info(`wrote ${n} search index, pinyin and image files (${Date.now() - started} ms)`);
      },
    },
  };
}
