// Validation of a stream node's listpack without decoding it, so that loading can keep nodes
// packed (StreamValue decodes one when it is first read): one pass over the bytes making
// decodeNode's checks, with no string or bigint per entry. Whatever lies outside the common case
// (64-bit deltas, IDs beyond 2^52, integers stored as text) or is malformed returns null, and the
// caller runs decodeNode, which handles all of it and names the defect.
import { U64_MAX, type StreamId } from '@ferrous/store';
import { backlenSize } from './listpack';

const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;
const HEADER_SIZE = 6;
/** IDs whose ms and seq stay below this add 32-bit deltas exactly in doubles. */
const SAFE = 2 ** 52;

const BAIL = -1;
const END = 0;
const INT = 1;
const STR = 2;

export interface NodeScan {
  masterFields: string[];
  live: number;
  deleted: number;
  lastId: StreamId;
  /** The memory estimate of the live entries, as StreamValue.loadNode counts it. */
  dataBytes: number;
}

/** Reads listpack elements one at a time: an integer of up to 32 bits, or a string's place. */
class Elements {
  pos = HEADER_SIZE;
  int = 0;
  strStart = 0;
  strLen = 0;
  count = 0;

  constructor(private readonly lp: Buffer) {}

  /** INT, STR, END (at the terminator, which must be the last byte) or BAIL. */
  next(): number {
    const lp = this.lp;
    const n = lp.length;
    const start = this.pos;
    if (start >= n) return BAIL;
    const b = lp[start];
    let p = start + 1;
    let kind = INT;
    if (b < 0x80) this.int = b;
    else if (b < 0xc0) {
      kind = STR;
      this.strLen = b & 0x3f;
    } else if (b < 0xe0) {
      if (p >= n) return BAIL;
      const u = ((b & 0x1f) << 8) | lp[p++];
      this.int = u >= 4096 ? u - 8192 : u;
    } else if (b < 0xf0) {
      if (p >= n) return BAIL;
      kind = STR;
      this.strLen = ((b & 0x0f) << 8) | lp[p++];
    } else if (b === 0xf1) {
      if (p + 2 > n) return BAIL;
      this.int = ((lp[p] | (lp[p + 1] << 8)) << 16) >> 16;
      p += 2;
    } else if (b === 0xf2) {
      if (p + 3 > n) return BAIL;
      this.int = ((lp[p] | (lp[p + 1] << 8) | (lp[p + 2] << 16)) << 8) >> 8;
      p += 3;
    } else if (b === 0xf3) {
      if (p + 4 > n) return BAIL;
      this.int = lp[p] | (lp[p + 1] << 8) | (lp[p + 2] << 16) | (lp[p + 3] << 24);
      p += 4;
    } else if (b === 0xff) return start === n - 1 ? END : BAIL;
    else return BAIL; // 0xf0 (32-bit string length), 0xf4 (64-bit integer) or invalid
    if (kind === STR) {
      this.strStart = p;
      p += this.strLen;
    }
    const l = p - start;
    const size = backlenSize(l);
    if (p + size > n) return BAIL;
    let back = 0;
    for (let i = 0; i < size; i++) back = back * 128 + (lp[p + i] & 127);
    if (back !== l) return BAIL;
    this.pos = p + size;
    this.count++;
    return kind;
  }

  /** The next element as a non-negative integer, or BAIL. */
  count32(): number {
    return this.next() === INT && this.int >= 0 ? this.int : BAIL;
  }

  /** Length of the next element's text (integers as decimal), or BAIL. */
  textLength(): number {
    const kind = this.next();
    if (kind === STR) return this.strLen;
    return kind === INT ? decimalLength(this.int) : BAIL;
  }
}

function decimalLength(v: number): number {
  let n = v < 0 ? 2 : 1;
  for (let a = Math.abs(v); a >= 10; a = Math.floor(a / 10)) n++;
  return n;
}

/**
 * Checks node `lp` (master ID `master`, after entry `after` of the previous node) like decodeNode
 * and sums it up; null when decodeNode must decide.
 */
export function scanStreamNode(lp: Buffer, master: StreamId, after: StreamId | null): NodeScan | null {
  if (lp.length < HEADER_SIZE + 1) return null;
  const total = (lp[0] | (lp[1] << 8) | (lp[2] << 16) | (lp[3] << 24)) >>> 0;
  const headerCount = lp[4] | (lp[5] << 8);
  if (total !== lp.length) return null;
  const masterMsBig = master >> 64n;
  const masterSeqBig = master & U64_MAX;
  if (masterMsBig >= SAFE || masterSeqBig >= SAFE) return null;
  const masterMs = Number(masterMsBig);
  const masterSeq = Number(masterSeqBig);
  let prevMs = -1;
  let prevSeq = -1;
  if (after !== null) {
    if (after >> 64n >= SAFE || (after & U64_MAX) >= SAFE) return null;
    prevMs = Number(after >> 64n);
    prevSeq = Number(after & U64_MAX);
  }
  const e = new Elements(lp);
  const count = e.count32();
  const deletedCount = e.count32();
  const fieldCount = e.count32();
  if (count < 0 || deletedCount < 0 || fieldCount < 0) return null;
  const masterFields: string[] = [];
  let masterBytes = 0;
  for (let i = 0; i < fieldCount; i++) {
    const kind = e.next();
    if (kind === STR) masterFields.push(lp.latin1Slice(e.strStart, e.strStart + e.strLen));
    else if (kind === INT) masterFields.push(String(e.int));
    else return null;
    masterBytes += masterFields[i].length + 2;
  }
  if (e.next() !== INT || e.int !== 0) return null;
  let entries = 0;
  let dead = 0;
  let dataBytes = 0;
  let ms = -1;
  let seq = -1;
  for (;;) {
    const kind = e.next();
    if (kind === END) break;
    if (kind !== INT || e.int < 0) return null;
    const flags = e.int;
    if (e.next() !== INT) return null;
    ms = masterMs + e.int;
    if (e.next() !== INT) return null;
    seq = masterSeq + e.int;
    if (ms < 0 || seq < 0) return null;
    if (entries === 0 && (ms < masterMs || (ms === masterMs && seq < masterSeq))) return null;
    if (prevMs >= 0 && (ms < prevMs || (ms === prevMs && seq <= prevSeq))) return null;
    prevMs = ms;
    prevSeq = seq;
    let bytes = 8;
    let elements: number;
    if (flags & FLAG_SAMEFIELDS) {
      for (let i = 0; i < fieldCount; i++) {
        const len = e.textLength();
        if (len < 0) return null;
        bytes += len + 2;
      }
      bytes += masterBytes;
      elements = fieldCount + 3;
    } else {
      const n = e.count32();
      if (n < 0) return null;
      for (let i = 0; i < 2 * n; i++) {
        const len = e.textLength();
        if (len < 0) return null;
        bytes += len + 2;
      }
      elements = 2 * n + 4;
    }
    if (e.next() !== INT || e.int !== elements) return null;
    entries++;
    if (flags & FLAG_DELETED) dead++;
    else dataBytes += bytes;
  }
  if (headerCount !== 65535 && headerCount !== e.count) return null;
  if (entries === 0 || count !== entries - dead || deletedCount !== dead) return null;
  return { masterFields, live: count, deleted: dead, lastId: (BigInt(ms) << 64n) | BigInt(seq), dataBytes };
}
