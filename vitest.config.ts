import { defineConfig } from 'vitest/config';

// Engine tests run in Node; view tests opt into jsdom with a `@vitest-environment jsdom` docblock.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
