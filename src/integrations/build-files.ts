/** The files routes queue instead of rendering one by one (src/build/files.ts): written as they are made. */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { setBuildFilesDir, writeBuildFiles } from '../build/files.ts';

export default function buildFiles(): AstroIntegration {
  let outDir: string | undefined;
  return {
    name: 'build-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      // From here on each file is written as soon as it is made, so the build does not hold them all in memory.
      'astro:build:start': () => {
        if (outDir) setBuildFilesDir(outDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const n = await writeBuildFiles(fileURLToPath(dir));
        logger.info(`wrote ${n} search index, pinyin and image files (${Date.now() - started} ms)`);
      },
    },
  };
}
