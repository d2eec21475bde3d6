// Keyspace commands: existence, deletion, renaming, copying between databases, iteration,
// expiry (EXPIRE family, TTL family, PERSIST), OBJECT, and whole-database operations.
import { SimpleString, type Reply } from '@ferrous/resp';
import { ListValue, parseFloat, typeOf, type Database } from '@ferrous/store';
import { int32Arg, intArg } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { rangeKeys, unknownKeys } from '../dispatch/key-specs';
import { ErrorText, RedisError } from '../errors';
import { helpReply, OK } from '../reply';
import { persistenceOf } from '../persistence/persistence';
import { parseScanArgs } from './collection-args';
import { expireAt } from './expire-time';

// ---- argument parsing --------------------------------------------------------------------------

/** A database index argument: integer, then in range. */
function dbArg(c: Client, text: string): Database {
  return c.server.store.db(int32Arg(text));
}

const ULONG_MAX = 18446744073709551615n;

/**
 * SCAN cursors are unsigned 64-bit, read with strtoul: '' is 0, a sign is allowed, negative text
 * wraps to a huge, finished cursor; leading space, junk and overflow are invalid.
 */
export function parseCursor(text: string): number {
  if (text === '') return 0;
  const m = /^([+-]?)([0-9]+)$/.exec(text);
  if (m === null || BigInt(m[2]) > ULONG_MAX) throw new RedisError(ErrorText.invalidCursor);
  const n = Number(m[2]);
  return (m[1] === '-' && n !== 0) || !Number.isSafeInteger(n) ? Number.MAX_SAFE_INTEGER : n;
}

interface ExpireFlags {
  nx: boolean;
  xx: boolean;
  gt: boolean;
  lt: boolean;
}

function parseExpireFlags(argv: string[]): ExpireFlags {
  const f = { nx: false, xx: false, gt: false, lt: false };
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    if (opt === 'NX') f.nx = true;
    else if (opt === 'XX') f.xx = true;
    else if (opt === 'GT') f.gt = true;
    else if (opt === 'LT') f.lt = true;
    else throw new RedisError(`ERR Unsupported option ${argv[i]}`);
  }
  if (f.nx && (f.xx || f.gt || f.lt)) throw new RedisError('ERR NX and XX, GT or LT options at the same time are not compatible');
  if (f.gt && f.lt) throw new RedisError('ERR GT and LT options at the same time are not compatible');
  return f;
}

// ---- existence and deletion ----------------------------------------------------------------------

function delCommand(c: Client, argv: string[]): Reply {
  let n = 0;
  for (let i = 1; i < argv.length; i++) if (c.db.delete(argv[i])) n++;
  return n;
}

function existsCommand(c: Client, argv: string[]): Reply {
  let n = 0;
  for (let i = 1; i < argv.length; i++) if (c.db.exists(argv[i])) n++;
  return n;
}

function touchCommand(c: Client, argv: string[]): Reply {
  let n = 0;
  for (let i = 1; i < argv.length; i++) if (c.db.touch(argv[i])) n++;
  return n;
}

function typeCommand(c: Client, argv: string[]): Reply {
  const v = c.db.lookupRead(argv[1], true);
  return new SimpleString(v === undefined ? 'none' : typeOf(v));
}

// ---- iteration -----------------------------------------------------------------------------------

function keysCommand(c: Client, argv: string[]): Reply {
  return c.db.keys(argv[1]);
}

function scanCommand(c: Client, argv: string[]): Reply {
  const cursor = parseCursor(argv[1]);
  const { count, match, type } = parseScanArgs(argv, 2, true);
  const [next, keys] = c.db.scan(cursor, { count, match, type });
  return [String(next), keys];
}

function randomkeyCommand(c: Client): Reply {
  return c.db.randomKey() ?? null;
}

function dbsizeCommand(c: Client): Reply {
  return c.db.size;
}

// ---- renaming and copying ------------------------------------------------------------------------

function renameCommand(c: Client, argv: string[]): Reply {
  c.db.rename(argv[1], argv[2]);
  return OK;
}

function renamenxCommand(c: Client, argv: string[]): Reply {
  return c.db.rename(argv[1], argv[2], true) ? 1 : 0;
}

