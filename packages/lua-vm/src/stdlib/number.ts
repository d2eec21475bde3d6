// String-to-number conversions of Lua 5.1 on glibc: luaO_str2d (strtod, used by tonumber, the
// lexer and arithmetic coercion) and tonumber(s, base) (strtoul). Both read a C string, so a
// Lua string is only considered up to its first NUL byte.

/** glibc's "nan" and "-nan" differ in the sign bit, which tostring shows. */
const NAN_BITS = new Float64Array(1);
new Uint8Array(NAN_BITS.buffer).set([0, 0, 0, 0, 0, 0, 0xf8, 0x7f]);
const POS_NAN = NAN_BITS[0];
const NEG_NAN = -POS_NAN;

/** C isspace in the C locale. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** Value of an alphanumeric digit (0-35), or 99 for any other byte. */
function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x7a) return l - 0x61 + 10;
  return 99;
}

function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/** Case-insensitive ASCII prefix test of `word` (lower case) at `i`. */
function hasWord(s: string, i: number, word: string): boolean {
  if (i + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) if ((s.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** m * 2^e correctly rounded to a double (ties to even), including subnormals and overflow. */
function scaleToDouble(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const bits = m.toString(2).length;
  const lead = bits - 1 + e; // exponent of the leading bit
  const keep = lead >= -1022 ? 53 : 53 - (-1022 - lead);
  if (keep < 0) return 0;
  const shift = bits - keep;
  if (shift > 0) {
    let q = m >> BigInt(shift);
    const rem = m - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
    m = q;
    e += shift;
  }
  // m now has <= 54 bits; scale in two steps so 2^e never under/overflows on its own.
  const x = Number(m);
  if (e > 1000) return x * 2 ** 1000 * 2 ** (e - 1000);
  if (e < -1000) return x * 2 ** (e + 600) * 2 ** -600;
  return x * 2 ** e;
}

/** glibc strtod's hexadecimal form after "0x": [value, end index], or null without digits. */
function parseHexFloat(s: string, i: number): [number, number] | null {
  let hex = '';
  let fracDigits = 0;
  let seenPoint = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e && !seenPoint) {
      seenPoint = true;
      continue;
    }
    if (digitValue(c) >= 16) break;
    hex += s[i];
    if (seenPoint) fracDigits++;
  }
  const digits = hex.length;
  if (digits === 0) return null;
  let exp = 0;
  if ((s.charCodeAt(i) | 0x20) === 0x70) { // p
    let j = i + 1;
    let neg = false;
    if (s[j] === '+' || s[j] === '-') neg = s[j++] === '-';
    const start = j;
    while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) {
      if (exp < 1e6) exp = exp * 10 + s.charCodeAt(j) - 0x30;
      j++;
    }
    if (j > start) {
      i = j;
      if (neg) exp = -exp;
    }
  }
  const e = exp - 4 * fracDigits;
  // Up to 13 digits (52 bits) scaled within the normal range is exact in double arithmetic.
  if (digits <= 13 && e > -1000 && e < 900) return [parseInt(hex, 16) * 2 ** e, i];
  return [scaleToDouble(BigInt('0x' + hex), e), i];
}

/** glibc strtod: [value, end index], or null when no conversion is possible. */
export function strtod(s: string, i: number): [number, number] | null {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') neg = s[i++] === '-';
  const sign = neg ? -1 : 1;
  if (hasWord(s, i, 'inf')) return [sign * Infinity, i + (hasWord(s, i, 'infinity') ? 8 : 3)];
  if (hasWord(s, i, 'nan')) {
    let end = i + 3;
    if (s[end] === '(') {
      let j = end + 1;
      while (j < s.length && (digitValue(s.charCodeAt(j)) < 36 || s[j] === '_')) j++;
      if (s[j] === ')') end = j + 1;
    }
    return [neg ? NEG_NAN : POS_NAN, end];
  }
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    const hex = parseHexFloat(s, i + 2);
    if (hex) return [sign * hex[0], hex[1]];
    return [neg ? -0 : 0, i + 1];
  }
  const start = i;
  let digits = 0;
  for (; i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39; i++) digits++;
  if (s[i] === '.') {
    for (i++; i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39; i++) digits++;
  }
  if (digits === 0) return null;
  if (s[i] === 'e' || s[i] === 'E') {
    let j = i + 1;
    if (s[j] === '+' || s[j] === '-') j++;
    const expStart = j;
    while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
    if (j > expStart) i = j;
  }
  // The scanned text is a valid JS decimal literal; Number() rounds it correctly.
  return [sign * Number(s.slice(start, i)), i];
}

/**
 * luaO_str2d: the number a whole string denotes (leading and trailing whitespace allowed), or
 * undefined. Accepts everything glibc strtod does: decimals, hex integers and hex floats
 * ("0x1p4"), "inf"/"infinity"/"nan" in any case; out-of-range values become ±inf or 0.
 */
export function str2number(s: string): number | undefined {
  s = cString(s);
  const r = strtod(s, 0);
  if (r === null) return undefined;
  let i = r[1];
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i === s.length ? r[0] : undefined;
}

const ULONG_MAX = (1n << 64n) - 1n;

/**
 * tonumber(s, base) for base 2–36 (the caller checks the range): glibc strtoul semantics, so
 * whitespace around the digits, an optional sign (a negative result wraps modulo 2^64), an
 * optional "0x" for base 16, and overflow saturating at 2^64-1. Base 10 is Lua's ordinary
 * conversion (str2number), as in luaB_tonumber.
 */
export function parseIntBase(s: string, base: number): number | undefined {
  if (base === 10) return str2number(s);
  s = cString(s);
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') neg = s[i++] === '-';
  if (base === 16 && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && digitValue(s.charCodeAt(i + 2)) < 16) i += 2;
  const start = i;
  // Digits accumulate in a double while that is exact (below 2^53), then in a BigInt.
  let x = 0;
  let n: bigint | null = null;
  let overflow = false;
  for (; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d >= base) break;
    if (n === null && (x + 1) * base <= EXACT_BELOW) {
      x = x * base + d;
    } else if (!overflow) {
      n = (n ?? BigInt(x)) * BigInt(base) + BigInt(d);
      if (n > ULONG_MAX) overflow = true;
    }
  }
  if (i === start) return undefined;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  if (i !== s.length) return undefined;
  if (overflow) return Number(ULONG_MAX);
  if (n === null) return neg && x !== 0 ? Number((1n << 64n) - BigInt(x)) : x;
  return Number(neg && n !== 0n ? (1n << 64n) - n : n);
}

const EXACT_BELOW = 2 ** 53;
