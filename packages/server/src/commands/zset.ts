// Sorted set commands. Values are the store's ZSetValue (listpack until zset-max-listpack-*, then
// skiplist). Every Z*RANGE* variant goes through one zrangeGeneric, like Redis's t_zset.c;
// scores are DoubleReply so RESP2 prints them as %.17g bulk strings and RESP3 as doubles.
import { DoubleReply, NullArrayReply, formatDouble, type Reply } from '@ferrous/resp';
import {
  ZSetValue,
  parseLexRange,
  parseScoreRange,
  zsetCombine,
  typeOf,
  type Aggregate,
  type LexRange,
  type ScoreRange,
  type SetValue,
  type ZPair,
  type ZSetInput,
} from '@ferrous/store';
import { floatArg, intArg } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { numKeys, rangeKeys } from '../dispatch/key-specs';
import { ErrorText, RedisError } from '../errors';
import { blockingCommand, timeoutArg } from './blocking';
import { checkRandomReplySize, CountError, LONG_MAX_HALF, numkeysKeys, parseScanArgs, positiveArg, randomCountArg } from './collection-args';
import { parseCursor } from './keyspace';
import { parseMpopArgs } from './list';

/** Pairs as a reply: members only, or with scores (flat in RESP2, [member, score] pairs in RESP3). */
function pairsReply(c: Client, pairs: readonly ZPair[], withScores: boolean): Reply {
  if (!withScores) return pairs.map((p) => p[0]);
  return c.resp === 3 ? nestedPairs(pairs) : flatPairs(pairs);
}

/** [member, score, member, score, …] with double scores. */
function flatPairs(pairs: readonly ZPair[]): Reply[] {
  const out: Reply[] = new Array(pairs.length * 2);
  for (let i = 0; i < pairs.length; i++) {
    out[2 * i] = pairs[i][0];
    out[2 * i + 1] = new DoubleReply(pairs[i][1]);
  }
  return out;
}

/** Pairs always nested as [member, score] (ZMPOP, ZPOPMIN with a count in RESP3). */
function nestedPairs(pairs: readonly ZPair[]): Reply[] {
  return pairs.map((p) => [p[0], new DoubleReply(p[1])]);
}

/** Replaces `dst` with a zset of sorted `pairs` (deleting it when empty); returns the cardinality. */
function storeZset(c: Client, dst: string, pairs: readonly ZPair[]): number {
  if (pairs.length === 0) c.db.delete(dst);
  else c.db.set(dst, ZSetValue.fromPairs(c.server.store, pairs));
  return pairs.length;
}

// ---- ZADD / ZINCRBY ------------------------------------------------------------------------------

function zaddGeneric(c: Client, argv: string[], incrOnly: boolean): Reply {
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  let ch = false;
  let incr = incrOnly;
  let i = 2;
  // ZINCRBY shares ZADD's option loop too: `ZINCRBY k NX x` is a syntax error, not a bad float.
  for (; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    if (opt === 'NX') nx = true;
    else if (opt === 'XX') xx = true;
    else if (opt === 'GT') gt = true;
    else if (opt === 'LT') lt = true;
    else if (opt === 'CH') ch = true;
    else if (opt === 'INCR') incr = true;
    else break;
  }
  const elements = argv.length - i;
  if (elements % 2 === 1 || elements === 0) throw new RedisError(ErrorText.syntax);
  if (nx && xx) throw new RedisError('ERR XX and NX options at the same time are not compatible');
  if ((gt && nx) || (lt && nx) || (gt && lt)) throw new RedisError('ERR GT, LT, and/or NX options at the same time are not compatible');
  if (incr && elements > 2) throw new RedisError('ERR INCR option supports a single increment-element pair');
  const scores: number[] = new Array(elements / 2);
  for (let j = 0; j < scores.length; j++) scores[j] = floatArg(argv[i + 2 * j]);
  const db = c.db;
  const key = argv[1];
  const existing = db.writeTyped(key, 'zset');
  if (existing === undefined && xx) return incr ? null : 0;
  const zset = existing ?? new ZSetValue(c.server.store);
  const flags = { nx, xx, gt, lt, incr };
  let added = 0;
  let updated = 0;
  let last: number | null = null;
  try {
    for (let j = 0; j < scores.length; j++) {
      const r = zset.add(argv[i + 2 * j + 1], scores[j], flags);
      if (r === null) continue;
      if (r.added) added++;
      if (r.updated) updated++;
      last = r.score;
    }
  } finally {
    if (existing === undefined) {
      if (zset.size > 0) db.set(key, zset);
    } else if (added + updated > 0) db.signalModified(key);
  }
  if (incr) return last === null ? null : new DoubleReply(last);
  return ch ? added + updated : added;
}