function copyCommand(c: Client, argv: string[]): Reply {
  let target = c.db;
  let replace = false;
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    if (opt === 'REPLACE') replace = true;
    else if (opt === 'DB' && i + 1 < argv.length) target = dbArg(c, argv[++i]);
    else throw new RedisError(ErrorText.syntax);
  }
  return c.db.copy(argv[1], target, argv[2], replace) ? 1 : 0;
}

function moveCommand(c: Client, argv: string[]): Reply {
  const target = dbArg(c, argv[2]);
  return c.db.move(argv[1], target) ? 1 : 0;
}

function swapdbCommand(c: Client, argv: string[]): Reply {
  const a = int32Arg(argv[1], 'ERR invalid first DB index');
  const b = int32Arg(argv[2], 'ERR invalid second DB index');
  c.server.store.swapDb(a, b);
  return OK;
}

function flushMode(argv: string[]): void {
  if (argv.length > 2) throw new RedisError(ErrorText.syntax);
  if (argv.length === 2) {
    const mode = argv[1].toUpperCase();
    if (mode !== 'SYNC' && mode !== 'ASYNC') throw new RedisError(ErrorText.syntax);
  }
}

function flushdbCommand(c: Client, argv: string[]): Reply {
  flushMode(argv);
  c.db.flush();
  return OK;
}

function flushallCommand(c: Client, argv: string[]): Reply {
  flushMode(argv);
  c.server.store.flushAll();
  persistenceOf(c.server).afterFlushAll();
  return OK;
}

// ---- expiry --------------------------------------------------------------------------------------

function expireGeneric(c: Client, argv: string[], seconds: boolean, relative: boolean): Reply {
  const flags = parseExpireFlags(argv);
  const when = expireAt(argv[2], seconds, relative ? Date.now() : 0, argv[0].toLowerCase());
  const db = c.db;
  const key = argv[1];
  if (!db.exists(key)) return 0;
  const current = db.getExpire(key);
  if (flags.nx && current !== -1) return 0;
  if (flags.xx && current === -1) return 0;
  if (flags.gt && (current === -1 || when <= current)) return 0;
  if (flags.lt && current !== -1 && when >= current) return 0;
  if (when <= Date.now()) db.delete(key);
  else db.setExpire(key, when);
  return 1;
}

function expireCommand(c: Client, argv: string[]): Reply {
  return expireGeneric(c, argv, true, true);
}

function pexpireCommand(c: Client, argv: string[]): Reply {
  return expireGeneric(c, argv, false, true);
}

function expireatCommand(c: Client, argv: string[]): Reply {
  return expireGeneric(c, argv, true, false);
}

function pexpireatCommand(c: Client, argv: string[]): Reply {
  return expireGeneric(c, argv, false, false);
}

/** -2 missing, -1 no TTL, else the remaining time (ms, or seconds rounded like Redis). */
function ttlGeneric(c: Client, key: string, ms: boolean): Reply {
  if (!c.db.exists(key)) return -2;
  const when = c.db.getExpire(key);
  if (when === -1) return -1;
  const ttl = Math.max(0, when - Date.now());
  return ms ? ttl : Math.floor((ttl + 500) / 1000);
}

function ttlCommand(c: Client, argv: string[]): Reply {
  return ttlGeneric(c, argv[1], false);
}

function pttlCommand(c: Client, argv: string[]): Reply {
  return ttlGeneric(c, argv[1], true);
}

function expiretimeGeneric(c: Client, key: string, ms: boolean): Reply {
  if (!c.db.exists(key)) return -2;
  const when = c.db.getExpire(key);
  if (when === -1) return -1;
  return ms ? when : Math.floor(when / 1000);
}

function expiretimeCommand(c: Client, argv: string[]): Reply {
  return expiretimeGeneric(c, argv[1], false);
}

function pexpiretimeCommand(c: Client, argv: string[]): Reply {
  return expiretimeGeneric(c, argv[1], true);
}

function persistCommand(c: Client, argv: string[]): Reply {
  return c.db.persist(argv[1]) ? 1 : 0;
}

// ---- OBJECT --------------------------------------------------------------------------------------

const LFU_NOTE = 'Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';

function isLfu(c: Client): boolean {
  return c.server.config.str('maxmemory-policy').endsWith('lfu');
}

function objectEncodingCommand(c: Client, argv: string[]): Reply {
  return c.db.objectEncoding(argv[2]) ?? null;
}

