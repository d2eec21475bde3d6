// COMMAND DOCS of the string commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const stringDocs: DocsTable = {
  append: {
    args: 'key:key value',
    complexity: 'O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.',
  },
  decr: { args: 'key:key', complexity: 'O(1)' },
  decrby: { args: 'key:key decrement:integer', complexity: 'O(1)' },
  get: { args: 'key:key', complexity: 'O(1)' },
  getdel: { args: 'key:key', complexity: 'O(1)' },
  getex: {
    args: 'key:key expiration[EX seconds:integer | PX milliseconds:integer | EXAT unix-time-seconds:unix-time | PXAT unix-time-milliseconds:unix-time | PERSIST]',
    complexity: 'O(1)',
  },
  getrange: {
    args: 'key:key start:integer end:integer',
    complexity: 'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.',
  },
  getset: { args: 'key:key value', complexity: 'O(1)' },
  incr: { args: 'key:key', complexity: 'O(1)' },
  incrby: { args: 'key:key increment:integer', complexity: 'O(1)' },
  incrbyfloat: { args: 'key:key increment:double', complexity: 'O(1)' },
  lcs: {
    args: 'key1:key key2:key#0 [LEN] [IDX] [MINMATCHLEN len:integer] [WITHMATCHLEN]',
    complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively',
  },
  mget: { args: 'key:key...', complexity: 'O(N) where N is the number of keys to retrieve.' },
  mset: { args: 'key_value{key:key value}...', complexity: 'O(N) where N is the number of keys to set.' },
  msetnx: { args: 'key_value{key:key value}...', complexity: 'O(N) where N is the number of keys to set.' },
  psetex: { args: 'key:key milliseconds:integer value', complexity: 'O(1)' },
  set: {
    args: 'key:key value condition[NX | XX]@2.6.12 [GET@6.2.0] expiration[EX seconds:integer@2.6.12 | PX milliseconds:integer@2.6.12 | EXAT unix-time-seconds:unix-time@6.2.0 | PXAT unix-time-milliseconds:unix-time@6.2.0 | KEEPTTL@6.0.0]',
    complexity: 'O(1)',
    history: [['2.6.12', 'Added the `EX`, `PX`, `NX` and `XX` options.'], ['6.0.0', 'Added the `KEEPTTL` option.'], ['6.2.0', 'Added the `GET`, `EXAT` and `PXAT` option.'], ['7.0.0', 'Allowed the `NX` and `GET` options to be used together.']],
  },
  setex: { args: 'key:key seconds:integer value', complexity: 'O(1)' },
  setnx: { args: 'key:key value', complexity: 'O(1)' },
  setrange: {
    args: 'key:key offset:integer value',
    complexity: 'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.',
  },
  strlen: { args: 'key:key', complexity: 'O(1)' },
  substr: {
    args: 'key:key start:integer end:integer',
    complexity: 'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.',
  },
};
