// Growable output buffer and bounds-checked input cursor shared by every RDB codec. Every read
// past the end or malformed field throws RdbError naming the absolute offset, so corrupt input
// fails cleanly instead of reading garbage.

/** A malformed or truncated RDB, DUMP payload or encoded blob. */
export class RdbError extends Error {
  constructor(
    readonly reason: string,
    /** Absolute byte offset where the problem was found. */
    readonly offset: number,
  ) {
    super(`${reason} at offset ${offset}`);
    this.name = 'RdbError';
  }
}

export class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  u16le(v: number): void {
    this.ensure(2);
    this.buf.writeUInt16LE(v, this.pos);
    this.pos += 2;
  }

  u32le(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }

  u32be(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
  }

  i64le(v: bigint): void {
    this.ensure(8);
    this.buf.writeBigInt64LE(v, this.pos);
    this.pos += 8;
  }

  /** A millisecond timestamp (or any integer-valued number) as 8 little-endian bytes. */
  i64leNumber(v: number): void {
    this.ensure(8);
    this.buf.writeUInt32LE(v >>> 0, this.pos); // ToUint32 is exact modulo 2^32 up to 2^53
    this.buf.writeInt32LE(Math.floor(v / 4294967296), this.pos + 4);
    this.pos += 8;
  }

  f64le(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  bytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  latin1(s: string): void {
    this.ensure(s.length);
    this.pos += this.buf.latin1Write(s, this.pos);
  }

  /** A copy of everything written, then resets to empty. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }

  /** A view of everything written (valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

export class ByteReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
    /** Added to positions in error messages (for blobs nested in a file). */
    readonly base = 0,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  fail(reason: string, at = this.pos): never {
    throw new RdbError(reason, this.base + at);
  }

  need(n: number): void {
    if (n < 0 || this.pos + n > this.end) this.fail(n < 0 ? 'negative length' : `unexpected end of data (need ${n} bytes)`);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  u16le(): number {
    this.need(2);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  u32le(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  u32be(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  i64le(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  u64be(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  f64le(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** `n` bytes as a view into the input. */
  slice(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  latin1(n: number): string {
    this.need(n);
    const s = this.buf.latin1Slice(this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
}
