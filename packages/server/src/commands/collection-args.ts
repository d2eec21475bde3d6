// Argument rules shared by the list, hash, set and zset families: Redis's range-checked counts,
// numkeys key lists (LMPOP, SINTERCARD, ZUNION…), and the HSCAN/SSCAN/ZSCAN options.
import { parseInteger } from '@ferrous/store';
import { ArgReader } from '../args';
import { ErrorText, RedisError } from '../errors';

/** LONG_MAX as the nearest double (counts beyond 2^53 are only ever compared, never iterated). */
export const LONG_MAX = 2 ** 63;
/** LONG_MAX / 2: the largest count a WITHVALUES/WITHSCORES reply may double. */
export const LONG_MAX_HALF = 2 ** 62;

export const CountError = {
  positive: 'ERR value is out of range, must be positive',
  numkeys: 'ERR numkeys should be greater than 0',
  count: 'ERR count should be greater than 0',
  tooManyKeys: "ERR Number of keys can't be greater than number of args",
  limitNegative: "ERR LIMIT can't be negative",
} as const;

/** getPositiveLongFromObjectOrReply: an integer >= 0, else `message` (also for non-integers). */
export function positiveArg(text: string, message: string = CountError.positive): number {
  const n = parseInteger(text);
  if (n === null || n < 0) throw new RedisError(message);
  return n;
}

/** getRangeLongFromObjectOrReply(1, LONG_MAX, message): an integer >= 1, else `message`. */
export function atLeastOneArg(text: string, message: string): number {
  const n = parseInteger(text);
  if (n === null || n < 1) throw new RedisError(message);
  return n;
}

/** HRANDFIELD/SRANDMEMBER/ZRANDMEMBER count: any long except LONG_MIN. */
export function randomCountArg(text: string): number {
  const n = parseInteger(text);
  if (n === null) throw new RedisError(ErrorText.notInteger);
  if (n < -LONG_MAX || (n === -LONG_MAX && text === '-9223372036854775808')) throw new RedisError('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
  return n;
}

/**
 * Most elements a negative-count SRANDMEMBER/HRANDFIELD/ZRANDMEMBER reply may repeat. Redis builds
 * any length (-2147483649 on a 2-member set took it 14 GB); a V8 heap cannot, so past this the
 * command answers an error instead of taking the server down.
 */
export const RANDOM_REPLY_MAX = 2 ** 25;

/** Checked after the key lookup, so missing keys and wrong types answer as in Redis. */
export function checkRandomReplySize(count: number): void {
  if (-count > RANDOM_REPLY_MAX) throw new RedisError(`ERR count is too large: at most ${RANDOM_REPLY_MAX} repeated random elements per reply`);
}

/** SINTERCARD/ZINTERCARD: `numkeys key… [LIMIT limit]` → keys and limit (0 = none). */
export function parseCardArgs(argv: string[]): { keys: string[]; limit: number } {
  const numkeys = atLeastOneArg(argv[1], CountError.numkeys);
  if (numkeys > argv.length - 2) throw new RedisError(CountError.tooManyKeys);
  let limit = 0;
  for (let i = 2 + numkeys; i < argv.length; i++) {
    if (argv[i].toUpperCase() === 'LIMIT' && i + 1 < argv.length) limit = positiveArg(argv[++i], CountError.limitNegative);
    else throw new RedisError(ErrorText.syntax);
  }
  return { keys: argv.slice(2, 2 + numkeys), limit };
}

/** Key positions of `numkeys key…` commands whose numkeys sits at `index` (COMMAND GETKEYS). */
export function numkeysKeys(index: number, before: number[] = []): (argv: string[]) => number[] {
  return (argv) => {
    const n = parseInteger(argv[index] ?? '');
    const out = [...before];
    if (n === null || n < 1) return out;
    for (let i = index + 1; i <= index + n && i < argv.length; i++) out.push(i);
    return out;
  };
}

export interface ScanArgs {
  count: number;
  match: string | undefined;
  /** SCAN's TYPE filter (lower-cased); never set for HSCAN/SSCAN/ZSCAN. */
  type: string | undefined;
}

/**
 * `[MATCH pattern] [COUNT count]` from argv[start] on: HSCAN/SSCAN/ZSCAN (parsed after the key
 * lookup, like Redis) and, with `allowType`, SCAN's `[TYPE type]` too.
 */
export function parseScanArgs(argv: string[], start = 3, allowType = false): ScanArgs {
  let count = 10;
  let match: string | undefined;
  let type: string | undefined;
  const r = new ArgReader(argv, start);
  while (r.more) {
    const opt = r.token();
    if (opt === 'COUNT' && r.left > 0) {
      count = r.int();
      if (count < 1) r.fail(ErrorText.syntax);
    } else if (opt === 'MATCH' && r.left > 0) match = r.value();
    else if (allowType && opt === 'TYPE' && r.left > 0) type = r.value().toLowerCase();
    else r.fail(ErrorText.syntax);
  }
  r.check();
  return { count, match: match === '*' ? undefined : match, type };
}
