// Hash commands. Values are the store's HashValue (listpack until hash-max-listpack-*, then
// hashtable); a handler looks the key up once, mutates in place and signals the change.
import { MapReply, type Reply } from '@ferrous/resp';
import { checkFloatIncrement, HashValue } from '@ferrous/store';
import { int64Arg } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { ErrorText, RedisError, ServerError } from '../errors';
import { OK } from '../reply';
import { checkRandomReplySize, LONG_MAX_HALF, parseScanArgs, randomCountArg } from './collection-args';
import { parseCursor } from './keyspace';

/** A new, not yet stored hash for a write to a missing key. */
function newHash(c: Client): HashValue {
  return new HashValue(c.server.store);
}

/** Stores a new hash (`existing` undefined) or signals the in-place change of an existing one. */
function commit(c: Client, key: string, hash: HashValue, existing: HashValue | undefined): void {
  if (existing !== undefined) c.db.signalModified(key);
  else if (hash.size > 0) c.db.set(key, hash);
}

// ---- writes --------------------------------------------------------------------------------------

function hsetGeneric(c: Client, argv: string[]): number {
  if (argv.length % 2 === 1) throw new RedisError(ServerError.wrongArity(argv[0].toLowerCase()));
  const existing = c.db.writeTyped(argv[1], 'hash');
  const hash = existing ?? newHash(c);
  let added = 0;
  for (let i = 2; i < argv.length; i += 2) if (hash.set(argv[i], argv[i + 1])) added++;
  commit(c, argv[1], hash, existing);
  return added;
}

function hsetCommand(c: Client, argv: string[]): Reply {
  return hsetGeneric(c, argv);
}

function hmsetCommand(c: Client, argv: string[]): Reply {
  hsetGeneric(c, argv);
  return OK;
}

function hsetnxCommand(c: Client, argv: string[]): Reply {
  const existing = c.db.writeTyped(argv[1], 'hash');
  const hash = existing ?? newHash(c);
  if (!hash.setIfAbsent(argv[2], argv[3])) return 0;
  commit(c, argv[1], hash, existing);
  return 1;
}

function hdelCommand(c: Client, argv: string[]): Reply {
  const hash = c.db.writeTyped(argv[1], 'hash');
  if (hash === undefined) return 0;
  let deleted = 0;
  for (let i = 2; i < argv.length; i++) {
    if (hash.delete(argv[i])) {
      deleted++;
      if (hash.size === 0) break;
    }
  }
  if (deleted > 0) c.db.signalModified(argv[1]);
  return deleted;
}

function hincrbyCommand(c: Client, argv: string[]): Reply {
  const delta = int64Arg(argv[3]);
  const existing = c.db.writeTyped(argv[1], 'hash');
  const hash = existing ?? newHash(c);
  const next = hash.incrBy(argv[2], delta);
  commit(c, argv[1], hash, existing);
  const n = Number(next);
  return Number.isSafeInteger(n) ? n : BigInt(next);
}

function hincrbyfloatCommand(c: Client, argv: string[]): Reply {
  checkFloatIncrement(argv[3]);
  const existing = c.db.writeTyped(argv[1], 'hash');
  const hash = existing ?? newHash(c);
  const next = hash.incrByFloat(argv[2], argv[3]);
  commit(c, argv[1], hash, existing);
  return next;
}

// ---- reads ---------------------------------------------------------------------------------------

function hgetCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'hash')?.get(argv[2]) ?? null;
}

function hmgetCommand(c: Client, argv: string[]): Reply {
  const hash = c.db.readTyped(argv[1], 'hash');
  const out: Reply[] = new Array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) out[i - 2] = hash?.get(argv[i]) ?? null;
  return out;
}

function hlenCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'hash')?.size ?? 0;
}

function hstrlenCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'hash')?.strlen(argv[2]) ?? 0;
}

function hexistsCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'hash')?.has(argv[2]) ? 1 : 0;
}

function hkeysCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'hash')?.fields() ?? [];
}

function hvalsCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'hash')?.values() ?? [];
}

function hgetallCommand(c: Client, argv: string[]): Reply {
  return new MapReply(c.db.readTyped(argv[1], 'hash')?.toArray() ?? []);
}

