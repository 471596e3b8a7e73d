import { defineConfig } from 'vitest/config';

// Two projects: pure tests (no I/O beyond reading fixtures) and database tests (*.db.test.ts),
// which scripts/test.mjs runs once per dialect (PISHKHAN_TEST_DIALECT=sqlite|postgres).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'bench/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'db',
          include: ['apps/*/src/**/*.db.test.ts', 'apps/*/test/**/*.db.test.ts', 'apps/*/migrations/**/*.db.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
