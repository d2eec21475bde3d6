// Stream entry IDs: Redis's 64-bit `ms` and `seq` packed into one bigint (ms << 64 | seq), so IDs
// compare with `<` and key Maps by value. Parsing follows t_stream.c's streamGenericParseIDOrReply
// (string2ull: string2ll first, then C strtoull with its leading blanks, sign and wrap-around).

import { parseInt64 } from '../../numbers';

export type StreamId = bigint;

export const U64_MAX = (1n << 64n) - 1n;
export const MIN_ID: StreamId = 0n;
export const MAX_ID: StreamId = (U64_MAX << 64n) | U64_MAX;

export function makeId(ms: bigint, seq: bigint): StreamId {
  return (ms << 64n) | seq;
}

export function idMs(id: StreamId): bigint {
  return id >> 64n;
}

export function idSeq(id: StreamId): bigint {
  return id & U64_MAX;
}

/** `ms-seq`, as replies print an ID. */
export function formatId(id: StreamId): string {
  return `${id >> 64n}-${id & U64_MAX}`;
}

/** The next ID (streamIncrID), or null past 2^64-1-2^64-1. */
export function nextId(id: StreamId): StreamId | null {
  return id === MAX_ID ? null : id + 1n;
}

/** The previous ID (streamDecrID), or null before 0-0. */
export function prevId(id: StreamId): StreamId | null {
  return id === MIN_ID ? null : id - 1n;
}

const STRTOULL = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/;

/** Redis's string2ull: an unsigned 64-bit value, or null. */
export function string2ull(text: string): bigint | null {
  const ll = parseInt64(text);
  if (ll !== null) return ll < 0n ? null : ll;
  const m = STRTOULL.exec(text);
  if (m === null) return null;
  const v = BigInt(m[2]);
  if (v > U64_MAX) return null;
  return m[1] === '-' ? (U64_MAX + 1n - v) & U64_MAX : v;
}

/** A parsed ID; `seqGiven` is false for `<ms>-*` (XADD only). */
export interface ParsedId {
  id: StreamId;
  seqGiven: boolean;
}

/**
 * streamGenericParseIDOrReply: `-`/`+` (unless strict), `<ms>`, `<ms>-<seq>`, and `<ms>-*` when
 * `allowAutoSeq`. A missing seq is `missingSeq` (0 for starts, 2^64-1 for ends). Null when invalid.
 */
export function parseStreamId(text: string, missingSeq: bigint, strict: boolean, allowAutoSeq = false): ParsedId | null {
  if (text.length > 127) return null;
  if (text === '-') return strict ? null : { id: MIN_ID, seqGiven: true };
  if (text === '+') return strict ? null : { id: MAX_ID, seqGiven: true };
  const dash = text.indexOf('-');
  const ms = string2ull(dash < 0 ? text : text.slice(0, dash));
  if (ms === null) return null;
  if (dash < 0) return { id: makeId(ms, missingSeq), seqGiven: true };
  const tail = text.slice(dash + 1);
  if (allowAutoSeq && tail === '*') return { id: makeId(ms, 0n), seqGiven: false };
  const seq = string2ull(tail);
  return seq === null ? null : { id: makeId(ms, seq), seqGiven: true };
}
