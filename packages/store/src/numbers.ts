// Number parsing and formatting with Redis's exact rules: string2ll for integers, strtod for
// floats (no leading space, no trailing junk, no NaN, overflow rejected), %.17g for doubles.

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

/** Whether `s` is string2ll-valid syntax: "0" or -?[1-9][0-9]*, at most 20 chars. */
function isIntegerSyntax(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 20) return false;
  let i = 0;
  if (s.charCodeAt(0) === 45 /* - */) {
    if (n === 1) return false;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first === 48 /* 0 */) return n === 1;
  if (first < 49 || first > 57) return false;
  for (i++; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A signed 64-bit integer by Redis's string2ll rules, exactly; null when invalid or out of range. */
export function parseInt64(s: string): bigint | null {
  if (!isIntegerSyntax(s)) return null;
  const v = BigInt(s);
  return v > INT64_MAX || v < INT64_MIN ? null : v;
}

/**
 * A signed 64-bit integer by string2ll rules as a JS number (exact within ±2^53; beyond that the
 * nearest double — use parseInt64 for arithmetic). Null when invalid or out of int64 range.
 */
export function parseInteger(s: string): number | null {
  if (!isIntegerSyntax(s)) return null;
  if (s.length <= 15) return Number(s);
  return parseInt64(s) === null ? null : Number(s);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^[+-]?inf(?:inity)?$/i;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;

/**
 * A double as Redis's strtod-based parsers accept it: decimal or hex notation, `inf`/`infinity`
 * with optional sign; rejects empty input, leading whitespace, trailing junk, NaN, overflow to
 * infinity and underflow to zero. Null when invalid.
 */
export function parseFloat(s: string): number | null {
  if (DECIMAL.test(s)) {
    const v = Number(s);
    if (!Number.isFinite(v)) return null;
    if (v === 0 && /[1-9]/.test(s.replace(/[eE].*$/, ''))) return null;
    return v;
  }
  if (INFINITY.test(s)) return s.charCodeAt(0) === 45 ? -Infinity : Infinity;
  const hex = HEX.exec(s);
  if (hex === null) return null;
  const [, sign, intPart, fracPart = '', expPart = '0'] = hex;
  if (intPart.length + fracPart.length === 0) return null;
  let v = 0;
  for (const c of intPart + fracPart) v = v * 16 + parseInt(c, 16);
  v *= Math.pow(2, Number(expPart) - 4 * fracPart.length);
  if (!Number.isFinite(v)) return null;
  return sign === '-' ? -v : v;
}

const TWO63 = 2 ** 63;

/** C cast double → int64 (cvttsd2si): truncation; NaN and out-of-range give INT64_MIN. */
export function toInt64(x: number): bigint {
  if (!(x >= -TWO63 && x < TWO63)) return INT64_MIN;
  return BigInt(Math.trunc(x));
}

/** C cast double → uint64 as gcc emits it on x86-64 (values ≥ 2^63 go through a bias). */
export function toUint64(x: number): bigint {
  if (x >= TWO63) return BigInt.asUintN(64, toInt64(x - TWO63) ^ (1n << 63n));
  return BigInt.asUintN(64, toInt64(x));
}
