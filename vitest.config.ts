import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/site/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Hooks that run a script or start a server (cms-export, the Sanity loopback) take seconds on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});
