// Redis's intset blob (RDB type 11): u32 width (2, 4 or 8), u32 count, sorted distinct
// little-endian integers of that width.
import { ByteReader, ByteWriter } from './bytes';

/** Encodes sorted distinct integers (canonical decimal strings) with the narrowest width. */
export function encodeIntset(members: readonly string[]): Buffer {
  const values = members.map((m) => BigInt(m)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let width = 2;
  for (const v of values) {
    if (v < -2147483648n || v > 2147483647n) width = 8;
    else if ((v < -32768n || v > 32767n) && width < 4) width = 4;
  }
  const w = new ByteWriter(8 + values.length * width);
  w.u32le(width);
  w.u32le(values.length);
  for (const v of values) {
    if (width === 8) w.i64le(v);
    else {
      w.ensure(width);
      w.buf.writeIntLE(Number(v), w.pos, width);
      w.pos += width;
    }
  }
  return w.take();
}

/** Decodes and validates an intset blob into decimal strings (ascending). */
export function decodeIntset(blob: Buffer, base = 0): string[] {
  const r = new ByteReader(blob, 0, blob.length, base);
  const width = r.u32le();
  if (width !== 2 && width !== 4 && width !== 8) r.fail(`invalid intset encoding ${width}`, 0);
  const count = r.u32le();
  if (count * width !== r.remaining) r.fail(`intset of ${count} x ${width} bytes in a ${blob.length}-byte blob`, 4);
  const out: string[] = [];
  let prev: bigint | null = null;
  for (let i = 0; i < count; i++) {
    const v = width === 8 ? r.i64le() : BigInt(blob.readIntLE(r.pos, width));
    if (width !== 8) r.pos += width;
    if (prev !== null && v <= prev) r.fail('intset not sorted or has duplicates');
    prev = v;
    out.push(v.toString());
  }
  return out;
}
