// LuaBitOp 1.0.2 (the `bit` module Redis bundles): 32-bit operations on Lua numbers. Arguments
// are normalised like its barg(): x + 2^52 + 2^51 rounds x to an integer (ties to even) in the
// low word of the double, so any number wraps modulo 2^32. Results are signed 32-bit numbers.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1; // low word index

/** barg(): the low 32 bits of (x + 6755399441055744.0)'s representation, as a signed int. */
export function tobit(x: number): number {
  f64[0] = x + 6755399441055744.0;
  return u32[LO] | 0;
}

/**
 * bit.tohex(x [, n]): `n` hex digits of x's low bits (default 8, at most 8); a negative n
 * means upper-case digits.
 */
export function tohex(x: number, n?: number): string {
  let b = tobit(x) >>> 0;
  let k = n === undefined ? 8 : tobit(n);
  let digits = '0123456789abcdef';
  if (k < 0) {
    k = -k | 0; // -INT_MIN stays negative, so no digits (the C module then reads out of bounds)
    digits = '0123456789ABCDEF';
  }
  if (k > 8) k = 8;
  let out = '';
  for (let i = k; --i >= 0; ) {
    out = digits[b & 15] + out;
    b >>>= 4;
  }
  return out;
}

export function bnot(x: number): number {
  return ~tobit(x);
}

/** bit.band(x1, ...): callers pass at least one number (LuaBitOp raises on none). */
export function band(...xs: number[]): number {
  let b = tobit(xs[0]);
  for (let i = 1; i < xs.length; i++) b &= tobit(xs[i]);
  return b;
}

export function bor(...xs: number[]): number {
  let b = tobit(xs[0]);
  for (let i = 1; i < xs.length; i++) b |= tobit(xs[i]);
  return b;
}

export function bxor(...xs: number[]): number {
  let b = tobit(xs[0]);
  for (let i = 1; i < xs.length; i++) b ^= tobit(xs[i]);
  return b;
}

// Shift counts use only their low 5 bits, as in LuaBitOp (and JS shift operators).
export function lshift(x: number, n: number): number {
  return tobit(x) << (tobit(n) & 31);
}

export function rshift(x: number, n: number): number {
  return (tobit(x) >>> (tobit(n) & 31)) | 0;
}

export function arshift(x: number, n: number): number {
  return tobit(x) >> (tobit(n) & 31);
}

export function rol(x: number, n: number): number {
  const b = tobit(x);
  const k = tobit(n) & 31;
  return (b << k) | (b >>> (32 - k));
}

export function ror(x: number, n: number): number {
  const b = tobit(x);
  const k = tobit(n) & 31;
  return (b << (32 - k)) | (b >>> k);
}

export function bswap(x: number): number {
  const b = tobit(x);
  return (b >>> 24) | ((b >>> 8) & 0xff00) | ((b & 0xff00) << 8) | (b << 24);
}
