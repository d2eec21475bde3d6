// COMMAND DOCS of the pubsub commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const pubsubDocs: DocsTable = {
  psubscribe: { args: 'pattern{pattern:pattern}...' },
  publish: { args: 'channel message' },
  'pubsub|channels': {
    args: '[pattern:pattern]',
    complexity: 'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)',
  },
  'pubsub|help': { complexity: 'O(1)' },
  'pubsub|numpat': { complexity: 'O(1)' },
  'pubsub|numsub': {
    args: '[channel...]',
    complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels',
  },
  'pubsub|shardchannels': {
    args: '[pattern:pattern]',
    complexity: 'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).',
  },
  'pubsub|shardnumsub': {
    args: '[shardchannel...]',
    complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels',
  },
  punsubscribe: { args: '[pattern:pattern...]' },
  spublish: { args: 'shardchannel message' },
  ssubscribe: { args: 'shardchannel...' },
  subscribe: { args: 'channel...' },
  sunsubscribe: { args: '[shardchannel...]' },
  unsubscribe: { args: '[channel...]' },
};
