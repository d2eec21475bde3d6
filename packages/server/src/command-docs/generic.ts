// COMMAND DOCS of the generic commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const genericDocs: DocsTable = {
  copy: {
    args: 'source:key destination:key [DB destination-db:integer] [REPLACE]',
    complexity: 'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.',
  },
  del: {
    args: 'key:key...',
    complexity: 'O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).',
  },
  dump: {
    args: 'key:key',
    complexity: 'O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).',
  },
  exists: {
    args: 'key:key...',
    complexity: 'O(N) where N is the number of keys to check.',
    history: [['3.0.3', 'Accepts multiple `key` arguments.']],
  },
  expire: {
    args: 'key:key seconds:integer condition[NX | XX | GT | LT]@7.0.0',
    complexity: 'O(1)',
    history: [['7.0.0', 'Added options: `NX`, `XX`, `GT` and `LT`.']],
  },
  expireat: {
    args: 'key:key unix-time-seconds:unix-time condition[NX | XX | GT | LT]@7.0.0',
    complexity: 'O(1)',
    history: [['7.0.0', 'Added options: `NX`, `XX`, `GT` and `LT`.']],
  },
  expiretime: { args: 'key:key', complexity: 'O(1)' },
  keys: {
    args: 'pattern:pattern',
    complexity: 'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.',
  },
  move: { args: 'key:key db:integer', complexity: 'O(1)' },
  object: { complexity: 'Depends on subcommand.' },
  'object|encoding': { args: 'key:key', complexity: 'O(1)' },
  'object|freq': { args: 'key:key', complexity: 'O(1)' },
  'object|help': { complexity: 'O(1)' },
  'object|idletime': { args: 'key:key', complexity: 'O(1)' },
  'object|refcount': { args: 'key:key', complexity: 'O(1)' },
  persist: { args: 'key:key', complexity: 'O(1)' },
  pexpire: {
    args: 'key:key milliseconds:integer condition[NX | XX | GT | LT]@7.0.0',
    complexity: 'O(1)',
    history: [['7.0.0', 'Added options: `NX`, `XX`, `GT` and `LT`.']],
  },
  pexpireat: {
    args: 'key:key unix-time-milliseconds:unix-time condition[NX | XX | GT | LT]@7.0.0',
    complexity: 'O(1)',
    history: [['7.0.0', 'Added options: `NX`, `XX`, `GT` and `LT`.']],
  },
  pexpiretime: { args: 'key:key', complexity: 'O(1)' },
  pttl: { args: 'key:key', complexity: 'O(1)', history: [['2.8.0', 'Added the -2 reply.']] },
  randomkey: { complexity: 'O(1)' },
  rename: { args: 'key:key newkey:key', complexity: 'O(1)' },
  renamenx: {
    args: 'key:key newkey:key',
    complexity: 'O(1)',
    history: [['3.2.0', 'The command no longer returns an error when source and destination names are the same.']],
  },
  restore: {
    args: 'key:key ttl:integer serialized-value [REPLACE@3.0.0] [ABSTTL@5.0.0] [IDLETIME seconds:integer@5.0.0] [FREQ frequency:integer@5.0.0]',
    complexity: 'O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).',
    history: [['3.0.0', 'Added the `REPLACE` modifier.'], ['5.0.0', 'Added the `ABSTTL` modifier.'], ['5.0.0', 'Added the `IDLETIME` and `FREQ` options.']],
  },
  scan: {
    args: 'cursor:integer [MATCH pattern:pattern] [COUNT count:integer] [TYPE type@6.0.0]',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
    history: [['6.0.0', 'Added the `TYPE` subcommand.']],
  },
  sort: {
    args: 'key:key [BY pattern:pattern#1] [LIMIT offset_count{offset:integer count:integer}] [GET pattern:pattern#1&...] order[ASC | DESC] [sorting=ALPHA] [STORE destination:key]',
    complexity: 'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).',
  },
  sort_ro: {
    args: 'key:key [BY pattern:pattern#1] [LIMIT offset_count{offset:integer count:integer}] [GET pattern:pattern#1&...] order[ASC | DESC] [sorting=ALPHA]',
    complexity: 'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).',
  },
  touch: { args: 'key:key...', complexity: 'O(N) where N is the number of keys that will be touched.' },
  ttl: { args: 'key:key', complexity: 'O(1)', history: [['2.8.0', 'Added the -2 reply.']] },
  type: { args: 'key:key', complexity: 'O(1)' },
  unlink: {
    args: 'key:key...',
    complexity: 'O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.',
  },
};
