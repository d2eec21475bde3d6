// What a key holds. Strings are stored as bare latin1 JS strings (the most common value pays for
// no wrapper object); every other type is an object implementing CollectionValue.
import type { HashValue } from './types/hash/hash';
import type { ListValue } from './types/list/list';
import type { SetValue } from './types/set/set';
import type { ZSetValue } from './types/zset/zset';
import type { StreamValue } from './types/stream/stream';
import { stringEncoding } from './types/string/string';

/** The names TYPE prints. */
export type ValueType = 'string' | 'list' | 'hash' | 'set' | 'zset' | 'stream';

/** Common shape of list/hash/set/zset/stream values. */
export interface CollectionValue {
  readonly type: Exclude<ValueType, 'string'>;
  /** What Redis 7.0 prints for OBJECT ENCODING. */
  readonly encoding: string;
  /** Number of elements (fields, members). */
  readonly size: number;
  /** Deterministic memory estimate in bytes (kept up to date incrementally; O(1)). */
  memoryUsage(): number;
  /** An independent deep copy (COPY, snapshots). */
  clone(): CollectionValue;
}

export type StoreValue = string | ListValue | HashValue | SetValue | ZSetValue | StreamValue;

/** TYPE of a value. */
export function typeOf(value: StoreValue): ValueType {
  return typeof value === 'string' ? 'string' : value.type;
}

/**
 * OBJECT ENCODING of a value. `rawString` is the per-key flag set by APPEND/SETRANGE/SETBIT,
 * which leave Redis's string in the `raw` encoding whatever its content; `plainString` marks a
 * string made without the integer encoding (INCRBYFLOAT).
 */
export function encodingOf(value: StoreValue, rawString = false, plainString = false): string {
  if (typeof value === 'string') {
    if (rawString) return 'raw';
    const encoding = stringEncoding(value);
    // An integer's text is at most 20 bytes: embstr when not int-encoded.
    return plainString && encoding === 'int' ? 'embstr' : encoding;
  }
  return value.encoding;
}

/** Per-key overhead of the key index (Map entry, slots, access stamp, size), for accounting. */
export const KEY_OVERHEAD = 52;

/** Memory estimate of one key with its value. */
export function entryMemory(key: string, value: StoreValue): number {
  const valueBytes = typeof value === 'string' ? 24 + value.length : value.memoryUsage();
  return KEY_OVERHEAD + 24 + key.length + valueBytes;
}
