// The `struct` library (Roberto Ierusalimschy's struct.c, the version Redis 7.0 bundles):
// pack/unpack/size of binary records. Native layout is x86-64's: little endian, long and
// size_t are 8 bytes, int is 4; integers go through C's 64-bit `long`, as in the C library.
import { LuaState, LuaTable, type LuaValue } from '@ferrous/lua-vm';
import { argError, checkNumber, checkString, MAX_C_STACK, optInteger, raise, register, toNumber } from './args';
import { toInt64, toUint64 } from './c-number';

const MAXINTSIZE = 32;
/** Default `!` alignment: the platform's maximum (that of double). */
const MAXALIGN = 8;

/** Opens `struct` as a global of `lua`. */
export function openStruct(lua: LuaState): LuaTable {
  const t = register(new LuaTable(), { pack, unpack, size });
  lua.setGlobal('struct', t);
  return t;
}

/** Format reader state: the option string (cut at a NUL, as C reads it) and the header. */
class Format {
  pos = 0;
  little = true;
  align = 1;
  readonly fmt: string;

  constructor(fmt: string) {
    const nul = fmt.indexOf('\0');
    this.fmt = nul >= 0 ? fmt.slice(0, nul) : fmt;
  }

  get done(): boolean {
    return this.pos >= this.fmt.length;
  }

  nextOption(): string {
    return this.fmt[this.pos++];
  }

  /** getnum: a decimal count after the option, or `df`. */
  num(df: number): number {
    const isDigit = (i: number): boolean => i < this.fmt.length && this.fmt.charCodeAt(i) >= 0x30 && this.fmt.charCodeAt(i) <= 0x39;
    if (!isDigit(this.pos)) return df;
    let a = 0;
    do {
      const d = this.fmt.charCodeAt(this.pos) - 0x30;
      if (a > Math.floor(0x7fffffff / 10) || a * 10 > 0x7fffffff - d) raise('integral size overflow');
      a = a * 10 + d;
      this.pos++;
    } while (isDigit(this.pos));
    return a;
  }

  /** optsize: bytes the option occupies (0 for control options and `s`). */
  size(opt: string): number {
    switch (opt) {
      case 'b': case 'B': return 1;
      case 'h': case 'H': return 2;
      case 'l': case 'L': case 'T': case 'd': return 8;
      case 'f': return 4;
      case 'x': return 1;
      case 'c': return this.num(1);
      case 'i': case 'I': {
        const sz = this.num(4);
        if (sz > MAXINTSIZE) raise(`integral size ${sz} is larger than limit of ${MAXINTSIZE}`);
        return sz;
      }
      default: return 0;
    }
  }

  /** gettoalign: padding before an item of `size` at offset `len` (C size_t arithmetic). */
  toAlign(len: number, opt: string, size: number): number {
    if (size === 0 || opt === 'c') return 0;
    if (size > this.align) size = this.align;
    const low = len >= 0 && len < 2 ** 31 ? len & (size - 1) : Number(BigInt.asUintN(64, BigInt(len)) & BigInt(size - 1));
    return (size - low) & (size - 1);
  }

  /** controloptions: endianness, alignment and spaces; anything else is invalid. */
  control(opt: string, fname: string): void {
    switch (opt) {
      case ' ': return;
      case '>': this.little = false; return;
      case '<': this.little = true; return;
      case '!': {
        const a = this.num(MAXALIGN);
        if (!(a > 0 && (a & (a - 1)) === 0)) raise(`alignment ${a} is not a power of 2`);
        this.align = a;
        return;
      }
      default: argError(1, fname, `invalid format option '${opt}'`);
    }
  }
}

/**
 * putinteger: `size` bytes of `n` converted to C's unsigned long, in the requested order
 * (bytes past the 8th are zero).
 */
function intBytes(n: number, size: number, little: boolean): string {
  const b: number[] = new Array(size).fill(0);
  const put = (i: number, byte: number): void => {
    b[little ? i : size - 1 - i] = byte;
  };
  if (Math.abs(n) < 2 ** 53) {
    // Floor division keeps the two's complement pattern of negative values, byte by byte.
    let v = Math.trunc(n);
    for (let i = 0; i < Math.min(size, 8); i++) {
      put(i, ((v % 256) + 256) % 256);
      v = Math.floor(v / 256);
    }
  } else {
    const value = n < 0 ? BigInt.asUintN(64, toInt64(n)) : toUint64(n);
    for (let i = 0; i < Math.min(size, 8); i++) put(i, Number((value >> BigInt(8 * i)) & 0xffn));
  }
  return String.fromCharCode(...b);
}

function floatBytes(n: number, size: 4 | 8, little: boolean): string {
  const v = new DataView(new ArrayBuffer(size));
  if (size === 4) v.setFloat32(0, n, little);
  else v.setFloat64(0, n, little);
  return String.fromCharCode(...new Uint8Array(v.buffer));
}

