// String values are bare latin1 JS strings. This module holds their encoding rule and the
// arithmetic/range operations of the string commands, with Redis's exact results and errors.
import { RedisError, ErrorText } from '../../errors';
import { INT64_MAX, INT64_MIN, parseInt64 } from '../../numbers';
import { addLongDouble, formatLongDoubleHuman, parseLongDouble } from './long-double';

const EMBSTR_LIMIT = 44;

/** OBJECT ENCODING of a string by content: `int` if string2ll-valid (≤ 20 chars), else `embstr` up to 44 bytes, else `raw`. */
export function stringEncoding(s: string): 'int' | 'embstr' | 'raw' {
  if (s.length <= 20 && parseInt64(s) !== null) return 'int';
  return s.length <= EMBSTR_LIMIT ? 'embstr' : 'raw';
}

/**
 * INCRBY/DECRBY/HINCRBY: `current` (undefined = 0) plus `delta`, as a string. Throws
 * `notCurrent` when current is not an integer, `ERR increment or decrement would overflow`.
 */
export function incrBy(current: string | undefined, delta: bigint, notCurrent: string = ErrorText.notInteger): string {
  const value = current === undefined ? 0n : parseInt64(current);
  if (value === null) throw new RedisError(notCurrent);
  const result = value + delta;
  if (result > INT64_MAX || result < INT64_MIN) throw new RedisError(ErrorText.overflow);
  return result.toString();
}

/**
 * INCRBYFLOAT/HINCRBYFLOAT in x87 long double precision, formatted like Redis (`%.17Lf`,
 * trailing zeros trimmed). Throws `notCurrent` when current is not a float, `ERR value is not a
 * valid float` for the increment, and `ERR increment would produce NaN or Infinity`.
 */
export function incrByFloat(current: string | undefined, increment: string, notCurrent: string = ErrorText.notFloat): string {
  const value = current === undefined ? parseLongDouble('0') : parseLongDouble(current);
  if (value === null) throw new RedisError(notCurrent);
  const incr = parseLongDouble(increment);
  if (incr === null) throw new RedisError(ErrorText.notFloat);
  const result = addLongDouble(value, incr);
  if (result.inf) throw new RedisError(ErrorText.nanOrInfinity);
  return formatLongDoubleHuman(result);
}

/** HINCRBYFLOAT checks its increment before the key: a long double (1e400 is one), not infinite. */
export function checkFloatIncrement(increment: string): void {
  const incr = parseLongDouble(increment);
  if (incr === null) throw new RedisError(ErrorText.notFloat);
  if (incr.inf) throw new RedisError('ERR value is NaN or Infinity');
}

/** APPEND result (the server stores it with `rawString: true`). */
export function appendString(current: string | undefined, suffix: string): string {
  return current === undefined ? suffix : current + suffix;
}

/** SETRANGE result: `value` written at `offset`, zero-padding a shorter string. */
export function setRange(current: string | undefined, offset: number, value: string): string {
  const s = current ?? '';
  const head = s.length >= offset ? s.slice(0, offset) : s + '\0'.repeat(offset - s.length);
  return head + value + s.slice(offset + value.length);
}

/** GETRANGE with Redis's index rules (negative from the end, clamped; empty when start > end). */
export function getRange(s: string, start: number, end: number): string {
  const len = s.length;
  if (start < 0 && end < 0 && start > end) return '';
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return '';
  return s.slice(start, end + 1);
}
