// Redis's listpack (the byte format inside RDB types 16, 17, 18 and 20): a 6-byte header
// (u32 total bytes, u16 count or 65535 = unknown), entries of encoding + data + backlen, 0xFF.
// Integer-looking strings are stored as integers, exactly as lpAppend does (string2ll rules).
import { parseInteger, parseInt64 } from '@ferrous/store';
import { ByteReader, ByteWriter } from './bytes';

const EOF_BYTE = 0xff;
const HEADER_SIZE = 6;

/** Appends the backlen of an entry whose encoding+data is `l` bytes. */
function writeBacklen(w: ByteWriter, l: number): void {
  if (l <= 127) w.byte(l);
  else if (l < 16383) {
    w.byte(l >>> 7);
    w.byte((l & 127) | 128);
  } else if (l < 2097151) {
    w.byte(l >>> 14);
    w.byte(((l >>> 7) & 127) | 128);
    w.byte((l & 127) | 128);
  } else if (l < 268435455) {
    w.byte(l >>> 21);
    w.byte(((l >>> 14) & 127) | 128);
    w.byte(((l >>> 7) & 127) | 128);
    w.byte((l & 127) | 128);
  } else {
    w.byte(l >>> 28);
    w.byte(((l >>> 21) & 127) | 128);
    w.byte(((l >>> 14) & 127) | 128);
    w.byte(((l >>> 7) & 127) | 128);
    w.byte((l & 127) | 128);
  }
}

/** Bytes of the backlen of an entry whose encoding+data is `l` bytes. */
export function backlenSize(l: number): number {
  return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
}

/** Appends one integer entry (the smallest encoding that holds it); `v` is a safe integer. */
export function writeListpackInt(w: ByteWriter, v: number): void {
  if (v >= 0 && v <= 127) {
    w.byte(v);
    w.byte(1);
  } else if (v >= -4096 && v <= 4095) {
    const u = v & 0x1fff;
    w.byte(0xc0 | (u >>> 8));
    w.byte(u & 0xff);
    w.byte(2);
  } else if (v >= -32768 && v <= 32767) {
    w.byte(0xf1);
    w.u16le(v & 0xffff);
    w.byte(3);
  } else if (v >= -8388608 && v <= 8388607) {
    w.byte(0xf2);
    w.byte(v & 0xff);
    w.byte((v >>> 8) & 0xff);
    w.byte((v >>> 16) & 0xff);
    w.byte(4);
  } else if (v >= -2147483648 && v <= 2147483647) {
    w.byte(0xf3);
    w.u32le(v);
    w.byte(5);
  } else writeInt64(w, BigInt(v));
}

/** Appends a 64-bit integer entry as writeListpackInt would (for values beyond 2^53). */
export function writeListpackBigInt(w: ByteWriter, v: bigint): void {
  if (v >= -(2n ** 53n) && v <= 2n ** 53n) writeListpackInt(w, Number(v));
  else writeInt64(w, v);
}

function writeInt64(w: ByteWriter, v: bigint): void {
  w.byte(0xf4);
  w.i64le(v);
  w.byte(9);
}

/** Appends one entry; integer-looking strings become integers. */
export function writeListpackEntry(w: ByteWriter, s: string): void {
  const n = s.length;
  const v = n > 0 && n <= 20 ? parseInteger(s) : null;
  if (v !== null) {
    if (Number.isSafeInteger(v)) writeListpackInt(w, v);
    else writeInt64(w, parseInt64(s)!);
    return;
  }
  if (n < 64) {
    w.byte(0x80 | n);
    w.latin1(s);
    w.byte(n + 1);
  } else if (n < 4096) {
    w.byte(0xe0 | (n >>> 8));
    w.byte(n & 0xff);
    w.latin1(s);
    writeBacklen(w, n + 2);
  } else {
    w.byte(0xf0);
    w.u32le(n);
    w.latin1(s);
    writeBacklen(w, n + 5);
  }
}

