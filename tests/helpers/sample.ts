/**
 * Whether content/ is the sample (its site.yaml carries a sampleNotice). Tests that check the sample's own
 * facts, or use its articles, events and quizzes by name, run only then (describe.runIf(SAMPLE)), so a centre
 * that replaces content/ with its own keeps a passing npm test; the rules every content set must pass are in
 * tests/unit/content-rules.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const SAMPLE = /^sampleNotice:/m.test(
  readFileSync(path.join(process.env.CONTENT_DIR ?? 'content', 'site.yaml'), 'utf8'),
);