function objectFreqCommand(c: Client, argv: string[]): Reply {
  if (!c.db.exists(argv[2])) return null;
  if (!isLfu(c)) throw new RedisError(`ERR An LFU maxmemory policy is not selected, access frequency not tracked. ${LFU_NOTE}`);
  return c.db.objectFreq(argv[2]) ?? null;
}

function objectIdletimeCommand(c: Client, argv: string[]): Reply {
  if (!c.db.exists(argv[2])) return null;
  if (isLfu(c)) throw new RedisError(`ERR An LFU maxmemory policy is selected, idle time not tracked. ${LFU_NOTE}`);
  return c.db.objectIdleTime(argv[2]) ?? null;
}

/** Redis shares the integer objects 0..9999, whose refcount reads as INT_MAX. */
function objectRefcountCommand(c: Client, argv: string[]): Reply {
  const v = c.db.lookupRead(argv[2], true);
  if (v === undefined) return null;
  const shared = typeof v === 'string' && /^(0|[1-9][0-9]{0,3})$/.test(v) && c.db.objectEncoding(argv[2]) === 'int';
  return shared && c.server.config.int('maxmemory') === 0 ? 2147483647 : 1;
}

function objectHelpCommand(): Reply {
  return helpReply('object', [
    'ENCODING <key>',
    '    Return the kind of internal representation used in order to store the value',
    '    associated with a <key>.',
    'FREQ <key>',
    '    Return the access frequency index of the <key>. The returned integer is',
    '    proportional to the logarithm of the recent access frequency of the key.',
    'IDLETIME <key>',
    '    Return the idle time of the <key>, that is the approximated number of',
    '    seconds elapsed since the last access to the key.',
    'REFCOUNT <key>',
    '    Return the number of references of the value associated with the specified',
    '    <key>.',
  ]);
}

// ---- SORT ----------------------------------------------------------------------------------------

interface SortArgs {
  by: string | null;
  dontSort: boolean;
  offset: number;
  count: number;
  get: string[];
  desc: boolean;
  alpha: boolean;
  store: string | null;
}

function parseSortArgs(argv: string[], readOnly: boolean): SortArgs {
  const a: SortArgs = { by: null, dontSort: false, offset: 0, count: -1, get: [], desc: false, alpha: false, store: null };
  for (let i = 2; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    const left = argv.length - i - 1;
    if (opt === 'ASC') a.desc = false;
    else if (opt === 'DESC') a.desc = true;
    else if (opt === 'ALPHA') a.alpha = true;
    else if (opt === 'LIMIT' && left >= 2) {
      a.offset = intArg(argv[i + 1]);
      a.count = intArg(argv[i + 2]);
      i += 2;
    } else if (opt === 'STORE' && left >= 1 && !readOnly) a.store = argv[++i];
    else if (opt === 'BY' && left >= 1) {
      a.by = argv[++i];
      // A BY pattern without '*' means "do not sort" (e.g. BY nosort).
      if (!a.by.includes('*')) a.dontSort = true;
    } else if (opt === 'GET' && left >= 1) a.get.push(argv[++i]);
    else throw new RedisError(ErrorText.syntax);
  }
  return a;
}

/** SORT's BY/GET lookup: `#` is the element, `k_*` a string key, `h_*->field` a hash field. */
function lookupByPattern(db: Database, pattern: string, element: string): string | null {
  if (pattern === '#') return element;
  const star = pattern.indexOf('*');
  if (star < 0) return null;
  const arrow = pattern.indexOf('->', star + 1);
  const field = arrow > 0 && arrow + 2 < pattern.length ? pattern.slice(arrow + 2) : null;
  const key = pattern.slice(0, star) + element + pattern.slice(star + 1, field !== null ? arrow : pattern.length);
  const v = db.lookupRead(key);
  if (v === undefined) return null;
  if (field !== null) return typeof v !== 'string' && v.type === 'hash' ? (v.get(field) ?? null) : null;
  return typeof v === 'string' ? v : null;
}

