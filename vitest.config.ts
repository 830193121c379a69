import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Generous limits: tests that start real processes (the CLI, a crashing sweeper, npm start)
    // run many times slower on a loaded 2-core machine, and a limit is a guard against a hang,
    // never a timing assertion.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine. Most test
    // files spend their time waiting on a database or a browser, so three at once finish in about
    // half the time without starving each other.
    maxWorkers: 3,
  },
});
