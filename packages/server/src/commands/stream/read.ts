// XREAD and XREADGROUP (xreadCommand): serve every stream that has entries past the requested ID
// now; otherwise block (BLOCK ms) until an XADD to one of them, and serve from that key alone.
// XREADGROUP's effects propagate as XCLAIM … FORCE JUSTID per delivered entry plus XGROUP SETID,
// as Redis does, so replicas never re-run a read.
import { MapReply, NullArrayReply, type Reply } from '@ferrous/resp';
import { formatId, MAX_ID, type ConsumerGroup, type StreamId, type StreamValue } from '@ferrous/store';
import type { Client } from '../../client';
import { ErrorText, RedisError, ServerError } from '../../errors';
import { BlockedReply } from '../../blocking/blocked-clients';
import type { BlockRequest } from '../blocking';
import { entryReply, idArg, longLongArg } from './stream-args';
import { notifyStream } from './entries';

/** COUNT used when a blocked XREAD without COUNT is served (XREAD_BLOCKED_DEFAULT_COUNT). */
const BLOCKED_DEFAULT_COUNT = 1000;
/** The ID meaning `>` (new entries for the group). */
const NEW_ENTRIES = MAX_ID;

interface ReadOptions {
  /** ms; -1 = no BLOCK. */
  timeout: number;
  count: number;
  group: string | null;
  consumer: string;
  noack: boolean;
  /** argv index of the first key. */
  streamsArg: number;
  streams: number;
}

/** Propagated effects of one XREADGROUP (alsoPropagate): XCLAIMs, then XGROUP SETID. */
type Effects = string[][];

