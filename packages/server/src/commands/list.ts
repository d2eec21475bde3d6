// List commands. Values are the store's ListValue (Redis 7.0 always reports `quicklist`). Argument
// checks run in Redis's order: some commands parse numbers before the key lookup, others after.
import { NullArrayReply, type Reply } from '@ferrous/resp';
import { ListValue, typeOf } from '@ferrous/store';
import { intArg } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { numKeys, rangeKeys } from '../dispatch/key-specs';
import { ErrorText, RedisError, ServerError } from '../errors';
import { OK } from '../reply';
import { blockingCommand, timeoutArg } from './blocking';
import { atLeastOneArg, CountError, numkeysKeys, positiveArg } from './collection-args';

/** LEFT → head, RIGHT → tail; anything else is a syntax error. */
function whereArg(text: string): boolean {
  const t = text.toUpperCase();
  if (t === 'LEFT') return true;
  if (t === 'RIGHT') return false;
  throw new RedisError(ErrorText.syntax);
}

// ---- push / pop ----------------------------------------------------------------------------------

function pushGeneric(c: Client, argv: string[], head: boolean, onlyExisting: boolean): Reply {
  const db = c.db;
  const key = argv[1];
  const existing = db.writeTyped(key, 'list');
  if (existing === undefined && onlyExisting) return 0;
  const list = existing ?? new ListValue(c.server.store);
  for (let i = 2; i < argv.length; i++) list.push(argv[i], head);
  if (existing === undefined) db.set(key, list);
  else db.signalModified(key);
  return list.size;
}

function lpushCommand(c: Client, argv: string[]): Reply {
  return pushGeneric(c, argv, true, false);
}

function rpushCommand(c: Client, argv: string[]): Reply {
  return pushGeneric(c, argv, false, false);
}

function lpushxCommand(c: Client, argv: string[]): Reply {
  return pushGeneric(c, argv, true, true);
}

function rpushxCommand(c: Client, argv: string[]): Reply {
  return pushGeneric(c, argv, false, true);
}

/** Pops up to `count` elements from the list at `key` (which must hold them) and signals the change. */
function popMany(c: Client, key: string, list: ListValue, head: boolean, count: number): string[] {
  const n = Math.min(count, list.size);
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = list.pop(head)!;
  c.db.signalModified(key);
  return out;
}

function popGeneric(c: Client, argv: string[], head: boolean): Reply {
  if (argv.length > 3) throw new RedisError(ServerError.wrongArity(argv[0].toLowerCase()));
  const hasCount = argv.length === 3;
  const count = hasCount ? positiveArg(argv[2]) : 1;
  const list = c.db.writeTyped(argv[1], 'list');
  if (list === undefined) return hasCount ? NullArrayReply.instance : null;
  if (!hasCount) {
    const value = list.pop(head)!;
    c.db.signalModified(argv[1]);
    return value;
  }
  if (count === 0) return [];
  return popMany(c, argv[1], list, head, count);
}

function lpopCommand(c: Client, argv: string[]): Reply {
  return popGeneric(c, argv, true);
}

function rpopCommand(c: Client, argv: string[]): Reply {
  return popGeneric(c, argv, false);
}

/** LMPOP's `numkeys key… LEFT|RIGHT [COUNT n]` starting at argv[index]. */
export function parseMpopArgs(argv: string[], index: number, sides: Record<string, boolean>): { keys: string[]; first: boolean; count: number } {
  const numkeys = atLeastOneArg(argv[index], CountError.numkeys);
  const whereIndex = index + numkeys + 1;
  if (whereIndex >= argv.length) throw new RedisError(ErrorText.syntax);
  const first = sides[argv[whereIndex].toUpperCase()];
  if (first === undefined) throw new RedisError(ErrorText.syntax);
  let count = -1;
  for (let i = whereIndex + 1; i < argv.length; i++) {
    if (count === -1 && argv[i].toUpperCase() === 'COUNT' && i + 1 < argv.length) count = atLeastOneArg(argv[++i], CountError.count);
    else throw new RedisError(ErrorText.syntax);
  }
  return { keys: argv.slice(index + 1, whereIndex), first, count: count === -1 ? 1 : count };
}

