// RDB deserialisation for versions 1–11 (Redis 2.x to 7.2): every string and object encoding
// Redis has written (zipmap, ziplist, intset, quicklist 1/2, listpack, ZSET v1 text scores), the
// file framing and the CRC64 trailer. Parsing builds a staging structure only; nothing touches a
// Store until the whole file parsed and its checksum matched (applyRdb).
import {
  HashValue,
  ListValue,
  SetValue,
  ZSetValue,
  parseFloat as parseRedisFloat,
  type StoreValue,
  type TypeContext,
} from '@ferrous/store';
import { latin1 } from '@ferrous/resp';
import { ByteReader, RdbError } from './bytes';
import {
  MAX_READ_VERSION,
  MIN_READ_VERSION,
  QUICKLIST_NODE_PACKED,
  QUICKLIST_NODE_PLAIN,
  RDB_64BITLEN,
  RDB_32BITLEN,
  RDB_ENCVAL,
  RDB_ENC_INT16,
  RDB_ENC_INT32,
  RDB_ENC_INT8,
  RDB_ENC_LZF,
  RdbOpcode,
  RdbType,
} from './constants';
import { crc64 } from './crc64';
import { decodeIntset } from './intset';
import { decodeListpack } from './listpack';
import { lzfDecompressInto } from './lzf';
import { decodeStream } from './stream';
import { decodeZiplist } from './ziplist';
import { decodeZipmap } from './zipmap';

export interface RdbReadOptions {
  /** Databases the target has; a SELECTDB beyond them is an error (default 16). */
  databases?: number;
  /** Verify the CRC64 trailer (an all-zero trailer means "not computed" and is accepted). Default true. */
  verifyChecksum?: boolean;
  /** Drop keys whose expire time is before `now` (a master loading its dump does). Default false. */
  skipExpired?: boolean;
  now?: number;
}

/** One database's keys as parsed (a duplicate key, which only a damaged writer produces, is kept; the last one wins on apply). */
export interface RdbDatabase {
  index: number;
  keys: string[];
  values: StoreValue[];
  /** Absolute expire time in ms per key, -1 = none. */
  expires: number[];
}

export interface RdbContents {
  version: number;
  aux: Map<string, string>;
  /** FUNCTION2 library sources, in file order. */
  functions: string[];
  databases: RdbDatabase[];
  /** Offset just past the trailer (an AOF with an RDB preamble continues here). */
  end: number;
}

/** Parses a whole RDB file. Throws RdbError (with the offset) on any malformed input. */
export function readRdb(bytes: Buffer, ctx: TypeContext, options: RdbReadOptions = {}): RdbContents {
  return guard(() => new RdbParser(bytes, ctx).file(options));
}

/** Runs a parse, turning anything unexpected into an RdbError so callers see one error type. */
export function guard<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof RdbError) throw err;
    throw new RdbError(`malformed data (${(err as Error).message})`, -1);
  }
}

export class RdbParser {
  readonly r: ByteReader;
  version = 10;
  /** Where LZF strings are decompressed before they are copied into JS strings. */
  private lzfScratch: Buffer = Buffer.allocUnsafe(0);
  /** Length of the last string `lzf` decompressed. */
  private lzfLength = 0;

  constructor(
    bytes: Buffer,
    private readonly ctx: TypeContext,
  ) {
    this.r = new ByteReader(bytes);
  }