/** Exact encoded size of an entry (encoding + data + backlen), as writeListpackEntry writes it. */
export function listpackEntrySize(s: string): number {
  const n = s.length;
  const v = n > 0 && n <= 20 ? parseInteger(s) : null;
  if (v !== null) {
    if (!Number.isSafeInteger(v)) return 10;
    if (v >= 0 && v <= 127) return 2;
    if (v >= -4096 && v <= 4095) return 3;
    if (v >= -32768 && v <= 32767) return 4;
    if (v >= -8388608 && v <= 8388607) return 5;
    return v >= -2147483648 && v <= 2147483647 ? 6 : 10;
  }
  if (n < 64) return n + 2;
  if (n < 4096) return n + 2 + backlenSize(n + 2);
  return n + 5 + backlenSize(n + 5);
}

/** Bytes of an empty listpack (header + terminator). */
export const LISTPACK_EMPTY_SIZE = HEADER_SIZE + 1;

/** Encodes `entries` as one listpack blob. */
export function encodeListpack(entries: readonly string[], w = new ByteWriter(256)): Buffer {
  return Buffer.from(
    buildListpack(w, () => {
      for (let i = 0; i < entries.length; i++) writeListpackEntry(w, entries[i]);
      return entries.length;
    }),
  );
}

/**
 * A listpack of the entries `fill` appends to scratch space `w` (with writeListpackEntry/Int),
 * which returns how many it wrote. The result is a view of `w`, valid until its next use.
 */
export function buildListpack(w: ByteWriter, fill: () => number): Buffer {
  const start = w.pos;
  w.ensure(HEADER_SIZE);
  w.pos += HEADER_SIZE;
  const count = fill();
  w.byte(EOF_BYTE);
  const total = w.pos - start;
  w.buf.writeUInt32LE(total, start);
  w.buf.writeUInt16LE(Math.min(count, 65535), start + 4);
  const out = w.buf.subarray(start, w.pos);
  w.pos = start;
  return out;
}

/**
 * Decodes and validates a listpack blob: header size, count, each entry's backlen and the
 * terminator. `base` is the blob's offset in the file, for error messages.
 */
export function decodeListpack(blob: Buffer, base = 0): string[] {
  const r = new ByteReader(blob, 0, blob.length, base);
  if (blob.length < HEADER_SIZE + 1) r.fail('listpack too short');
  const total = r.u32le();
  if (total !== blob.length) r.fail(`listpack header says ${total} bytes, blob has ${blob.length}`, 0);
  const count = r.u16le();
  const out: string[] = [];
  for (;;) {
    const start = r.pos;
    const b = r.u8();
    if (b === EOF_BYTE) break;
    if (b < 0x80) out.push(String(b));
    else if (b < 0xc0) out.push(r.latin1(b & 0x3f));
    else if (b < 0xe0) {
      const u = ((b & 0x1f) << 8) | r.u8();
      out.push(String(u >= 4096 ? u - 8192 : u));
    } else if (b < 0xf0) out.push(r.latin1(((b & 0x0f) << 8) | r.u8()));
    else if (b === 0xf0) out.push(r.latin1(r.u32le()));
    else if (b === 0xf1) {
      r.need(2);
      out.push(String(blob.readInt16LE(r.pos)));
      r.pos += 2;
    } else if (b === 0xf2) {
      r.need(3);
      out.push(String(blob.readIntLE(r.pos, 3)));
      r.pos += 3;
    } else if (b === 0xf3) {
      r.need(4);
      out.push(String(blob.readInt32LE(r.pos)));
      r.pos += 4;
    } else if (b === 0xf4) out.push(r.i64le().toString());
    else r.fail(`invalid listpack entry encoding 0x${b.toString(16)}`, start);
    const l = r.pos - start;
    const size = backlenSize(l);
    r.need(size);
    let back = 0;
    for (let i = 0; i < size; i++) back = back * 128 + (blob[r.pos + i] & 127);
    if (back !== l) r.fail('listpack entry backlen mismatch');
    r.pos += size;
  }
  if (r.pos !== blob.length) r.fail('listpack terminator before its end');
  if (count !== 65535 && count !== out.length) r.fail(`listpack header count ${count} but ${out.length} entries`, 4);
  return out;
}
