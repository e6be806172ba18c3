import { defineConfig } from 'vitest/config'

// Two projects: `unit` (next to the code, no I/O beyond the test) and `integration` (test/: the built CLI,
// the API on SQLite/PostgreSQL, the browser). `pnpm test:unit` runs the first only.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['packages/*/src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          // the CLI tests run the installed CLI: built once per run from the current sources
          globalSetup: ['test/helpers/build-cli.ts'],
        },
      },
    ],
  },
})
