// Redis's ziplist (read-only: RDB types 10, 12, 13 and quicklist v1 nodes written before 7.0):
// u32 total bytes, u32 tail offset, u16 count, entries of prevlen + encoding + data, 0xFF.
import { ByteReader } from './bytes';

export function decodeZiplist(blob: Buffer, base = 0): string[] {
  const r = new ByteReader(blob, 0, blob.length, base);
  const total = r.u32le();
  if (total !== blob.length) r.fail(`ziplist header says ${total} bytes, blob has ${blob.length}`, 0);
  r.u32le(); // tail offset
  const count = r.u16le();
  const out: string[] = [];
  for (;;) {
    const first = r.u8();
    if (first === 0xff) break;
    if (first === 0xfe) r.u32le(); // prevlen, big form
    const start = r.pos;
    const e = r.u8();
    const kind = e >>> 6;
    if (kind === 0) out.push(r.latin1(e & 0x3f));
    else if (kind === 1) out.push(r.latin1(((e & 0x3f) << 8) | r.u8()));
    else if (kind === 2) {
      if (e !== 0x80) r.fail(`invalid ziplist string encoding 0x${e.toString(16)}`, start);
      out.push(r.latin1(r.u32be()));
    } else if (e === 0xc0) out.push(String(readInt(r, 2)));
    else if (e === 0xd0) out.push(String(readInt(r, 4)));
    else if (e === 0xe0) out.push(r.i64le().toString());
    else if (e === 0xf0) out.push(String(readInt(r, 3)));
    else if (e === 0xfe) out.push(String(readInt(r, 1)));
    else if (e >= 0xf1 && e <= 0xfd) out.push(String((e & 0x0f) - 1));
    else r.fail(`invalid ziplist entry encoding 0x${e.toString(16)}`, start);
  }
  if (r.pos !== blob.length) r.fail('ziplist terminator before its end');
  if (count !== 65535 && count !== out.length) r.fail(`ziplist header count ${count} but ${out.length} entries`, 8);
  return out;
}

function readInt(r: ByteReader, width: number): number {
  r.need(width);
  const v = r.buf.readIntLE(r.pos, width);
  r.pos += width;
  return v;
}
