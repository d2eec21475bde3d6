// COMMAND DOCS of the transactions commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const transactionsDocs: DocsTable = {
  watch: { args: 'key:key...' },
};
