// COMMAND DOCS of the list commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const listDocs: DocsTable = {
  blmove: { args: 'source:key destination:key wherefrom<LEFT | RIGHT> whereto<LEFT | RIGHT> timeout:double', complexity: 'O(1)' },
  blmpop: {
    args: 'timeout:double numkeys:integer key:key... where<LEFT | RIGHT> [COUNT count:integer]',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
  },
  blpop: {
    args: 'key:key... timeout:double',
    complexity: 'O(N) where N is the number of provided keys.',
    history: [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']],
  },
  brpop: {
    args: 'key:key... timeout:double',
    complexity: 'O(N) where N is the number of provided keys.',
    history: [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']],
  },
  brpoplpush: {
    args: 'source:key destination:key timeout:double',
    complexity: 'O(1)',
    history: [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']],
  },
  lindex: {
    args: 'key:key index:integer',
    complexity: 'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).',
  },
  linsert: {
    args: 'key:key where<BEFORE | AFTER> pivot element',
    complexity: 'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).',
  },
  llen: { args: 'key:key', complexity: 'O(1)' },
  lmove: { args: 'source:key destination:key wherefrom<LEFT | RIGHT> whereto<LEFT | RIGHT>', complexity: 'O(1)' },
  lmpop: {
    args: 'numkeys:integer key:key... where<LEFT | RIGHT> [COUNT count:integer]',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
  },
  lpop: {
    args: 'key:key [count:integer@6.2.0]',
    complexity: 'O(N) where N is the number of elements returned',
    history: [['6.2.0', 'Added the `count` argument.']],
  },
  lpos: {
    args: 'key:key element [RANK rank:integer] [COUNT num-matches:integer] [MAXLEN len:integer]',
    complexity: 'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.',
  },
  lpush: {
    args: 'key:key element...',
    complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    history: [['2.4.0', 'Accepts multiple `element` arguments.']],
  },
  lpushx: {
    args: 'key:key element...',
    complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    history: [['4.0.0', 'Accepts multiple `element` arguments.']],
  },
  lrange: {
    args: 'key:key start:integer stop:integer',
    complexity: 'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.',
  },
  lrem: {
    args: 'key:key count:integer element',
    complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.',
  },
  lset: {
    args: 'key:key index:integer element',
    complexity: 'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).',
  },
  ltrim: {
    args: 'key:key start:integer stop:integer',
    complexity: 'O(N) where N is the number of elements to be removed by the operation.',
  },
  rpop: {
    args: 'key:key [count:integer@6.2.0]',
    complexity: 'O(N) where N is the number of elements returned',
    history: [['6.2.0', 'Added the `count` argument.']],
  },
  rpoplpush: { args: 'source:key destination:key', complexity: 'O(1)' },
  rpush: {
    args: 'key:key element...',
    complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    history: [['2.4.0', 'Accepts multiple `element` arguments.']],
  },
  rpushx: {
    args: 'key:key element...',
    complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    history: [['4.0.0', 'Accepts multiple `element` arguments.']],
  },
};