const LIST_SIDES: Record<string, boolean> = { LEFT: true, RIGHT: false };

function lmpopCommand(c: Client, argv: string[]): Reply {
  const { keys, first, count } = parseMpopArgs(argv, 1, LIST_SIDES);
  for (const key of keys) {
    const list = c.db.writeTyped(key, 'list');
    if (list === undefined || list.size === 0) continue;
    return [key, popMany(c, key, list, first, count)];
  }
  return NullArrayReply.instance;
}

function lmoveGeneric(c: Client, src: string, dst: string, fromHead: boolean, toHead: boolean): Reply {
  const db = c.db;
  const from = db.writeTyped(src, 'list');
  if (from === undefined || from.size === 0) return null;
  const target = db.lookupWrite(dst);
  if (target !== undefined && typeOf(target) !== 'list') throw new RedisError(ErrorText.wrongType);
  const value = from.pop(fromHead)!;
  const to = (target as ListValue | undefined) ?? new ListValue(c.server.store);
  to.push(value, toHead);
  if (target === undefined) db.set(dst, to);
  else if (to !== from) db.signalModified(dst);
  db.signalModified(src);
  return value;
}

function lmoveCommand(c: Client, argv: string[]): Reply {
  const fromHead = whereArg(argv[3]);
  const toHead = whereArg(argv[4]);
  return lmoveGeneric(c, argv[1], argv[2], fromHead, toHead);
}

function rpoplpushCommand(c: Client, argv: string[]): Reply {
  return lmoveGeneric(c, argv[1], argv[2], false, true);
}

// ---- blocking variants --------------------------------------------------------------------------

function bpopGeneric(c: Client, argv: string[], head: boolean): Reply {
  const keys = argv.slice(1, -1);
  const deadline = timeoutArg(argv[argv.length - 1]);
  return blockingCommand(c, {
    type: 'list',
    keys,
    deadline,
    timeoutReply: NullArrayReply.instance,
    serve: (client, from) => {
      for (const key of from) {
        const list = client.db.writeTyped(key, 'list');
        if (list === undefined || list.size === 0) continue;
        const value = list.pop(head)!;
        client.db.signalModified(key);
        return [key, value];
      }
      return undefined;
    },
  });
}

function blpopCommand(c: Client, argv: string[]): Reply {
  return bpopGeneric(c, argv, true);
}

function brpopCommand(c: Client, argv: string[]): Reply {
  return bpopGeneric(c, argv, false);
}

function blmpopCommand(c: Client, argv: string[]): Reply {
  const { keys, first, count } = parseMpopArgs(argv, 2, LIST_SIDES);
  const deadline = timeoutArg(argv[1]);
  return blockingCommand(c, {
    type: 'list',
    keys,
    deadline,
    timeoutReply: NullArrayReply.instance,
    serve: (client, from) => {
      for (const key of from) {
        const list = client.db.writeTyped(key, 'list');
        if (list === undefined || list.size === 0) continue;
        return [key, popMany(client, key, list, first, count)];
      }
      return undefined;
    },
  });
}

function blmoveGeneric(c: Client, src: string, dst: string, fromHead: boolean, toHead: boolean, deadline: number): Reply {
  return blockingCommand(c, {
    type: 'list',
    keys: [src],
    deadline,
    timeoutReply: null,
    serve: (client) => (client.db.writeTyped(src, 'list') === undefined ? undefined : lmoveGeneric(client, src, dst, fromHead, toHead)),
  });
}

function blmoveCommand(c: Client, argv: string[]): Reply {
  const fromHead = whereArg(argv[3]);
  const toHead = whereArg(argv[4]);
  return blmoveGeneric(c, argv[1], argv[2], fromHead, toHead, timeoutArg(argv[5]));
}

function brpoplpushCommand(c: Client, argv: string[]): Reply {
  return blmoveGeneric(c, argv[1], argv[2], false, true, timeoutArg(argv[3]));
}

// ---- reads ---------------------------------------------------------------------------------------

function llenCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'list')?.size ?? 0;
}

function lrangeCommand(c: Client, argv: string[]): Reply {
  const start = intArg(argv[2]);
  const stop = intArg(argv[3]);
  return c.db.readTyped(argv[1], 'list')?.range(start, stop) ?? [];
}

