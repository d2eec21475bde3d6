// String commands: GET/SET and their variants, counters, ranges, MGET/MSET and LCS.
import { MapReply, type Reply } from '@ferrous/resp';
import { appendString, getRange, incrBy, incrByFloat, parseInteger, setRange, type Database } from '@ferrous/store';
import { ArgReader, int64Arg, intArg } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { rangeKeys, type KeySpec } from '../dispatch/key-specs';
import { ErrorText, RedisError, ServerError } from '../errors';
import { OK } from '../reply';
import { positiveExpireAt } from './expire-time';

const LLONG_MIN = -9223372036854775808n;

// ---- argument parsing --------------------------------------------------------------------------

interface SetArgs {
  nx: boolean;
  xx: boolean;
  get: boolean;
  keepTtl: boolean;
  /** The expire option as given, validated only by `expireAtOf` (GETEX looks the key up first). */
  expire: { text: string; unit: ExpireUnit } | null;
}

type ExpireUnit = 'EX' | 'PX' | 'EXAT' | 'PXAT';
const EXPIRE_UNITS = new Set(['EX', 'PX', 'EXAT', 'PXAT']);

/** SET's options; each expire form excludes the others and KEEPTTL (GETEX adds PERSIST). */
function parseSetArgs(argv: string[], start: number, command: 'set' | 'getex'): SetArgs & { persist: boolean } {
  const out = { nx: false, xx: false, get: false, keepTtl: false, persist: false, expire: null as SetArgs['expire'] };
  let unit: ExpireUnit | null = null;
  let expireText = '';
  for (let i = start; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    const hasNext = i + 1 < argv.length;
    if (command === 'set' && opt === 'NX' && !out.xx) out.nx = true;
    else if (command === 'set' && opt === 'XX' && !out.nx) out.xx = true;
    else if (command === 'set' && opt === 'GET') out.get = true;
    else if (command === 'set' && opt === 'KEEPTTL' && unit === null) out.keepTtl = true;
    else if (command === 'getex' && opt === 'PERSIST' && unit === null) out.persist = true;
    else if (EXPIRE_UNITS.has(opt) && !out.keepTtl && !out.persist && (unit === null || unit === opt) && hasNext) {
      unit = opt as ExpireUnit;
      expireText = argv[++i];
    } else throw new RedisError(ErrorText.syntax);
  }
  if (unit !== null) out.expire = { text: expireText, unit };
  return out;
}

/** The absolute expire time in ms of a parsed expire option, or -1 without one. */
function expireAtOf(expire: SetArgs['expire'], command: 'set' | 'getex'): number {
  if (expire === null) return -1;
  const { text, unit } = expire;
  return positiveExpireAt(text, unit === 'EX' || unit === 'EXAT', unit === 'EX' || unit === 'PX', command);
}

/** Reads a string key for a write (WRONGTYPE unless missing or a string). */
function readString(db: Database, key: string): string | undefined {
  return db.writeTyped(key, 'string');
}

function checkSize(c: Client, length: number): void {
  if (length > c.server.config.int('proto-max-bulk-len')) throw new RedisError(ErrorText.stringTooLong);
}

// ---- GET / SET family ----------------------------------------------------------------------------

function getCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'string') ?? null;
}

function setCommand(c: Client, argv: string[]): Reply {
  if (argv.length === 3) {
    c.db.set(argv[1], argv[2]);
    return OK;
  }
  const opts = parseSetArgs(argv, 3, 'set');
  const expireAt = expireAtOf(opts.expire, 'set');
  const db = c.db;
  const key = argv[1];
  const old = opts.get ? db.readTyped(key, 'string') ?? null : null;
  if (opts.nx || opts.xx) {
    const exists = db.exists(key);
    if ((opts.nx && exists) || (opts.xx && !exists)) return opts.get ? old : null;
  }
  db.set(key, argv[2], { keepTtl: opts.keepTtl });
  if (expireAt >= 0) db.setExpire(key, expireAt);
  return opts.get ? old : OK;
}

function setnxCommand(c: Client, argv: string[]): Reply {
  if (c.db.exists(argv[1])) return 0;
  c.db.set(argv[1], argv[2]);
  return 1;
}

function setexGeneric(c: Client, argv: string[], seconds: boolean, command: string): Reply {
  const when = positiveExpireAt(argv[2], seconds, true, command);
  c.db.set(argv[1], argv[3]);
  c.db.setExpire(argv[1], when);
  return OK;
}

