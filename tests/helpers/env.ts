/**
 * What the tests run against: the content folder (CONTENT_DIR, as for the build; content/ by default) and the
 * built site (DIST; dist/ by default). npm test runs the unit and dist tests twice: on the sample content in
 * content/ and dist/, and on the real-looking fixture tests/fixtures/centre-real built into dist-fixture/.
 */
import path from 'node:path';
import { loadLocalContent } from '../../src/content/loaders/local.ts';

export const CONTENT_DIR = process.env.CONTENT_DIR ?? 'content';
export const DIST = path.resolve(process.env.DIST ?? 'dist');

/** The content set under test, loaded once per test file. */
export const loadContent = () => loadLocalContent(CONTENT_DIR);
