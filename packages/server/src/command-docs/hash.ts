// COMMAND DOCS of the hash commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const hashDocs: DocsTable = {
  hdel: {
    args: 'key:key field...',
    complexity: 'O(N) where N is the number of fields to be removed.',
    history: [['2.4.0', 'Accepts multiple `field` arguments.']],
  },
  hexists: { args: 'key:key field', complexity: 'O(1)' },
  hget: { args: 'key:key field', complexity: 'O(1)' },
  hgetall: { args: 'key:key', complexity: 'O(N) where N is the size of the hash.' },
  hincrby: { args: 'key:key field increment:integer', complexity: 'O(1)' },
  hincrbyfloat: { args: 'key:key field increment:double', complexity: 'O(1)' },
  hkeys: { args: 'key:key', complexity: 'O(N) where N is the size of the hash.' },
  hlen: { args: 'key:key', complexity: 'O(1)' },
  hmget: { args: 'key:key field...', complexity: 'O(N) where N is the number of fields being requested.' },
  hmset: { args: 'key:key field_value{field value}...', complexity: 'O(N) where N is the number of fields being set.' },
  hrandfield: {
    args: 'key:key options[count:integer [WITHVALUES]]',
    complexity: 'O(N) where N is the number of fields returned',
  },
  hscan: {
    args: 'key:key cursor:integer [MATCH pattern:pattern] [COUNT count:integer]',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
  },
  hset: {
    args: 'key:key field_value{field value}...',
    complexity: 'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.',
    history: [['4.0.0', 'Accepts multiple `field` and `value` arguments.']],
  },
  hsetnx: { args: 'key:key field value', complexity: 'O(1)' },
  hstrlen: { args: 'key:key field', complexity: 'O(1)' },
  hvals: { args: 'key:key', complexity: 'O(N) where N is the size of the hash.' },
};
