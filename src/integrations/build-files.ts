/** The files routes queue instead of rendering one by one (src/build/files.ts): written as they are made. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { setBuildFilesDir, writeBuildFiles } from '../build/files.ts';
import { setBuildCacheDir } from '../build/cache.ts';

export default function buildFiles(): AstroIntegration {
  let outDir: string | undefined;
  let cacheDir: string | undefined;
  return {
    name: 'build-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        cacheDir = path.join(fileURLToPath(config.cacheDir), 'hc-build-cache');
      },
      // From here on each file is written as soon as it is made, so the build does not hold them all in memory.
      'astro:build:start': () => {
        if (outDir) setBuildFilesDir(outDir);
        // Images made by earlier builds from the same input are taken from here (src/build/cache.ts).
        setBuildCacheDir(cacheDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const n = await writeBuildFiles(fileURLToPath(dir));
        logger.info(`wrote ${n} search index, pinyin and image files (${Date.now() - started} ms)`);
      },
    },
  };
}
