// Bitmap commands over string values: SETBIT GETBIT BITCOUNT BITPOS BITOP BITFIELD BITFIELD_RO.
// Bit 0 is the most significant bit of byte 0, as in Redis.
import type { Reply } from '@ferrous/resp';
import { parseInteger } from '@ferrous/store';
import { intArg } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { rangeKeys, type KeySpec } from '../dispatch/key-specs';
import { ErrorText, RedisError } from '../errors';

const BIT_OFFSET_ERROR = 'ERR bit offset is not an integer or out of range';

// ---- bit helpers ---------------------------------------------------------------------------------

function bitAt(s: string, offset: number): number {
  const byte = offset >>> 3;
  return byte < s.length ? (s.charCodeAt(byte) >> (7 - (offset & 7))) & 1 : 0;
}

/** Bits set in one byte. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x; x >>= 1) n += x & 1;
  return n;
});

/** A bit offset argument, bounded by proto-max-bulk-len like Redis. */
function bitOffsetArg(c: Client, text: string, bits = 1, hashAllowed = false): number {
  let t = text;
  let mul = 1;
  if (hashAllowed && t.startsWith('#')) {
    t = t.slice(1);
    mul = bits;
  }
  const n = parseInteger(t);
  if (n === null || n < 0) throw new RedisError(BIT_OFFSET_ERROR);
  const offset = n * mul;
  if (Math.floor(offset / 8) >= c.server.config.int('proto-max-bulk-len')) throw new RedisError(BIT_OFFSET_ERROR);
  return offset;
}

/** Normalises a BITCOUNT/BITPOS range to inclusive bit offsets (Redis's index rules). */
function bitRange(length: number, start: number, end: number, isBit: boolean): [number, number] {
  const total = isBit ? length * 8 : length;
  if (start < 0) start = total + start;
  if (end < 0) end = total + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= total) end = total - 1;
  return isBit ? [start, end] : [start * 8, end * 8 + 7];
}

function rangeUnit(text: string): boolean {
  const u = text.toUpperCase();
  if (u === 'BIT') return true;
  if (u === 'BYTE') return false;
  throw new RedisError(ErrorText.syntax);
}

/** The string at `key` for a write, grown with zero bytes to hold `bits` bits. */
function growForWrite(c: Client, key: string, bits: number): Buffer {
  const current = c.db.writeTyped(key, 'string') ?? '';
  const bytes = Math.max(current.length, Math.ceil(bits / 8));
  const buf = Buffer.alloc(bytes);
  buf.latin1Write(current, 0);
  return buf;
}

// ---- SETBIT GETBIT BITCOUNT BITPOS ------------------------------------------------------------------

function setbitCommand(c: Client, argv: string[]): Reply {
  const offset = bitOffsetArg(c, argv[2]);
  const bit = parseInteger(argv[3]);
  if (bit !== 0 && bit !== 1) throw new RedisError('ERR bit is not an integer or out of range');
  const buf = growForWrite(c, argv[1], offset + 1);
  const byte = offset >>> 3;
  const mask = 1 << (7 - (offset & 7));
  const old = buf[byte] & mask ? 1 : 0;
  buf[byte] = bit ? buf[byte] | mask : buf[byte] & ~mask;
  c.db.set(argv[1], buf.latin1Slice(0, buf.length), { keepTtl: true, rawString: true });
  return old;
}

function getbitCommand(c: Client, argv: string[]): Reply {
  const offset = bitOffsetArg(c, argv[2]);
  const s = c.db.readTyped(argv[1], 'string');
  return s === undefined ? 0 : bitAt(s, offset);
}