/** ZADD (GEOADD calls it with encoded scores, as Redis does). */
export function zaddCommand(c: Client, argv: string[]): Reply {
  return zaddGeneric(c, argv, false);
}

function zincrbyCommand(c: Client, argv: string[]): Reply {
  return zaddGeneric(c, argv, true);
}

// ---- simple reads and removals -------------------------------------------------------------------

function zremCommand(c: Client, argv: string[]): Reply {
  const zset = c.db.writeTyped(argv[1], 'zset');
  if (zset === undefined) return 0;
  let removed = 0;
  for (let i = 2; i < argv.length; i++) {
    if (zset.remove(argv[i])) {
      removed++;
      if (zset.size === 0) break;
    }
  }
  if (removed > 0) c.db.signalModified(argv[1]);
  return removed;
}

function zcardCommand(c: Client, argv: string[]): Reply {
  return c.db.readTyped(argv[1], 'zset')?.size ?? 0;
}

function zscoreCommand(c: Client, argv: string[]): Reply {
  const score = c.db.readTyped(argv[1], 'zset')?.score(argv[2]);
  return score === undefined ? null : new DoubleReply(score);
}

function zmscoreCommand(c: Client, argv: string[]): Reply {
  const zset = c.db.readTyped(argv[1], 'zset');
  const out: Reply[] = new Array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) {
    const score = zset?.score(argv[i]);
    out[i - 2] = score === undefined ? null : new DoubleReply(score);
  }
  return out;
}

function zrankGeneric(c: Client, argv: string[], reverse: boolean): Reply {
  return c.db.readTyped(argv[1], 'zset')?.rank(argv[2], reverse) ?? null;
}

function zrankCommand(c: Client, argv: string[]): Reply {
  return zrankGeneric(c, argv, false);
}

function zrevrankCommand(c: Client, argv: string[]): Reply {
  return zrankGeneric(c, argv, true);
}

function zcountCommand(c: Client, argv: string[]): Reply {
  const range = parseScoreRange(argv[2], argv[3]);
  return c.db.readTyped(argv[1], 'zset')?.countByScore(range) ?? 0;
}

function zlexcountCommand(c: Client, argv: string[]): Reply {
  const range = parseLexRange(argv[2], argv[3]);
  return c.db.readTyped(argv[1], 'zset')?.countByLex(range) ?? 0;
}

type RemoveRange = (z: ZSetValue) => number;

function zremrangeGeneric(c: Client, key: string, remove: RemoveRange): Reply {
  const zset = c.db.writeTyped(key, 'zset');
  if (zset === undefined) return 0;
  const removed = remove(zset);
  if (removed > 0) c.db.signalModified(key);
  return removed;
}

function zremrangebyrankCommand(c: Client, argv: string[]): Reply {
  const start = intArg(argv[2]);
  const stop = intArg(argv[3]);
  return zremrangeGeneric(c, argv[1], (z) => z.removeRangeByRank(start, stop));
}

function zremrangebyscoreCommand(c: Client, argv: string[]): Reply {
  const range = parseScoreRange(argv[2], argv[3]);
  return zremrangeGeneric(c, argv[1], (z) => z.removeRangeByScore(range));
}

function zremrangebylexCommand(c: Client, argv: string[]): Reply {
  const range = parseLexRange(argv[2], argv[3]);
  return zremrangeGeneric(c, argv[1], (z) => z.removeRangeByLex(range));
}

// ---- ZRANGE and its variants ---------------------------------------------------------------------

type RangeType = 'auto' | 'rank' | 'score' | 'lex';

interface RangeRequest {
  /** argv index of the source key; min/max follow it. */
  keyIndex: number;
  type: RangeType;
  reverse: boolean | null;
  /** ZRANGESTORE's destination. */
  dst?: string;
}