/** strtod-like score of a SORT weight: leading spaces allowed, empty is 0; null when invalid. */
function sortScore(text: string): number | null {
  const t = text.replace(/^[ \t\n\v\f\r]+/, '');
  if (t === '') return 0;
  return parseFloat(t);
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortGeneric(c: Client, argv: string[], readOnly: boolean): Reply {
  const args = parseSortArgs(argv, readOnly);
  const db = c.db;
  const value = db.lookupRead(argv[1]);
  if (value !== undefined && (typeof value === 'string' || value.type === 'hash' || value.type === 'stream')) throw new RedisError(ErrorText.wrongType);
  let dontSort = args.dontSort;
  let alpha = args.alpha;
  let by = args.by;
  if (dontSort && value !== undefined && value.type === 'set' && (args.store !== null || c.isScript)) {
    // Sets have no order of their own: force a deterministic sort when storing or in a script.
    dontSort = false;
    alpha = true;
    by = null;
  }
  // Redis converts a sorted set it sorts to a skiplist (visible in OBJECT ENCODING, ZSCAN scores).
  if (value?.type === 'zset') value.convertToSkiplist();
  let elements: string[] = [];
  if (value !== undefined) {
    if (value.type === 'list') elements = value.toArray();
    else if (value.type === 'set') elements = value.members();
    else {
      elements = value.entries().map(([m]) => m);
      if (dontSort && args.desc) elements.reverse();
    }
  }
  if (!dontSort) {
    const weights = new Map<string, string | number | null>();
    for (const el of elements) {
      const w = by !== null ? lookupByPattern(db, by, el) : el;
      if (alpha) weights.set(el, w);
      else {
        const score = w === null ? 0 : sortScore(w);
        if (score === null || Number.isNaN(score)) throw new RedisError("ERR One or more scores can't be converted into double");
        weights.set(el, score);
      }
    }
    elements.sort((x, y) => {
      const wx = weights.get(x)!;
      const wy = weights.get(y)!;
      let cmp: number;
      if (!alpha) cmp = (wx as number) > (wy as number) ? 1 : (wx as number) < (wy as number) ? -1 : byteCompare(x, y);
      else if (by !== null) cmp = wx === null || wy === null ? (wx === wy ? 0 : wx === null ? -1 : 1) : byteCompare(wx as string, wy as string);
      else cmp = byteCompare(x, y);
      return args.desc ? -cmp : cmp;
    });
  }
  const n = elements.length;
  let start = args.offset < 0 ? 0 : args.offset;
  let end = args.count < 0 ? n - 1 : start + args.count - 1;
  if (start >= n) {
    start = n - 1;
    end = n - 2;
  }
  if (end >= n) end = n - 1;
  const out: (string | null)[] = [];
  for (let i = start; i <= end; i++) {
    if (args.get.length === 0) out.push(elements[i]);
    else for (const pattern of args.get) out.push(lookupByPattern(db, pattern, elements[i]));
  }
  if (args.store === null) return out;
  if (out.length === 0) {
    db.delete(args.store);
    return 0;
  }
  const list = new ListValue(c.server.store);
  for (const v of out) list.push(v ?? '', false);
  db.set(args.store, list);
  return out.length;
}

function sortCommand(c: Client, argv: string[]): Reply {
  return sortGeneric(c, argv, false);
}

function sortRoCommand(c: Client, argv: string[]): Reply {
  return sortGeneric(c, argv, true);
}

/** SORT's keys: the source, and the STORE destination when present. */
function sortKeys(argv: string[]): number[] {
  const keys = [1];
  for (let i = 2; i < argv.length - 1; i++) if (argv[i].toUpperCase() === 'STORE') keys.push(++i);
  return keys;
}

// ---- table ---------------------------------------------------------------------------------------

const K1 = { first: 1, last: 1, step: 1 };
const K2 = { first: 2, last: 2, step: 1 };
const KALL = { first: 1, last: -1, step: 1 };
/** SORT's BY/GET patterns name keys from the sorted values; its STORE key may be anywhere. */
const SORT_PATTERN_KEYS = unknownKeys(['RO', 'access'], "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort");
const SORT_STORE_KEY = unknownKeys(['OW', 'update'], "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array");

export const keyspaceCommands: CommandSpec[] = [
  { name: 'del', arity: -2, flags: ['write'], keys: KALL, keyFlags: ['RM', 'delete'], acl: ['keyspace'], summary: 'Delete a key', since: '1.0.0', tips: ['request_policy:multi_shard', 'response_policy:agg_sum'], run: delCommand },
  { name: 'unlink', arity: -2, flags: ['write', 'fast'], keys: KALL, keyFlags: ['RM', 'delete'], acl: ['keyspace'], summary: 'Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.', since: '4.0.0', tips: ['request_policy:multi_shard', 'response_policy:agg_sum'], run: delCommand },
  { name: 'exists', arity: -2, flags: ['readonly', 'fast'], keys: KALL, keyFlags: ['RO'], acl: ['keyspace'], summary: 'Determine if a key exists', since: '1.0.0', tips: ['request_policy:multi_shard', 'response_policy:agg_sum'], run: existsCommand },
  { name: 'touch', arity: -2, flags: ['readonly', 'fast'], keys: KALL, keyFlags: ['RO'], acl: ['keyspace'], summary: 'Alters the last access time of a key(s). Returns the number of existing keys specified.', since: '3.2.1', tips: ['request_policy:multi_shard', 'response_policy:agg_sum'], run: touchCommand },
  { name: 'type', arity: 2, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['keyspace'], summary: 'Determine the type stored at key', since: '1.0.0', run: typeCommand },
  { name: 'keys', arity: 2, flags: ['readonly'], acl: ['keyspace', 'dangerous'], summary: 'Find all keys matching the given pattern', since: '1.0.0', tips: ['request_policy:all_shards', 'nondeterministic_output_order'], run: keysCommand },
  { name: 'scan', arity: -2, flags: ['readonly'], acl: ['keyspace'], summary: 'Incrementally iterate the keys space', since: '2.8.0', tips: ['nondeterministic_output', 'request_policy:special'], run: scanCommand },
  { name: 'randomkey', arity: 1, flags: ['readonly'], acl: ['keyspace'], summary: 'Return a random key from the keyspace', since: '1.0.0', tips: ['request_policy:all_shards', 'nondeterministic_output'], run: randomkeyCommand },
  { name: 'dbsize', arity: 1, flags: ['readonly', 'fast'], acl: ['keyspace'], group: 'server', summary: 'Return the number of keys in the selected database', since: '1.0.0', tips: ['request_policy:all_shards', 'response_policy:agg_sum'], run: dbsizeCommand },
  { name: 'rename', arity: 3, flags: ['write'], keys: { first: 1, last: 2, step: 1 }, keySpecs: [rangeKeys(['RW', 'access', 'delete'], 1), rangeKeys(['OW', 'update'], 2)], acl: ['keyspace'], summary: 'Rename a key', since: '1.0.0', run: renameCommand },
  { name: 'renamenx', arity: 3, flags: ['write', 'fast'], keys: { first: 1, last: 2, step: 1 }, keySpecs: [rangeKeys(['RW', 'access', 'delete'], 1), rangeKeys(['OW', 'insert'], 2)], acl: ['keyspace'], summary: 'Rename a key, only if the new key does not exist', since: '1.0.0', run: renamenxCommand },
  { name: 'copy', arity: -3, flags: ['write', 'denyoom'], keys: { first: 1, last: 2, step: 1 }, keySpecs: [rangeKeys(['RO', 'access'], 1), rangeKeys(['OW', 'update'], 2)], acl: ['keyspace'], summary: 'Copy a key', since: '6.2.0', run: copyCommand },
  { name: 'move', arity: 3, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['keyspace'], summary: 'Move a key to another database', since: '1.0.0', run: moveCommand },
  { name: 'swapdb', arity: 3, flags: ['write', 'fast'], acl: ['keyspace', 'dangerous'], group: 'server', summary: 'Swaps two Redis databases', since: '4.0.0', run: swapdbCommand },
  { name: 'flushdb', arity: -1, flags: ['write'], acl: ['keyspace', 'dangerous'], group: 'server', summary: 'Remove all keys from the current database', since: '1.0.0', tips: ['request_policy:all_shards', 'response_policy:all_succeeded'], run: flushdbCommand },
  { name: 'flushall', arity: -1, flags: ['write'], acl: ['keyspace', 'dangerous'], group: 'server', summary: 'Remove all keys from all databases', since: '1.0.0', tips: ['request_policy:all_shards', 'response_policy:all_succeeded'], run: flushallCommand },
  { name: 'expire', arity: -3, flags: ['write', 'fast'], keys: K1, acl: ['keyspace'], summary: "Set a key's time to live in seconds", since: '1.0.0', run: expireCommand },
  { name: 'pexpire', arity: -3, flags: ['write', 'fast'], keys: K1, acl: ['keyspace'], summary: "Set a key's time to live in milliseconds", since: '2.6.0', run: pexpireCommand },
  { name: 'expireat', arity: -3, flags: ['write', 'fast'], keys: K1, acl: ['keyspace'], summary: 'Set the expiration for a key as a UNIX timestamp', since: '1.2.0', run: expireatCommand },
  { name: 'pexpireat', arity: -3, flags: ['write', 'fast'], keys: K1, acl: ['keyspace'], summary: 'Set the expiration for a key as a UNIX timestamp specified in milliseconds', since: '2.6.0', run: pexpireatCommand },
  { name: 'expiretime', arity: 2, flags: ['readonly', 'fast'], keys: K1, acl: ['keyspace'], summary: 'Get the expiration Unix timestamp for a key', since: '7.0.0', run: expiretimeCommand },
  { name: 'pexpiretime', arity: 2, flags: ['readonly', 'fast'], keys: K1, acl: ['keyspace'], summary: 'Get the expiration Unix timestamp for a key in milliseconds', since: '7.0.0', run: pexpiretimeCommand },
  { name: 'ttl', arity: 2, flags: ['readonly', 'fast'], keys: K1, acl: ['keyspace'], summary: 'Get the time to live for a key in seconds', since: '1.0.0', tips: ['nondeterministic_output'], run: ttlCommand },
  { name: 'pttl', arity: 2, flags: ['readonly', 'fast'], keys: K1, acl: ['keyspace'], summary: 'Get the time to live for a key in milliseconds', since: '2.6.0', tips: ['nondeterministic_output'], run: pttlCommand },
  { name: 'persist', arity: 2, flags: ['write', 'fast'], keys: K1, acl: ['keyspace'], summary: 'Remove the expiration from a key', since: '2.2.0', run: persistCommand },
  { name: 'sort', arity: -2, flags: ['write', 'denyoom'], keys: K1, keySpecs: [rangeKeys(['RO', 'access'], 1), SORT_PATTERN_KEYS, SORT_STORE_KEY], getKeys: sortKeys, acl: ['set', 'sortedset', 'list', 'dangerous'], summary: 'Sort the elements in a list, set or sorted set', since: '1.0.0', run: sortCommand },
  { name: 'sort_ro', arity: -2, flags: ['readonly'], keys: K1, keySpecs: [rangeKeys(['RO', 'access'], 1), SORT_PATTERN_KEYS], acl: ['set', 'sortedset', 'list', 'dangerous'], summary: 'Sort the elements in a list, set or sorted set. Read-only variant of SORT.', since: '7.0.0', run: sortRoCommand },
  {
    name: 'object',
    arity: -2,
    flags: [],
    summary: 'A container for object introspection commands',
    since: '2.2.3',
    subcommands: [
      { name: 'encoding', arity: 3, flags: ['readonly'], keys: K2, keyFlags: ['RO'], acl: ['keyspace'], summary: 'Inspect the internal encoding of a Redis object', since: '2.2.3', tips: ['nondeterministic_output'], run: objectEncodingCommand },
      { name: 'freq', arity: 3, flags: ['readonly'], keys: K2, keyFlags: ['RO'], acl: ['keyspace'], summary: 'Get the logarithmic access frequency counter of a Redis object', since: '4.0.0', tips: ['nondeterministic_output'], run: objectFreqCommand },
      { name: 'idletime', arity: 3, flags: ['readonly'], keys: K2, keyFlags: ['RO'], acl: ['keyspace'], summary: 'Get the time since a Redis object was last accessed', since: '2.2.3', tips: ['nondeterministic_output'], run: objectIdletimeCommand },
      { name: 'refcount', arity: 3, flags: ['readonly'], keys: K2, keyFlags: ['RO'], acl: ['keyspace'], summary: 'Get the number of references to the value of the key', since: '2.2.3', tips: ['nondeterministic_output'], run: objectRefcountCommand },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], acl: ['keyspace'], summary: 'Show helpful text about the different subcommands', since: '6.2.0', run: objectHelpCommand },
    ],
  },
];
