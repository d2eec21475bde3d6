// COMMAND DOCS of the set commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const setDocs: DocsTable = {
  sadd: {
    args: 'key:key member...',
    complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    history: [['2.4.0', 'Accepts multiple `member` arguments.']],
  },
  scard: { args: 'key:key', complexity: 'O(1)' },
  sdiff: { args: 'key:key...', complexity: 'O(N) where N is the total number of elements in all given sets.' },
  sdiffstore: {
    args: 'destination:key key:key...',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
  },
  sinter: {
    args: 'key:key...',
    complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
  },
  sintercard: {
    args: 'numkeys:integer key:key... [LIMIT limit:integer]',
    complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
  },
  sinterstore: {
    args: 'destination:key key:key...',
    complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
  },
  sismember: { args: 'key:key member', complexity: 'O(1)' },
  smembers: { args: 'key:key', complexity: 'O(N) where N is the set cardinality.' },
  smismember: { args: 'key:key member...', complexity: 'O(N) where N is the number of elements being checked for membership' },
  smove: { args: 'source:key destination:key member', complexity: 'O(1)' },
  spop: {
    args: 'key:key [count:integer@3.2.0]',
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.',
    history: [['3.2.0', 'Added the `count` argument.']],
  },
  srandmember: {
    args: 'key:key [count:integer@2.6.0]',
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.',
    history: [['2.6.0', 'Added the optional `count` argument.']],
  },
  srem: {
    args: 'key:key member...',
    complexity: 'O(N) where N is the number of members to be removed.',
    history: [['2.4.0', 'Accepts multiple `member` arguments.']],
  },
  sscan: {
    args: 'key:key cursor:integer [MATCH pattern:pattern] [COUNT count:integer]',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
  },
  sunion: { args: 'key:key...', complexity: 'O(N) where N is the total number of elements in all given sets.' },
  sunionstore: {
    args: 'destination:key key:key...',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
  },
};