function setexCommand(c: Client, argv: string[]): Reply {
  return setexGeneric(c, argv, true, 'setex');
}

function psetexCommand(c: Client, argv: string[]): Reply {
  return setexGeneric(c, argv, false, 'psetex');
}

function getsetCommand(c: Client, argv: string[]): Reply {
  const old = readString(c.db, argv[1]);
  c.db.set(argv[1], argv[2]);
  return old ?? null;
}

function getdelCommand(c: Client, argv: string[]): Reply {
  const old = readString(c.db, argv[1]);
  if (old !== undefined) c.db.delete(argv[1]);
  return old ?? null;
}

function getexCommand(c: Client, argv: string[]): Reply {
  const opts = parseSetArgs(argv, 2, 'getex');
  const db = c.db;
  const key = argv[1];
  const value = db.readTyped(key, 'string');
  if (value === undefined) return null;
  const expireAt = expireAtOf(opts.expire, 'getex');
  if (expireAt >= 0) {
    if (expireAt <= Date.now()) db.delete(key);
    else db.setExpire(key, expireAt);
  } else if (opts.persist) {
    db.persist(key);
  }
  return value;
}

function mgetCommand(c: Client, argv: string[]): Reply {
  const db = c.db;
  const out: Reply[] = new Array(argv.length - 1);
  for (let i = 1; i < argv.length; i++) {
    const v = db.lookupRead(argv[i]);
    out[i - 1] = typeof v === 'string' ? v : null;
  }
  return out;
}

function msetCommand(c: Client, argv: string[]): Reply {
  if (argv.length % 2 === 0) throw new RedisError(ServerError.wrongArity(argv[0].toLowerCase()));
  for (let i = 1; i < argv.length; i += 2) c.db.set(argv[i], argv[i + 1]);
  return OK;
}

function msetnxCommand(c: Client, argv: string[]): Reply {
  if (argv.length % 2 === 0) throw new RedisError(ServerError.wrongArity('msetnx'));
  for (let i = 1; i < argv.length; i += 2) if (c.db.exists(argv[i])) return 0;
  for (let i = 1; i < argv.length; i += 2) c.db.set(argv[i], argv[i + 1]);
  return 1;
}

// ---- appends and ranges --------------------------------------------------------------------------

function appendCommand(c: Client, argv: string[]): Reply {
  const current = readString(c.db, argv[1]);
  if (current !== undefined) checkSize(c, current.length + argv[2].length);
  const value = appendString(current, argv[2]);
  c.db.set(argv[1], value, { keepTtl: true, rawString: current !== undefined });
  return value.length;
}

function strlenCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'string')?.length ?? 0;
}

function getrangeCommand(c: Client, argv: string[]): Reply {
  const start = intArg(argv[2]);
  const end = intArg(argv[3]);
  const value = c.db.readTyped(argv[1], 'string');
  return value === undefined ? '' : getRange(value, start, end);
}

function setrangeCommand(c: Client, argv: string[]): Reply {
  const offset = intArg(argv[2]);
  if (offset < 0) throw new RedisError('ERR offset is out of range');
  const current = readString(c.db, argv[1]);
  const value = argv[3];
  if (value.length === 0) return current?.length ?? 0;
  checkSize(c, offset + value.length);
  const next = setRange(current, offset, value);
  c.db.set(argv[1], next, { keepTtl: true, rawString: true });
  return next.length;
}

// ---- counters ------------------------------------------------------------------------------------

const KEEP_TTL = { keepTtl: true };
/** Below this magnitude a sum of two integers is exact in a double (the no-BigInt fast path). */
const SMALL = 2 ** 52;

function incrGeneric(c: Client, key: string, delta: bigint | number): Reply {
  const current = readString(c.db, key);
  const n = current === undefined ? 0 : current.length <= 15 ? parseInteger(current) : null;
  if (n !== null && typeof delta === 'number' && Math.abs(n) < SMALL && Math.abs(delta) < SMALL) {
    const sum = n + delta;
    c.db.set(key, String(sum), KEEP_TTL);
    return sum;
  }
  const next = incrBy(current, BigInt(delta));
  c.db.set(key, next, KEEP_TTL);
  const r = Number(next);
  return Number.isSafeInteger(r) ? r : BigInt(next);
}

function incrCommand(c: Client, argv: string[]): Reply {
  return incrGeneric(c, argv[1], 1);
}

function decrCommand(c: Client, argv: string[]): Reply {
  return incrGeneric(c, argv[1], -1);
}

