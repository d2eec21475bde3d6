// COMMAND DOCS of the scripting commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const scriptingDocs: DocsTable = {
  eval: { args: 'script numkeys:integer [key:key...] [arg...]' },
  eval_ro: { args: 'script numkeys:integer [key:key...] [arg...]' },
  evalsha: { args: 'sha1 numkeys:integer [key:key...] [arg...]' },
  evalsha_ro: { args: 'sha1 numkeys:integer [key:key...] [arg...]' },
  fcall: { args: 'function numkeys:integer [key:key...] [arg...]' },
  fcall_ro: { args: 'function numkeys:integer [key:key...] [arg...]' },
  function: { complexity: 'Depends on subcommand.' },
  'function|delete': { args: 'library-name', complexity: 'O(1)' },
  'function|dump': { complexity: 'O(N) where N is the number of functions' },
  'function|flush': { args: 'async[ASYNC | SYNC]', complexity: 'O(N) where N is the number of functions deleted' },
  'function|help': { complexity: 'O(1)' },
  'function|kill': { complexity: 'O(1)' },
  'function|list': {
    args: '[LIBRARYNAME library-name-pattern] [WITHCODE]',
    complexity: 'O(N) where N is the number of functions',
  },
  'function|load': { args: '[REPLACE] function-code', complexity: 'O(1) (considering compilation time is redundant)' },
  'function|restore': {
    args: 'serialized-value policy[FLUSH | APPEND | REPLACE]',
    complexity: 'O(N) where N is the number of functions on the payload',
  },
  'function|stats': { complexity: 'O(1)' },
  script: { complexity: 'Depends on subcommand.' },
  'script|debug': { args: 'mode<YES | SYNC | NO>', complexity: 'O(1)' },
  'script|exists': {
    args: 'sha1...',
    complexity: 'O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).',
  },
  'script|flush': {
    args: 'async[ASYNC | SYNC]@6.2.0',
    complexity: 'O(N) with N being the number of scripts in cache',
    history: [['6.2.0', 'Added the `ASYNC` and `SYNC` flushing mode modifiers.']],
  },
  'script|help': { complexity: 'O(1)' },
  'script|kill': { complexity: 'O(1)' },
  'script|load': { args: 'script', complexity: 'O(N) with N being the length in bytes of the script body.' },
};
