// The `cmsgpack` library: lua-cmsgpack 0.4.0 as Redis 7.0 bundles it. A table packs as an
// array only when its keys are exactly 1..N; numbers pack as the smallest integer form when
// integral, else float32 when lossless, else float64; tables nested 16 deep pack as nil.
import { LuaState, LuaTable, type LuaValue } from '@ferrous/lua-vm';
import { argError, checkInteger, checkString, MAX_C_STACK, optInteger, raise, register } from './args';
import { toInt32, toInt64 } from './c-number';

const MAX_NESTING = 16;

/** Opens `cmsgpack` as a global of `lua`. */
export function openCmsgpack(lua: LuaState): LuaTable {
  const t = register(new LuaTable(), {
    pack(...args) {
      if (args.length === 0) argError(0, 'pack', 'MessagePack pack needs input.');
      if (args.length * 2 > MAX_C_STACK) argError(0, 'pack', 'Too many arguments for MessagePack pack.');
      const w = new Writer();
      for (const v of args) encode(w, v, 0);
      return w.result();
    },
    unpack(...args) {
      return unpackFull(args, 'unpack', 0n, 0n, args.length);
    },
    unpack_one(...args) {
      const offset = optInteger(args, 2, 'unpack_one', 0n);
      return unpackFull(args, 'unpack_one', 1n, offset, 1);
    },
    unpack_limit(...args) {
      const limit = checkInteger(args, 2, 'unpack_limit');
      const offset = optInteger(args, 3, 'unpack_limit', 0n);
      return unpackFull(args, 'unpack_limit', limit, offset, 1);
    },
  });
  t.set('_NAME', 'cmsgpack');
  t.set('_VERSION', 'lua-cmsgpack 0.4.0');
  t.set('_COPYRIGHT', 'Copyright (C) 2012, Salvatore Sanfilippo');
  t.set('_DESCRIPTION', 'MessagePack C implementation for Lua');
  lua.setGlobal('cmsgpack', t);
  return t;
}

// ---- encoding ----

/** Output bytes as latin1 chunks. */
class Writer {
  private chunks: string[] = [];
  private readonly scratch = new DataView(new ArrayBuffer(9));

  bytes(...b: number[]): void {
    this.chunks.push(String.fromCharCode(...b));
  }

  raw(s: string): void {
    this.chunks.push(s);
  }

  /** `type` then the `size`-byte big-endian unsigned `n`. */
  head(type: number, n: number, size: 1 | 2 | 4): void {
    if (size === 1) this.bytes(type, n);
    else if (size === 2) this.bytes(type, n >>> 8, n & 0xff);
    else this.bytes(type, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  }

  int64(type: number, n: bigint): void {
    this.scratch.setUint8(0, type);
    this.scratch.setBigUint64(1, BigInt.asUintN(64, n));
    this.view(9);
  }

  float(d: number): void {
    this.scratch.setUint8(0, 0xca);
    this.scratch.setFloat32(1, d);
    this.view(5);
  }

  double(d: number): void {
    this.scratch.setUint8(0, 0xcb);
    this.scratch.setFloat64(1, d);
    this.view(9);
  }

  private view(n: number): void {
    const b: number[] = [];
    for (let i = 0; i < n; i++) b.push(this.scratch.getUint8(i));
    this.bytes(...b);
  }

  result(): string {
    return this.chunks.join('');
  }
}

function encode(w: Writer, v: LuaValue, level: number): void {
  switch (typeof v) {
    case 'string': return encodeString(w, v);
    case 'boolean': return w.bytes(v ? 0xc3 : 0xc2);
    case 'number': return encodeNumber(w, v);
  }
  if (v instanceof LuaTable && level < MAX_NESTING) {
    if (isArray(v)) {
      const n = v.length();
      collectionHead(w, 0x90, 0xdc, n);
      for (let i = 1; i <= n; i++) encode(w, v.get(i), level + 1);
    } else {
      let n = 0;
      for (let k = v.next(undefined); k !== undefined; k = v.next(k)) n++;
      collectionHead(w, 0x80, 0xde, n);
      for (let k = v.next(undefined); k !== undefined; k = v.next(k)) {
        const value = v.nextValue;
        encode(w, k, level + 1);
        encode(w, value, level + 1);
      }
    }
    return;
  }
  w.bytes(0xc0);
}

function encodeString(w: Writer, s: string): void {
  const n = s.length;
  if (n < 32) w.bytes(0xa0 | n);
  else if (n <= 0xff) w.head(0xd9, n, 1);
  else if (n <= 0xffff) w.head(0xda, n, 2);
  else w.head(0xdb, n, 4);
  w.raw(s);
}

/** fix (≤ 15), 16-bit or 32-bit array/map header; `fix` and `wide` are the type bytes. */
function collectionHead(w: Writer, fix: number, wide: number, n: number): void {
  if (n <= 15) w.bytes(fix | n);
  else if (n <= 0xffff) w.head(wide, n, 2);
  else w.head(wide + 1, n, 4);
}

/** Integral values in int64 range pack as integers (the C cast decides what is in range). */
function encodeNumber(w: Writer, d: number): void {
  if (Number.isSafeInteger(d)) return encodeInt(w, d);
  if (d !== Infinity && d !== -Infinity && Number(toInt64(d)) === d) return encodeInt(w, d);
  if (Math.fround(d) === d) w.float(d);
  else w.double(d);
}

/** The smallest integer form; `n` is integral and within int64 range. */
function encodeInt(w: Writer, n: number): void {
  if (n >= 0) {
    if (n <= 127) w.bytes(n);
    else if (n <= 0xff) w.head(0xcc, n, 1);
    else if (n <= 0xffff) w.head(0xcd, n, 2);
    else if (n <= 0xffffffff) w.head(0xce, n, 4);
    else w.int64(0xcf, BigInt(n));
  } else {
    if (n >= -32) w.bytes(n & 0xff);
    else if (n >= -128) w.head(0xd0, n & 0xff, 1);
    else if (n >= -32768) w.head(0xd1, n & 0xffff, 2);
    else if (n >= -2147483648) w.head(0xd2, n >>> 0, 4);
    else w.int64(0xd3, BigInt(n));
  }
}

/** table_is_an_array: every key a positive integer that fits a C int, and max key == count. */
function isArray(t: LuaTable): boolean {
  let count = 0;
  let max = 0;
  for (let k = t.next(undefined); k !== undefined; k = t.next(k)) {
    if (typeof k !== 'number' || !(k > 0) || k > 0x7fffffff || Math.floor(k) !== k) return false;
    if (k > max) max = k;
    count++;
  }
  return max === count;
}

// ---- decoding ----

/** Thrown inside the decoder; mapped to the library's two error texts. */
class Eof extends Error {}
class BadFormat extends Error {}

class Reader {
  pos: number;
  /** Size and kind of the container header readItem last consumed. */
  len = 0;
  isMap = false;

