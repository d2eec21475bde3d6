// C number conversions the bundled C libraries rely on, as glibc on x86-64 performs them:
// strtod (decimal, hex floats, inf/nan), printf's %.<p>g, and the double → integer casts.
// Byte strings are latin1; a NUL byte ends a C string.

const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** Value of a hex digit byte, or -1. */
export const hexValue = (c: number): number => (isDigit(c) ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1);

/** Byte at `i`, or 0 past the end (a C string's terminator). */
const at = (s: string, i: number): number => (i < s.length ? s.charCodeAt(i) : 0);

function matchWord(s: string, i: number, word: string): boolean {
  for (let j = 0; j < word.length; j++) if ((at(s, i + j) | 0x20) !== word.charCodeAt(j)) return false;
  return true;
}

/**
 * glibc strtod from index `start`: [value, end]. `end === start` when nothing was parsed.
 * Accepts leading spaces, a sign, decimal and hex (0x…p…) forms, inf/infinity and nan(…).
 */
export function strtod(s: string, start: number): [number, number] {
  let i = start;
  while (isSpace(at(s, i))) i++;
  let sign = 1;
  if (at(s, i) === 0x2d || at(s, i) === 0x2b) {
    if (at(s, i) === 0x2d) sign = -1;
    i++;
  }
  if (matchWord(s, i, 'inf')) return [sign * Infinity, i + (matchWord(s, i + 3, 'inity') ? 8 : 3)];
  if (matchWord(s, i, 'nan')) {
    let j = i + 3;
    if (at(s, j) === 0x28) {
      let k = j + 1;
      for (let c = at(s, k); isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f; c = at(s, ++k));
      if (at(s, k) === 0x29) j = k + 1;
    }
    return [NaN, j];
  }
  if (at(s, i) === 0x30 && (at(s, i + 1) | 0x20) === 0x78) {
    const hex = parseHex(s, i + 2);
    if (hex) return [sign * hex[0], hex[1]];
  }
  const from = i;
  let digits = 0;
  for (; isDigit(at(s, i)); i++) digits++;
  if (at(s, i) === 0x2e) {
    for (i++; isDigit(at(s, i)); i++) digits++;
  }
  if (digits === 0) return [0, start];
  if ((at(s, i) | 0x20) === 0x65) {
    let j = i + 1;
    if (at(s, j) === 0x2b || at(s, j) === 0x2d) j++;
    if (isDigit(at(s, j))) {
      while (isDigit(at(s, j))) j++;
      i = j;
    }
  }
  return [sign * Number(s.slice(from, i)), i];
}

/** Hex significand after `0x`, with an optional binary exponent; null if no hex digit. */
function parseHex(s: string, i: number): [number, number] | null {
  let mant = 0n;
  let exp = 0;
  let digits = 0;
  for (let d = hexValue(at(s, i)); d >= 0; d = hexValue(at(s, ++i))) {
    mant = mant * 16n + BigInt(d);
    digits++;
  }
  if (at(s, i) === 0x2e) {
    for (let d = hexValue(at(s, ++i)); d >= 0; d = hexValue(at(s, ++i))) {
      mant = mant * 16n + BigInt(d);
      digits++;
      exp -= 4;
    }
  }
  if (digits === 0) return null;
  if ((at(s, i) | 0x20) === 0x70) {
    let j = i + 1;
    let esign = 1;
    if (at(s, j) === 0x2b || at(s, j) === 0x2d) esign = at(s, j++) === 0x2d ? -1 : 1;
    if (isDigit(at(s, j))) {
      let e = 0;
      while (isDigit(at(s, j))) e = Math.min(e * 10 + at(s, j++) - 0x30, 1e6);
      exp += esign * e;
      i = j;
    }
  }
  return [Number(mant) * 2 ** exp, i];
}

