import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One embedded PGlite per worker is shared across that worker's files (it takes seconds to open).
    isolate: false,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['packages/*/src/**/*.unit.spec.ts', 'tests/**/*.unit.spec.ts'] } },
      { extends: true, test: { name: 'int', include: ['packages/*/src/**/*.int.spec.ts', 'tests/**/*.int.spec.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['packages/*/src/**/*.e2e.spec.ts', 'tests/**/*.e2e.spec.ts'] } },
    ],
  },
});