function bitcountCommand(c: Client, argv: string[]): Reply {
  const s = c.db.readTyped(argv[1], 'string');
  if (s === undefined) return 0;
  let first = 0;
  let last = s.length * 8 - 1;
  if (argv.length === 4 || argv.length === 5) {
    const start = intArg(argv[2]);
    const end = intArg(argv[3]);
    const isBit = argv.length === 5 ? rangeUnit(argv[4]) : false;
    if (start < 0 && end < 0 && start > end) return 0;
    [first, last] = bitRange(s.length, start, end, isBit);
  } else if (argv.length !== 2) {
    throw new RedisError(ErrorText.syntax);
  }
  if (first > last) return 0;
  let count = 0;
  let i = first;
  for (; i <= last && i & 7; i++) count += bitAt(s, i);
  for (; i + 7 <= last; i += 8) count += POPCOUNT[s.charCodeAt(i >>> 3)];
  for (; i <= last; i++) count += bitAt(s, i);
  return count;
}

function bitposCommand(c: Client, argv: string[]): Reply {
  const bit = intArg(argv[2]);
  if (bit !== 0 && bit !== 1) throw new RedisError('ERR The bit argument must be 1 or 0.');
  const s = c.db.readTyped(argv[1], 'string');
  if (s === undefined) return bit ? -1 : 0;
  let first = 0;
  let last = s.length * 8 - 1;
  let endGiven = false;
  if (argv.length >= 4 && argv.length <= 6) {
    const start = intArg(argv[3]);
    const isBit = argv.length === 6 ? rangeUnit(argv[5]) : false;
    let end = isBit ? s.length * 8 + 7 : s.length - 1;
    if (argv.length >= 5) {
      end = intArg(argv[4]);
      endGiven = true;
    }
    [first, last] = bitRange(s.length, start, end, isBit);
  } else if (argv.length !== 3) {
    throw new RedisError(ErrorText.syntax);
  }
  if (first > last) return -1;
  const skip = bit ? 0 : 0xff;
  let i = first;
  while (i <= last) {
    if ((i & 7) === 0 && i + 7 <= last && s.charCodeAt(i >>> 3) === skip) {
      i += 8;
      continue;
    }
    if (bitAt(s, i) === bit) return i;
    i++;
  }
  if (bit === 1 || endGiven) return -1;
  return (Math.floor(last / 8) + 1) * 8;
}

// ---- BITOP ---------------------------------------------------------------------------------------

function bitopCommand(c: Client, argv: string[]): Reply {
  const op = argv[1].toUpperCase();
  if (op !== 'AND' && op !== 'OR' && op !== 'XOR' && op !== 'NOT') throw new RedisError(ErrorText.syntax);
  const sources = argv.slice(3);
  if (op === 'NOT' && sources.length !== 1) throw new RedisError('ERR BITOP NOT must be called with a single source key.');
  const values = sources.map((k) => c.db.readTyped(k, 'string') ?? '');
  const len = Math.max(0, ...values.map((v) => v.length));
  const out = Buffer.alloc(len);
  for (let i = 0; i < len; i++) {
    let acc = i < values[0].length ? values[0].charCodeAt(i) : 0;
    if (op === 'NOT') acc = ~acc & 0xff;
    for (let k = 1; k < values.length; k++) {
      const b = i < values[k].length ? values[k].charCodeAt(i) : 0;
      if (op === 'AND') acc &= b;
      else if (op === 'OR') acc |= b;
      else acc ^= b;
    }
    out[i] = acc;
  }
  if (len === 0) c.db.delete(argv[2]);
  // Redis stores BITOP's result as a plain sds object: OBJECT ENCODING says raw even when short.
  else c.db.set(argv[2], out.latin1Slice(0, len), { rawString: true });
  return len;
}

// ---- BITFIELD ------------------------------------------------------------------------------------

type Overflow = 'WRAP' | 'SAT' | 'FAIL';

interface FieldOp {
  kind: 'GET' | 'SET' | 'INCRBY';
  signed: boolean;
  bits: number;
  offset: number;
  value: bigint;
  overflow: Overflow;
}

function parseFieldType(text: string): { signed: boolean; bits: number } {
  const signed = text[0] === 'i' || text[0] === 'I';
  const unsigned = text[0] === 'u' || text[0] === 'U';
  const bits = parseInteger(text.slice(1));
  if ((!signed && !unsigned) || bits === null || bits < 1 || (signed && bits > 64) || (unsigned && bits > 63)) {
    throw new RedisError('ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.');
  }
  return { signed, bits };
}

