// COMMAND DOCS of the bitmap commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const bitmapDocs: DocsTable = {
  bitcount: {
    args: 'key:key index[start:integer end:integer index_unit[BYTE | BIT]@7.0.0]',
    complexity: 'O(N)',
    history: [['7.0.0', 'Added the `BYTE|BIT` option.']],
  },
  bitfield: {
    args: 'key:key operation[GET encoding_offset{encoding offset:integer} | write{[OVERFLOW wrap_sat_fail<WRAP | SAT | FAIL>] write_operation<SET encoding_offset_value{encoding offset:integer value:integer} | INCRBY encoding_offset_increment{encoding offset:integer increment:integer}>}]...',
    complexity: 'O(1) for each subcommand specified',
  },
  bitfield_ro: {
    args: 'key:key [GET encoding_offset{encoding offset:integer}&...]',
    complexity: 'O(1) for each subcommand specified',
  },
  bitop: { args: 'operation destkey:key key:key...', complexity: 'O(N)' },
  bitpos: {
    args: 'key:key bit:integer index[start:integer end_index[end:integer index_unit[BYTE | BIT]@7.0.0]]',
    complexity: 'O(N)',
    history: [['7.0.0', 'Added the `BYTE|BIT` option.']],
  },
  getbit: { args: 'key:key offset:integer', complexity: 'O(1)' },
  setbit: { args: 'key:key offset:integer value:integer', complexity: 'O(1)' },
};