  file(options: RdbReadOptions): RdbContents {
    const r = this.r;
    if (r.remaining < 9 || r.buf.latin1Slice(0, 5) !== 'REDIS') r.fail('not an RDB file (no REDIS signature)', 0);
    const digits = r.buf.latin1Slice(5, 9);
    const version = /^\d{4}$/.test(digits) ? Number(digits) : NaN;
    if (!(version >= MIN_READ_VERSION && version <= MAX_READ_VERSION)) r.fail(`unsupported RDB version ${digits}`, 5);
    this.version = version;
    r.pos = 9;
    const databases = options.databases ?? 16;
    const skipBefore = options.skipExpired ? (options.now ?? Date.now()) : -Infinity;
    const aux = new Map<string, string>();
    const functions: string[] = [];
    const byIndex = new Map<number, StagedDatabase>();
    let current: StagedDatabase | undefined;
    let expireAt = -1;
    for (;;) {
      const at = r.pos;
      const op = r.u8();
      if (op < RdbOpcode.FUNCTION2) {
        // A key of object type `op` (the hot path: keep it out of the opcode switch).
        if (current === undefined) {
          current = new StagedDatabase(0);
          byIndex.set(0, current);
        }
        const key = this.string();
        const value = op === RdbType.STRING ? this.string() : this.value(op, at);
        const when = expireAt;
        expireAt = -1;
        if (value === null || (when >= 0 && when < skipBefore)) continue;
        current.add(key, value, when);
        continue;
      }
      if (op === RdbOpcode.EOF) break;
      switch (op) {
        case RdbOpcode.EXPIRETIME_MS:
          expireAt = Number(r.i64le());
          break;
        case RdbOpcode.EXPIRETIME:
          expireAt = r.u32le() * 1000;
          break;
        case RdbOpcode.SELECTDB: {
          const index = this.length();
          if (index >= databases) r.fail(`SELECTDB ${index} but only ${databases} databases are configured`, at);
          current = byIndex.get(index);
          if (current === undefined) {
            current = new StagedDatabase(index);
            byIndex.set(index, current);
          }
          break;
        }
        case RdbOpcode.RESIZEDB: {
          const keys = this.length();
          this.length(); // keys with a TTL
          // Every key takes at least 3 bytes, which bounds what a corrupt count can reserve.
          current?.reserve(Math.min(keys, Math.floor(r.remaining / 3)));
          break;
        }
        case RdbOpcode.AUX: {
          const name = this.string();
          aux.set(name, this.string());
          break;
        }
        case RdbOpcode.IDLE:
          this.length(); // LRU idle time: Ferrous starts every loaded key fresh
          break;
        case RdbOpcode.FREQ:
          r.u8();
          break;
        case RdbOpcode.FUNCTION2:
          functions.push(this.string());
          break;
        case RdbOpcode.FUNCTION:
          r.fail('pre-GA FUNCTION records (Redis 7.0 release candidates) are not supported', at);
          break;
        case RdbOpcode.MODULE_AUX:
          r.fail('module auxiliary data is not supported', at);
          break;
      }
    }
    const eofEnd = r.pos;
    if (version >= 5) {
      const trailer = r.slice(8);
      const zero = trailer.every((b) => b === 0);
      if (!zero && options.verifyChecksum !== false) {
        const expected = trailer.readBigUInt64LE(0);
        const actual = crc64(r.buf, 0, eofEnd);
        if (expected !== actual) r.fail(`RDB checksum mismatch (file ${expected.toString(16)}, computed ${actual.toString(16)})`, eofEnd);
      }
    }
    const dbs = [...byIndex.values()].map((db) => db.finish()).sort((a, b) => a.index - b.index);
    return { version, aux, functions, databases: dbs, end: r.pos };
  }