function readField(buf: Buffer | string, offset: number, bits: number, signed: boolean): bigint {
  let v = 0n;
  const s = typeof buf === 'string' ? buf : null;
  for (let i = 0; i < bits; i++) {
    const pos = offset + i;
    const byte = pos >>> 3;
    const b = s !== null ? (byte < s.length ? s.charCodeAt(byte) : 0) : byte < (buf as Buffer).length ? (buf as Buffer)[byte] : 0;
    v = (v << 1n) | BigInt((b >> (7 - (pos & 7))) & 1);
  }
  if (signed && bits > 0 && v >> BigInt(bits - 1)) v -= 1n << BigInt(bits);
  return v;
}

function writeField(buf: Buffer, offset: number, bits: number, value: bigint): void {
  const mask = (1n << BigInt(bits)) - 1n;
  let v = value & mask;
  for (let i = bits - 1; i >= 0; i--) {
    const pos = offset + i;
    const byte = pos >>> 3;
    const bitMask = 1 << (7 - (pos & 7));
    if (v & 1n) buf[byte] |= bitMask;
    else buf[byte] &= ~bitMask;
    v >>= 1n;
  }
}

/** Applies the overflow policy; null when FAIL rejects the value. */
function fitField(value: bigint, bits: number, signed: boolean, overflow: Overflow): bigint | null {
  const b = BigInt(bits);
  const min = signed ? -(1n << (b - 1n)) : 0n;
  const max = signed ? (1n << (b - 1n)) - 1n : (1n << b) - 1n;
  if (value >= min && value <= max) return value;
  if (overflow === 'FAIL') return null;
  if (overflow === 'SAT') return value > max ? max : min;
  const wrapped = ((value % (1n << b)) + (1n << b)) % (1n << b);
  return signed && wrapped > max ? wrapped - (1n << b) : wrapped;
}

function parseBitfield(c: Client, argv: string[], readOnly: boolean): FieldOp[] {
  const ops: FieldOp[] = [];
  let overflow: Overflow = 'WRAP';
  for (let i = 2; i < argv.length; i++) {
    const sub = argv[i].toUpperCase();
    const left = argv.length - i - 1;
    if (sub === 'GET' && left >= 2) {
      const t = parseFieldType(argv[i + 1]);
      ops.push({ kind: 'GET', ...t, offset: bitOffsetArg(c, argv[i + 2], t.bits, true), value: 0n, overflow });
      i += 2;
    } else if ((sub === 'SET' || sub === 'INCRBY') && left >= 3) {
      if (readOnly) throw new RedisError('ERR BITFIELD_RO only supports the GET subcommand');
      const t = parseFieldType(argv[i + 1]);
      const offset = bitOffsetArg(c, argv[i + 2], t.bits, true);
      const n = parseInteger(argv[i + 3]);
      if (n === null) throw new RedisError(ErrorText.notInteger);
      ops.push({ kind: sub, ...t, offset, value: BigInt(argv[i + 3]), overflow });
      i += 3;
    } else if (sub === 'OVERFLOW' && left >= 1) {
      const o = argv[++i].toUpperCase();
      if (o !== 'WRAP' && o !== 'SAT' && o !== 'FAIL') throw new RedisError('ERR Invalid OVERFLOW type specified');
      overflow = o;
    } else {
      throw new RedisError(ErrorText.syntax);
    }
  }
  return ops;
}

