// Stream entry commands: XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XSETID. Stream commands
// publish their own keyspace events (Redis names them per effect: `xadd` then `xtrim`, …).
import { NullArrayReply, type Reply } from '@ferrous/resp';
import { formatId, MAX_ID, SEQ_EXHAUSTED, StreamValue, type StreamId } from '@ferrous/store';
import type { Client } from '../../client';
import { ErrorText, RedisError, ServerError } from '../../errors';
import { notifyKeyspaceEvent } from '../../notify';
import { OK } from '../../reply';
import { entriesReply, exactTrimArgv, idArg, longLongArg, parseAddTrimArgs, rangeEndArg, rangeStartArg } from './stream-args';

/** Publishes a stream (`t` class) keyspace event for the client's database. */
export function notifyStream(c: Client, event: string, key: string): void {
  notifyKeyspaceEvent(c.server, 't', event, key, c.dbIndex);
}

/** Node limits from the live config. */
function nodeLimits(c: Client): { maxBytes: number; maxEntries: number } {
  return { maxBytes: c.server.config.int('stream-node-max-bytes'), maxEntries: c.server.config.int('stream-node-max-entries') };
}

/** streamTypeLookupWriteOrCreate: the stream at `key`, created and stored when missing (unless `noCreate`). */
function streamForWrite(c: Client, key: string, noCreate = false): StreamValue | undefined {
  const existing = c.db.writeTyped(key, 'stream');
  if (existing !== undefined || noCreate) return existing;
  const s = new StreamValue();
  c.db.set(key, s);
  return s;
}

function xaddCommand(c: Client, argv: string[]): Reply {
  const args = parseAddTrimArgs(c, argv, true);
  const fieldPos = args.idIndex + 1;
  const nfields = argv.length - fieldPos;
  if (nfields < 2 || nfields % 2 === 1) throw new RedisError(ServerError.wrongArity('xadd'));
  const given = args.id === null ? null : args.id.id;
  const seqGiven = args.id === null || args.id.seqGiven;
  if (given === 0n && seqGiven) throw new RedisError('ERR The ID specified in XADD must be greater than 0-0');
  const s = streamForWrite(c, argv[1], args.noMkstream);
  if (s === undefined) return null;
  if (s.lastId === MAX_ID) throw new RedisError('ERR The stream has exhausted the last possible ID, unable to add more items');
  const id = s.nextId(Date.now(), given, seqGiven);
  if (id === null) throw new RedisError('ERR The ID specified in XADD is equal or smaller than the target stream top item');
  if (id === SEQ_EXHAUSTED) throw new RedisError('ERR Elements are too large to be stored');
  s.append(id, argv.slice(fieldPos), nodeLimits(c));
  c.db.signalModified(argv[1]);
  notifyStream(c, 'xadd', argv[1]);
  const idString = formatId(id);
  let trimmedExactly = false;
  if (args.trim !== null) {
    if (s.trim(args.trim) > 0) {
      c.db.signalModified(argv[1]);
      notifyStream(c, 'xtrim', argv[1]);
    }
    trimmedExactly = args.trim.approx;
  }
  // Replicas and the AOF get the ID that was generated and a trim that cannot differ on replay.
  if (given === null || !seqGiven || trimmedExactly) {
    c.propagateAs = (a) => {
      const out = trimmedExactly ? exactTrimArgv(a, args, s) : a.slice();
      out[args.idIndex] = idString;
      return out;
    };
  }
  return idString;
}

function xlenCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'stream')?.size ?? 0;
}

function xrangeGeneric(c: Client, argv: string[], rev: boolean): Reply {
  const start = rangeStartArg(rev ? argv[3] : argv[2]);
  const end = rangeEndArg(rev ? argv[2] : argv[3]);
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    if (argv[j].toUpperCase() === 'COUNT' && argv.length - j - 1 >= 1) {
      count = longLongArg(argv[++j]);
      if (count < 0) count = 0;
    } else {
      throw new RedisError(ErrorText.syntax);
    }
  }
  const s = c.db.readTyped(argv[1], 'stream');
  if (s === undefined) return [];
  if (count === 0) return NullArrayReply.instance;
  return entriesReply(s.range(start, end, count === -1 ? 0 : count, rev));
}

function xrangeCommand(c: Client, argv: string[]): Reply {
  return xrangeGeneric(c, argv, false);
}

function xrevrangeCommand(c: Client, argv: string[]): Reply {
  return xrangeGeneric(c, argv, true);
}

function xdelCommand(c: Client, argv: string[]): Reply {
  const s = c.db.writeTyped(argv[1], 'stream');
  if (s === undefined) return 0;
  const ids: StreamId[] = [];
  for (let j = 2; j < argv.length; j++) ids.push(idArg(argv[j], true));
  let deleted = 0;
  for (const id of ids) if (s.delete(id)) deleted++;
  if (deleted > 0) {
    c.db.signalModified(argv[1]);
    notifyStream(c, 'xdel', argv[1]);
  }
  return deleted;
}

function xtrimCommand(c: Client, argv: string[]): Reply {
  const args = parseAddTrimArgs(c, argv, false);
  const s = c.db.writeTyped(argv[1], 'stream');
  if (s === undefined) return 0;
  const deleted = s.trim(args.trim!);
  if (deleted > 0) {
    notifyStream(c, 'xtrim', argv[1]);
    c.db.signalModified(argv[1]);
    if (args.trim!.approx) c.propagateAs = (a) => exactTrimArgv(a, args, s);
  }
  return deleted;
}

/** XSETID key last-id [ENTRIESADDED n] [MAXDELETEDID id]. */
function xsetidCommand(c: Client, argv: string[]): Reply {
  const id = idArg(argv[2], true);
  let entriesAdded = -1;
  let maxXdelId: StreamId | null = null;
  for (let i = 3; i < argv.length; i++) {
    const more = argv.length - i - 1;
    const opt = argv[i].toUpperCase();
    if (opt === 'ENTRIESADDED' && more >= 1) {
      entriesAdded = longLongArg(argv[++i]);
      if (entriesAdded < 0) throw new RedisError('ERR entries_added must be positive');
    } else if (opt === 'MAXDELETEDID' && more >= 1) {
      maxXdelId = idArg(argv[++i], true);
      if (id < maxXdelId) throw new RedisError('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
    } else {
      throw new RedisError(ErrorText.syntax);
    }
  }
  const s = c.db.writeTyped(argv[1], 'stream');
  if (s === undefined) throw new RedisError(ErrorText.noSuchKey);
  if (s.size > 0) {
    const top = s.edgeId(true)!;
    if (id < top) throw new RedisError('ERR The ID specified in XSETID is smaller than the target stream top item');
    if (entriesAdded !== -1 && s.size > entriesAdded) {
      throw new RedisError('ERR The entries_added specified in XSETID is smaller than the target stream length');
    }
  }
  if (id < s.maxDeletedId) throw new RedisError('ERR The ID specified in XSETID is smaller than current max_deleted_entry_id');
  s.lastId = id;
  if (entriesAdded !== -1) s.entriesAdded = entriesAdded;
  if (maxXdelId !== null && maxXdelId !== 0n) s.maxDeletedId = maxXdelId;
  c.db.signalModified(argv[1]);
  notifyStream(c, 'xsetid', argv[1]);
  return OK;
}

export const entryCommands = { xaddCommand, xlenCommand, xrangeCommand, xrevrangeCommand, xdelCommand, xtrimCommand, xsetidCommand };
