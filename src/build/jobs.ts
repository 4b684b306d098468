/**
 * Build work that no page waits for in order: every locale's search index and every pinyin file. Whichever
 * of their routes Astro asks first for its paths starts all of it, so the worker threads (src/lib/offload)
 * and the main thread work side by side instead of one job after another. Only in a build: the dev server
 * makes each file when it is asked for.
 */
import { startPinyinFiles } from './pinyin-files.ts';
import { startSearchIndexes } from './search-index.ts';

export function startBuildJobs(): void {
  if (!import.meta.env.PROD) return;
  startSearchIndexes();
  void startPinyinFiles();
}
