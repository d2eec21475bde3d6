// Redis's zipmap (read-only: RDB type 9, hashes written by Redis < 2.6): u8 count, then
// key length, key, value length, free byte, value, free padding; lengths are 1 byte, or 254 +
// u32 LE; 255 ends the map.
import { ByteReader } from './bytes';

/** Decodes a zipmap blob into [field, value, field, value, …]. */
export function decodeZipmap(blob: Buffer, base = 0): string[] {
  const r = new ByteReader(blob, 0, blob.length, base);
  r.u8(); // count hint
  const out: string[] = [];
  for (;;) {
    const b = r.u8();
    if (b === 0xff) break;
    out.push(r.latin1(b === 0xfe ? r.u32le() : b));
    const vb = r.u8();
    if (vb === 0xff) r.fail('zipmap field without a value');
    const vlen = vb === 0xfe ? r.u32le() : vb;
    const free = r.u8();
    out.push(r.latin1(vlen));
    r.need(free);
    r.pos += free;
  }
  if (r.pos !== blob.length) r.fail('zipmap terminator before its end');
  return out;
}
