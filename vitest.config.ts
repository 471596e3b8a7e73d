import { defineConfig } from 'vitest/config';

// Projects: pure tests (no I/O beyond reading fixtures), the web app's component tests (happy-dom)
// and real-browser journeys (e2e), and database tests (*.db.test.ts), which scripts/test.mjs runs
// once per dialect (PISHKHAN_TEST_DIALECT=sqlite|postgres).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/server/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'bench/**/*.test.ts', 'apps/server/test/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        // Component tests of the web app (happy-dom).
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.{ts,tsx}', 'apps/web/test/*.test.{ts,tsx}', 'apps/web/test/e2e/budget.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['apps/web/test/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // Real-browser journeys: Debian's Chromium against the real server on SQLite.
        test: {
          name: 'e2e',
          include: ['apps/web/test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
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
