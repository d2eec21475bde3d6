// Number-to-text as Lua 5.1 on x86-64 glibc does it: tostring (LUAI_NUMFFORMAT "%.14g") and
// string.format (lstrlib.c str_format over C sprintf). Decimal rounding is exact, ties to even,
// and integer conversions reproduce the C double -> long / unsigned long casts bit for bit.

/** A string.format error; `message` is Lua 5.1's text (see `arg` for argument errors). */
export class LuaFormatError extends Error {
  override name = 'LuaFormatError';
  /** For `bad argument` errors: the argument index and luaL_argerror's extra message. */
  constructor(message: string, readonly arg?: number, readonly extraMsg?: string) {
    super(message);
  }
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // high word index

/** Whether the sign bit is set (distinguishes -0 and glibc's "-nan"). */
function signBit(x: number): boolean {
  f64[0] = x;
  return u32[HI] >>> 31 === 1;
}

/** x = M * 2^E exactly, for finite x >= 0. */
function decompose(x: number): [bigint, number] {
  f64[0] = x;
  const hi = u32[HI], lo = u32[1 - HI];
  const bexp = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return bexp === 0 ? [mant, -1074] : [mant | (1n << 52n), bexp - 1075];
}

/** Whether x * 10^k lies exactly halfway between two integers (2·x·10^k is an odd integer). */
function isTie(x: number, k: number): boolean {
  const [m, e] = decompose(x);
  let num = 2n * m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (k >= 0) num *= 10n ** BigInt(k);
  else den *= 10n ** BigInt(-k);
  return num % den === 0n && (num / den) % 2n === 1n;
}

/**
 * A cheap necessary condition for isTie(x, k): 2·x·10^k can only be an integer if x·2^(k+1)
 * is one (the factor 5^k is odd). Exact, since scaling by a power of two is.
 */
function mayTie(x: number, k: number): boolean {
  return Number.isInteger(x * 2 ** (k + 1));
}

/** Whether `digits` from index `from` are "5" followed only by zeros (a possible tie). */
function looksLikeTie(digits: string, from: number): boolean {
  if (digits.charCodeAt(from) !== 0x35) return false;
  for (let i = from + 1; i < digits.length; i++) if (digits.charCodeAt(i) !== 0x30) return false;
  return true;
}

function isEvenDigit(d: string): boolean {
  return (d.charCodeAt(d.length - 1) & 1) === 0;
}

/**
 * %.{prec}e of finite x >= 0: [prec+1 significant digits, decimal exponent]. JS's
 * toExponential rounds exact halves up; C rounds them to even, which is patched here.
 */
function expDigits(x: number, prec: number): [string, number] {
  if (x === 0) return ['0'.repeat(prec + 1), 0];
  const short = x.toExponential(prec);
  let at = short.indexOf('e');
  const exp = Number(short.slice(at + 1));
  if (!mayTie(x, prec - exp)) return [short.slice(0, 1) + short.slice(2, at), exp];
  const long = x.toExponential(Math.min(prec + 25, 100));
  at = long.indexOf('e');
  const longDigits = long.slice(0, 1) + long.slice(2, at);
  if (looksLikeTie(longDigits, prec + 1)) {
    const exp = Number(long.slice(at + 1));
    const d = longDigits.slice(0, prec + 1);
    if (isEvenDigit(d) && isTie(x, prec - exp)) return [d, exp];
  }
  return [short.slice(0, 1) + short.slice(2, short.indexOf('e')), exp];
}

/** %.{prec}f of finite x >= 0 (digits with the point), ties to even. */
function fixedDigits(x: number, prec: number): string {
  if (x >= 1e21) return BigInt(x).toString() + (prec > 0 ? '.' + '0'.repeat(prec) : '');
  const short = x.toFixed(prec);
  if (!mayTie(x, prec)) return short;
  const long = x.toFixed(Math.min(prec + 25, 100));
  const point = long.indexOf('.');
  if (looksLikeTie(long, point + prec + 1)) {
    const d = long.slice(0, prec > 0 ? point + prec + 1 : point);
    if (isEvenDigit(d) && isTie(x, prec)) return d;
  }
  return short;
}

function expSuffix(exp: number, upper: boolean): string {
  const a = Math.abs(exp);
  return (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (a < 10 ? '0' : '') + a;
}

/** The body (no sign) of %e/%f/%g for finite x >= 0. `alt` is the '#' flag. */
function floatBody(x: number, conv: number, prec: number, alt: boolean): string {
  const upper = conv === 0x45 || conv === 0x47;
  switch (conv | 0x20) {
    case 0x65: { // e
      const [d, exp] = expDigits(x, prec);
      const point = prec > 0 || alt ? '.' : '';
      return d[0] + point + d.slice(1) + expSuffix(exp, upper);
    }
    case 0x66: { // f
      const s = fixedDigits(x, prec);
      return alt && prec === 0 ? s + '.' : s;
    }
    default: { // g
      const p = prec === 0 ? 1 : prec;
      const [d, exp] = expDigits(x, p - 1);
      let body: string;
      let suffix = '';
      if (exp === p && Number(x.toExponential(Math.min(p + 25, 100)).split('e')[1]) < p) {
        // glibc chose %f from the unrounded exponent and the rounding carried into a new digit:
        // it prints the power of ten in %e style with no fraction digits ("%#g" of 999999.5 -> "1.e+06").
        return '1' + (alt ? '.' : '') + expSuffix(exp, upper);
      }
      if (exp < p && exp >= -4) {
        body = exp >= 0 ? d.slice(0, exp + 1) + '.' + d.slice(exp + 1) : '0.' + '0'.repeat(-exp - 1) + d;
      } else {
        body = d[0] + '.' + d.slice(1);
        suffix = expSuffix(exp, upper);
      }
      if (!alt) {
        let end = body.length;
        while (body.charCodeAt(end - 1) === 0x30) end--;
        if (body.charCodeAt(end - 1) === 0x2e) end--;
        body = body.slice(0, end);
      }
      return body + suffix;
    }
  }
}

/** C printf `%.<prec>g` of any double (glibc spellings: inf, -inf, nan, -nan, -0). */
export function formatG(x: number, prec: number): string {
  if (x !== x) return signBit(x) ? '-nan' : 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return (signBit(x) ? '-' : '') + floatBody(Math.abs(x), 0x67, prec, false);
}

/** C printf `%.<prec>f` of any double (glibc spellings: inf, -inf, nan, -nan; exact, ties to even). */
export function formatF(x: number, prec: number): string {
  if (x !== x) return signBit(x) ? '-nan' : 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return (signBit(x) ? '-' : '') + floatBody(Math.abs(x), 0x66, prec, false);
}

/** Lua's tostring of a number: "%.14g", with glibc's inf/-inf/nan/-nan spellings. */
export function formatNumber(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e-4 && a < 1e14) {
    // The shortest round-trip text with <= 14 significant digits is exactly what %.14g prints.
    const s = String(n);
    if (s.length <= 15) return s;
  } else if (n === 0) return signBit(n) ? '-0' : '0';
  if (n !== n) return signBit(n) ? '-nan' : 'nan';
  if (a === Infinity) return n < 0 ? '-inf' : 'inf';
  // Subnormals carry too few bits for the shortest-digits shortcut.
  const fast = a >= 2.2250738585072014e-308 ? shortestG14(a) : null;
  return (n < 0 ? '-' : '') + (fast ?? floatBody(a, 0x67, 14, false));
}

/**
 * %.14g of a normal double x > 0 from its shortest round-trip digits, or null when those end in a
 * lone 5 after the 14th digit (a possible exact tie, left to the exact path). Rounding the
 * shortest digits is safe otherwise: a rounding boundary strictly between them and x would be
 * a shorter (or closer) representation of x.
 */
function shortestG14(x: number): string | null {
  const s = String(x);
  const e = s.indexOf('e');
  const mant = e < 0 ? s : s.slice(0, e);
  const point = mant.indexOf('.');
  let digits = point < 0 ? mant : mant.slice(0, point) + mant.slice(point + 1);
  let exp = (e < 0 ? 0 : Number(s.slice(e + 1))) + (point < 0 ? mant.length : point) - 1;
  let lead = 0;
  while (digits.charCodeAt(lead) === 0x30) lead++;
  digits = digits.slice(lead);
  exp -= lead;
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 0x30) end--;
  digits = digits.slice(0, end);
  if (digits.length > 14) {
    const tail = digits.slice(14);
    if (tail === '5') return null;
    digits = digits.slice(0, 14);
    if (tail.charCodeAt(0) >= 0x35) {
      // Round up: drop trailing 9s and increment the last remaining digit.
      let k = 14;
      while (k > 0 && digits.charCodeAt(k - 1) === 0x39) k--;
      if (k === 0) {
        digits = '1';
        exp++;
      } else digits = digits.slice(0, k - 1) + String.fromCharCode(digits.charCodeAt(k - 1) + 1);
    }
    end = digits.length;
    while (digits.charCodeAt(end - 1) === 0x30) end--;
    digits = digits.slice(0, end);
  }
  if (exp < -4 || exp >= 14) {
    return digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + expSuffix(exp, false);
  }
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;
const LONG_MIN = -(1n << 63n);

/** C `(long)x` on x86-64 (cvttsd2si): truncation, or LONG_MIN when out of range or NaN. */
function toLong(x: number): bigint {
  return x >= -TWO63 && x < TWO63 ? BigInt(Math.trunc(x)) : LONG_MIN;
}

/** C `(unsigned long)x` as gcc compiles it on x86-64 (see the report's derivation). */
function toULong(x: number): bigint {
  if (x >= TWO63) return x < TWO64 ? BigInt(x) : 0n;
  const v = toLong(x);
  return v < 0n ? v + (1n << 64n) : v;
}

/** C `(int)x` (cvttsd2si, 32-bit): truncation, or INT_MIN when out of range or NaN. */
function toInt(x: number): number {
  return x > -2147483649 && x < 2147483648 ? Math.trunc(x) : -2147483648;
}

function addQuoted(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (c === 0x0a) rep = '\\\n';
    else if (c === 0x0d) rep = '\\r';
    else if (c === 0) rep = '\\000';
    else continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  return out + s.slice(from) + '"';
}

/** The conversion's spec, as scanformat parsed it. */
interface Spec {
  minus: boolean;
  plus: boolean;
  space: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  prec: number; // -1 when absent
}

/** Pads `sign + prefix + body` to the width ('0' pads between prefix and body). */
function pad(spec: Spec, sign: string, body: string, zeroOk: boolean): string {
  const len = sign.length + body.length;
  if (len >= spec.width) return sign + body;
  const fill = spec.width - len;
  if (spec.minus) return sign + body + ' '.repeat(fill);
  if (spec.zero && zeroOk) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}

function formatInteger(spec: Spec, conv: number, x: number): string {
  let sign = '';
  let digits: string;
  let prefix = '';
  // Doubles below 2^53 convert exactly without BigInt (the common case).
  const small = x > -9007199254740992 && x < 9007199254740992;
  if (conv === 0x64 || conv === 0x69) { // d i
    const v = small ? Math.trunc(x) : toLong(x);
    if (v < 0) sign = '-';
    else if (spec.plus) sign = '+';
    else if (spec.space) sign = ' ';
    digits = (v < 0 ? -v : v).toString();
  } else {
    const v = small && x > -1 ? Math.trunc(x) : toULong(x);
    digits = v.toString(conv === 0x6f ? 8 : conv === 0x75 ? 10 : 16);
    if (conv === 0x58) digits = digits.toUpperCase();
    if (spec.alt && digits !== '0' && (conv | 0x20) === 0x78) prefix = conv === 0x58 ? '0X' : '0x';
  }
  if (spec.prec >= 0) {
    if (spec.prec === 0 && digits === '0') digits = '';
    else if (digits.length < spec.prec) digits = '0'.repeat(spec.prec - digits.length) + digits;
  }
  if (spec.alt && conv === 0x6f && digits.charCodeAt(0) !== 0x30) digits = '0' + digits;
  return pad(spec, sign + prefix, digits, spec.prec < 0);
}

function formatFloat(spec: Spec, conv: number, x: number): string {
  const neg = signBit(x);
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  if (!Number.isFinite(x)) {
    const upper = conv === 0x45 || conv === 0x47;
    const text = x !== x ? 'nan' : 'inf';
    return pad(spec, sign, upper ? text.toUpperCase() : text, false);
  }
  return pad(spec, sign, floatBody(Math.abs(x), conv, spec.prec < 0 ? 6 : spec.prec, spec.alt), true);
}

/** C strings end at NUL: sprintf's output is taken up to strlen (5.1 drops %c of 0). */
function cstr(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

const FLAGS = '-+ #0';

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * string.format. `nargs` is the number of arguments including the format string (lua_gettop);
 * the getters take the Lua argument index (2 = the first value after the format) and raise
 * their own `bad argument` errors (luaL_checknumber / luaL_checklstring). A missing argument
 * raises LuaFormatError `bad argument #N to 'format' (no value)` before its spec is parsed.
 */
export function luaFormat(
  fmt: string,
  nargs: number,
  getNumber: (argIndex1: number) => number,
  getString: (argIndex1: number) => string,
): string {
  let out = '';
  let arg = 1;
  for (const piece of pieces(fmt)) {
    if (typeof piece === 'string') {
      out += piece;
      continue;
    }
    if (++arg > nargs) throw new LuaFormatError(`bad argument #${arg} to 'format' (no value)`, arg, 'no value');
    if (piece.error !== undefined) throw new LuaFormatError(piece.error);
    const { spec, conv } = piece;
    switch (conv) {
      case 0x63: // c
        out += cstr(pad(spec, '', String.fromCharCode(toInt(getNumber(arg)) & 0xff), false));
        break;
      case 0x64: case 0x69: case 0x6f: case 0x75: case 0x78: case 0x58: // d i o u x X
        out += formatInteger(spec, conv, getNumber(arg));
        break;
      case 0x65: case 0x45: case 0x66: case 0x67: case 0x47: // e E f g G
        out += formatFloat(spec, conv, getNumber(arg));
        break;
      case 0x71: // q ignores flags, width and precision
        out += addQuoted(getString(arg));
        break;
      default: { // s (scanFormat admits no other conversion)
        const s = getString(arg);
        // Long strings without a precision are copied whole (NULs included); others go through sprintf.
        if (spec.prec < 0 && s.length >= 100) out += s;
        else {
          const c = cstr(s);
          out += pad(spec, '', spec.prec >= 0 ? c.slice(0, spec.prec) : c, false);
        }
      }
    }
  }
  return out;
}

/**
 * A conversion of a format string, or the error its text raises once its argument is known to
 * be present (5.1 checks the argument before scanning the spec).
 */
interface Conversion {
  spec: Spec;
  conv: number;
  error?: string;
}

/** Parsed formats by text: programs format in loops with a few constant formats. */
const parsedFormats = new Map<string, (string | Conversion)[]>();
const MAX_PARSED_FORMATS = 256;

/** `fmt` split into literal text and conversions, parsed once per distinct format. */
function pieces(fmt: string): (string | Conversion)[] {
  let list = parsedFormats.get(fmt);
  if (list === undefined) {
    list = parseFormat(fmt);
    if (parsedFormats.size >= MAX_PARSED_FORMATS) parsedFormats.clear();
    parsedFormats.set(fmt, list);
  }
  return list;
}

function parseFormat(fmt: string): (string | Conversion)[] {
  const len = fmt.length;
  const list: (string | Conversion)[] = [];
  let text = '';
  let i = 0;
  while (i < len) {
    const next = fmt.indexOf('%', i);
    if (next < 0) {
      text += fmt.slice(i);
      break;
    }
    text += fmt.slice(i, next);
    i = next + 1;
    if (fmt.charCodeAt(i) === 0x25) {
      text += '%';
      i++;
      continue;
    }
    if (text !== '') list.push(text);
    text = '';
    // scanformat
    const start = i;
    const spec: Spec = { minus: false, plus: false, space: false, alt: false, zero: false, width: 0, prec: -1 };
    while (i < len && FLAGS.indexOf(fmt[i]) >= 0) {
      switch (fmt.charCodeAt(i++)) {
        case 0x2d: spec.minus = true; break;
        case 0x2b: spec.plus = true; break;
        case 0x20: spec.space = true; break;
        case 0x23: spec.alt = true; break;
        default: spec.zero = true;
      }
    }
    if (i - start >= FLAGS.length + 1) return [...list, { spec, conv: 0, error: 'invalid format (repeated flags)' }];
    for (let k = 0; k < 2 && isDigit(fmt.charCodeAt(i)); k++) spec.width = spec.width * 10 + fmt.charCodeAt(i++) - 0x30;
    if (fmt.charCodeAt(i) === 0x2e) {
      i++;
      spec.prec = 0;
      for (let k = 0; k < 2 && isDigit(fmt.charCodeAt(i)); k++) spec.prec = spec.prec * 10 + fmt.charCodeAt(i++) - 0x30;
    }
    if (isDigit(fmt.charCodeAt(i))) {
      return [...list, { spec, conv: 0, error: 'invalid format (width or precision too long)' }];
    }
    const conv = i < len ? fmt.charCodeAt(i) : 0;
    i++;
    if (!CONVERSIONS.includes(conv)) {
      const error = `invalid option '%${conv === 0 ? '' : String.fromCharCode(conv)}' to 'format'`;
      return [...list, { spec, conv, error }];
    }
    list.push({ spec, conv });
  }
  if (text !== '') list.push(text);
  return list;
}

/** c d i o u x X e E f g G q s */
const CONVERSIONS = [0x63, 0x64, 0x69, 0x6f, 0x75, 0x78, 0x58, 0x65, 0x45, 0x66, 0x67, 0x47, 0x71, 0x73];
