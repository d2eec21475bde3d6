import { defineConfig } from 'vitest/config';

// Under CI a JSON report is written too: .ci/run reads it for its "N passed, M failed" line.
const ci = process.env.CI === 'true';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tools/*'],
    reporters: ci ? ['default', 'json'] : ['default'],
    outputFile: ci ? { json: '.vitest-report.json' } : undefined,
  },
});
