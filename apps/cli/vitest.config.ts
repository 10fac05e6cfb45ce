import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 20_000,
    // A missing or different screen snapshot fails everywhere, CI or not, instead of being written
    // silently: new screens are written only on purpose, with `vitest run -u`, and reviewed before commit.
    update: 'none',
  },
});
