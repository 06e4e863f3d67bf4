import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Third-party real files are used in place, never copied: tests read this variable.
const fixtures = resolve(process.env.NYT2539_FIXTURES ?? resolve(import.meta.dirname, '../shared/fixtures/real'));

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // every temp file of the run goes into one folder that is checked empty and removed at the end
    globalSetup: ['test/support/temp-guard.ts'],
    // property tests draw from a fixed seed (NYT2539_PROPERTY_SEED to explore others)
    setupFiles: ['test/support/property-seed.ts'],
    env: { NYT2539_FIXTURES: fixtures },
  },
});