/** zrangeGenericCommand: option parsing, range parsing, lookup, then reply or store. */
function zrangeGeneric(c: Client, argv: string[], req: RangeRequest): Reply {
  let { type, reverse } = req;
  const store = req.dst !== undefined;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  let hasLimit = false;
  for (let j = req.keyIndex + 3; j < argv.length; j++) {
    const opt = argv[j].toUpperCase();
    const left = argv.length - j - 1;
    if (!store && opt === 'WITHSCORES') withScores = true;
    else if (opt === 'LIMIT' && left >= 2) {
      offset = intArg(argv[j + 1]);
      limit = intArg(argv[j + 2]);
      hasLimit = true;
      j += 2;
    } else if (reverse === null && opt === 'REV') reverse = true;
    else if (type === 'auto' && opt === 'BYLEX') type = 'lex';
    else if (type === 'auto' && opt === 'BYSCORE') type = 'score';
    else throw new RedisError(ErrorText.syntax);
  }
  const rev = reverse ?? false;
  if (type === 'auto') type = 'rank';
  if (hasLimit && limit !== -1 && type === 'rank') {
    throw new RedisError('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
  }
  if (withScores && type === 'lex') throw new RedisError('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  let minText = argv[req.keyIndex + 1];
  let maxText = argv[req.keyIndex + 2];
  if (rev && type !== 'rank') [minText, maxText] = [maxText, minText];
  let fetch: (z: ZSetValue) => ZPair[];
  if (type === 'rank') {
    const start = intArg(minText);
    const stop = intArg(maxText);
    fetch = (z) => z.rangeByRank(start, stop, rev);
  } else if (type === 'score') {
    const range: ScoreRange = parseScoreRange(minText, maxText);
    fetch = (z) => z.rangeByScore(range, rev, offset, limit);
  } else {
    const range: LexRange = parseLexRange(minText, maxText);
    fetch = (z) => z.rangeByLex(range, rev, offset, limit);
  }
  const zset = c.db.readTyped(argv[req.keyIndex], 'zset');
  const pairs = zset === undefined ? [] : fetch(zset);
  if (store) return storeZset(c, req.dst!, pairs);
  return pairsReply(c, pairs, withScores);
}

function zrangeCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, { keyIndex: 1, type: 'auto', reverse: null });
}

function zrangestoreCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, { keyIndex: 2, type: 'auto', reverse: null, dst: argv[1] });
}

function zrevrangeCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, { keyIndex: 1, type: 'rank', reverse: true });
}

function zrangebyscoreCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, { keyIndex: 1, type: 'score', reverse: false });
}

function zrevrangebyscoreCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, { keyIndex: 1, type: 'score', reverse: true });
}

function zrangebylexCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, { keyIndex: 1, type: 'lex', reverse: false });
}

function zrevrangebylexCommand(c: Client, argv: string[]): Reply {
  return zrangeGeneric(c, argv, { keyIndex: 1, type: 'lex', reverse: true });
}

// ---- pops and random members ---------------------------------------------------------------------

function zpopGeneric(c: Client, argv: string[], max: boolean): Reply {
  if (argv.length > 3) throw new RedisError(ErrorText.syntax);
  const hasCount = argv.length === 3;
  const count = hasCount ? positiveArg(argv[2]) : 1;
  const zset = c.db.writeTyped(argv[1], 'zset');
  if (zset === undefined || count === 0) return [];
  const pairs = zset.pop(count, max);
  c.db.signalModified(argv[1]);
  return hasCount && c.resp === 3 ? nestedPairs(pairs) : flatPairs(pairs);
}

function zpopminCommand(c: Client, argv: string[]): Reply {
  return zpopGeneric(c, argv, false);
}

function zpopmaxCommand(c: Client, argv: string[]): Reply {
  return zpopGeneric(c, argv, true);
}

const ZSET_SIDES: Record<string, boolean> = { MIN: false, MAX: true };

function zmpopCommand(c: Client, argv: string[]): Reply {
  const { keys, first: max, count } = parseMpopArgs(argv, 1, ZSET_SIDES);
  for (const key of keys) {
    const zset = c.db.writeTyped(key, 'zset');
    if (zset === undefined || zset.size === 0) continue;
    const pairs = zset.pop(count, max);
    c.db.signalModified(key);
    return [key, nestedPairs(pairs)];
  }
  return NullArrayReply.instance;
}