function parseReadOptions(c: Client, argv: string[], xreadgroup: boolean): ReadOptions {
  const o: ReadOptions = { timeout: -1, count: 0, group: null, consumer: '', noack: false, streamsArg: 0, streams: 0 };
  for (let i = 1; i < argv.length; i++) {
    const more = argv.length - i - 1;
    const opt = argv[i].toUpperCase();
    if (opt === 'BLOCK' && more > 0) {
      if (c.isScript) throw new RedisError(`ERR ${argv[0]} command is not allowed with BLOCK option from scripts`);
      o.timeout = longLongArg(argv[++i], ServerError.timeoutNotInteger);
      if (o.timeout < 0) throw new RedisError('ERR timeout is negative');
    } else if (opt === 'COUNT' && more > 0) {
      o.count = Math.max(0, longLongArg(argv[++i]));
    } else if (opt === 'STREAMS' && more > 0) {
      o.streamsArg = i + 1;
      const n = argv.length - o.streamsArg;
      if (n % 2 !== 0) throw new RedisError("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
      o.streams = n / 2;
      break;
    } else if (opt === 'GROUP' && more >= 2) {
      if (!xreadgroup) throw new RedisError('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
      o.group = argv[i + 1];
      o.consumer = argv[i + 2];
      i += 2;
    } else if (opt === 'NOACK') {
      if (!xreadgroup) throw new RedisError('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
      o.noack = true;
    } else {
      throw new RedisError(ErrorText.syntax);
    }
  }
  if (o.streamsArg === 0) throw new RedisError(ErrorText.syntax);
  if (xreadgroup && o.group === null) throw new RedisError('ERR Missing GROUP option for XREADGROUP');
  return o;
}

/** Entries delivered to `consumer` of `g` from `start` on (streamReplyWithRange with a group). */
function deliverNew(key: string, s: StreamValue, g: ConsumerGroup, consumer: string, start: StreamId, count: number, noack: boolean, effects: Effects): Reply[] {
  const now = Date.now();
  const { consumer: owner } = g.consumer(consumer, now);
  const out: Reply[] = [];
  let advanced = false;
  for (const e of s.range(start, MAX_ID, count)) {
    if (e.id > g.lastId) {
      s.advanceGroup(g, e.id);
      advanced = true;
    }
    out.push(entryReply(e));
    if (!noack) {
      const nack = g.deliver(e.id, owner, now);
      effects.push(['XCLAIM', key, g.name, consumer, '0', formatId(e.id), 'TIME', String(nack.deliveryTime), 'RETRYCOUNT', String(nack.deliveryCount), 'FORCE', 'JUSTID', 'LASTID', formatId(g.lastId)]);
    }
  }
  if (advanced) effects.push(['XGROUP', 'SETID', key, g.name, formatId(g.lastId), 'ENTRIESREAD', String(g.entriesRead)]);
  return out;
}

/** The consumer's own pending entries from `start` on (streamReplyWithRangeFromConsumerPEL). */
function deliverHistory(s: StreamValue, g: ConsumerGroup, consumer: string, start: StreamId, count: number): Reply[] {
  const now = Date.now();
  const owner = g.consumers.get(consumer)!;
  const out: Reply[] = [];
  const ids = [...owner.pel.keys()].filter((id) => id >= start).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of ids) {
    if (count !== 0 && out.length >= count) break;
    const fields = s.get(id);
    if (fields === undefined) {
      // Pending but deleted from the stream since: the ID with a null entry.
      out.push([formatId(id), NullArrayReply.instance]);
      continue;
    }
    const nack = owner.pel.get(id)!;
    nack.deliveryTime = now;
    nack.deliveryCount++;
    out.push([formatId(id), fields]);
  }
  return out;
}

/** Creates the consumer if missing (XREADGROUP's implicit creation), with its event. */
function touchConsumer(c: Client, key: string, g: ConsumerGroup, name: string, noack: boolean, effects: Effects): void {
  const now = Date.now();
  const { consumer, created } = g.consumer(name, now);
  consumer.seenTime = now;
  if (!created) return;
  notifyStream(c, 'xgroup-createconsumer', key);
  // With NOACK no XCLAIM will create it on the replica.
  if (noack) effects.push(['XGROUP', 'CREATECONSUMER', key, g.name, name]);
}

/** One key's part of the reply: RESP2 [[key, entries], …], RESP3 {key: entries, …}. */
function keyedReply(c: Client, parts: Reply[]): Reply {
  if (c.resp === 3) return new MapReply(parts);
  const out: Reply[] = [];
  for (let i = 0; i < parts.length; i += 2) out.push([parts[i], parts[i + 1]]);
  return out;
}

/** Sends the effects to the AOF/replicas in place of the command itself. */
function propagateEffects(c: Client, effects: Effects): void {
  c.propagateAs = () => null;
  const propagate = c.server.hooks.propagate;
  if (propagate !== undefined) for (const argv of effects) propagate(c.dbIndex, argv);
}

function xreadGeneric(c: Client, argv: string[], xreadgroup: boolean): Reply {
  const o = parseReadOptions(c, argv, xreadgroup);
  const keys = argv.slice(o.streamsArg, o.streamsArg + o.streams);
  const ids: StreamId[] = [];
  const groups: (ConsumerGroup | null)[] = [];
  for (let i = 0; i < o.streams; i++) {
    const key = keys[i];
    const text = argv[o.streamsArg + o.streams + i];
    const s = c.db.readTyped(key, 'stream');
    let g: ConsumerGroup | null = null;
    if (o.group !== null) {
      g = s?.groups.get(o.group) ?? null;
      if (g === null) throw new RedisError(`NOGROUP No such key '${key}' or consumer group '${o.group}' in XREADGROUP with GROUP option`);
    }
    groups.push(g);
    if (text === '$') {
      if (xreadgroup) {
        throw new RedisError(
          'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
        );
      }
      ids.push(s?.lastId ?? 0n);
    } else if (text === '>') {
      if (!xreadgroup) throw new RedisError('ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.');
      ids.push(NEW_ENTRIES);
    } else {
      ids.push(idArg(text, true));
    }
  }
  const effects: Effects = [];
  const parts: Reply[] = [];
  for (let i = 0; i < o.streams; i++) {
    const s = c.db.peek(keys[i]) as StreamValue | undefined;
    if (s === undefined) continue;
    const served = serveKey(c, keys[i], s, ids[i], groups[i], o, o.count, effects);
    if (served !== null) parts.push(keys[i], served);
  }
  if (o.group !== null) propagateEffects(c, effects);
  if (parts.length > 0) return keyedReply(c, parts);
  if (o.timeout === -1) return NullArrayReply.instance;
  if (c.flags.multi) return NullArrayReply.instance;
  const request: BlockRequest = {
    type: 'stream',
    keys,
    deadline: o.timeout > 0 ? Date.now() + o.timeout : 0,
    timeoutReply: NullArrayReply.instance,
    serve: (client, from) => serveBlocked(client, from[0], keys, ids, o),
  };
  return new BlockedReply(request);
}

/**
 * What one stream gives now, or null to skip it. Synchronously: history IDs always serve, `>` when
 * the stream has entries past the group's last ID, XREAD when it has entries past the ID.
 */
function serveKey(c: Client, key: string, s: StreamValue, gt: StreamId, g: ConsumerGroup | null, o: ReadOptions, count: number, effects: Effects): Reply[] | null {
  if (g !== null && gt !== NEW_ENTRIES) {
    touchConsumer(c, key, g, o.consumer, o.noack, effects);
    return deliverHistory(s, g, o.consumer, nextOrSelf(gt), count);
  }
  const after = g !== null ? g.lastId : gt;
  const top = s.edgeId(true);
  if (top === undefined || top <= after) return null;
  if (g === null) return s.range(nextOrSelf(after), MAX_ID, count).map(entryReply);
  touchConsumer(c, key, g, o.consumer, o.noack, effects);
  return deliverNew(key, s, g, o.consumer, nextOrSelf(after), count, o.noack, effects);
}

function nextOrSelf(id: StreamId): StreamId {
  return id === MAX_ID ? id : id + 1n;
}

/** A blocked reader woken by a write to `key` (serveClientsBlockedOnStreamKey). */
function serveBlocked(c: Client, key: string, keys: string[], ids: StreamId[], o: ReadOptions): Reply | undefined {
  const s = c.db.peek(key) as StreamValue;
  let g: ConsumerGroup | null = null;
  if (o.group !== null) {
    g = s.groups.get(o.group) ?? null;
    if (g === null) throw new RedisError('NOGROUP the consumer group this client was blocked on no longer exists');
  }
  const gt = ids[keys.indexOf(key)];
  const effects: Effects = [];
  // Served only when entries exist past the ID (Redis wakes readers on XADD alone; any write to
  // the key wakes them here, so XDEL, XSETID or another group's read keep them waiting).
  const served = serveKey(c, key, s, g !== null ? NEW_ENTRIES : gt, g, o, o.count || BLOCKED_DEFAULT_COUNT, effects);
  if (served === null) return undefined;
  if (g !== null) propagateEffects(c, effects);
  return keyedReply(c, [key, served]);
}

function xreadCommand(c: Client, argv: string[]): Reply {
  return xreadGeneric(c, argv, false);
}

function xreadgroupCommand(c: Client, argv: string[]): Reply {
  return xreadGeneric(c, argv, true);
}

/** XREAD/XREADGROUP key positions: the first half of the arguments after STREAMS. */
export function xreadKeys(argv: string[]): number[] {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i].toUpperCase() === 'STREAMS') {
      const n = Math.floor((argv.length - i - 1) / 2);
      return Array.from({ length: n }, (_, k) => i + 1 + k);
    }
  }
  return [];
}

export const readCommands = { xreadCommand, xreadgroupCommand };