/**
 * Lua 5.1's string → number coercion (luaO_str2d over strtod): the whole C string, allowing
 * surrounding spaces. Undefined when it is not a number.
 */
export function str2number(s: string): number | undefined {
  const nul = s.indexOf('\0');
  const c = nul >= 0 ? s.slice(0, nul) : s;
  const [v, end] = strtod(c, 0);
  if (end === 0) return undefined;
  let i = end;
  while (isSpace(at(c, i))) i++;
  return i === c.length ? v : undefined;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Whether the sign bit of `x` is set (-0, and glibc's "-nan"). */
function signBit(x: number): boolean {
  f64[0] = x;
  return u64[0] >> 63n === 1n;
}

/** x = m · 2^e exactly, for finite x > 0. */
function decompose(x: number): [bigint, number] {
  f64[0] = x;
  const bits = u64[0];
  const bexp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  return bexp === 0 ? [frac, -1074] : [frac | (1n << 52n), bexp - 1075];
}

/** Whether x · 10^k (x > 0) has a fractional part of exactly one half. */
function isHalfway(x: number, k: number): boolean {
  const [m, e] = decompose(x);
  let num = 2n * m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (k >= 0) num *= 10n ** BigInt(k);
  else den *= 10n ** BigInt(-k);
  return num % den === 0n && (num / den) % 2n === 1n;
}

/** C printf `%.<prec>g` (glibc: exact value, ties to even). */
export function formatG(x: number, prec: number): string {
  if (x !== x) return signBit(x) ? '-nan' : 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const p = prec === 0 ? 1 : prec;
  if (x === 0) return signBit(x) ? '-0' : '0';
  // Integers with at most `p` digits print as themselves.
  if (Number.isInteger(x) && Math.abs(x) < 10 ** p && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return String(x);
  const neg = x < 0;
  const a = Math.abs(x);
  // JS rounds exact halves away from zero; step back to the even neighbour when that happened.
  // A half needs a·2^(k+1) to be an integer (5^k is odd), a cheap filter before the exact test.
  const [rounded, exp] = splitExponential(a.toExponential(p - 1));
  let digits = rounded;
  const k = p - 1 - exp;
  if ((digits.charCodeAt(digits.length - 1) & 1) === 1 && Number.isInteger(a * 2 ** (k + 1)) && isHalfway(a, k)) {
    const down = (BigInt(digits) - 1n).toString();
    digits = down.padStart(p, '0');
  }
  let out: string;
  if (exp < -4 || exp >= p) {
    const frac = digits.slice(1).replace(/0+$/, '');
    const e = Math.abs(exp);
    out = `${digits[0]}${frac ? '.' + frac : ''}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  } else if (exp >= 0) {
    const int = digits.slice(0, exp + 1);
    const frac = digits.slice(exp + 1).replace(/0+$/, '');
    out = frac ? `${int}.${frac}` : int;
  } else {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`.replace(/0+$/, '');
  }
  return neg ? '-' + out : out;
}

function splitExponential(s: string): [string, number] {
  const e = s.indexOf('e');
  return [s.slice(0, e).replace('.', ''), Number(s.slice(e + 1))];
}

const TWO63 = 2 ** 63;

/** C cast double → int64 (cvttsd2si): truncation; NaN and out-of-range give INT64_MIN. */
export function toInt64(x: number): bigint {
  if (!(x >= -TWO63 && x < TWO63)) return -(1n << 63n);
  return BigInt(Math.trunc(x));
}

/** C cast double → uint64 as gcc emits it on x86-64 (values ≥ 2^63 go through a bias). */
export function toUint64(x: number): bigint {
  if (x >= TWO63) return BigInt.asUintN(64, toInt64(x - TWO63) ^ (1n << 63n));
  return BigInt.asUintN(64, toInt64(x));
}

/** C conversion of an int64 to int: the low 32 bits, signed. */
export const toInt32 = (n: bigint): number => Number(BigInt.asIntN(32, n));
