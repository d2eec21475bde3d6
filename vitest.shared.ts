// Vitest settings shared by every project: workspace packages resolve to their sources,
// so tests always run the current code without a build.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const packages = ['resp', 'store', 'lua-vm', 'persistence', 'replication', 'server'];

export const alias = Object.fromEntries([
  ...packages.map((name) => [`@ferrous/${name}`, `${root}packages/${name}/src/index.ts`]),
  ['@ferrous/oracle', `${root}tools/oracle/src/index.ts`],
]);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