/** An integer reply, exact beyond 2^53. */
function intReply(v: bigint): Reply {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

function bitfieldGeneric(c: Client, argv: string[], readOnly: boolean): Reply {
  const ops = parseBitfield(c, argv, readOnly);
  const writes = ops.filter((o) => o.kind !== 'GET');
  if (writes.length === 0) {
    const s = c.db.readTyped(argv[1], 'string') ?? '';
    return ops.map((o) => intReply(readField(s, o.offset, o.bits, o.signed)));
  }
  const highest = Math.max(...writes.map((o) => o.offset + o.bits));
  const buf = growForWrite(c, argv[1], highest);
  const out: Reply[] = [];
  let changed = false;
  for (const o of ops) {
    const old = readField(buf, o.offset, o.bits, o.signed);
    if (o.kind === 'GET') {
      out.push(intReply(old));
      continue;
    }
    // SET of an unsigned field reads the value as uint64 (so -3 saturates to the maximum).
    const target = o.kind === 'SET' ? (o.signed ? o.value : BigInt.asUintN(64, o.value)) : old + o.value;
    const next = fitField(target, o.bits, o.signed, o.overflow);
    if (next === null) {
      out.push(null);
      continue;
    }
    writeField(buf, o.offset, o.bits, next);
    changed = true;
    out.push(intReply(o.kind === 'SET' ? old : next));
  }
  if (changed || !c.db.exists(argv[1])) c.db.set(argv[1], buf.latin1Slice(0, buf.length), { keepTtl: true, rawString: true });
  return out;
}

function bitfieldCommand(c: Client, argv: string[]): Reply {
  return bitfieldGeneric(c, argv, false);
}

function bitfieldRoCommand(c: Client, argv: string[]): Reply {
  return bitfieldGeneric(c, argv, true);
}

// ---- table ---------------------------------------------------------------------------------------

const K1 = { first: 1, last: 1, step: 1 };
/** BITFIELD only reads its key when every operation is a well-formed GET (bitfieldGetKeys). */
const BITFIELD_KEY: KeySpec = {
  ...rangeKeys(['RW', 'access', 'update', 'variable_flags'], 1),
  notes: 'This command allows both access and modification of the key',
  flagsOf: (argv) => (bitfieldOnlyReads(argv) ? ['RO', 'access'] : ['RW', 'access', 'update']),
};

function bitfieldOnlyReads(argv: readonly string[]): boolean {
  for (let i = 2; i < argv.length; i++) {
    const left = argv.length - i - 1;
    const op = argv[i].toUpperCase();
    if (op === 'GET' && left >= 2) i += 2;
    else if (op === 'OVERFLOW' && left >= 1) i += 1;
    else return false;
  }
  return true;
}

export const bitmapCommands: CommandSpec[] = [
  { name: 'setbit', arity: 4, flags: ['write', 'denyoom'], keys: K1, keyFlags: ['RW', 'access', 'update'], acl: ['bitmap'], summary: 'Sets or clears the bit at offset in the string value stored at key', since: '2.2.0', run: setbitCommand },
  { name: 'getbit', arity: 3, flags: ['readonly', 'fast'], keys: K1, acl: ['bitmap'], summary: 'Returns the bit value at offset in the string value stored at key', since: '2.2.0', run: getbitCommand },
  { name: 'bitcount', arity: -2, flags: ['readonly'], keys: K1, acl: ['bitmap'], summary: 'Count set bits in a string', since: '2.6.0', run: bitcountCommand },
  { name: 'bitpos', arity: -3, flags: ['readonly'], keys: K1, acl: ['bitmap'], summary: 'Find first bit set or clear in a string', since: '2.8.7', run: bitposCommand },
  { name: 'bitop', arity: -4, flags: ['write', 'denyoom'], keys: { first: 2, last: -1, step: 1 }, keySpecs: [rangeKeys(['OW', 'update'], 2), rangeKeys(['RO', 'access'], 3, -1)], acl: ['bitmap'], summary: 'Perform bitwise operations between strings', since: '2.6.0', run: bitopCommand },
  { name: 'bitfield', arity: -2, flags: ['write', 'denyoom'], keys: K1, keySpecs: [BITFIELD_KEY], acl: ['bitmap'], summary: 'Perform arbitrary bitfield integer operations on strings', since: '3.2.0', run: bitfieldCommand },
  { name: 'bitfield_ro', arity: -2, flags: ['readonly', 'fast'], keys: K1, acl: ['bitmap'], summary: 'Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD', since: '6.0.0', run: bitfieldRoCommand },
];
