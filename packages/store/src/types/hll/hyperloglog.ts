// Redis's HyperLogLog, byte for byte (hyperloglog.c): a 16-byte header (`HYLL`, encoding, 3 unused
// bytes, 8-byte little-endian cached cardinality whose top bit marks it stale) followed by either
// the sparse opcodes (ZERO 00xxxxxx, XZERO 01xxxxxx yyyyyyyy, VAL 1vvvvvxx) or 16384 dense 6-bit
// registers packed LSB first. MurmurHash64A with seed 0xadc83b19, P = 14, Ertl's estimator.
// An HLL is a plain string value: the server's PF* commands edit it through HllBuffer.

export const HLL_P = 14;
export const HLL_REGISTERS = 1 << HLL_P;
const HLL_Q = 64 - HLL_P;
const HLL_BITS = 6;
const HLL_REGISTER_MAX = (1 << HLL_BITS) - 1;
export const HLL_HDR_SIZE = 16;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + ((HLL_REGISTERS * HLL_BITS + 7) >> 3);
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;
const HLL_SPARSE_VAL_MAX_VALUE = 32;
const HLL_SPARSE_VAL_MAX_LEN = 4;
const HLL_SPARSE_ZERO_MAX_LEN = 64;
const HLL_ALPHA_INF = 0.7213475204444817; // 0.5 / ln 2 (0.721347520444481703680)

// ---- MurmurHash64A ---------------------------------------------------------------------------
// 64-bit arithmetic on (hi, lo) uint32 pairs: BigInt would cost microseconds per element.

const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;
let outHi = 0;
let outLo = 0;

/** Low 64 bits of (ah:al) * (bh:bl) into outHi:outLo. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const mid1 = a0 * b1;
  const mid2 = a1 * b0;
  let lo = a0 * b0 + ((mid1 & 0xffff) + (mid2 & 0xffff)) * 65536;
  let hi = a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16) + Math.floor(lo / 4294967296);
  lo >>>= 0;
  hi = (hi + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
  outHi = hi;
  outLo = lo;
}

/** MurmurHash64A over the latin1 bytes of `s` (little-endian blocks, as on x86): [hi, lo]. */
export function murmurHash64A(s: string, seed: number): [number, number] {
  const len = s.length;
  mul64(0, len, M_HI, M_LO);
  let hHi = outHi;
  let hLo = (outLo ^ seed) >>> 0;
  const blocks = len - (len & 7);
  for (let i = 0; i < blocks; i += 8) {
    const kLo = (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) | (s.charCodeAt(i + 3) << 24)) >>> 0;
    const kHi = (s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 8) | (s.charCodeAt(i + 6) << 16) | (s.charCodeAt(i + 7) << 24)) >>> 0;
    mul64(kHi, kLo, M_HI, M_LO);
    mul64(outHi, (outLo ^ (outHi >>> 15)) >>> 0, M_HI, M_LO); // k ^= k >> 47; k *= m
    hHi = (hHi ^ outHi) >>> 0;
    hLo = (hLo ^ outLo) >>> 0;
    mul64(hHi, hLo, M_HI, M_LO);
    hHi = outHi;
    hLo = outLo;
  }
  const rest = len & 7;
  if (rest > 0) {
    for (let j = rest - 1; j >= 0; j--) {
      const b = s.charCodeAt(blocks + j);
      if (j >= 4) hHi = (hHi ^ (b << (8 * (j - 4)))) >>> 0;
      else hLo = (hLo ^ (b << (8 * j))) >>> 0;
    }
    mul64(hHi, hLo, M_HI, M_LO);
    hHi = outHi;
    hLo = outLo;
  }
  hLo = (hLo ^ (hHi >>> 15)) >>> 0;
  mul64(hHi, hLo, M_HI, M_LO);
  return [outHi, (outLo ^ (outHi >>> 15)) >>> 0];
}

const ctz = (x: number) => 31 - Math.clz32(x & -x);

/** hllPatLen: the register index and the run length of the "000…1" pattern (1..51). */
export function patLen(element: string): [index: number, count: number] {
  const [hi, lo] = murmurHash64A(element, 0xadc83b19);
  // The 50 bits above the index, with bit 50 set so the count stops at Q + 1.
  const low18 = lo >>> HLL_P;
  const count = low18 !== 0 ? 1 + ctz(low18) : hi !== 0 ? 1 + 18 + ctz(hi) : 1 + HLL_Q;
  return [lo & (HLL_REGISTERS - 1), count];
}

// ---- the value buffer ------------------------------------------------------------------------

