// Lint for the whole monorepo. The dependency direction of docs/architecture.md is enforced
// here: each project may import only the @ferrous packages listed for it in `allowed`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const allowed = {
  'packages/resp': [],
  'packages/store': [],
  'packages/lua-vm': [],
  'packages/persistence': ['store', 'resp'],
  'packages/replication': ['resp', 'store', 'persistence'],
  'packages/server': ['resp', 'store', 'lua-vm', 'persistence', 'replication'],
  'apps/server': ['server'],
};

/** A library's own package name (its tests and benches may import its entry). */
function selfName(project) {
  return project.startsWith('packages/') ? [project.slice('packages/'.length)] : [];
}

/** `no-restricted-imports` options forbidding every @ferrous package but `deps`. */
function boundary(project, deps) {
  return {
    paths: [],
    patterns: [
      {
        group: ['@ferrous/*', ...deps.map((d) => `!@ferrous/${d}`)],
        message: `${project} may depend only on: ${deps.map((d) => '@ferrous/' + d).join(', ') || 'nothing of ours'} (see docs/architecture.md).`,
      },
      {
        regex: '^(\\.\\./)+(packages/|apps/)?[\\w-]+/src(/|$)',
        message: 'Import other projects by package name, never by path into their sources.',
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...Object.entries(allowed).flatMap(([project, deps]) => [
    {
      files: [`${project}/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', boundary(project, deps)] },
    },
    {
      // Tests and benchmarks may also use the oracle harness and their own package's entry.
      files: [`${project}/**/*.test.ts`, `${project}/bench/**/*.ts`, `${project}/test/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', boundary(project, [...new Set([...deps, 'oracle', ...selfName(project)])])] },
    },
  ]),
);
