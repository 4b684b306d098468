import { defineConfig } from 'vitest/config';

/**
 * The ledger's tests (npm test runs them as one stage): every file runs on the embedded default and on a second
 * PostgreSQL server the run starts itself on a free port (tests/global-setup.ts).
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two database servers on a 2-core machine: files one after another keep the concurrency tests meaningful.
    fileParallelism: false,
  },
});