/** An HLL string being worked on: bytes with spare room (sparse growth, dense register spill). */
export class HllBuffer {
  private constructor(
    public bytes: Uint8Array,
    public length: number,
  ) {}

  /** A new empty sparse HLL (one XZERO opcode covering every register). */
  static create(): HllBuffer {
    const b = new HllBuffer(new Uint8Array(64), HLL_HDR_SIZE + 2);
    b.bytes.set([72, 89, 76, 76, HLL_SPARSE]); // "HYLL"
    xzeroSet(b.bytes, HLL_HDR_SIZE, HLL_REGISTERS);
    return b;
  }

  static fromString(s: string): HllBuffer {
    const bytes = new Uint8Array(s.length + 8);
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(s, 0, 'latin1');
    return new HllBuffer(bytes, s.length);
  }

  toString(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length).toString('latin1');
  }

  get encoding(): number {
    return this.bytes[4];
  }

  /** Makes room for `extra` more bytes (plus the terminator byte C's sds keeps). */
  reserve(extra: number): void {
    if (this.length + extra + 1 <= this.bytes.length) return;
    const grown = new Uint8Array((this.length + extra + 1) * 2);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  get cacheValid(): boolean {
    return (this.bytes[15] & 0x80) === 0;
  }

  invalidateCache(): void {
    this.bytes[15] |= 0x80;
  }

  get cachedCount(): number {
    let n = 0;
    for (let i = 15; i >= 8; i--) n = n * 256 + this.bytes[i];
    return n;
  }

  set cachedCount(n: number) {
    let v = BigInt(n);
    for (let i = 8; i < 16; i++) {
      this.bytes[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
}

/** isHLLObjectOrReply's checks on a string value. */
export function isValidHll(s: string): boolean {
  if (s.length < HLL_HDR_SIZE || !s.startsWith('HYLL')) return false;
  const encoding = s.charCodeAt(4);
  if (encoding > HLL_SPARSE) return false;
  return encoding !== HLL_DENSE || s.length === HLL_DENSE_SIZE;
}

// ---- dense registers -------------------------------------------------------------------------

function denseGet(b: Uint8Array, reg: number): number {
  const pos = HLL_HDR_SIZE + ((reg * HLL_BITS) >> 3);
  const fb = (reg * HLL_BITS) & 7;
  return ((b[pos] >> fb) | (b[pos + 1] << (8 - fb))) & HLL_REGISTER_MAX;
}

function denseSetRaw(b: Uint8Array, reg: number, v: number): void {
  const pos = HLL_HDR_SIZE + ((reg * HLL_BITS) >> 3);
  const fb = (reg * HLL_BITS) & 7;
  const fb8 = 8 - fb;
  b[pos] = (b[pos] & ~(HLL_REGISTER_MAX << fb)) | (v << fb);
  b[pos + 1] = (b[pos + 1] & ~(HLL_REGISTER_MAX >> fb8)) | (v >> fb8);
}

/** hllDenseSet: raises a register; 1 when it changed. */
function denseSet(b: Uint8Array, reg: number, count: number): number {
  if (count <= denseGet(b, reg)) return 0;
  denseSetRaw(b, reg, count);
  return 1;
}

// ---- sparse opcodes --------------------------------------------------------------------------

const isZero = (op: number) => (op & 0xc0) === 0;
const isXzero = (op: number) => (op & 0xc0) === 0x40;
const isVal = (op: number) => (op & 0x80) !== 0;
const zeroLen = (op: number) => (op & 0x3f) + 1;
const xzeroLen = (b: Uint8Array, p: number) => (((b[p] & 0x3f) << 8) | b[p + 1]) + 1;
const valValue = (op: number) => ((op >> 2) & 0x1f) + 1;
const valLen = (op: number) => (op & 0x3) + 1;
const valOp = (value: number, len: number) => (((value - 1) << 2) | (len - 1)) | 0x80;

function xzeroSet(b: Uint8Array, p: number, len: number): void {
  const l = len - 1;
  b[p] = (l >> 8) | 0x40;
  b[p + 1] = l & 0xff;
}

/** Calls `run(value, length)` per opcode; returns the number of registers covered. */
function walkSparse(buf: HllBuffer, run: (value: number, len: number, index: number) => boolean | void): number {
  const b = buf.bytes;
  let idx = 0;
  for (let p = HLL_HDR_SIZE; p < buf.length; ) {
    const op = b[p];
    let value = 0;
    let len: number;
    if (isZero(op)) {
      len = zeroLen(op);
      p++;
    } else if (isXzero(op)) {
      len = xzeroLen(b, p);
      p += 2;
    } else {
      len = valLen(op);
      value = valValue(op);
      p++;
    }
    if (run(value, len, idx) === false) return -1;
    idx += len;
  }
  return idx;
}

/** hllSparseToDense; false when the sparse data is corrupt. */
export function sparseToDense(buf: HllBuffer): boolean {
  if (buf.encoding === HLL_DENSE) return true;
  const dense = new Uint8Array(HLL_DENSE_SIZE + 1);
  dense.set(buf.bytes.subarray(0, HLL_HDR_SIZE));
  dense[4] = HLL_DENSE;
  const covered = walkSparse(buf, (value, len, idx) => {
    if (value === 0) return;
    if (idx + len > HLL_REGISTERS) return false;
    for (let i = 0; i < len; i++) denseSetRaw(dense, idx + i, value);
  });
  if (covered !== HLL_REGISTERS) return false;
  buf.bytes = dense;
  buf.length = HLL_DENSE_SIZE;
  return true;
}

/** hllSparseSet: 1 when the register changed, 0 when not, -1 when the data is corrupt. */
function sparseSet(buf: HllBuffer, index: number, count: number, sparseMaxBytes: number): number {
  if (count > HLL_SPARSE_VAL_MAX_VALUE) return promote(buf, index, count);
  buf.reserve(3);
  let b = buf.bytes;
  let end = buf.length;
  // Step 1: find the opcode covering `index`.
  let p = HLL_HDR_SIZE;
  let first = 0;
  let prev = -1;
  let span = 0;
  while (p < end) {
    let oplen = 1;
    const op = b[p];
    if (isZero(op)) span = zeroLen(op);
    else if (isVal(op)) span = valLen(op);
    else {
      span = xzeroLen(b, p);
      oplen = 2;
    }
    if (index <= first + span - 1) break;
    prev = p;
    p += oplen;
    first += span;
  }
  if (span === 0 || p >= end) return -1;
  const op = b[p];
  const zero = isZero(op);
  const xzero = isXzero(op);
  const next = xzero ? p + 2 : p + 1;
  const runlen = zero ? zeroLen(op) : xzero ? xzeroLen(b, p) : valLen(op);
  let updatedInPlace = false;
  if (!zero && !xzero) {
    if (valValue(op) >= count) return 0;
    if (runlen === 1) {
      b[p] = valOp(count, 1);
      updatedInPlace = true;
    }
  }
  if (!updatedInPlace && zero && runlen === 1) {
    b[p] = valOp(count, 1);
    updatedInPlace = true;
  }
  if (!updatedInPlace) {
    // Step 2: split the opcode into up to three (at most 5 bytes).
    const seq: number[] = [];
    const last = first + span - 1;
    const pushZeros = (len: number) => {
      if (len > HLL_SPARSE_ZERO_MAX_LEN) seq.push(((len - 1) >> 8) | 0x40, (len - 1) & 0xff);
      else seq.push(len - 1);
    };
    if (zero || xzero) {
      if (index !== first) pushZeros(index - first);
      seq.push(valOp(count, 1));
      if (index !== last) pushZeros(last - index);
    } else {
      const curval = valValue(op);
      if (index !== first) seq.push(valOp(curval, index - first));
      seq.push(valOp(count, 1));
      if (index !== last) seq.push(valOp(curval, last - index));
    }
    // Step 3: substitute the sequence for the old opcode.
    const delta = seq.length - (xzero ? 2 : 1);
    if (delta > 0 && buf.length + delta > sparseMaxBytes) return promote(buf, index, count);
    if (delta !== 0 && next < end) b.copyWithin(next + delta, next, end);
    buf.length += delta;
    end += delta;
    b.set(seq, p);
  }
  // Step 4: merge adjacent VAL opcodes with the same value, scanning up to 5 opcodes from prev.
  b = buf.bytes;
  p = prev >= 0 ? prev : HLL_HDR_SIZE;
  let scanlen = 5;
  while (p < end && scanlen-- > 0) {
    if (isXzero(b[p])) {
      p += 2;
      continue;
    }
    if (isZero(b[p])) {
      p++;
      continue;
    }
    if (p + 1 < end && isVal(b[p + 1])) {
      const v1 = valValue(b[p]);
      if (v1 === valValue(b[p + 1])) {
        const len = valLen(b[p]) + valLen(b[p + 1]);
        if (len <= HLL_SPARSE_VAL_MAX_LEN) {
          b[p + 1] = valOp(v1, len);
          b.copyWithin(p, p + 1, end);
          buf.length--;
          end--;
          continue;
        }
      }
    }
    p++;
  }
  buf.invalidateCache();
  return 1;
}

function promote(buf: HllBuffer, index: number, count: number): number {
  if (!sparseToDense(buf)) return -1;
  return denseSet(buf.bytes, index, count);
}

/** hllAdd: 1 when a register changed, 0 when not, -1 on corrupt data. */
export function hllAdd(buf: HllBuffer, element: string, sparseMaxBytes: number): number {
  const [index, count] = patLen(element);
  if (buf.encoding === HLL_DENSE) return denseSet(buf.bytes, index, count);
  if (buf.encoding === HLL_SPARSE) return sparseSet(buf, index, count, sparseMaxBytes);
  return -1;
}

/** Sets register `index` to at least `count` whatever the encoding (PFMERGE's write-back). */
export function hllSetRegister(buf: HllBuffer, index: number, count: number, sparseMaxBytes: number): void {
  if (buf.encoding === HLL_DENSE) denseSet(buf.bytes, index, count);
  else sparseSet(buf, index, count, sparseMaxBytes);
}

/** hllMerge: max[i] = max(max[i], register i); false on corrupt sparse data. */
export function hllMerge(max: Uint8Array, buf: HllBuffer): boolean {
  if (buf.encoding === HLL_DENSE) {
    const b = buf.bytes;
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = denseGet(b, i);
      if (v > max[i]) max[i] = v;
    }
    return true;
  }
  const covered = walkSparse(buf, (value, len, idx) => {
    if (value === 0) return;
    if (idx + len > HLL_REGISTERS) return false;
    for (let i = idx; i < idx + len; i++) if (value > max[i]) max[i] = value;
  });
  return covered === HLL_REGISTERS;
}

/** Dense register values (PFDEBUG GETREG, after conversion). */
export function denseRegisters(buf: HllBuffer): number[] {
  const out: number[] = new Array(HLL_REGISTERS);
  for (let i = 0; i < HLL_REGISTERS; i++) out[i] = denseGet(buf.bytes, i);
  return out;
}

/** PFDEBUG DECODE text of a sparse HLL. */
export function decodeSparse(buf: HllBuffer): string {
  const parts: string[] = [];
  const b = buf.bytes;
  for (let p = HLL_HDR_SIZE; p < buf.length; ) {
    const op = b[p];
    if (isZero(op)) {
      parts.push(`z:${zeroLen(op)}`);
      p++;
    } else if (isXzero(op)) {
      parts.push(`Z:${xzeroLen(b, p)}`);
      p += 2;
    } else {
      parts.push(`v:${valValue(op)},${valLen(op)}`);
      p++;
    }
  }
  return parts.join(' ');
}

// ---- estimation ------------------------------------------------------------------------------

function sigma(x: number): number {
  if (x === 1) return Infinity;
  let zPrime: number;
  let y = 1;
  let z = x;
  do {
    x *= x;
    zPrime = z;
    z += x * y;
    y += y;
  } while (zPrime !== z);
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let zPrime: number;
  let y = 1.0;
  let z = 1 - x;
  do {
    x = Math.sqrt(x);
    zPrime = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
  } while (zPrime !== z);
  return z / 3;
}

/** Ertl's estimator over a register histogram. */
function estimate(histo: Float64Array): number {
  const m = HLL_REGISTERS;
  let z = m * tau((m - histo[HLL_Q + 1]) / m);
  for (let j = HLL_Q; j >= 1; j--) {
    z += histo[j];
    z *= 0.5;
  }
  z += m * sigma(histo[0] / m);
  return Math.round((HLL_ALPHA_INF * m * m) / z);
}

/** hllCount of one HLL; null when the sparse data is corrupt. */
export function hllCount(buf: HllBuffer): number | null {
  const histo = new Float64Array(64);
  if (buf.encoding === HLL_DENSE) {
    for (let i = 0; i < HLL_REGISTERS; i++) histo[denseGet(buf.bytes, i)]++;
  } else {
    const covered = walkSparse(buf, (value, len) => {
      histo[value] += len;
    });
    if (covered !== HLL_REGISTERS) return null;
  }
  return estimate(histo);
}

/** hllCount of raw registers (one byte each), as PFCOUNT of several keys uses. */
export function rawCount(registers: Uint8Array): number {
  const histo = new Float64Array(64);
  for (let i = 0; i < HLL_REGISTERS; i++) histo[registers[i]]++;
  return estimate(histo);
}