function lindexCommand(c: Client, argv: string[]): Reply {
  const list = c.db.readTyped(argv[1], 'list');
  if (list === undefined) return null;
  return list.index(intArg(argv[2])) ?? null;
}

function lposCommand(c: Client, argv: string[]): Reply {
  let rank = 1;
  let count = -1;
  let maxlen = 0;
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    const more = i + 1 < argv.length;
    if (opt === 'RANK' && more) {
      rank = intArg(argv[++i]);
      if (rank === 0) {
        throw new RedisError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
      }
    } else if (opt === 'COUNT' && more) count = positiveArg(argv[++i], "ERR COUNT can't be negative");
    else if (opt === 'MAXLEN' && more) maxlen = positiveArg(argv[++i], "ERR MAXLEN can't be negative");
    else throw new RedisError(ErrorText.syntax);
  }
  const list = c.db.readTyped(argv[1], 'list');
  if (list === undefined) return count === -1 ? null : [];
  const found = list.pos(argv[2], rank, count === -1 ? 1 : count, maxlen);
  if (count !== -1) return found;
  return found.length > 0 ? found[0] : null;
}

// ---- in-place edits ------------------------------------------------------------------------------

function lsetCommand(c: Client, argv: string[]): Reply {
  const list = c.db.writeTyped(argv[1], 'list');
  if (list === undefined) throw new RedisError(ErrorText.noSuchKey);
  if (!list.set(intArg(argv[2]), argv[3])) throw new RedisError(ErrorText.indexOutOfRange);
  c.db.signalModified(argv[1]);
  return OK;
}

function linsertCommand(c: Client, argv: string[]): Reply {
  const where = argv[2].toUpperCase();
  if (where !== 'BEFORE' && where !== 'AFTER') throw new RedisError(ErrorText.syntax);
  const list = c.db.writeTyped(argv[1], 'list');
  if (list === undefined) return 0;
  const n = list.insert(argv[3], argv[4], where === 'BEFORE');
  if (n > 0) c.db.signalModified(argv[1]);
  return n;
}

function lremCommand(c: Client, argv: string[]): Reply {
  const count = intArg(argv[2]);
  const list = c.db.writeTyped(argv[1], 'list');
  if (list === undefined) return 0;
  const removed = list.remove(count, argv[3]);
  if (removed > 0) c.db.signalModified(argv[1]);
  return removed;
}

function ltrimCommand(c: Client, argv: string[]): Reply {
  const start = intArg(argv[2]);
  const stop = intArg(argv[3]);
  const list = c.db.writeTyped(argv[1], 'list');
  if (list === undefined) return OK;
  list.trim(start, stop);
  c.db.signalModified(argv[1]);
  return OK;
}

// ---- table ---------------------------------------------------------------------------------------

const K1 = { first: 1, last: 1, step: 1 };
const K12 = { first: 1, last: 2, step: 1 };

