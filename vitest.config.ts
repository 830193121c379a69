import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine. Most test
    // files spend their time waiting on a database or a browser, so three at once finish in about
    // half the time without starving each other.
    maxWorkers: 3,
  },
});
