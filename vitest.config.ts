import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // Both cores: Vitest's default leaves one idle on a two-core machine (CI's), and the suite is
    // mostly PGlite's CPU work, so a second worker takes a third off the wall time.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own database (a PGlite copy or a PostgreSQL database from a template).
    isolate: true,
  },
})