function pack(...argv: LuaValue[]): string {
  const f = new Format(checkString(argv, 1, 'pack'));
  // b_pack pushes a nil mark after its arguments: one missing argument reads as `nil`.
  const args = [...argv, undefined];
  const out: string[] = [];
  let arg = 2;
  let total = 0;
  while (!f.done) {
    const opt = f.nextOption();
    let size = f.size(opt);
    const pad = f.toAlign(total, opt, size);
    total += pad;
    if (pad > 0) out.push('\0'.repeat(pad));
    switch (opt) {
      case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I': {
        out.push(intBytes(checkNumber(args, arg++, 'pack'), size, f.little));
        break;
      }
      case 'x':
        out.push('\0');
        break;
      case 'f':
      case 'd':
        out.push(floatBytes(checkNumber(args, arg++, 'pack'), size as 4 | 8, f.little));
        break;
      case 'c':
      case 's': {
        const s = checkString(args, arg++, 'pack');
        if (size === 0) size = s.length;
        if (s.length < size) argError(arg, 'pack', 'string too short');
        out.push(s.slice(0, size));
        if (opt === 's') {
          out.push('\0');
          size++;
        }
        break;
      }
      default:
        f.control(opt, 'pack');
    }
    total += size;
  }
  return out.join('');
}

/** getinteger: `size` bytes into a 64-bit accumulator (higher bytes shift out), then sign-extended. */
function readInteger(data: string, pos: number, size: number, little: boolean, signed: boolean): number {
  if (size > 0 && size <= 6) {
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + data.charCodeAt(little ? pos + size - 1 - i : pos + i);
    return signed && v >= 2 ** (size * 8 - 1) ? v - 2 ** (size * 8) : v;
  }
  let l = 0n;
  for (let i = 0; i < size; i++) {
    const byte = data.charCodeAt(little ? pos + size - 1 - i : pos + i);
    l = BigInt.asUintN(64, (l << 8n) | BigInt(byte));
  }
  if (!signed) return Number(l);
  // The C shift count is taken mod 64 by the x86 shift instruction.
  const mask = BigInt.asUintN(64, ~0n << BigInt((size * 8 - 1) & 63));
  if (l & mask) l |= mask;
  return Number(BigInt.asIntN(64, l));
}

function readFloat(data: string, pos: number, size: 4 | 8, little: boolean): number {
  const v = new DataView(new ArrayBuffer(size));
  for (let i = 0; i < size; i++) v.setUint8(i, data.charCodeAt(pos + i));
  return size === 4 ? v.getFloat32(0, little) : v.getFloat64(0, little);
}

function unpack(...args: LuaValue[]): LuaValue[] {
  const f = new Format(checkString(args, 1, 'unpack'));
  const data = checkString(args, 2, 'unpack');
  const ld = data.length;
  const start = optInteger(args, 3, 'unpack', 1n);
  if (start === 0n) argError(3, 'unpack', 'offset must be 1 or greater');
  // size_t arithmetic: a negative start wraps to a huge offset that fails every bounds check.
  let pos = Number(start) - 1;
  const fits = (size: number): boolean => pos >= 0 && size <= ld && pos <= ld - size;
  const out: LuaValue[] = [];
  while (!f.done) {
    const opt = f.nextOption();
    let size = f.size(opt);
    if (pos >= 0) pos += f.toAlign(pos, opt, size);
    if (!fits(size)) argError(2, 'unpack', 'data string too short');
    if (args.length + out.length + 2 > MAX_C_STACK) raise('stack overflow (too many results)');
    switch (opt) {
      case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I':
        out.push(readInteger(data, pos, size, f.little, opt === opt.toLowerCase()));
        break;
      case 'x':
        break;
      case 'f':
      case 'd':
        out.push(readFloat(data, pos, size as 4 | 8, f.little));
        break;
      case 'c': {
        if (size === 0) {
          const prev = out.length > 0 ? toNumber(out[out.length - 1]) : undefined;
          if (prev === undefined) raise("format 'c0' needs a previous size");
          out.pop();
          // The count goes through C's size_t cast (negative ones wrap to huge sizes).
          const count = toUint64(prev);
          size = count > BigInt(ld) ? Infinity : Number(count);
          if (!fits(size)) argError(2, 'unpack', 'data string too short');
        }
        out.push(data.slice(pos, pos + size));
        break;
      }
      case 's': {
        const e = data.indexOf('\0', pos);
        if (e < 0) raise('unfinished string in data');
        size = e - pos + 1;
        out.push(data.slice(pos, e));
        break;
      }
      default:
        f.control(opt, 'unpack');
    }
    pos += size;
  }
  out.push(pos + 1);
  return out;
}

function size(...args: LuaValue[]): number {
  const f = new Format(checkString(args, 1, 'size'));
  let pos = 0;
  while (!f.done) {
    const opt = f.nextOption();
    const sz = f.size(opt);
    pos += f.toAlign(pos, opt, sz);
    if (opt === 's') argError(1, 'size', "option 's' has no fixed size");
    else if (opt === 'c' && sz === 0) argError(1, 'size', "option 'c0' has no fixed size");
    if (!/[0-9A-Za-z]/.test(opt)) f.control(opt, 'size');
    pos += sz;
  }
  return pos;
}
