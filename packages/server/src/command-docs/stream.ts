// COMMAND DOCS of the stream commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const streamDocs: DocsTable = {
  xack: { args: 'key:key group id...', complexity: 'O(1) for each message ID processed.' },
  xadd: {
    args: 'key:key [NOMKSTREAM@6.2.0] trim[strategy<MAXLEN | MINID@6.2.0> operator[equal="=" | approximately="~"] threshold [LIMIT count:integer@6.2.0]] id_or_auto<auto_id="*" | id> field_value{field value}...',
    complexity: 'O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.',
    history: [['6.2.0', 'Added the `NOMKSTREAM` option, `MINID` trimming strategy and the `LIMIT` option.'], ['7.0.0', 'Added support for the `<ms>-*` explicit ID form.']],
  },
  xautoclaim: {
    args: 'key:key group consumer min-idle-time start [COUNT count:integer] [JUSTID]',
    complexity: 'O(1) if COUNT is small.',
    history: [['7.0.0', 'Added an element to the reply array, containing deleted entries the command cleared from the PEL']],
  },
  xclaim: {
    args: 'key:key group consumer min-idle-time id... [IDLE ms:integer] [TIME unix-time-milliseconds:unix-time] [RETRYCOUNT count:integer] [FORCE] [JUSTID] [LASTID id]',
    complexity: 'O(log N) with N being the number of messages in the PEL of the consumer group.',
  },
  xdel: {
    args: 'key:key id...',
    complexity: 'O(1) for each single item to delete in the stream, regardless of the stream size.',
  },
  xgroup: { complexity: 'Depends on subcommand.' },
  'xgroup|create': {
    args: 'key:key groupname id<id | new_id="$"> [MKSTREAM] [ENTRIESREAD entries_read:integer]',
    complexity: 'O(1)',
    history: [['7.0.0', 'Added the `entries_read` named argument.']],
  },
  'xgroup|createconsumer': { args: 'key:key groupname consumername', complexity: 'O(1)' },
  'xgroup|delconsumer': { args: 'key:key groupname consumername', complexity: 'O(1)' },
  'xgroup|destroy': {
    args: 'key:key groupname',
    complexity: 'O(N) where N is the number of entries in the group\'s pending entries list (PEL).',
  },
  'xgroup|help': { complexity: 'O(1)' },
  'xgroup|setid': {
    args: 'key:key groupname id<id | new_id="$"> [ENTRIESREAD entries_read:integer]',
    complexity: 'O(1)',
    history: [['7.0.0', 'Added the optional `entries_read` argument.']],
  },
  xinfo: { complexity: 'Depends on subcommand.' },
  'xinfo|consumers': { args: 'key:key groupname', complexity: 'O(1)' },
  'xinfo|groups': { args: 'key:key', complexity: 'O(1)', history: [['7.0.0', 'Added the `entries-read` and `lag` fields']] },
  'xinfo|help': { complexity: 'O(1)' },
  'xinfo|stream': {
    args: 'key:key [FULL full{[COUNT count:integer]}]',
    complexity: 'O(1)',
    history: [['6.0.0', 'Added the `FULL` modifier.'], ['7.0.0', 'Added the `max-deleted-entry-id`, `entries-added`, `recorded-first-entry-id`, `entries-read` and `lag` fields']],
  },
  xlen: { args: 'key:key', complexity: 'O(1)' },
  xpending: {
    args: 'key:key group filters[[IDLE min-idle-time:integer@6.2.0] start end count:integer [consumer]]',
    complexity: 'O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.',
    history: [['6.2.0', 'Added the `IDLE` option and exclusive range intervals.']],
  },
  xrange: {
    args: 'key:key start end [COUNT count:integer]',
    complexity: 'O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).',
    history: [['6.2.0', 'Added exclusive ranges.']],
  },
  xread: {
    args: '[COUNT count:integer] [BLOCK milliseconds:integer] STREAMS streams{key:key... id...}',
    complexity: 'For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.',
  },
  xreadgroup: {
    args: 'GROUP group_consumer{group consumer} [COUNT count:integer] [BLOCK milliseconds:integer] [NOACK] STREAMS streams{key:key... id...}',
    complexity: 'For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.',
  },
  xrevrange: {
    args: 'key:key end start [COUNT count:integer]',
    complexity: 'O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).',
    history: [['6.2.0', 'Added exclusive ranges.']],
  },
  xsetid: {
    args: 'key:key last-id [ENTRIESADDED entries_added:integer@7.0.0] [MAXDELETEDID max_deleted_entry_id@7.0.0]',
    complexity: 'O(1)',
    history: [['7.0.0', 'Added the `entries_added` and `max_deleted_entry_id` arguments.']],
  },
  xtrim: {
    args: 'key:key trim{strategy<MAXLEN | MINID@6.2.0> operator[equal="=" | approximately="~"] threshold [LIMIT count:integer@6.2.0]}',
    complexity: 'O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.',
    history: [['6.2.0', 'Added the `MINID` trimming strategy and the `LIMIT` option.']],
  },
};