function bzpopGeneric(c: Client, argv: string[], max: boolean): Reply {
  const keys = argv.slice(1, -1);
  const deadline = timeoutArg(argv[argv.length - 1]);
  return blockingCommand(c, {
    type: 'zset',
    keys,
    deadline,
    timeoutReply: NullArrayReply.instance,
    serve: (client, from) => {
      for (const key of from) {
        const zset = client.db.writeTyped(key, 'zset');
        if (zset === undefined || zset.size === 0) continue;
        const [[member, score]] = zset.pop(1, max);
        client.db.signalModified(key);
        return [key, member, new DoubleReply(score)];
      }
      return undefined;
    },
  });
}

function bzpopminCommand(c: Client, argv: string[]): Reply {
  return bzpopGeneric(c, argv, false);
}

function bzpopmaxCommand(c: Client, argv: string[]): Reply {
  return bzpopGeneric(c, argv, true);
}

function bzmpopCommand(c: Client, argv: string[]): Reply {
  const { keys, first: max, count } = parseMpopArgs(argv, 2, ZSET_SIDES);
  const deadline = timeoutArg(argv[1]);
  return blockingCommand(c, {
    type: 'zset',
    keys,
    deadline,
    timeoutReply: NullArrayReply.instance,
    serve: (client, from) => {
      for (const key of from) {
        const zset = client.db.writeTyped(key, 'zset');
        if (zset === undefined || zset.size === 0) continue;
        const pairs = zset.pop(count, max);
        client.db.signalModified(key);
        return [key, nestedPairs(pairs)];
      }
      return undefined;
    },
  });
}

function zrandmemberCommand(c: Client, argv: string[]): Reply {
  if (argv.length === 2) {
    const zset = c.db.readTyped(argv[1], 'zset');
    return zset === undefined ? null : zset.randomMembers(1)[0][0];
  }
  const count = randomCountArg(argv[2]);
  let withScores = false;
  if (argv.length > 4 || (argv.length === 4 && argv[3].toUpperCase() !== 'WITHSCORES')) throw new RedisError(ErrorText.syntax);
  if (argv.length === 4) {
    withScores = true;
    if (Math.abs(count) > LONG_MAX_HALF) throw new RedisError('ERR value is out of range');
  }
  const zset = c.db.readTyped(argv[1], 'zset');
  if (zset === undefined || count === 0) return [];
  checkRandomReplySize(count);
  return pairsReply(c, zset.randomMembers(count), withScores);
}

function zscanCommand(c: Client, argv: string[]): Reply {
  const cursor = parseCursor(argv[2]);
  const zset = c.db.readTyped(argv[1], 'zset');
  if (zset === undefined) return ['0', []];
  const { count, match } = parseScanArgs(argv);
  const [next, pairs] = zset.scan(cursor, count, match);
  return [String(next), flatScores(pairs, zset.encoding === 'listpack')];
}

/**
 * ZSCAN's [member, score, …] with scores as bulk strings in both protocols: a listpack returns
 * the score text it stores (d2string), a skiplist formats with %.17g.
 */
function flatScores(pairs: readonly ZPair[], listpack: boolean): string[] {
  const out: string[] = new Array(pairs.length * 2);
  for (let i = 0; i < pairs.length; i++) {
    out[2 * i] = pairs[i][0];
    out[2 * i + 1] = listpack ? scoreString(pairs[i][1]) : formatDouble(pairs[i][1]);
  }
  return out;
}

/** Redis 7.0's d2string: integral values within ±LLONG_MAX/2 print as integers, others as %.17g. */
function scoreString(score: number): string {
  if (Number.isInteger(score) && Math.abs(score) < LONG_MAX_HALF && !Object.is(score, -0)) return BigInt(score).toString();
  return formatDouble(score);
}

// ---- ZUNION / ZINTER / ZDIFF ---------------------------------------------------------------------

type SetOp = 'union' | 'inter' | 'diff';