function hrandfieldCommand(c: Client, argv: string[]): Reply {
  if (argv.length === 2) {
    const hash = c.db.readTyped(argv[1], 'hash');
    if (hash === undefined) return null;
    return hash.randomFields(1)[0][0];
  }
  const count = randomCountArg(argv[2]);
  let withValues = false;
  if (argv.length > 4 || (argv.length === 4 && argv[3].toUpperCase() !== 'WITHVALUES')) throw new RedisError(ErrorText.syntax);
  if (argv.length === 4) {
    withValues = true;
    if (Math.abs(count) > LONG_MAX_HALF) throw new RedisError('ERR value is out of range');
  }
  const hash = c.db.readTyped(argv[1], 'hash');
  if (hash === undefined || count === 0) return [];
  checkRandomReplySize(count);
  const pairs = hash.randomFields(count);
  if (!withValues) return pairs.map((p) => p[0]);
  if (c.resp === 3) return pairs;
  const out: string[] = [];
  for (const [f, v] of pairs) out.push(f, v);
  return out;
}

function hscanCommand(c: Client, argv: string[]): Reply {
  const cursor = parseCursor(argv[2]);
  const hash = c.db.readTyped(argv[1], 'hash');
  if (hash === undefined) return ['0', []];
  const { count, match } = parseScanArgs(argv);
  const [next, items] = hash.scan(cursor, count, match);
  return [String(next), items];
}

// ---- table ---------------------------------------------------------------------------------------

const K1 = { first: 1, last: 1, step: 1 };

export const hashCommands: CommandSpec[] = [
  { name: 'hset', arity: -4, flags: ['write', 'denyoom', 'fast'], keys: K1, acl: ['hash'], summary: 'Set the string value of a hash field', since: '2.0.0', run: hsetCommand },
  { name: 'hmset', arity: -4, flags: ['write', 'denyoom', 'fast'], keys: K1, acl: ['hash'], summary: 'Set multiple hash fields to multiple values', since: '2.0.0', deprecated: { since: '4.0.0', replacedBy: '`HSET` with multiple field-value pairs' }, run: hmsetCommand },
  { name: 'hsetnx', arity: 4, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'insert'], acl: ['hash'], summary: 'Set the value of a hash field, only if the field does not exist', since: '2.0.0', run: hsetnxCommand },
  { name: 'hget', arity: 3, flags: ['readonly', 'fast'], keys: K1, acl: ['hash'], summary: 'Get the value of a hash field', since: '2.0.0', run: hgetCommand },
  { name: 'hmget', arity: -3, flags: ['readonly', 'fast'], keys: K1, acl: ['hash'], summary: 'Get the values of all the given hash fields', since: '2.0.0', run: hmgetCommand },
  { name: 'hdel', arity: -3, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['hash'], summary: 'Delete one or more hash fields', since: '2.0.0', run: hdelCommand },
  { name: 'hlen', arity: 2, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['hash'], summary: 'Get the number of fields in a hash', since: '2.0.0', run: hlenCommand },
  { name: 'hstrlen', arity: 3, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['hash'], summary: 'Get the length of the value of a hash field', since: '3.2.0', run: hstrlenCommand },
  { name: 'hexists', arity: 3, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['hash'], summary: 'Determine if a hash field exists', since: '2.0.0', run: hexistsCommand },
  { name: 'hkeys', arity: 2, flags: ['readonly'], keys: K1, acl: ['hash'], summary: 'Get all the fields in a hash', since: '2.0.0', tips: ['nondeterministic_output_order'], run: hkeysCommand },
  { name: 'hvals', arity: 2, flags: ['readonly'], keys: K1, acl: ['hash'], summary: 'Get all the values in a hash', since: '2.0.0', tips: ['nondeterministic_output_order'], run: hvalsCommand },
  { name: 'hgetall', arity: 2, flags: ['readonly'], keys: K1, acl: ['hash'], summary: 'Get all the fields and values in a hash', since: '2.0.0', tips: ['nondeterministic_output_order'], run: hgetallCommand },
  { name: 'hincrby', arity: 4, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['hash'], summary: 'Increment the integer value of a hash field by the given number', since: '2.0.0', run: hincrbyCommand },
  { name: 'hincrbyfloat', arity: 4, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['hash'], summary: 'Increment the float value of a hash field by the given amount', since: '2.6.0', run: hincrbyfloatCommand },
  { name: 'hrandfield', arity: -2, flags: ['readonly'], keys: K1, acl: ['hash'], summary: 'Get one or multiple random fields from a hash', since: '6.2.0', tips: ['nondeterministic_output'], run: hrandfieldCommand },
  { name: 'hscan', arity: -3, flags: ['readonly'], keys: K1, acl: ['hash'], summary: 'Incrementally iterate hash fields and associated values', since: '2.8.0', tips: ['nondeterministic_output'], run: hscanCommand },
];
