// Set commands. Values are the store's SetValue (intset while all members are integers and few,
// then hashtable); the algebra (SINTER/SUNION/SDIFF and their STORE forms) uses the store's helpers.
import { SetReply, type Reply } from '@ferrous/resp';
import { SetValue, setDifference, setIntersection, setUnion, typeOf } from '@ferrous/store';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { numKeys, rangeKeys } from '../dispatch/key-specs';
import { ErrorText, RedisError } from '../errors';
import { checkRandomReplySize, numkeysKeys, parseCardArgs, parseScanArgs, positiveArg, randomCountArg } from './collection-args';
import { parseCursor } from './keyspace';

const EMPTY_SET = new SetReply([]);

/** The sets at `keys` (undefined for missing keys); WRONGTYPE if any key holds another type. */
function readSets(c: Client, keys: readonly string[], write: boolean): Array<SetValue | undefined> {
  const db = c.db;
  return keys.map((k) => (write ? db.writeTyped(k, 'set') : db.readTyped(k, 'set')));
}

/** Replaces `dst` with a set of `members` (deleting it when empty); returns the cardinality. */
function storeSet(c: Client, dst: string, members: readonly string[]): number {
  if (members.length === 0) c.db.delete(dst);
  else c.db.set(dst, SetValue.fromMembers(c.server.store, members));
  return members.length;
}

// ---- single-set commands -------------------------------------------------------------------------

function saddCommand(c: Client, argv: string[]): Reply {
  const db = c.db;
  const key = argv[1];
  const existing = db.writeTyped(key, 'set');
  const set = existing ?? new SetValue(c.server.store);
  let added = 0;
  for (let i = 2; i < argv.length; i++) if (set.add(argv[i])) added++;
  if (existing === undefined) db.set(key, set);
  else if (added > 0) db.signalModified(key);
  return added;
}

function sremCommand(c: Client, argv: string[]): Reply {
  const set = c.db.writeTyped(argv[1], 'set');
  if (set === undefined) return 0;
  let removed = 0;
  for (let i = 2; i < argv.length; i++) {
    if (set.remove(argv[i])) {
      removed++;
      if (set.size === 0) break;
    }
  }
  if (removed > 0) c.db.signalModified(argv[1]);
  return removed;
}

function smembersCommand(c: Client, argv: string[]): Reply {
  const set = c.db.readTyped(argv[1], 'set');
  return set === undefined ? EMPTY_SET : new SetReply(set.members());
}

function sismemberCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'set')?.has(argv[2]) ? 1 : 0;
}

function smismemberCommand(c: Client, argv: string[]): Reply {
  const set = c.db.readTyped(argv[1], 'set');
  const out: number[] = new Array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) out[i - 2] = set?.has(argv[i]) ? 1 : 0;
  return out;
}

function scardCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'set')?.size ?? 0;
}

function spopCommand(c: Client, argv: string[]): Reply {
  if (argv.length > 3) throw new RedisError(ErrorText.syntax);
  const count = argv.length === 3 ? positiveArg(argv[2]) : -1;
  const set = c.db.writeTyped(argv[1], 'set');
  if (set === undefined) return count < 0 ? null : EMPTY_SET;
  if (count === 0) return EMPTY_SET;
  const popped = set.pop(count < 0 ? 1 : count);
  c.db.signalModified(argv[1]);
  return count < 0 ? popped[0] : new SetReply(popped);
}

function srandmemberCommand(c: Client, argv: string[]): Reply {
  if (argv.length > 3) throw new RedisError(ErrorText.syntax);
  if (argv.length === 2) return c.db.readTyped(argv[1], 'set')?.randomMember() ?? null;
  const count = randomCountArg(argv[2]);
  const set = c.db.readTyped(argv[1], 'set');
  if (set === undefined || count === 0) return [];
  checkRandomReplySize(count);
  return set.randomMembers(count);
}

function smoveCommand(c: Client, argv: string[]): Reply {
  const db = c.db;
  const [, srcKey, dstKey, member] = argv;
  const src = db.lookupWrite(srcKey);
  const dst = db.lookupWrite(dstKey);
  if (src === undefined) return 0;
  if (typeOf(src) !== 'set' || (dst !== undefined && typeOf(dst) !== 'set')) throw new RedisError(ErrorText.wrongType);
  const from = src as SetValue;
  if (src === dst) return from.has(member) ? 1 : 0;
  if (!from.remove(member)) return 0;
  db.signalModified(srcKey);
  if (dst === undefined) db.set(dstKey, SetValue.fromMembers(c.server.store, [member]));
  else if ((dst as SetValue).add(member)) db.signalModified(dstKey);
  return 1;
}

function sscanCommand(c: Client, argv: string[]): Reply {
  const cursor = parseCursor(argv[2]);
  const set = c.db.readTyped(argv[1], 'set');
  if (set === undefined) return ['0', []];
  const { count, match } = parseScanArgs(argv);
  const [next, items] = set.scan(cursor, count, match);
  return [String(next), items];
}

// ---- algebra -------------------------------------------------------------------------------------

function sinterCommand(c: Client, argv: string[]): Reply {
  return new SetReply(setIntersection(readSets(c, argv.slice(1), false)));
}

