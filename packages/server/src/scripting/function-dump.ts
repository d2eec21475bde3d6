// FUNCTION DUMP / RESTORE payloads, as Redis 7.0 writes them: one RDB FUNCTION2 record (opcode
// 245 + the library code as an RDB string, LZF-compressed when that pays) per library, then the
// 2-byte RDB version and the CRC64 of everything before, like a DUMP payload.
import { crc64, lzfCompress, lzfDecompress, RDB_VERSION, verifyDumpPayload, DUMP_PAYLOAD_ERROR } from '@ferrous/persistence';
import { RedisError } from '../errors';

const FUNCTION2 = 0xf5;
const FUNCTION_PRE_GA = 0xf6;

export function dumpFunctions(codes: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const code of codes) parts.push(Buffer.from([FUNCTION2]), rdbString(Buffer.from(code, 'latin1')));
  const footer = Buffer.alloc(10);
  footer.writeUInt16LE(RDB_VERSION, 0);
  const body = Buffer.concat([...parts, footer.subarray(0, 2)]);
  footer.writeBigUInt64LE(crc64(body), 2);
  return Buffer.concat([body, footer.subarray(2)]);
}

/** The library codes in a payload; throws Redis's errors for a bad payload. */
export function restoreFunctions(payload: Buffer): string[] {
  if (!verifyDumpPayload(payload)) throw new RedisError(DUMP_PAYLOAD_ERROR);
  const end = payload.length - 10;
  const codes: string[] = [];
  const r = { pos: 0 };
  while (r.pos < end) {
    const type = payload[r.pos++];
    if (type === FUNCTION_PRE_GA) throw new RedisError('ERR Pre-GA function format not supported');
    if (type !== FUNCTION2) throw new RedisError('ERR given type is not a function');
    const code = readRdbString(payload, r, end);
    if (code === null) throw new RedisError('ERR failed loading the given functions payload');
    codes.push(code);
  }
  return codes;
}

/** rdbSaveRawString for text that is never an integer: LZF when it saves bytes and is over 20 bytes. */
function rdbString(s: Buffer): Buffer {
  if (s.length > 20) {
    const packed = lzfCompress(s, s.length - 4);
    if (packed !== null) return Buffer.concat([Buffer.from([0xc3]), rdbLength(packed.length), rdbLength(s.length), packed]);
  }
  return Buffer.concat([rdbLength(s.length), s]);
}

function rdbLength(n: number): Buffer {
  if (n < 64) return Buffer.from([n]);
  if (n < 16384) return Buffer.from([0x40 | (n >> 8), n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = 0x80;
  b.writeUInt32BE(n, 1);
  return b;
}

/** An RDB length, or the special-encoding marker as a negative number (-1 - type). */
function readLength(buf: Buffer, r: { pos: number }, end: number): number | null {
  if (r.pos >= end) return null;
  const first = buf[r.pos++];
  const kind = first >> 6;
  if (kind === 0) return first & 0x3f;
  if (kind === 1) return r.pos < end ? ((first & 0x3f) << 8) | buf[r.pos++] : null;
  if (kind === 3) return -1 - (first & 0x3f);
  if (first === 0x80) {
    if (r.pos + 4 > end) return null;
    r.pos += 4;
    return buf.readUInt32BE(r.pos - 4);
  }
  if (first === 0x81) {
    if (r.pos + 8 > end) return null;
    r.pos += 8;
    return Number(buf.readBigUInt64BE(r.pos - 8));
  }
  return null;
}

function readRdbString(buf: Buffer, r: { pos: number }, end: number): string | null {
  const len = readLength(buf, r, end);
  if (len === null) return null;
  if (len >= 0) {
    if (r.pos + len > end) return null;
    r.pos += len;
    return buf.latin1Slice(r.pos - len, r.pos);
  }
  const enc = -1 - len;
  const intBytes = [1, 2, 4][enc];
  if (intBytes !== undefined) {
    if (r.pos + intBytes > end) return null;
    const v = intBytes === 1 ? buf.readInt8(r.pos) : intBytes === 2 ? buf.readInt16LE(r.pos) : buf.readInt32LE(r.pos);
    r.pos += intBytes;
    return String(v);
  }
  if (enc !== 3) return null;
  const clen = readLength(buf, r, end);
  const ulen = readLength(buf, r, end);
  if (clen === null || ulen === null || clen < 0 || ulen < 0 || r.pos + clen > end) return null;
  r.pos += clen;
  try {
    return lzfDecompress(buf.subarray(r.pos - clen, r.pos), ulen).latin1Slice(0, ulen);
  } catch {
    return null;
  }
}