function incrbyCommand(c: Client, argv: string[]): Reply {
  const delta = int64Arg(argv[2]);
  return incrGeneric(c, argv[1], Number.isSafeInteger(Number(delta)) ? Number(delta) : delta);
}

function decrbyCommand(c: Client, argv: string[]): Reply {
  const delta = int64Arg(argv[2]);
  if (delta === LLONG_MIN) throw new RedisError('ERR decrement would overflow');
  return incrGeneric(c, argv[1], Number.isSafeInteger(Number(-delta)) ? Number(-delta) : -delta);
}

function incrbyfloatCommand(c: Client, argv: string[]): Reply {
  const current = readString(c.db, argv[1]);
  const next = incrByFloat(current, argv[2]);
  // Redis stores the result as a plain string object: `embstr`, never `int`, even for "10".
  c.db.set(argv[1], next, { keepTtl: true, plainString: true });
  return next;
}

// ---- LCS -----------------------------------------------------------------------------------------

function lcsCommand(c: Client, argv: string[]): Reply {
  let getLen = false;
  let getIdx = false;
  let withMatchLen = false;
  let minMatchLen = 0;
  // Types first, options after, like Redis.
  const va = c.db.lookupRead(argv[1]);
  const vb = c.db.lookupRead(argv[2]);
  if ((va !== undefined && typeof va !== 'string') || (vb !== undefined && typeof vb !== 'string')) {
    throw new RedisError('ERR The specified keys must contain string values');
  }
  const r = new ArgReader(argv, 3);
  while (r.more) {
    const opt = r.token();
    if (opt === 'IDX') getIdx = true;
    else if (opt === 'LEN') getLen = true;
    else if (opt === 'WITHMATCHLEN') withMatchLen = true;
    else if (opt === 'MINMATCHLEN' && r.left > 0) minMatchLen = Math.max(0, r.int());
    else r.fail(ErrorText.syntax);
  }
  r.check();
  if (getIdx && getLen) throw new RedisError('ERR If you want both the length and indexes, please just use IDX.');
  const a = (va as string | undefined) ?? '';
  const b = (vb as string | undefined) ?? '';
  const alen = a.length;
  const blen = b.length;
  if ((alen + 1) * (blen + 1) > 1e8) throw new RedisError('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
  const w = blen + 1;
  const dp = new Uint32Array((alen + 1) * w);
  for (let i = 1; i <= alen; i++) {
    for (let j = 1; j <= blen; j++) {
      dp[i * w + j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? dp[(i - 1) * w + j - 1] + 1 : Math.max(dp[(i - 1) * w + j], dp[i * w + j - 1]);
    }
  }
  const total = dp[alen * w + blen];
  if (getLen) return total;
  const result: string[] = new Array(total);
  const matches: Reply[] = [];
  let idx = total;
  let i = alen;
  let j = blen;
  let aStart = alen;
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      result[idx - 1] = a[i - 1];
      if (aStart === alen) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      if (dp[(i - 1) * w + j] > dp[i * w + j - 1]) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    if (emit) {
      const len = aEnd - aStart + 1;
      if (minMatchLen === 0 || len >= minMatchLen) {
        const m: Reply[] = [[aStart, aEnd], [bStart, bEnd]];
        if (withMatchLen) m.push(len);
        matches.push(m);
      }
      aStart = alen;
    }
  }
  if (getIdx) return new MapReply(['matches', matches, 'len', total]);
  return result.join('');
}

// ---- table ---------------------------------------------------------------------------------------

const K1 = { first: 1, last: 1, step: 1 };
/** SET's key is only read with GET: otherwise SET overwrites it (setGetKeys). */
const SET_KEY: KeySpec = {
  ...rangeKeys(['RW', 'access', 'update', 'variable_flags'], 1),
  notes: 'RW and ACCESS due to the optional `GET` argument',
  flagsOf: (argv) => (argv.slice(3).some((a) => a.toUpperCase() === 'GET') ? ['RW', 'access', 'update'] : ['OW', 'update']),
};

export const stringCommands: CommandSpec[] = [
  { name: 'get', arity: 2, flags: ['readonly', 'fast'], keys: K1, acl: ['string'], summary: 'Get the value of a key', since: '1.0.0', run: getCommand },
  { name: 'set', arity: -3, flags: ['write', 'denyoom'], keys: K1, keySpecs: [SET_KEY], acl: ['string'], summary: 'Set the string value of a key', since: '1.0.0', run: setCommand },
  { name: 'setnx', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['OW', 'insert'], acl: ['string'], summary: 'Set the value of a key, only if the key does not exist', since: '1.0.0', run: setnxCommand },
  { name: 'setex', arity: 4, flags: ['write', 'denyoom'], keys: K1, keyFlags: ['OW', 'update'], acl: ['string'], summary: 'Set the value and expiration of a key', since: '2.0.0', run: setexCommand },
  { name: 'psetex', arity: 4, flags: ['write', 'denyoom'], keys: K1, keyFlags: ['OW', 'update'], acl: ['string'], summary: 'Set the value and expiration in milliseconds of a key', since: '2.6.0', run: psetexCommand },
  { name: 'getset', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['string'], summary: 'Set the string value of a key and return its old value', since: '1.0.0', deprecated: { since: '6.2.0', replacedBy: '`SET` with the `!GET` argument' }, run: getsetCommand },
  { name: 'getdel', arity: 2, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'delete'], acl: ['string'], summary: 'Get the value of a key and delete the key', since: '6.2.0', run: getdelCommand },
  { name: 'getex', arity: -2, flags: ['write', 'fast'], keys: K1, keySpecs: [{ ...rangeKeys(['RW', 'access', 'update'], 1), notes: 'RW and UPDATE because it changes the TTL' }], acl: ['string'], summary: 'Get the value of a key and optionally set its expiration', since: '6.2.0', run: getexCommand },
  { name: 'mget', arity: -2, flags: ['readonly', 'fast'], keys: { first: 1, last: -1, step: 1 }, acl: ['string'], summary: 'Get the values of all the given keys', since: '1.0.0', tips: ['request_policy:multi_shard'], run: mgetCommand },
  { name: 'mset', arity: -3, flags: ['write', 'denyoom'], keys: { first: 1, last: -1, step: 2 }, keyFlags: ['OW', 'update'], acl: ['string'], summary: 'Set multiple keys to multiple values', since: '1.0.1', tips: ['request_policy:multi_shard', 'response_policy:all_succeeded'], run: msetCommand },
  { name: 'msetnx', arity: -3, flags: ['write', 'denyoom'], keys: { first: 1, last: -1, step: 2 }, keyFlags: ['OW', 'insert'], acl: ['string'], summary: 'Set multiple keys to multiple values, only if none of the keys exist', since: '1.0.1', tips: ['request_policy:multi_shard', 'response_policy:agg_min'], run: msetnxCommand },
  { name: 'append', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'insert'], acl: ['string'], summary: 'Append a value to a key', since: '2.0.0', run: appendCommand },
  { name: 'strlen', arity: 2, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['string'], summary: 'Get the length of the value stored in a key', since: '2.2.0', run: strlenCommand },
  { name: 'getrange', arity: 4, flags: ['readonly'], keys: K1, acl: ['string'], summary: 'Get a substring of the string stored at a key', since: '2.4.0', run: getrangeCommand },
  { name: 'substr', arity: 4, flags: ['readonly'], keys: K1, acl: ['string'], summary: 'Get a substring of the string stored at a key', since: '1.0.0', deprecated: { since: '2.0.0', replacedBy: '`GETRANGE`' }, run: getrangeCommand },
  { name: 'setrange', arity: 4, flags: ['write', 'denyoom'], keys: K1, acl: ['string'], summary: 'Overwrite part of a string at key starting at the specified offset', since: '2.2.0', run: setrangeCommand },
  { name: 'incr', arity: 2, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['string'], summary: 'Increment the integer value of a key by one', since: '1.0.0', run: incrCommand },
  { name: 'decr', arity: 2, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['string'], summary: 'Decrement the integer value of a key by one', since: '1.0.0', run: decrCommand },
  { name: 'incrby', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['string'], summary: 'Increment the integer value of a key by the given amount', since: '1.0.0', run: incrbyCommand },
  { name: 'decrby', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['string'], summary: 'Decrement the integer value of a key by the given number', since: '1.0.0', run: decrbyCommand },
  { name: 'incrbyfloat', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['string'], summary: 'Increment the float value of a key by the given amount', since: '2.6.0', run: incrbyfloatCommand },
  { name: 'lcs', arity: -3, flags: ['readonly'], keys: { first: 1, last: 2, step: 1 }, acl: ['string'], summary: 'Find longest common substring', since: '7.0.0', run: lcsCommand },
];