function sintercardCommand(c: Client, argv: string[]): Reply {
  const { keys, limit } = parseCardArgs(argv);
  return setIntersection(readSets(c, keys, false), limit).length;
}

function sinterstoreCommand(c: Client, argv: string[]): Reply {
  const members = setIntersection(readSets(c, argv.slice(2), true));
  return storeSet(c, argv[1], members);
}

function sunionCommand(c: Client, argv: string[]): Reply {
  return new SetReply(setUnion(readSets(c, argv.slice(1), false)));
}

function sunionstoreCommand(c: Client, argv: string[]): Reply {
  return storeSet(c, argv[1], setUnion(readSets(c, argv.slice(2), true)));
}

function sdiffCommand(c: Client, argv: string[]): Reply {
  return new SetReply(setDifference(readSets(c, argv.slice(1), false)));
}

function sdiffstoreCommand(c: Client, argv: string[]): Reply {
  return storeSet(c, argv[1], setDifference(readSets(c, argv.slice(2), true)));
}

// ---- table ---------------------------------------------------------------------------------------

const K1 = { first: 1, last: 1, step: 1 };
const KALL = { first: 1, last: -1, step: 1 };

export const setCommands: CommandSpec[] = [
  { name: 'sadd', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'insert'], acl: ['set'], summary: 'Add one or more members to a set', since: '1.0.0', run: saddCommand },
  { name: 'srem', arity: -3, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['set'], summary: 'Remove one or more members from a set', since: '1.0.0', run: sremCommand },
  { name: 'smembers', arity: 2, flags: ['readonly'], keys: K1, acl: ['set'], summary: 'Get all the members in a set', since: '1.0.0', tips: ['nondeterministic_output_order'], run: smembersCommand },
  { name: 'sismember', arity: 3, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['set'], summary: 'Determine if a given value is a member of a set', since: '1.0.0', run: sismemberCommand },
  { name: 'smismember', arity: -3, flags: ['readonly', 'fast'], keys: K1, acl: ['set'], summary: 'Returns the membership associated with the given elements for a set', since: '6.2.0', run: smismemberCommand },
  { name: 'scard', arity: 2, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['set'], summary: 'Get the number of members in a set', since: '1.0.0', run: scardCommand },
  { name: 'spop', arity: -2, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'delete'], acl: ['set'], summary: 'Remove and return one or multiple random members from a set', since: '1.0.0', tips: ['nondeterministic_output'], run: spopCommand },
  { name: 'srandmember', arity: -2, flags: ['readonly'], keys: K1, acl: ['set'], summary: 'Get one or multiple random members from a set', since: '1.0.0', tips: ['nondeterministic_output'], run: srandmemberCommand },
  { name: 'smove', arity: 4, flags: ['write', 'fast'], keys: { first: 1, last: 2, step: 1 }, keySpecs: [rangeKeys(['RW', 'access', 'delete'], 1), rangeKeys(['RW', 'insert'], 2)], acl: ['set'], summary: 'Move a member from one set to another', since: '1.0.0', run: smoveCommand },
  { name: 'sinter', arity: -2, flags: ['readonly'], keys: KALL, acl: ['set'], summary: 'Intersect multiple sets', since: '1.0.0', tips: ['nondeterministic_output_order'], run: sinterCommand },
  { name: 'sintercard', arity: -3, flags: ['readonly'], keySpecs: [numKeys(['RO', 'access'], 1)], acl: ['set'], summary: 'Intersect multiple sets and return the cardinality of the result', since: '7.0.0', getKeys: numkeysKeys(1), run: sintercardCommand },
  { name: 'sinterstore', arity: -3, flags: ['write', 'denyoom'], keys: KALL, keySpecs: [rangeKeys(['RW', 'update'], 1), rangeKeys(['RO', 'access'], 2, -1)], acl: ['set'], summary: 'Intersect multiple sets and store the resulting set in a key', since: '1.0.0', run: sinterstoreCommand },
  { name: 'sunion', arity: -2, flags: ['readonly'], keys: KALL, acl: ['set'], summary: 'Add multiple sets', since: '1.0.0', tips: ['nondeterministic_output_order'], run: sunionCommand },
  { name: 'sunionstore', arity: -3, flags: ['write', 'denyoom'], keys: KALL, keySpecs: [rangeKeys(['OW', 'update'], 1), rangeKeys(['RO', 'access'], 2, -1)], acl: ['set'], summary: 'Add multiple sets and store the resulting set in a key', since: '1.0.0', run: sunionstoreCommand },
  { name: 'sdiff', arity: -2, flags: ['readonly'], keys: KALL, acl: ['set'], summary: 'Subtract multiple sets', since: '1.0.0', tips: ['nondeterministic_output_order'], run: sdiffCommand },
  { name: 'sdiffstore', arity: -3, flags: ['write', 'denyoom'], keys: KALL, keySpecs: [rangeKeys(['OW', 'update'], 1), rangeKeys(['RO', 'access'], 2, -1)], acl: ['set'], summary: 'Subtract multiple sets and store the resulting set in a key', since: '1.0.0', run: sdiffstoreCommand },
  { name: 'sscan', arity: -3, flags: ['readonly'], keys: K1, acl: ['set'], summary: 'Incrementally iterate Set elements', since: '2.8.0', tips: ['nondeterministic_output'], run: sscanCommand },
];
