// Just enough x87 80-bit long double (64-bit mantissa, round-half-even) to reproduce Redis's
// INCRBYFLOAT/HINCRBYFLOAT exactly: strtold, one addition, and printf("%.17Lf") trimmed.
// A finite value is mant * 2^exp with mant an unsigned bigint of at most 64 bits.
import { parseFloat } from '../../numbers';

const MANT_BITS = 64n;
const MAX_EXP = 16384; // values >= 2^16384 overflow to infinity

export interface LongDouble {
  neg: boolean;
  mant: bigint;
  exp: number;
  /** Set for ±infinity (mant/exp unused). */
  inf?: boolean;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds num / den (positive) to 64 significant bits, half to even: returns [mant, exp2]. */
function roundRatio(num: bigint, den: bigint): [bigint, number] {
  if (num === 0n) return [0n, 0];
  // Scale so that the quotient has exactly 64 bits (or 65 before a final normalisation).
  let shift = Number(MANT_BITS) - (bitLength(num) - bitLength(den)) ;
  let q: bigint;
  let r: bigint;
  let d: bigint;
  for (;;) {
    const n = shift >= 0 ? num << BigInt(shift) : num;
    d = shift >= 0 ? den : den << BigInt(-shift);
    q = n / d;
    r = n % d;
    const bits = bitLength(q);
    if (bits === Number(MANT_BITS)) break;
    shift += bits > Number(MANT_BITS) ? -1 : 1;
  }
  const twice = r * 2n;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q++;
  if (bitLength(q) > Number(MANT_BITS)) {
    q >>= 1n;
    shift--;
  }
  return [q, -shift];
}

function make(neg: boolean, num: bigint, den: bigint): LongDouble {
  const [mant, exp] = roundRatio(num, den);
  if (mant !== 0n && exp + bitLength(mant) > MAX_EXP) return { neg, mant: 0n, exp: 0, inf: true };
  return { neg, mant, exp };
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
// Decimal magnitudes beyond which strtold overflows (Redis rejects) or underflows to zero.
const MAX_DECIMAL_EXP = 4933;
const MIN_DECIMAL_EXP = -4950;

/** strtold with Redis's checks (no spaces, no junk, no NaN, no overflow); null when invalid. */
export function parseLongDouble(s: string): LongDouble | null {
  const m = DECIMAL.exec(s);
  if (m === null || !/\d/.test(m[2] + (m[3] ?? ''))) {
    // inf, hex notation or junk: the double parser decides (hex values are exact in a double).
    const f = parseFloat(s);
    if (f === null) return null;
    return Number.isFinite(f) ? fromDouble(f) : { neg: f < 0, mant: 0n, exp: 0, inf: true };
  }
  const [, sign, int, frac = '', e = '0'] = m;
  const digitText = (int + frac).replace(/^0+/, '');
  if (digitText === '') return { neg: sign === '-', mant: 0n, exp: 0 };
  const exp10 = Number(e) - frac.length;
  const magnitude = exp10 + digitText.length;
  if (magnitude > MAX_DECIMAL_EXP || magnitude < MIN_DECIMAL_EXP) return null;
  const digits = BigInt(digitText);
  const v = exp10 >= 0 ? make(sign === '-', digits * 10n ** BigInt(exp10), 1n) : make(sign === '-', digits, 10n ** BigInt(-exp10));
  return v.inf ? null : v;
}

function fromDouble(d: number): LongDouble {
  if (d === 0) return { neg: Object.is(d, -0), mant: 0n, exp: 0 };
  const neg = d < 0;
  let a = Math.abs(d);
  let exp = 0;
  while (!Number.isInteger(a)) {
    a *= 2;
    exp--;
  }
  return make(neg, BigInt(a), 1n << BigInt(-exp));
}

/** a + b, rounded to a long double. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.inf || b.inf) {
    if (a.inf && b.inf && a.neg !== b.neg) return { neg: false, mant: 0n, exp: 0, inf: true }; // NaN: caller rejects inf anyway
    return a.inf ? a : b;
  }
  const e = Math.min(a.exp, b.exp);
  const av = (a.neg ? -a.mant : a.mant) << BigInt(a.exp - e);
  const bv = (b.neg ? -b.mant : b.mant) << BigInt(b.exp - e);
  const sum = av + bv;
  const neg = sum < 0n;
  const abs = neg ? -sum : sum;
  return e >= 0 ? make(neg, abs << BigInt(e), 1n) : make(neg, abs, 1n << BigInt(-e));
}

/** printf("%.17Lf") with trailing zeros (and a trailing dot) removed, "-0" as "0": Redis's LD_STR_HUMAN. */
export function formatLongDoubleHuman(v: LongDouble): string {
  if (v.inf) return v.neg ? '-inf' : 'inf';
  const scale = 10n ** 17n;
  let scaled: bigint;
  if (v.exp >= 0) {
    scaled = (v.mant << BigInt(v.exp)) * scale;
  } else {
    const num = v.mant * scale;
    const den = 1n << BigInt(-v.exp);
    scaled = num / den;
    const twice = (num % den) * 2n;
    if (twice > den || (twice === den && (scaled & 1n) === 1n)) scaled++;
  }
  let text = scaled.toString().padStart(18, '0');
  text = text.slice(0, -17) + '.' + text.slice(-17);
  text = text.replace(/0+$/, '').replace(/\.$/, '');
  if (text === '0') return '0';
  return v.neg ? '-' + text : text;
}
