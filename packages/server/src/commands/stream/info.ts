// XINFO STREAM [FULL [COUNT n]], XINFO GROUPS, XINFO CONSUMERS, XINFO HELP (7.0's fields).
import { MapReply, type Reply } from '@ferrous/resp';
import { ENTRIES_READ_UNKNOWN, formatId, MAX_ID, sortedIds, type ConsumerGroup, type StreamValue } from '@ferrous/store';
import type { Client } from '../../client';
import { ErrorText, RedisError } from '../../errors';
import { helpReply } from '../../reply';
import { entriesReply, entryReply, longLongArg } from './stream-args';

function subcommandSyntax(argv: string[]): RedisError {
  return new RedisError(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try ${argv[0].toUpperCase()} HELP.`);
}

/** The stream for XINFO: `ERR no such key` when missing. */
function streamOf(c: Client, key: string): StreamValue {
  const s = c.db.readTyped(key, 'stream');
  if (s === undefined) throw new RedisError(ErrorText.noSuchKey);
  return s;
}

function sortedGroups(s: StreamValue): ConsumerGroup[] {
  return [...s.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function entriesRead(g: ConsumerGroup): Reply {
  return g.entriesRead === ENTRIES_READ_UNKNOWN ? null : g.entriesRead;
}

function xinfoStreamCommand(c: Client, argv: string[]): Reply {
  // The key first, options after, like Redis.
  const s = streamOf(c, argv[2]);
  const opts = argv.length - 3;
  let full = false;
  let count = 10;
  if (opts > 0) {
    if ((opts !== 1 && opts !== 3) || argv[3].toUpperCase() !== 'FULL') throw subcommandSyntax(argv);
    if (opts === 3) {
      if (argv[4].toUpperCase() !== 'COUNT') throw subcommandSyntax(argv);
      count = Math.max(0, longLongArg(argv[5]));
    }
    full = true;
  }
  const head: Reply[] = [
    'length', s.size,
    'radix-tree-keys', s.nodeCount,
    'radix-tree-nodes', s.radixTreeNodes,
    'last-generated-id', formatId(s.lastId),
    'max-deleted-entry-id', formatId(s.maxDeletedId),
    'entries-added', s.entriesAdded,
    'recorded-first-entry-id', formatId(s.firstId),
  ];
  if (!full) {
    const first = s.range(0n, MAX_ID, 1);
    const last = s.range(0n, MAX_ID, 1, true);
    return new MapReply([
      ...head,
      'groups', s.groups.size,
      'first-entry', first.length === 0 ? null : entryReply(first[0]),
      'last-entry', last.length === 0 ? null : entryReply(last[0]),
    ]);
  }
  const limit = <T>(items: T[]): T[] => (count === 0 ? items : items.slice(0, count));
  const groups = sortedGroups(s).map((g) => {
    const pending = limit(sortedIds(g.pel)).map((id) => {
      const n = g.pel.get(id)!;
      return [formatId(id), n.consumer.name, n.deliveryTime, n.deliveryCount] as Reply;
    });
    const consumers = g.sortedConsumers().map((consumer) => {
      const own = limit(sortedIds(consumer.pel)).map((id) => {
        const n = consumer.pel.get(id)!;
        return [formatId(id), n.deliveryTime, n.deliveryCount] as Reply;
      });
      return new MapReply(['name', consumer.name, 'seen-time', consumer.seenTime, 'pel-count', consumer.pel.size, 'pending', own]);
    });
    return new MapReply([
      'name', g.name,
      'last-delivered-id', formatId(g.lastId),
      'entries-read', entriesRead(g),
      'lag', s.groupLag(g),
      'pel-count', g.pel.size,
      'pending', pending,
      'consumers', consumers,
    ]);
  });
  return new MapReply([...head, 'entries', entriesReply(s.range(0n, MAX_ID, count)), 'groups', groups]);
}

function xinfoGroupsCommand(c: Client, argv: string[]): Reply {
  const s = streamOf(c, argv[2]);
  return sortedGroups(s).map(
    (g) =>
      new MapReply([
        'name', g.name,
        'consumers', g.consumers.size,
        'pending', g.pel.size,
        'last-delivered-id', formatId(g.lastId),
        'entries-read', entriesRead(g),
        'lag', s.groupLag(g),
      ]),
  );
}

function xinfoConsumersCommand(c: Client, argv: string[]): Reply {
  const s = streamOf(c, argv[2]);
  const g = s.groups.get(argv[3]);
  if (g === undefined) throw new RedisError(`NOGROUP No such consumer group '${argv[3]}' for key name '${argv[2]}'`);
  const now = Date.now();
  return g.sortedConsumers().map((consumer) => new MapReply(['name', consumer.name, 'pending', consumer.pel.size, 'idle', Math.max(0, now - consumer.seenTime)]));
}

function xinfoHelpCommand(): Reply {
  return helpReply('xinfo', [
    'CONSUMERS <key> <groupname>',
    '    Show consumers of <groupname>.',
    'GROUPS <key>',
    '    Show the stream consumer groups.',
    'STREAM <key> [FULL [COUNT <count>]',
    '    Show information about the stream.',
  ]);
}

export const infoCommands = { xinfoStreamCommand, xinfoGroupsCommand, xinfoConsumersCommand, xinfoHelpCommand };
