// CRC-64/Jones as Redis computes it (poly 0xad93d23594c935a9, reflected, init 0, no xorout):
// the RDB trailer and the DUMP payload checksum. Slicing-by-8 over two 32-bit halves, since
// BigInt arithmetic per byte would be ~50x slower.

/** The reflected polynomial, split into halves. */
const POLY_HI = 0x95ac9329;
const POLY_LO = 0xac4bc9b5;

// TABLES_{LO,HI}[k * 256 + b]: the CRC of byte b followed by k zero bytes.
const TLO = new Uint32Array(8 * 256);
const THI = new Uint32Array(8 * 256);

for (let b = 0; b < 256; b++) {
  let lo = b;
  let hi = 0;
  for (let i = 0; i < 8; i++) {
    const lsb = lo & 1;
    lo = ((lo >>> 1) | (hi << 31)) >>> 0;
    hi = hi >>> 1;
    if (lsb) {
      lo = (lo ^ POLY_LO) >>> 0;
      hi = (hi ^ POLY_HI) >>> 0;
    }
  }
  TLO[b] = lo;
  THI[b] = hi;
}
for (let k = 1; k < 8; k++) {
  for (let b = 0; b < 256; b++) {
    const plo = TLO[(k - 1) * 256 + b];
    const phi = THI[(k - 1) * 256 + b];
    const idx = plo & 0xff;
    TLO[k * 256 + b] = (((plo >>> 8) | (phi << 24)) ^ TLO[idx]) >>> 0;
    THI[k * 256 + b] = ((phi >>> 8) ^ THI[idx]) >>> 0;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A running CRC-64 (call `update` per chunk; `value` is the CRC of everything so far). */
export class Crc64 {
  private lo = 0;
  private hi = 0;

  update(buf: Uint8Array, start = 0, end = buf.length): this {
    let lo = this.lo;
    let hi = this.hi;
    let i = start;
    // Bytes up to a 4-byte boundary, then whole 8-byte words read as two aligned u32 (little-endian
    // hosts only; others take the byte loop), then the tail.
    while (i < end && ((buf.byteOffset + i) & 3) !== 0) {
      const idx = (lo ^ buf[i++]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ TLO[idx];
      hi = (hi >>> 8) ^ THI[idx];
    }
    const words = LITTLE_ENDIAN ? (end - i) >>> 3 : 0;
    if (words > 0) {
      const u32 = new Uint32Array(buf.buffer, buf.byteOffset + i, words * 2);
      for (let k = 0; k < u32.length; k += 2) {
        const a = lo ^ u32[k];
        const b = hi ^ u32[k + 1];
        const i7 = 7 * 256 + (a & 0xff);
        const i6 = 6 * 256 + ((a >>> 8) & 0xff);
        const i5 = 5 * 256 + ((a >>> 16) & 0xff);
        const i4 = 4 * 256 + (a >>> 24);
        const i3 = 3 * 256 + (b & 0xff);
        const i2 = 2 * 256 + ((b >>> 8) & 0xff);
        const i1 = 256 + ((b >>> 16) & 0xff);
        const i0 = b >>> 24;
        lo = TLO[i7] ^ TLO[i6] ^ TLO[i5] ^ TLO[i4] ^ TLO[i3] ^ TLO[i2] ^ TLO[i1] ^ TLO[i0];
        hi = THI[i7] ^ THI[i6] ^ THI[i5] ^ THI[i4] ^ THI[i3] ^ THI[i2] ^ THI[i1] ^ THI[i0];
      }
      i += words * 8;
    }
    for (; i < end; i++) {
      const idx = (lo ^ buf[i]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ TLO[idx];
      hi = (hi >>> 8) ^ THI[idx];
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
    return this;
  }

  /** The CRC as 8 little-endian bytes, as Redis stores it after the payload. */
  bytes(): Buffer {
    const out = Buffer.allocUnsafe(8);
    out.writeUInt32LE(this.lo, 0);
    out.writeUInt32LE(this.hi, 4);
    return out;
  }

  /** The CRC as a bigint. */
  get value(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }
}

/** CRC-64/Jones of `buf` (check value: "123456789" -> 0xe9c6d914c4b8d9ca). */
export function crc64(buf: Uint8Array, start = 0, end = buf.length): bigint {
  return new Crc64().update(buf, start, end).value;
}