/** zunionInterDiffGenericCommand: `numkeys key… [WEIGHTS w…] [AGGREGATE a] [WITHSCORES]`. */
function zcombineGeneric(c: Client, argv: string[], op: SetOp, dst: string | undefined, cardinality = false): Reply {
  const numkeysIndex = dst === undefined ? 1 : 2;
  const numkeys = intArg(argv[numkeysIndex]);
  if (numkeys < 1) throw new RedisError(`ERR at least 1 input key is needed for '${argv[0].toLowerCase()}' command`);
  if (numkeys > argv.length - numkeysIndex - 1) throw new RedisError(ErrorText.syntax);
  const db = c.db;
  const inputs: ZSetInput[] = [];
  for (let i = 0; i < numkeys; i++) {
    const key = argv[numkeysIndex + 1 + i];
    const v = dst === undefined ? db.lookupRead(key) : db.lookupWrite(key);
    if (v !== undefined && typeOf(v) !== 'zset' && typeOf(v) !== 'set') throw new RedisError(ErrorText.wrongType);
    inputs.push({ value: v as ZSetValue | SetValue | undefined, weight: 1 });
  }
  let aggregate: Aggregate = 'sum';
  let withScores = false;
  let limit = 0;
  for (let j = numkeysIndex + 1 + numkeys; j < argv.length; j++) {
    const left = argv.length - j;
    const opt = argv[j].toUpperCase();
    if (op !== 'diff' && left >= numkeys + 1 && opt === 'WEIGHTS') {
      for (let i = 0; i < numkeys; i++) inputs[i].weight = floatArg(argv[++j], 'ERR weight value is not a float');
    } else if (op !== 'diff' && left >= 2 && opt === 'AGGREGATE') {
      const how = argv[++j].toUpperCase();
      if (how === 'SUM' || how === 'MIN' || how === 'MAX') aggregate = how.toLowerCase() as Aggregate;
      else throw new RedisError(ErrorText.syntax);
    } else if (cardinality && left >= 2 && opt === 'LIMIT') limit = positiveArg(argv[++j], CountError.limitNegative);
    else if (dst === undefined && !cardinality && opt === 'WITHSCORES') withScores = true;
    else throw new RedisError(ErrorText.syntax);
  }
  const pairs = zsetCombine(op, inputs, aggregate);
  if (cardinality) return limit > 0 ? Math.min(pairs.length, limit) : pairs.length;
  if (dst !== undefined) return storeZset(c, dst, pairs);
  return pairsReply(c, pairs, withScores);
}

function zunionCommand(c: Client, argv: string[]): Reply {
  return zcombineGeneric(c, argv, 'union', undefined);
}

function zinterCommand(c: Client, argv: string[]): Reply {
  return zcombineGeneric(c, argv, 'inter', undefined);
}

function zdiffCommand(c: Client, argv: string[]): Reply {
  return zcombineGeneric(c, argv, 'diff', undefined);
}

function zunionstoreCommand(c: Client, argv: string[]): Reply {
  return zcombineGeneric(c, argv, 'union', argv[1]);
}

function zinterstoreCommand(c: Client, argv: string[]): Reply {
  return zcombineGeneric(c, argv, 'inter', argv[1]);
}

function zdiffstoreCommand(c: Client, argv: string[]): Reply {
  return zcombineGeneric(c, argv, 'diff', argv[1]);
}

function zintercardCommand(c: Client, argv: string[]): Reply {
  return zcombineGeneric(c, argv, 'inter', undefined, true);
}

// ---- table ---------------------------------------------------------------------------------------

const K1 = { first: 1, last: 1, step: 1 };
const K12 = { first: 1, last: 2, step: 1 };

