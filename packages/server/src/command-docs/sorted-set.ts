// COMMAND DOCS of the sorted-set commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const sortedSetDocs: DocsTable = {
  bzmpop: {
    args: 'timeout:double numkeys:integer key:key... where<MIN | MAX> [COUNT count:integer]',
    complexity: 'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
  },
  bzpopmax: {
    args: 'key:key... timeout:double',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    history: [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']],
  },
  bzpopmin: {
    args: 'key:key... timeout:double',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    history: [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']],
  },
  zadd: {
    args: 'key:key condition[NX | XX]@3.0.2 comparison[GT | LT]@6.2.0 [change=CH@3.0.2] [increment=INCR@3.0.2] score_member{score:double member}...',
    complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
    history: [['2.4.0', 'Accepts multiple elements.'], ['3.0.2', 'Added the `XX`, `NX`, `CH` and `INCR` options.'], ['6.2.0', 'Added the `GT` and `LT` options.']],
  },
  zcard: { args: 'key:key', complexity: 'O(1)' },
  zcount: {
    args: 'key:key min:double max:double',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
  },
  zdiff: {
    args: 'numkeys:integer key:key... [WITHSCORES]',
    complexity: 'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
  },
  zdiffstore: {
    args: 'destination:key numkeys:integer key:key...',
    complexity: 'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
  },
  zincrby: {
    args: 'key:key increment:integer member',
    complexity: 'O(log(N)) where N is the number of elements in the sorted set.',
  },
  zinter: {
    args: 'numkeys:integer key:key... [WEIGHTS weight:integer...] [AGGREGATE aggregate<SUM | MIN | MAX>] [WITHSCORES]',
    complexity: 'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.',
  },
  zintercard: {
    args: 'numkeys:integer key:key... [LIMIT limit:integer]',
    complexity: 'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.',
  },
  zinterstore: {
    args: 'destination:key numkeys:integer key:key... [WEIGHTS weight:integer...] [AGGREGATE aggregate<SUM | MIN | MAX>]',
    complexity: 'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.',
  },
  zlexcount: { args: 'key:key min max', complexity: 'O(log(N)) with N being the number of elements in the sorted set.' },
  zmpop: {
    args: 'numkeys:integer key:key... where<MIN | MAX> [COUNT count:integer]',
    complexity: 'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
  },
  zmscore: { args: 'key:key member...', complexity: 'O(N) where N is the number of members being requested.' },
  zpopmax: {
    args: 'key:key [count:integer]',
    complexity: 'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
  },
  zpopmin: {
    args: 'key:key [count:integer]',
    complexity: 'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
  },
  zrandmember: {
    args: 'key:key options[count:integer [WITHSCORES]]',
    complexity: 'O(N) where N is the number of elements returned',
  },
  zrange: {
    args: 'key:key start stop sortby[BYSCORE | BYLEX]@6.2.0 [REV@6.2.0] [LIMIT offset_count{offset:integer count:integer}@6.2.0] [WITHSCORES]',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.',
    history: [['6.2.0', 'Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options.']],
  },
  zrangebylex: {
    args: 'key:key min max [LIMIT offset_count{offset:integer count:integer}]',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).',
  },
  zrangebyscore: {
    args: 'key:key min:double max:double [WITHSCORES@2.0.0] [LIMIT offset_count{offset:integer count:integer}]',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).',
    history: [['2.0.0', 'Added the `WITHSCORES` modifier.']],
  },
  zrangestore: {
    args: 'dst:key src:key min max sortby[BYSCORE | BYLEX] [REV] [LIMIT offset_count{offset:integer count:integer}]',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.',
  },
  zrank: { args: 'key:key member', complexity: 'O(log(N))' },
  zrem: {
    args: 'key:key member...',
    complexity: 'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.',
    history: [['2.4.0', 'Accepts multiple elements.']],
  },
  zremrangebylex: {
    args: 'key:key min max',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
  },
  zremrangebyrank: {
    args: 'key:key start:integer stop:integer',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
  },
  zremrangebyscore: {
    args: 'key:key min:double max:double',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
  },
  zrevrange: {
    args: 'key:key start:integer stop:integer [WITHSCORES]',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.',
  },
  zrevrangebylex: {
    args: 'key:key max min [LIMIT offset_count{offset:integer count:integer}]',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).',
  },
  zrevrangebyscore: {
    args: 'key:key max:double min:double [WITHSCORES] [LIMIT offset_count{offset:integer count:integer}]',
    complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).',
    history: [['2.1.6', '`min` and `max` can be exclusive.']],
  },
  zrevrank: { args: 'key:key member', complexity: 'O(log(N))' },
  zscan: {
    args: 'key:key cursor:integer [MATCH pattern:pattern] [COUNT count:integer]',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
  },
  zscore: { args: 'key:key member', complexity: 'O(1)' },
  zunion: {
    args: 'numkeys:integer key:key... [WEIGHTS weight:integer...] [AGGREGATE aggregate<SUM | MIN | MAX>] [WITHSCORES]',
    complexity: 'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
  },
  zunionstore: {
    args: 'destination:key numkeys:integer key:key... [WEIGHTS weight:integer...] [AGGREGATE aggregate<SUM | MIN | MAX>]',
    complexity: 'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
  },
};
