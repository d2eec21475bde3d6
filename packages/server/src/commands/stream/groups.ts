// Consumer-group commands: XGROUP (CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP),
// XACK, XPENDING, XCLAIM, XAUTOCLAIM. Claims propagate as XCLAIM … FORCE JUSTID like Redis's
// streamPropagateXCLAIM, so a replica ends with the same PEL whatever its clock.
import { NullArrayReply, type Reply } from '@ferrous/resp';
import {
  ConsumerGroup,
  ENTRIES_READ_UNKNOWN,
  formatId,
  parseInt64,
  parseStreamId,
  sortedIds,
  StreamValue,
  type StreamId,
  type StreamNack,
} from '@ferrous/store';
import type { Client } from '../../client';
import { ErrorText, RedisError } from '../../errors';
import { helpReply, OK } from '../../reply';
import { notifyStream } from './entries';
import { entryReply, idArg, longLongArg, rangeEndArg, rangeStartArg } from './stream-args';

/** XAUTOCLAIM's largest COUNT (LONG_MAX / sizeof(streamID)). */
const AUTOCLAIM_MAX_COUNT = ((1n << 63n) - 1n) / 16n;

const KEY_REQUIRED =
  'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.';

function subcommandSyntax(argv: string[]): RedisError {
  return new RedisError(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try ${argv[0].toUpperCase()} HELP.`);
}

/** `ENTRIESREAD n`: a counter >= 0, or -1 (unknown). */
function entriesReadArg(text: string): number {
  const n = longLongArg(text);
  if (n < 0 && n !== ENTRIES_READ_UNKNOWN) throw new RedisError('ERR value for ENTRIESREAD must be positive or -1');
  return n;
}

/** The stream and (optional) group an XGROUP subcommand works on, after Redis's checks. */
function xgroupTarget(c: Client, argv: string[], mkstream: boolean, needsGroup: boolean): { s: StreamValue | undefined; g: ConsumerGroup | undefined } {
  const s = c.db.writeTyped(argv[2], 'stream');
  if (s === undefined && !mkstream) throw new RedisError(KEY_REQUIRED);
  const g = s?.groups.get(argv[3]);
  if (g === undefined && needsGroup) throw new RedisError(`NOGROUP No such consumer group '${argv[3]}' for key name '${argv[2]}'`);
  return { s, g };
}

/** Commits a group-level change: the key is modified (WATCH, dirty) and the event published. */
function groupChanged(c: Client, key: string, event: string): void {
  c.db.signalModified(key);
  notifyStream(c, event, key);
}

function xgroupCreateCommand(c: Client, argv: string[]): Reply {
  let mkstream = false;
  let entriesRead = ENTRIES_READ_UNKNOWN;
  for (let i = 5; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    if (opt === 'MKSTREAM') mkstream = true;
    else if (opt === 'ENTRIESREAD' && i + 1 < argv.length) entriesRead = entriesReadArg(argv[++i]);
    else throw subcommandSyntax(argv);
  }
  let { s } = xgroupTarget(c, argv, mkstream, false);
  if (argv.length > 8) throw subcommandSyntax(argv);
  const id = argv[4] === '$' ? (s?.lastId ?? 0n) : idArg(argv[4], true);
  if (s === undefined) {
    s = new StreamValue();
    c.db.set(argv[2], s);
  }
  if (s.groups.has(argv[3])) throw new RedisError('BUSYGROUP Consumer Group name already exists');
  s.groups.set(argv[3], new ConsumerGroup(argv[3], id, entriesRead));
  groupChanged(c, argv[2], 'xgroup-create');
  return OK;
}

function xgroupSetidCommand(c: Client, argv: string[]): Reply {
  let entriesRead = ENTRIES_READ_UNKNOWN;
  for (let i = 5; i < argv.length; i++) {
    if (argv[i].toUpperCase() === 'ENTRIESREAD' && i + 1 < argv.length) entriesRead = entriesReadArg(argv[++i]);
    else throw subcommandSyntax(argv);
  }
  const { s, g } = xgroupTarget(c, argv, false, true);
  if (argv.length !== 5 && argv.length !== 7) throw subcommandSyntax(argv);
  g!.lastId = argv[4] === '$' ? s!.lastId : idArg(argv[4], false);
  g!.entriesRead = entriesRead;
  groupChanged(c, argv[2], 'xgroup-setid');
  return OK;
}

function xgroupDestroyCommand(c: Client, argv: string[]): Reply {
  const { s, g } = xgroupTarget(c, argv, false, false);
  if (g === undefined) return 0;
  s!.groups.delete(argv[3]);
  // The key's modification wakes XREADGROUP clients blocked on the group, which get NOGROUP.
  groupChanged(c, argv[2], 'xgroup-destroy');
  return 1;
}

function xgroupCreateconsumerCommand(c: Client, argv: string[]): Reply {
  const { g } = xgroupTarget(c, argv, false, true);
  if (!g!.consumer(argv[4], Date.now()).created) return 0;
  groupChanged(c, argv[2], 'xgroup-createconsumer');
  return 1;
}

function xgroupDelconsumerCommand(c: Client, argv: string[]): Reply {
  const { g } = xgroupTarget(c, argv, false, true);
  const pending = g!.deleteConsumer(argv[4]);
  if (pending < 0) return 0;
  groupChanged(c, argv[2], 'xgroup-delconsumer');
  return pending;
}

function xgroupHelpCommand(): Reply {
  return helpReply('xgroup', [
    'CREATE <key> <groupname> <id|$> [option]',
    '    Create a new consumer group. Options are:',
    '    * MKSTREAM',
    '      Create the empty stream if it does not exist.',
    '    * ENTRIESREAD entries_read',
    "      Set the group's entries_read counter (internal use).",
    'CREATECONSUMER <key> <groupname> <consumer>',
    '    Create a new consumer in the specified group.',
    'DELCONSUMER <key> <groupname> <consumer>',
    '    Remove the specified consumer.',
    'DESTROY <key> <groupname>',
    '    Remove the specified group.',
    'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
    '    Set the current group ID and entries_read counter.',
  ]);
}

// ---- XACK / XPENDING -----------------------------------------------------------------------------

function xackCommand(c: Client, argv: string[]): Reply {
  const s = c.db.readTyped(argv[1], 'stream');
  const g = s?.groups.get(argv[2]);
  if (g === undefined) return 0;
  const ids: StreamId[] = [];
  for (let j = 3; j < argv.length; j++) ids.push(idArg(argv[j], true));
  let acked = 0;
  for (const id of ids) if (g.ack(id)) acked++;
  if (acked > 0) c.db.signalModified(argv[1]);
  return acked;
}

function noGroup(key: string, group: string): RedisError {
  return new RedisError(`NOGROUP No such key '${key}' or consumer group '${group}'`);
}

function xpendingCommand(c: Client, argv: string[]): Reply {
  const summary = argv.length === 3;
  if (!summary && (argv.length < 6 || argv.length > 9)) throw new RedisError(ErrorText.syntax);
  let start = 0n;
  let end = 0n;
  let count = 0;
  let minIdle = 0;
  let consumerName: string | null = null;
  if (!summary) {
    let at = 3;
    if (argv[3].toUpperCase() === 'IDLE') {
      minIdle = longLongArg(argv[4]);
      if (argv.length < 8) throw new RedisError(ErrorText.syntax);
      at += 2;
    }
    count = Math.max(0, longLongArg(argv[at + 2]));
    start = rangeStartArg(argv[at]);
    end = rangeEndArg(argv[at + 1]);
    if (at + 3 < argv.length) consumerName = argv[at + 3];
  }
  const s = c.db.readTyped(argv[1], 'stream');
  const g = s?.groups.get(argv[2]);
  if (g === undefined) throw noGroup(argv[1], argv[2]);
  if (summary) {
    if (g.pel.size === 0) return [0, null, null, NullArrayReply.instance];
    const ids = sortedIds(g.pel);
    const owners: Reply[] = [];
    for (const consumer of g.sortedConsumers()) if (consumer.pel.size > 0) owners.push([consumer.name, String(consumer.pel.size)]);
    return [g.pel.size, formatId(ids[0]), formatId(ids[ids.length - 1]), owners];
  }
  let pel = g.pel;
  if (consumerName !== null) {
    const consumer = g.consumers.get(consumerName);
    if (consumer === undefined) return [];
    pel = consumer.pel;
  }
  const now = Date.now();
  const out: Reply[] = [];
  for (const id of sortedIds(pel)) {
    if (count === 0) break;
    if (id < start) continue;
    if (id > end) break;
    const nack = pel.get(id)!;
    if (minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
    count--;
    out.push([formatId(id), nack.consumer.name, Math.max(0, now - nack.deliveryTime), nack.deliveryCount]);
  }
  return out;
}

// ---- XCLAIM / XAUTOCLAIM -------------------------------------------------------------------------

/** streamPropagateXCLAIM: the idempotent XCLAIM a replica applies for one claimed (or dropped) NACK. */
function claimArgv(key: string, g: ConsumerGroup, id: StreamId, nack: StreamNack): string[] {
  return ['XCLAIM', key, g.name, nack.consumer.name, '0', formatId(id), 'TIME', String(nack.deliveryTime), 'RETRYCOUNT', String(nack.deliveryCount), 'FORCE', 'JUSTID', 'LASTID', formatId(g.lastId)];
}

function propagateAll(c: Client, effects: string[][]): void {
  c.propagateAs = () => null;
  const propagate = c.server.hooks.propagate;
  if (propagate !== undefined) for (const argv of effects) propagate(c.dbIndex, argv);
}

/** The consumer claims go to (streamLookupConsumer SLC_DEFAULT, or created with its event). */
function claimant(c: Client, key: string, g: ConsumerGroup, name: string, now: number) {
  const { consumer, created } = g.consumer(name, now);
  consumer.seenTime = now;
  if (created) notifyStream(c, 'xgroup-createconsumer', key);
  return consumer;
}

function xclaimCommand(c: Client, argv: string[]): Reply {
  const s = c.db.readTyped(argv[1], 'stream');
  const g = s?.groups.get(argv[2]);
  if (s === undefined || g === undefined) throw noGroup(argv[1], argv[2]);
  let minIdle = longLongArg(argv[4], 'ERR Invalid min-idle-time argument for XCLAIM');
  if (minIdle < 0) minIdle = 0;
  const ids: StreamId[] = [];
  let j = 5;
  // IDs run until the first argument that is not one; options follow.
  for (; j < argv.length; j++) {
    const parsed = parseStreamId(argv[j], 0n, true);
    if (parsed === null) break;
    ids.push(parsed.id);
  }
  const now = Date.now();
  let force = false;
  let justid = false;
  let retrycount = -1;
  let deliveryTime = -1;
  let lastId = 0n;
  for (; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j].toUpperCase();
    if (opt === 'FORCE') force = true;
    else if (opt === 'JUSTID') justid = true;
    else if (opt === 'IDLE' && more > 0) deliveryTime = now - longLongArg(argv[++j], 'ERR Invalid IDLE option argument for XCLAIM');
    else if (opt === 'TIME' && more > 0) deliveryTime = longLongArg(argv[++j], 'ERR Invalid TIME option argument for XCLAIM');
    else if (opt === 'RETRYCOUNT' && more > 0) retrycount = longLongArg(argv[++j], 'ERR Invalid RETRYCOUNT option argument for XCLAIM');
    else if (opt === 'LASTID' && more > 0) lastId = idArg(argv[++j], true);
    else throw new RedisError(`ERR Unrecognized XCLAIM option '${argv[j]}'`);
  }
  const effects: string[][] = [];
  let propagateLastId = false;
  if (lastId > g.lastId) {
    g.lastId = lastId;
    propagateLastId = true;
  }
  if (deliveryTime === -1 || deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
  const out: Reply[] = [];
  let changed = propagateLastId;
  for (const id of ids) {
    let nack = g.pel.get(id);
    const fields = s.get(id);
    if (fields === undefined) {
      if (nack !== undefined) {
        effects.push(claimArgv(argv[1], g, id, nack));
        propagateLastId = false;
        g.ack(id);
        changed = true;
      }
      continue;
    }
    if (nack !== undefined && minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
    if (nack === undefined && !force) continue;
    const consumer = claimant(c, argv[1], g, argv[3], now);
    if (nack === undefined) nack = g.deliver(id, consumer, now);
    else g.assign(id, nack, consumer);
    nack.deliveryTime = deliveryTime;
    if (retrycount >= 0) nack.deliveryCount = retrycount;
    else if (!justid) nack.deliveryCount++;
    out.push(justid ? formatId(id) : entryReply({ id, fields }));
    effects.push(claimArgv(argv[1], g, id, nack));
    propagateLastId = false;
    changed = true;
  }
  if (propagateLastId) effects.push(['XGROUP', 'SETID', argv[1], g.name, formatId(g.lastId), 'ENTRIESREAD', String(g.entriesRead)]);
  if (changed) c.db.signalModified(argv[1]);
  propagateAll(c, effects);
  return out;
}

function xautoclaimCommand(c: Client, argv: string[]): Reply {
  let minIdle = longLongArg(argv[4], 'ERR Invalid min-idle-time argument for XAUTOCLAIM');
  if (minIdle < 0) minIdle = 0;
  const start = rangeStartArg(argv[5]);
  let count = 100;
  let justid = false;
  for (let j = 6; j < argv.length; j++) {
    const opt = argv[j].toUpperCase();
    if (opt === 'COUNT' && argv.length - 1 - j > 0) {
      // getRangeLongFromObjectOrReply(1, LONG_MAX / 16): the attempts budget is 10 * COUNT.
      const n = parseInt64(argv[++j]);
      if (n === null || n < 1n || n > AUTOCLAIM_MAX_COUNT) throw new RedisError('ERR COUNT must be > 0');
      count = Number(n);
    } else if (opt === 'JUSTID') {
      justid = true;
    } else {
      throw new RedisError(ErrorText.syntax);
    }
  }
  const s = c.db.readTyped(argv[1], 'stream');
  const g = s?.groups.get(argv[2]);
  if (s === undefined || g === undefined) throw noGroup(argv[1], argv[2]);
  let attempts = count * 10;
  const now = Date.now();
  const ids = sortedIds(g.pel).filter((id) => id >= start);
  const claimed: Reply[] = [];
  const deleted: Reply[] = [];
  const effects: string[][] = [];
  let i = 0;
  while (attempts-- > 0 && count > 0 && i < ids.length) {
    const id = ids[i++];
    const nack = g.pel.get(id)!;
    const fields = s.get(id);
    if (fields === undefined) {
      effects.push(claimArgv(argv[1], g, id, nack));
      g.ack(id);
      deleted.push(formatId(id));
      count--;
      continue;
    }
    if (minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
    g.assign(id, nack, claimant(c, argv[1], g, argv[3], now));
    nack.deliveryTime = now;
    if (!justid) nack.deliveryCount++;
    claimed.push(justid ? formatId(id) : entryReply({ id, fields }));
    count--;
    effects.push(claimArgv(argv[1], g, id, nack));
  }
  if (effects.length > 0) c.db.signalModified(argv[1]);
  propagateAll(c, effects);
  return [i < ids.length ? formatId(ids[i]) : '0-0', claimed, deleted];
}

export const groupCommands = {
  xgroupCreateCommand,
  xgroupSetidCommand,
  xgroupDestroyCommand,
  xgroupCreateconsumerCommand,
  xgroupDelconsumerCommand,
  xgroupHelpCommand,
  xackCommand,
  xpendingCommand,
  xclaimCommand,
  xautoclaimCommand,
};