export const zsetCommands: CommandSpec[] = [
  { name: 'zadd', arity: -4, flags: ['write', 'denyoom', 'fast'], keys: K1, acl: ['sortedset'], summary: 'Add one or more members to a sorted set, or update its score if it already exists', since: '1.2.0', run: zaddCommand },
  { name: 'zincrby', arity: 4, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['sortedset'], summary: 'Increment the score of a member in a sorted set', since: '1.2.0', run: zincrbyCommand },
  { name: 'zrem', arity: -3, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['sortedset'], summary: 'Remove one or more members from a sorted set', since: '1.2.0', run: zremCommand },
  { name: 'zcard', arity: 2, flags: ['readonly', 'fast'], keys: K1, keyFlags: ['RO'], acl: ['sortedset'], summary: 'Get the number of members in a sorted set', since: '1.2.0', run: zcardCommand },
  { name: 'zcount', arity: 4, flags: ['readonly', 'fast'], keys: K1, acl: ['sortedset'], summary: 'Count the members in a sorted set with scores within the given values', since: '2.0.0', run: zcountCommand },
  { name: 'zlexcount', arity: 4, flags: ['readonly', 'fast'], keys: K1, acl: ['sortedset'], summary: 'Count the number of members in a sorted set between a given lexicographical range', since: '2.8.9', run: zlexcountCommand },
  { name: 'zscore', arity: 3, flags: ['readonly', 'fast'], keys: K1, acl: ['sortedset'], summary: 'Get the score associated with the given member in a sorted set', since: '1.2.0', run: zscoreCommand },
  { name: 'zmscore', arity: -3, flags: ['readonly', 'fast'], keys: K1, acl: ['sortedset'], summary: 'Get the score associated with the given members in a sorted set', since: '6.2.0', run: zmscoreCommand },
  { name: 'zrank', arity: 3, flags: ['readonly', 'fast'], keys: K1, acl: ['sortedset'], summary: 'Determine the index of a member in a sorted set', since: '2.0.0', run: zrankCommand },
  { name: 'zrevrank', arity: 3, flags: ['readonly', 'fast'], keys: K1, acl: ['sortedset'], summary: 'Determine the index of a member in a sorted set, with scores ordered from high to low', since: '2.0.0', run: zrevrankCommand },
  { name: 'zrange', arity: -4, flags: ['readonly'], keys: K1, acl: ['sortedset'], summary: 'Return a range of members in a sorted set', since: '1.2.0', run: zrangeCommand },
  { name: 'zrangestore', arity: -5, flags: ['write', 'denyoom'], keys: K12, keySpecs: [rangeKeys(['OW', 'update'], 1), rangeKeys(['RO', 'access'], 2)], acl: ['sortedset'], summary: 'Store a range of members from sorted set into another key', since: '6.2.0', run: zrangestoreCommand },
  { name: 'zrevrange', arity: -4, flags: ['readonly'], keys: K1, acl: ['sortedset'], summary: 'Return a range of members in a sorted set, by index, with scores ordered from high to low', since: '1.2.0', deprecated: { since: '6.2.0', replacedBy: '`ZRANGE` with the `REV` argument' }, run: zrevrangeCommand },
  { name: 'zrangebyscore', arity: -4, flags: ['readonly'], keys: K1, acl: ['sortedset'], summary: 'Return a range of members in a sorted set, by score', since: '1.0.5', deprecated: { since: '6.2.0', replacedBy: '`ZRANGE` with the `BYSCORE` argument' }, run: zrangebyscoreCommand },
  { name: 'zrevrangebyscore', arity: -4, flags: ['readonly'], keys: K1, acl: ['sortedset'], summary: 'Return a range of members in a sorted set, by score, with scores ordered from high to low', since: '2.2.0', deprecated: { since: '6.2.0', replacedBy: '`ZRANGE` with the `REV` and `BYSCORE` arguments' }, run: zrevrangebyscoreCommand },
  { name: 'zrangebylex', arity: -4, flags: ['readonly'], keys: K1, acl: ['sortedset'], summary: 'Return a range of members in a sorted set, by lexicographical range', since: '2.8.9', deprecated: { since: '6.2.0', replacedBy: '`ZRANGE` with the `BYLEX` argument' }, run: zrangebylexCommand },
  { name: 'zrevrangebylex', arity: -4, flags: ['readonly'], keys: K1, acl: ['sortedset'], summary: 'Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.', since: '2.8.9', deprecated: { since: '6.2.0', replacedBy: '`ZRANGE` with the `REV` and `BYLEX` arguments' }, run: zrevrangebylexCommand },
  { name: 'zremrangebyrank', arity: 4, flags: ['write'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['sortedset'], summary: 'Remove all members in a sorted set within the given indexes', since: '2.0.0', run: zremrangebyrankCommand },
  { name: 'zremrangebyscore', arity: 4, flags: ['write'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['sortedset'], summary: 'Remove all members in a sorted set within the given scores', since: '1.2.0', run: zremrangebyscoreCommand },
  { name: 'zremrangebylex', arity: 4, flags: ['write'], keys: K1, keyFlags: ['RW', 'delete'], acl: ['sortedset'], summary: 'Remove all members in a sorted set between the given lexicographical range', since: '2.8.9', run: zremrangebylexCommand },
  { name: 'zpopmin', arity: -2, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'delete'], acl: ['sortedset'], summary: 'Remove and return members with the lowest scores in a sorted set', since: '5.0.0', run: zpopminCommand },
  { name: 'zpopmax', arity: -2, flags: ['write', 'fast'], keys: K1, keyFlags: ['RW', 'access', 'delete'], acl: ['sortedset'], summary: 'Remove and return members with the highest scores in a sorted set', since: '5.0.0', run: zpopmaxCommand },
  { name: 'zmpop', arity: -4, flags: ['write'], keySpecs: [numKeys(['RW', 'access', 'delete'], 1)], acl: ['sortedset'], summary: 'Remove and return members with scores in a sorted set', since: '7.0.0', getKeys: numkeysKeys(1), run: zmpopCommand },
  { name: 'bzpopmin', arity: -3, flags: ['write', 'noscript', 'blocking', 'fast'], keys: { first: 1, last: -2, step: 1 }, keyFlags: ['RW', 'access', 'delete'], acl: ['sortedset'], summary: 'Remove and return the member with the lowest score from one or more sorted sets, or block until one is available', since: '5.0.0', run: bzpopminCommand },
  { name: 'bzpopmax', arity: -3, flags: ['write', 'noscript', 'blocking', 'fast'], keys: { first: 1, last: -2, step: 1 }, keyFlags: ['RW', 'access', 'delete'], acl: ['sortedset'], summary: 'Remove and return the member with the highest score from one or more sorted sets, or block until one is available', since: '5.0.0', run: bzpopmaxCommand },
  { name: 'bzmpop', arity: -5, flags: ['write', 'blocking'], keySpecs: [numKeys(['RW', 'access', 'delete'], 2)], acl: ['sortedset'], summary: 'Remove and return members with scores in a sorted set or block until one is available', since: '7.0.0', getKeys: numkeysKeys(2), run: bzmpopCommand },
  { name: 'zrandmember', arity: -2, flags: ['readonly'], keys: K1, acl: ['sortedset'], summary: 'Get one or multiple random elements from a sorted set', since: '6.2.0', tips: ['nondeterministic_output'], run: zrandmemberCommand },
  { name: 'zunion', arity: -3, flags: ['readonly'], keySpecs: [numKeys(['RO', 'access'], 1)], acl: ['sortedset'], summary: 'Add multiple sorted sets', since: '6.2.0', getKeys: numkeysKeys(1), run: zunionCommand },
  { name: 'zinter', arity: -3, flags: ['readonly'], keySpecs: [numKeys(['RO', 'access'], 1)], acl: ['sortedset'], summary: 'Intersect multiple sorted sets', since: '6.2.0', getKeys: numkeysKeys(1), run: zinterCommand },
  { name: 'zdiff', arity: -3, flags: ['readonly'], keySpecs: [numKeys(['RO', 'access'], 1)], acl: ['sortedset'], summary: 'Subtract multiple sorted sets', since: '6.2.0', getKeys: numkeysKeys(1), run: zdiffCommand },
  { name: 'zunionstore', arity: -4, flags: ['write', 'denyoom'], keys: K1, keySpecs: [rangeKeys(['OW', 'update'], 1), numKeys(['RO', 'access'], 2)], acl: ['sortedset'], summary: 'Add multiple sorted sets and store the resulting sorted set in a new key', since: '2.0.0', getKeys: numkeysKeys(2, [1]), run: zunionstoreCommand },
  { name: 'zinterstore', arity: -4, flags: ['write', 'denyoom'], keys: K1, keySpecs: [rangeKeys(['OW', 'update'], 1), numKeys(['RO', 'access'], 2)], acl: ['sortedset'], summary: 'Intersect multiple sorted sets and store the resulting sorted set in a new key', since: '2.0.0', getKeys: numkeysKeys(2, [1]), run: zinterstoreCommand },
  { name: 'zdiffstore', arity: -4, flags: ['write', 'denyoom'], keys: K1, keySpecs: [rangeKeys(['OW', 'update'], 1), numKeys(['RO', 'access'], 2)], acl: ['sortedset'], summary: 'Subtract multiple sorted sets and store the resulting sorted set in a new key', since: '6.2.0', getKeys: numkeysKeys(2, [1]), run: zdiffstoreCommand },
  { name: 'zintercard', arity: -3, flags: ['readonly'], keySpecs: [numKeys(['RO', 'access'], 1)], acl: ['sortedset'], summary: 'Intersect multiple sorted sets and return the cardinality of the result', since: '7.0.0', getKeys: numkeysKeys(1), run: zintercardCommand },
  { name: 'zscan', arity: -3, flags: ['readonly'], keys: K1, acl: ['sortedset'], summary: 'Incrementally iterate sorted sets elements and associated scores', since: '2.8.0', tips: ['nondeterministic_output'], run: zscanCommand },
];