  /** A length prefix (errors on the special string encodings). */
  length(): number {
    const r = this.r;
    const at = r.pos;
    const b = r.u8();
    const kind = b >>> 6;
    if (kind === 0) return b & 0x3f;
    if (kind === 1) return ((b & 0x3f) << 8) | r.u8();
    if (b === RDB_32BITLEN) return r.u32be();
    if (b === RDB_64BITLEN) {
      const v = r.u64be();
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) r.fail('length out of range', at);
      return Number(v);
    }
    return r.fail(`invalid length encoding 0x${b.toString(16)}`, at);
  }

  /** An unsigned 64-bit length (stream IDs and counters). */
  ulength(): bigint {
    const r = this.r;
    const at = r.pos;
    const b = r.buf[at];
    if (at < r.end && b === RDB_64BITLEN) {
      r.pos++;
      return r.u64be();
    }
    return BigInt(this.length());
  }

  /** A string as raw bytes (integer-encoded strings come back as their decimal text). */
  blob(): Buffer {
    const r = this.r;
    const at = r.pos;
    const b = r.buf[at];
    if (at < r.end && b >>> 6 === RDB_ENCVAL) {
      r.pos++;
      const enc = b & 0x3f;
      if (enc === RDB_ENC_LZF) return this.lzf(at, null);
      return Buffer.from(this.intString(enc, at), 'latin1');
    }
    return r.slice(this.length());
  }

  /** A string as a latin1 JS string. */
  string(): string {
    const r = this.r;
    const b = r.pos < r.end ? r.buf[r.pos] : 0;
    if (b < 0x40) {
      // Fast path: a 6-bit length, the common case for keys and small values.
      const start = r.pos + 1;
      if (start + b > r.end) return r.latin1(this.length());
      r.pos = start + b;
      return latin1(r.buf, start, r.pos);
    }
    if (b >>> 6 === RDB_ENCVAL && (b & 0x3f) !== RDB_ENC_LZF) {
      const at = r.pos++;
      return this.intString(b & 0x3f, at);
    }
    if (b >>> 6 !== RDB_ENCVAL) return r.latin1(this.length());
    const at = r.pos++;
    const out = this.lzf(at, this.lzfScratch);
    this.lzfScratch = out;
    return out.latin1Slice(0, this.lzfLength);
  }

  /**
   * The LZF string at `at` (its encoding byte read): decompressed into `scratch` when that is
   * big enough (strings are copied out of it, so one buffer serves them all), else into a new
   * buffer of its exact size; `lzfLength` is its length.
   */
  private lzf(at: number, scratch: Buffer | null): Buffer {
    const r = this.r;
    const clen = this.length();
    const len = this.length();
    if (len > clen * 100 + 64) r.fail(`LZF string claims ${len} bytes from ${clen}`, at);
    r.need(clen);
    let out = scratch ?? Buffer.allocUnsafe(len);
    if (out.length < len) out = Buffer.allocUnsafe(Math.max(len, 2 * out.length));
    try {
      lzfDecompressInto(r.buf, r.pos, r.pos + clen, out, len);
    } catch (err) {
      return r.fail(`corrupt LZF string (${(err as Error).message})`, at);
    }
    r.pos += clen;
    this.lzfLength = len;
    return out;
  }

  private intString(enc: number, at: number): string {
    const r = this.r;
    if (enc === RDB_ENC_INT8) {
      r.need(1);
      return String(r.buf.readInt8(r.pos++));
    }
    if (enc === RDB_ENC_INT16) {
      r.need(2);
      const v = r.buf.readInt16LE(r.pos);
      r.pos += 2;
      return String(v);
    }
    if (enc === RDB_ENC_INT32) {
      r.need(4);
      const v = r.buf.readInt32LE(r.pos);
      r.pos += 4;
      return String(v);
    }
    return r.fail(`unknown string encoding ${enc}`, at);
  }

  /** A blob holding a nested encoding, with its absolute offset for error messages. */
  private nested(decode: (blob: Buffer, base: number) => string[]): string[] {
    const at = this.r.pos;
    return decode(this.blob(), at);
  }

  /** Reads one value of RDB type `type`; null for an empty collection (skipped, like Redis). */
  value(type: number, at: number): StoreValue | null {
    const r = this.r;
    const ctx = this.ctx;
    switch (type) {
      case RdbType.STRING:
        return this.string();
      case RdbType.LIST: {
        const n = this.length();
        const list = new ListValue(ctx);
        for (let i = 0; i < n; i++) list.push(this.string(), false);
        return nonEmpty(list);
      }
      case RdbType.SET: {
        const n = this.length();
        const set = new SetValue(ctx);
        for (let i = 0; i < n; i++) {
          const m = this.string();
          if (!set.add(m)) r.fail('duplicate set member', at);
        }
        return nonEmpty(set);
      }
      case RdbType.ZSET:
      case RdbType.ZSET_2: {
        const n = this.length();
        const pairs: Array<[string, number]> = [];
        for (let i = 0; i < n; i++) pairs.push([this.string(), type === RdbType.ZSET_2 ? r.f64le() : this.textDouble()]);
        return this.zset(pairs, at);
      }
      case RdbType.HASH: {
        const n = this.length();
        const flat: string[] = [];
        for (let i = 0; i < n; i++) flat.push(this.string(), this.string());
        return this.hash(flat, at);
      }
      case RdbType.HASH_ZIPMAP:
        return this.hash(this.nested(decodeZipmap), at);
      case RdbType.HASH_ZIPLIST:
        return this.hash(this.nested(decodeZiplist), at);
      case RdbType.HASH_LISTPACK:
        return this.hash(this.nested(decodeListpack), at);
      case RdbType.LIST_ZIPLIST:
        return this.list(this.nested(decodeZiplist));
      case RdbType.LIST_QUICKLIST: {
        const n = this.length();
        const items: string[] = [];
        for (let i = 0; i < n; i++) for (const s of this.nested(decodeZiplist)) items.push(s);
        return this.list(items);
      }
      case RdbType.LIST_QUICKLIST_2: {
        const n = this.length();
        const items: string[] = [];
        for (let i = 0; i < n; i++) {
          const cat = r.pos;
          const container = this.length();
          if (container === QUICKLIST_NODE_PLAIN) items.push(this.string());
          else if (container === QUICKLIST_NODE_PACKED) for (const s of this.nested(decodeListpack)) items.push(s);
          else r.fail(`invalid quicklist node container ${container}`, cat);
        }
        return this.list(items);
      }
      case RdbType.SET_INTSET:
        return this.set(this.nested(decodeIntset), at);
      case RdbType.SET_LISTPACK:
        return this.set(this.nested(decodeListpack), at);
      case RdbType.ZSET_ZIPLIST:
      case RdbType.ZSET_LISTPACK: {
        const flat = this.nested(type === RdbType.ZSET_ZIPLIST ? decodeZiplist : decodeListpack);
        if (flat.length % 2 !== 0) r.fail('sorted set blob with an odd number of entries', at);
        const pairs: Array<[string, number]> = [];
        for (let i = 0; i < flat.length; i += 2) {
          const score = parseRedisFloat(flat[i + 1]);
          pairs.push([flat[i], score ?? r.fail('invalid score in a sorted set blob', at)]);
        }
        return this.zset(pairs, at);
      }
      case RdbType.STREAM_LISTPACKS:
      case RdbType.STREAM_LISTPACKS_2:
      case RdbType.STREAM_LISTPACKS_3:
        return decodeStream(this, type, at);
      case RdbType.MODULE:
      case RdbType.MODULE_2:
        return r.fail('module values are not supported', at);
      default:
        return r.fail(`unknown object type ${type}`, at);
    }
  }

  /** ZSET v1 score: length byte, 253 NaN, 254 +inf, 255 -inf, else that many ASCII bytes. */
  private textDouble(): number {
    const r = this.r;
    const at = r.pos;
    const n = r.u8();
    if (n === 253) return r.fail('NaN score in a sorted set', at);
    if (n === 254) return Infinity;
    if (n === 255) return -Infinity;
    const v = parseRedisFloat(r.latin1(n));
    return v === null ? r.fail('invalid score text', at) : v;
  }

  private list(items: string[]): ListValue | null {
    const list = new ListValue(this.ctx);
    for (const s of items) list.push(s, false);
    return nonEmpty(list);
  }

  private set(members: string[], at: number): SetValue | null {
    const set = new SetValue(this.ctx);
    for (const m of members) if (!set.add(m)) this.r.fail('duplicate set member', at);
    return nonEmpty(set);
  }

  private hash(flat: string[], at: number): HashValue | null {
    if (flat.length % 2 !== 0) this.r.fail('hash blob with an odd number of entries', at);
    const hash = new HashValue(this.ctx);
    for (let i = 0; i < flat.length; i += 2) if (!hash.set(flat[i], flat[i + 1])) this.r.fail('duplicate hash field', at);
    return nonEmpty(hash);
  }

  private zset(pairs: Array<[string, number]>, at: number): ZSetValue | null {
    const seen = new Set<string>();
    for (const [m, s] of pairs) {
      if (Number.isNaN(s)) this.r.fail('NaN score in a sorted set', at);
      if (seen.has(m)) this.r.fail('duplicate sorted set member', at);
      seen.add(m);
    }
    return pairs.length === 0 ? null : ZSetValue.fromPairs(this.ctx, pairs);
  }
}

/**
 * One database's keys while parsing: parallel arrays sized once from RESIZEDB (when given) and
 * filled by index, since appending to million-element arrays copies them over and over.
 */
class StagedDatabase {
  private readonly keys: string[] = [];
  private readonly values: StoreValue[] = [];
  private readonly expires: number[] = [];
  private count = 0;

  constructor(readonly index: number) {}

  reserve(n: number): void {
    const want = this.count + n;
    if (want <= this.keys.length) return;
    this.keys.length = want;
    this.values.length = want;
    this.expires.length = want;
  }

  add(key: string, value: StoreValue, expireAt: number): void {
    const i = this.count++;
    this.keys[i] = key;
    this.values[i] = value;
    this.expires[i] = expireAt;
  }

  finish(): RdbDatabase {
    const { index, keys, values, expires, count } = this;
    keys.length = values.length = expires.length = count;
    return { index, keys, values, expires };
  }
}

function nonEmpty<T extends { size: number }>(v: T): T | null {
  return v.size === 0 ? null : v;
}