  constructor(readonly s: string, start: number) {
    this.pos = start;
  }

  get left(): number {
    return this.s.length - this.pos;
  }

  need(n: number): void {
    if (this.left < n) throw new Eof();
  }

  /** Big-endian unsigned of `n` bytes at pos + `off`. */
  uint(off: number, n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.s.charCodeAt(this.pos + off + i);
    return v;
  }

  uint64(off: number): bigint {
    return (BigInt(this.uint(off, 4)) << 32n) | BigInt(this.uint(off + 4, 4));
  }

  /** Consumes a container header of `head` bytes; returns the CONTAINER marker. */
  container(head: number, len: number, isMap: boolean): typeof CONTAINER {
    this.pos += head;
    this.len = len;
    this.isMap = isMap;
    return CONTAINER;
  }

  view(off: number, n: number): DataView {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.s.charCodeAt(this.pos + off + i);
    return new DataView(b.buffer);
  }
}

/** What readItem found: a complete value, or the header of an array or map to fill. */
const CONTAINER = Symbol('container');

/** Reads one item's bytes; containers leave their size and kind in `r.len` and `r.isMap`. */
function readItem(r: Reader): LuaValue | typeof CONTAINER {
  const c = r.s.charCodeAt(r.pos);
  let v: LuaValue;
  switch (c) {
    case 0xcc: r.need(2); v = r.uint(1, 1); r.pos += 2; return v;
    case 0xcd: r.need(3); v = r.uint(1, 2); r.pos += 3; return v;
    case 0xce: r.need(5); v = r.uint(1, 4); r.pos += 5; return v;
    // lua_pushunsigned is lua_pushinteger on 64-bit builds: values ≥ 2^63 wrap negative.
    case 0xcf: r.need(9); v = Number(BigInt.asIntN(64, r.uint64(1))); r.pos += 9; return v;
    case 0xd0: r.need(2); v = (r.uint(1, 1) << 24) >> 24; r.pos += 2; return v;
    case 0xd1: r.need(3); v = (r.uint(1, 2) << 16) >> 16; r.pos += 3; return v;
    case 0xd2: r.need(5); v = r.uint(1, 4) | 0; r.pos += 5; return v;
    case 0xd3: r.need(9); v = Number(BigInt.asIntN(64, r.uint64(1))); r.pos += 9; return v;
    case 0xc0: r.pos += 1; return undefined;
    case 0xc3: r.pos += 1; return true;
    case 0xc2: r.pos += 1; return false;
    case 0xca: r.need(5); v = r.view(1, 4).getFloat32(0); r.pos += 5; return v;
    case 0xcb: r.need(9); v = r.view(1, 8).getFloat64(0); r.pos += 9; return v;
    case 0xd9: r.need(2); return readString(r, 2, r.uint(1, 1));
    case 0xda: r.need(3); return readString(r, 3, r.uint(1, 2));
    case 0xdb: r.need(5); return readString(r, 5, r.uint(1, 4));
    case 0xdc: r.need(3); return r.container(3, r.uint(1, 2), false);
    case 0xdd: r.need(5); return r.container(5, r.uint(1, 4), false);
    case 0xde: r.need(3); return r.container(3, r.uint(1, 2), true);
    case 0xdf: r.need(5); return r.container(5, r.uint(1, 4), true);
  }
  if ((c & 0x80) === 0) {
    r.pos += 1;
    return c;
  }
  if ((c & 0xe0) === 0xe0) {
    r.pos += 1;
    return c - 256;
  }
  if ((c & 0xe0) === 0xa0) return readString(r, 1, c & 0x1f);
  if ((c & 0xf0) === 0x90) return r.container(1, c & 0xf, false);
  if ((c & 0xf0) === 0x80) return r.container(1, c & 0xf, true);
  throw new BadFormat();
}

function readString(r: Reader, head: number, len: number): string {
  r.pos += head;
  r.need(len);
  const s = r.s.slice(r.pos, r.pos + len);
  r.pos += len;
  return s;
}

/** An array or map being filled. */
interface Open {
  t: LuaTable;
  left: number;
  isMap: boolean;
  key: LuaValue;
  haveKey: boolean;
  i: number;
  /** Lua stack slots in use below the table. */
  used: number;
}

/**
 * mp_decode_to_lua_type, with an explicit stack. `used` counts the Lua stack slots
 * lua-cmsgpack would hold, for its lua_checkstack limits.
 */
function decodeValue(r: Reader, used: number): LuaValue {
  const stack: Open[] = [];
  for (;;) {
    r.need(1);
    if (used + 1 > MAX_C_STACK) raise('stack overflow (too many return values at once; use unpack_one or unpack_limit instead.)');
    let v = readItem(r);
    if (v === CONTAINER) {
      const t = new LuaTable();
      if (!r.isMap && used + 2 > MAX_C_STACK) raise('stack overflow (in function mp_decode_to_lua_array)');
      if (r.len > 0) {
        stack.push({ t, left: r.len, isMap: r.isMap, key: undefined, haveKey: false, i: 1, used });
        used += r.isMap ? 1 : 2;
        continue;
      }
      v = t;
    }
    // Store the value in its container; close containers that are complete.
    for (;;) {
      const f = stack[stack.length - 1];
      if (f === undefined) return v;
      if (f.isMap && !f.haveKey) {
        f.key = v;
        f.haveKey = true;
        used = f.used + 2;
        break;
      }
      if (f.isMap) {
        if (f.key === undefined) raise('table index is nil');
        if (f.key !== f.key) raise('table index is NaN');
        f.t.set(f.key, v);
        f.haveKey = false;
      } else {
        f.t.set(f.i++, v);
      }
      if (--f.left > 0) {
        used = f.used + (f.isMap ? 1 : 2);
        break;
      }
      stack.pop();
      v = f.t;
    }
  }
}

/**
 * mp_unpack_full: `limit` values from byte `offset` (both 0: everything). With a limit or an
 * offset the first result is the next offset, or -1 once the input is consumed.
 */
function unpackFull(args: LuaValue[], fname: string, limit: bigint, offset: bigint, used: number): LuaValue[] {
  const s = checkString(args, 1, fname);
  const decodeAll = limit === 0n && offset === 0n;
  if (offset < 0n || limit < 0n) {
    raise(`Invalid request to unpack with offset of ${toInt32(offset)} and limit of ${toInt32(BigInt(s.length))}.`);
  }
  if (offset > BigInt(s.length)) raise(`Start offset ${toInt32(offset)} greater than input length ${toInt32(BigInt(s.length))}.`);
  const max = decodeAll ? 0x7fffffff : limit;
  const r = new Reader(s, Number(offset));
  const out: LuaValue[] = [];
  try {
    for (let n = 0; r.left > 0 && n < max; n++) out.push(decodeValue(r, used + out.length));
  } catch (e) {
    if (e instanceof Eof) raise('Missing bytes in input.');
    if (e instanceof BadFormat) raise('Bad data format in input.');
    throw e;
  }
  if (!decodeAll) out.unshift(r.left === 0 ? -1 : r.pos);
  return out;
}
