// Stream commands (t_stream.c): the table. Handlers live in stream/ — entries.ts (XADD, XRANGE,
// XDEL, XTRIM, XSETID…), read.ts (XREAD/XREADGROUP, blocking), groups.ts (XGROUP, XACK,
// XPENDING, XCLAIM, XAUTOCLAIM) and info.ts (XINFO).
import type { CommandSpec } from '../dispatch/command-table';
import { rangeKeys, type KeySpec } from '../dispatch/key-specs';
import { entryCommands as e } from './stream/entries';
import { groupCommands as g } from './stream/groups';
import { infoCommands as i } from './stream/info';
import { readCommands as r, xreadKeys } from './stream/read';

const K1 = { first: 1, last: 1, step: 1 };
const K2 = { first: 2, last: 2, step: 1 };

/** XREAD/XREADGROUP: the keys are the first half of what follows STREAMS. */
function streamsKeys(startfrom: number): KeySpec {
  return { flags: ['RO', 'access'], begin: { keyword: 'STREAMS', startfrom }, find: { lastkey: -1, keystep: 1, limit: 2 } };
}

export const streamCommands: CommandSpec[] = [
  { name: 'xadd', arity: -5, flags: ['write', 'denyoom', 'fast'], keys: K1, keySpecs: [{ ...rangeKeys(['RW', 'update'], 1), notes: 'UPDATE instead of INSERT because of the optional trimming feature' }], acl: ['stream'], summary: 'Appends a new entry to a stream', since: '5.0.0', tips: ['nondeterministic_output'], run: e.xaddCommand },
  { name: 'xlen', arity: 2, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['stream'], summary: 'Return the number of entries in a stream', since: '5.0.0', run: e.xlenCommand },
  { name: 'xrange', arity: -4, flags: ['readonly'], keys: K1, acl: ['stream'], summary: 'Return a range of elements in a stream, with IDs matching the specified IDs interval', since: '5.0.0', run: e.xrangeCommand },
  { name: 'xrevrange', arity: -4, flags: ['readonly'], keys: K1, acl: ['stream'], summary: 'Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE', since: '5.0.0', run: e.xrevrangeCommand },
  { name: 'xdel', arity: -3, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['stream'], summary: 'Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.', since: '5.0.0', run: e.xdelCommand },
  { name: 'xtrim', arity: -4, flags: ['write'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['stream'], summary: "Trims the stream to (approximately if '~' is passed) a certain size", since: '5.0.0', tips: ['nondeterministic_output'], run: e.xtrimCommand },
  { name: 'xsetid', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'update'], acl: ['stream'], summary: 'An internal command for replicating stream values', since: '5.0.0', run: e.xsetidCommand },
  { name: 'xread', arity: -4, flags: ['readonly', 'blocking'], keySpecs: [streamsKeys(1)], acl: ['stream'], summary: 'Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.', since: '5.0.0', getKeys: xreadKeys, run: r.xreadCommand },
  { name: 'xreadgroup', arity: -7, flags: ['write', 'blocking'], keySpecs: [streamsKeys(4)], acl: ['stream'], summary: 'Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.', since: '5.0.0', getKeys: xreadKeys, run: r.xreadgroupCommand },
  { name: 'xack', arity: -4, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'update'], acl: ['stream'], summary: 'Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.', since: '5.0.0', run: g.xackCommand },
  { name: 'xpending', arity: -3, flags: ['readonly'], keys: K1, acl: ['stream'], summary: 'Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.', since: '5.0.0', tips: ['nondeterministic_output'], run: g.xpendingCommand },
  { name: 'xclaim', arity: -6, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'update'], acl: ['stream'], summary: 'Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.', since: '5.0.0', tips: ['nondeterministic_output'], run: g.xclaimCommand },
  { name: 'xautoclaim', arity: -6, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['stream'], summary: 'Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.', since: '6.2.0', tips: ['nondeterministic_output'], run: g.xautoclaimCommand },
  {
    name: 'xgroup',
    arity: -2,
    flags: [],
    summary: 'A container for consumer groups commands',
    since: '5.0.0',
    subcommands: [
      { name: 'create', arity: -5, flags: ['write', 'denyoom'], keys: K2, keyFlags: ['RW', 'insert'], acl: ['stream'], summary: 'Create a consumer group.', since: '5.0.0', run: g.xgroupCreateCommand },
      { name: 'setid', arity: -5, flags: ['write'], keys: K2, keyFlags: ['RW', 'update'], acl: ['stream'], summary: 'Set a consumer group to an arbitrary last delivered ID value.', since: '5.0.0', run: g.xgroupSetidCommand },
      { name: 'destroy', arity: 4, flags: ['write'], keys: K2, keyFlags: ['RW', 'delete'], acl: ['stream'], summary: 'Destroy a consumer group.', since: '5.0.0', run: g.xgroupDestroyCommand },
      { name: 'createconsumer', arity: 5, flags: ['write', 'denyoom'], keys: K2, keyFlags: ['RW', 'insert'], acl: ['stream'], summary: 'Create a consumer in a consumer group.', since: '6.2.0', run: g.xgroupCreateconsumerCommand },
      { name: 'delconsumer', arity: 5, flags: ['write'], keys: K2, keyFlags: ['RW', 'delete'], acl: ['stream'], summary: 'Delete a consumer from a consumer group.', since: '5.0.0', run: g.xgroupDelconsumerCommand },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], acl: ['stream'], summary: 'Show helpful text about the different subcommands', since: '5.0.0', run: g.xgroupHelpCommand },
    ],
  },
  {
    name: 'xinfo',
    arity: -2,
    flags: [],
    summary: 'A container for stream introspection commands',
    since: '5.0.0',
    subcommands: [
      { name: 'stream', arity: -3, flags: ['readonly'], keys: K2, acl: ['stream'], summary: 'Get information about a stream', since: '5.0.0', run: i.xinfoStreamCommand },
      { name: 'groups', arity: 3, flags: ['readonly'], keys: K2, acl: ['stream'], summary: 'List the consumer groups of a stream', since: '5.0.0', run: i.xinfoGroupsCommand },
      { name: 'consumers', arity: 4, flags: ['readonly'], keys: K2, acl: ['stream'], summary: 'List the consumers in a consumer group', since: '5.0.0', tips: ['nondeterministic_output'], run: i.xinfoConsumersCommand },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], acl: ['stream'], summary: 'Show helpful text about the different subcommands', since: '5.0.0', run: i.xinfoHelpCommand },
    ],
  },
];
