// COMMAND DOCS of the hyperloglog commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const hyperloglogDocs: DocsTable = {
  pfadd: { args: 'key:key [element...]', complexity: 'O(1) to add every element.' },
  pfcount: {
    args: 'key:key...',
    complexity: 'O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.',
  },
  pfdebug: { args: 'subcommand key:key', complexity: 'N/A' },
  pfmerge: { args: 'destkey:key sourcekey:key...', complexity: 'O(N) to merge N HyperLogLogs, but with high constant times.' },
  pfselftest: { complexity: 'N/A' },
};