export const listCommands: CommandSpec[] = [
  { name: 'lpush', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'insert'], acl: ['list'], summary: 'Prepend one or multiple elements to a list', since: '1.0.0', run: lpushCommand },
  { name: 'rpush', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'insert'], acl: ['list'], summary: 'Append one or multiple elements to a list', since: '1.0.0', run: rpushCommand },
  { name: 'lpushx', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'insert'], acl: ['list'], summary: 'Prepend an element to a list, only if the list exists', since: '2.2.0', run: lpushxCommand },
  { name: 'rpushx', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'insert'], acl: ['list'], summary: 'Append an element to a list, only if the list exists', since: '2.2.0', run: rpushxCommand },
  { name: 'lpop', arity: -2, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'delete'], acl: ['list'], summary: 'Remove and get the first elements in a list', since: '1.0.0', run: lpopCommand },
  { name: 'rpop', arity: -2, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'delete'], acl: ['list'], summary: 'Remove and get the last elements in a list', since: '1.0.0', run: rpopCommand },
  { name: 'lmpop', arity: -4, flags: ['write'], keySpecs: [numKeys(['RW', 'access', 'delete'], 1)], acl: ['list'], summary: 'Pop elements from a list', since: '7.0.0', getKeys: numkeysKeys(1), run: lmpopCommand },
  { name: 'lmove', arity: 5, flags: ['write', 'denyoom'], keys: K12, keySpecs: [rangeKeys(['RW', 'access', 'delete'], 1), rangeKeys(['RW', 'insert'], 2)], acl: ['list'], summary: 'Pop an element from a list, push it to another list and return it', since: '6.2.0', run: lmoveCommand },
  { name: 'rpoplpush', arity: 3, flags: ['write', 'denyoom'], keys: K12, keySpecs: [rangeKeys(['RW', 'access', 'delete'], 1), rangeKeys(['RW', 'insert'], 2)], acl: ['list'], summary: 'Remove the last element in a list, prepend it to another list and return it', since: '1.2.0', deprecated: { since: '6.2.0', replacedBy: '`LMOVE` with the `RIGHT` and `LEFT` arguments' }, run: rpoplpushCommand },
  { name: 'blpop', arity: -3, flags: ['write', 'noscript', 'blocking'], keys: { first: 1, last: -2, step: 1 }, keyFlags: ['RW', 'access', 'delete'], acl: ['list'], summary: 'Remove and get the first element in a list, or block until one is available', since: '2.0.0', run: blpopCommand },
  { name: 'brpop', arity: -3, flags: ['write', 'noscript', 'blocking'], keys: { first: 1, last: -2, step: 1 }, keyFlags: ['RW', 'access', 'delete'], acl: ['list'], summary: 'Remove and get the last element in a list, or block until one is available', since: '2.0.0', run: brpopCommand },
  { name: 'blmpop', arity: -5, flags: ['write', 'blocking'], keySpecs: [numKeys(['RW', 'access', 'delete'], 2)], acl: ['list'], summary: 'Pop elements from a list, or block until one is available', since: '7.0.0', getKeys: numkeysKeys(2), run: blmpopCommand },
  { name: 'blmove', arity: 6, flags: ['write', 'denyoom', 'noscript', 'blocking'], keys: K12, keySpecs: [rangeKeys(['RW', 'access', 'delete'], 1), rangeKeys(['RW', 'insert'], 2)], acl: ['list'], summary: 'Pop an element from a list, push it to another list and return it; or block until one is available', since: '6.2.0', run: blmoveCommand },
  { name: 'brpoplpush', arity: 4, flags: ['write', 'denyoom', 'noscript', 'blocking'], keys: K12, keySpecs: [rangeKeys(['RW', 'access', 'delete'], 1), rangeKeys(['RW', 'insert'], 2)], acl: ['list'], summary: 'Pop an element from a list, push it to another list and return it; or block until one is available', since: '2.2.0', deprecated: { since: '6.2.0', replacedBy: '`BLMOVE` with the `RIGHT` and `LEFT` arguments' }, run: brpoplpushCommand },
  { name: 'llen', arity: 2, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['list'], summary: 'Get the length of a list', since: '1.0.0', run: llenCommand },
  { name: 'lrange', arity: 4, flags: ['readonly'], keys: K1, acl: ['list'], summary: 'Get a range of elements from a list', since: '1.0.0', run: lrangeCommand },
  { name: 'lindex', arity: 3, flags: ['readonly'], keys: K1, acl: ['list'], summary: 'Get an element from a list by its index', since: '1.0.0', run: lindexCommand },
  { name: 'lpos', arity: -3, flags: ['readonly'], keys: K1, acl: ['list'], summary: 'Return the index of matching elements on a list', since: '6.0.6', run: lposCommand },
  { name: 'lset', arity: 4, flags: ['write', 'denyoom'], keys: K1, acl: ['list'], summary: 'Set the value of an element in a list by its index', since: '1.0.0', run: lsetCommand },
  { name: 'linsert', arity: 5, flags: ['write', 'denyoom'], keys: K1, keyFlags: ['RW', 'insert'], acl: ['list'], summary: 'Insert an element before or after another element in a list', since: '2.2.0', run: linsertCommand },
  { name: 'lrem', arity: 4, flags: ['write'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['list'], summary: 'Remove elements from a list', since: '1.0.0', run: lremCommand },
  { name: 'ltrim', arity: 4, flags: ['write'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['list'], summary: 'Trim a list to the specified range', since: '1.0.0', run: ltrimCommand },
];
