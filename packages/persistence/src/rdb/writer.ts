// RDB serialisation as Redis 7.0 writes it (version 10): length prefixes, integer/LZF string
// encodings, the object encodings Redis 7.0 produces (listpack hashes/zsets, intsets, quicklist 2
// lists of listpack nodes, ZSET_2 binary scores) and the file framing (header, AUX, SELECTDB,
// RESIZEDB, EXPIRETIME_MS). Checksumming is left to the stream that carries the bytes.
import { formatDouble } from '@ferrous/resp';
import { parseInteger, type StoreValue } from '@ferrous/store';
import { ByteWriter } from './bytes';
import { Crc64 } from './crc64';
import { QUICKLIST_NODE_PACKED, RDB_LZF_STRING, RDB_VERSION, RdbOpcode, RdbType, REDIS_VERSION } from './constants';
import { encodeIntset } from './intset';
import { LISTPACK_EMPTY_SIZE, encodeListpack, listpackEntrySize } from './listpack';
import { lzfCompressInto, lzfOutputSpace } from './lzf';
import { encodeStream } from './stream';

export interface RdbWriteOptions {
  /** rdbcompression: LZF-compress strings longer than 20 bytes when it saves space (default true). */
  compression?: boolean;
  /** list-max-listpack-size: quicklist node size (negative = byte class, -2 = 8 KiB; default -2). */
  listMaxListpackSize?: number;
}

const NODE_BYTES = [4096, 8192, 16384, 32768, 65536];
/** Redis caps count-limited quicklist nodes at this many bytes too. */
const SIZE_SAFETY_LIMIT = 8192;
/** Redis's per-element overestimate when deciding whether a push fits a node. */
const SIZE_ESTIMATE_OVERHEAD = 8;

export class RdbEncoder {
  private readonly compression: boolean;
  private readonly nodeEntries: number;
  private readonly nodeBytes: number;
  /** Space to build nested blobs (listpacks) in before they are copied out. */
  readonly scratch = new ByteWriter(1024);
  /** Input and output space for LZF, reused across strings. */
  private lzfIn = Buffer.allocUnsafe(4096);
  private lzfOut = Buffer.allocUnsafe(4096);

  constructor(
    readonly w: ByteWriter,
    options: RdbWriteOptions = {},
  ) {
    this.compression = options.compression ?? true;
    const fill = options.listMaxListpackSize ?? -2;
    this.nodeEntries = fill > 0 ? fill : Infinity;
    this.nodeBytes = fill > 0 ? SIZE_SAFETY_LIMIT : NODE_BYTES[Math.min(-fill, 5) - 1] ?? 8192;
  }

  length(n: number): void {
    const w = this.w;
    if (n < 64) w.byte(n);
    else if (n < 16384) {
      w.byte(0x40 | (n >>> 8));
      w.byte(n & 0xff);
    } else if (n <= 0xffffffff) {
      w.byte(0x80);
      w.u32be(n);
    } else {
      w.byte(0x81);
      w.u32be(Math.floor(n / 4294967296));
      w.u32be(n >>> 0);
    }
  }

  /** An unsigned 64-bit length (stream IDs and counters). */
  ulength(v: bigint): void {
    if (v <= 0xffffffffn) return this.length(Number(v));
    this.w.byte(0x81);
    this.w.u32be(Number(v >> 32n));
    this.w.u32be(Number(v & 0xffffffffn));
  }

  /** A byte string: integer-encoded when it is a small canonical integer, else LZF or raw. */
  string(s: string): void {
    const n = s.length;
    const w = this.w;
    if (n > 0 && n <= 11) {
      const v = parseInteger(s);
      if (v !== null) {
        if (v >= -128 && v <= 127) {
          w.byte(0xc0);
          w.byte(v & 0xff);
          return;
        }
        if (v >= -32768 && v <= 32767) {
          w.byte(0xc1);
          w.u16le(v & 0xffff);
          return;
        }
        if (v >= -2147483648 && v <= 2147483647) {
          w.byte(0xc2);
          w.u32le(v);
          return;
        }
      }
    }
    if (this.compression && n > 20) {
      if (this.lzfIn.length < n) this.lzfIn = Buffer.allocUnsafe(Math.max(n, 2 * this.lzfIn.length));
      this.lzfIn.latin1Write(s, 0);
      if (this.lzf(this.lzfIn, n)) return;
    }
    this.length(n);
    w.latin1(s);
  }

  /** An encoded blob (listpack, intset) as an RDB string, LZF-compressed when worthwhile. */
  blob(b: Uint8Array): void {
    if (this.compression && b.length > 20 && this.lzf(b, b.length)) return;
    this.length(b.length);
    this.w.bytes(b);
  }

  /**
   * `blob(raw())` for a blob saved before: `lzf` is what an earlier call wrote for the same bytes
   * when that was LZF-compressed, and is copied instead of compressing again (and `raw` not
   * called). Returns the compressed form to keep for next time (null when there is none).
   */
  cachedBlob(raw: () => Uint8Array, lzf: Uint8Array | null): Uint8Array | null {
    const w = this.w;
    if (!this.compression) {
      this.blob(raw());
      return lzf;
    }
    if (lzf !== null) {
      w.bytes(lzf);
      return lzf;
    }
    const start = w.pos;
    this.blob(raw());
    return w.buf[start] === RDB_LZF_STRING ? Buffer.from(w.buf.subarray(start, w.pos)) : null;
  }

  /** Writes the first `rawLength` bytes of `raw` LZF-compressed, if that saves space. */
  private lzf(raw: Uint8Array, rawLength: number): boolean {
    const maxOut = rawLength - 4;
    const space = lzfOutputSpace(maxOut);
    if (this.lzfOut.length < space) this.lzfOut = Buffer.allocUnsafe(Math.max(space, 2 * this.lzfOut.length));
    const n = lzfCompressInto(raw, maxOut, this.lzfOut, rawLength);
    if (n < 0) return false;
    this.w.byte(RDB_LZF_STRING);
    this.length(n);
    this.length(rawLength);
    this.w.bytes(this.lzfOut.subarray(0, n));
    return true;
  }

  /** The RDB type byte Redis 7.0 uses for `value` in its current encoding. */
  static typeOf(value: StoreValue): number {
    if (typeof value === 'string') return RdbType.STRING;
    switch (value.type) {
      case 'list':
        return RdbType.LIST_QUICKLIST_2;
      case 'set':
        return value.encoding === 'intset' ? RdbType.SET_INTSET : RdbType.SET;
      case 'zset':
        return value.encoding === 'listpack' ? RdbType.ZSET_LISTPACK : RdbType.ZSET_2;
      case 'hash':
        return value.encoding === 'listpack' ? RdbType.HASH_LISTPACK : RdbType.HASH;
      case 'stream':
        return RdbType.STREAM_LISTPACKS_2;
    }
  }

  /** The value's payload (after its type byte). */
  value(value: StoreValue): void {
    if (typeof value === 'string') return this.string(value);
    switch (value.type) {
      case 'list':
        return this.quicklist(value.toArray());
      case 'set': {
        const members = value.members();
        if (value.encoding === 'intset') return this.blob(encodeIntset(members));
        this.length(members.length);
        for (const m of members) this.string(m);
        return;
      }
      case 'zset': {
        const pairs = value.entries();
        if (value.encoding === 'listpack') {
          const flat = new Array<string>(pairs.length * 2);
          for (let i = 0; i < pairs.length; i++) {
            flat[2 * i] = pairs[i][0];
            flat[2 * i + 1] = formatDouble(pairs[i][1]);
          }
          return this.blob(encodeListpack(flat, this.scratch));
        }
        this.length(pairs.length);
        // Highest score first, like Redis: the loader then inserts at the skiplist's head.
        for (let i = pairs.length - 1; i >= 0; i--) {
          this.string(pairs[i][0]);
          this.w.f64le(pairs[i][1]);
        }
        return;
      }
      case 'hash': {
        const flat = value.toArray();
        if (value.encoding === 'listpack') return this.blob(encodeListpack(flat, this.scratch));
        this.length(flat.length / 2);
        for (let i = 0; i < flat.length; i++) this.string(flat[i]);
        return;
      }
      case 'stream':
        return encodeStream(this, value);
    }
  }

  /**
   * QUICKLIST_2: node count, then per node the PACKED container and a listpack blob. Nodes are
   * cut where Redis's RPUSH would cut them (_quicklistNodeAllowInsert), so a list built by pushes
   * dumps to the same bytes as in Redis.
   */
  private quicklist(items: string[]): void {
    const nodes: Buffer[] = [];
    let start = 0;
    let lpBytes = LISTPACK_EMPTY_SIZE;
    for (let i = 0; i < items.length; i++) {
      if (i > start && !this.fits(lpBytes + items[i].length + SIZE_ESTIMATE_OVERHEAD, i - start)) {
        nodes.push(encodeListpack(items.slice(start, i), this.scratch));
        start = i;
        lpBytes = LISTPACK_EMPTY_SIZE;
      }
      lpBytes += listpackEntrySize(items[i]);
    }
    if (items.length > start) nodes.push(encodeListpack(items.slice(start), this.scratch));
    this.length(nodes.length);
    for (const node of nodes) {
      this.length(QUICKLIST_NODE_PACKED);
      this.blob(node);
    }
  }

  /** Whether a node of `count` entries may grow to `newSize` estimated bytes. */
  private fits(newSize: number, count: number): boolean {
    if (this.nodeEntries === Infinity) return newSize <= this.nodeBytes;
    return newSize <= SIZE_SAFETY_LIMIT && count < this.nodeEntries;
  }

  /** One key: optional EXPIRETIME_MS, type byte, key, value. `expireAt` < 0 = no TTL. */
  keyRecord(key: string, value: StoreValue, expireAt: number): void {
    if (expireAt >= 0) {
      this.w.byte(RdbOpcode.EXPIRETIME_MS);
      this.w.i64leNumber(expireAt);
    }
    this.w.byte(RdbEncoder.typeOf(value));
    this.string(key);
    this.value(value);
  }

  /** `REDIS0010` and the AUX fields (numbers are written integer-encoded, like Redis). */
  header(aux: ReadonlyArray<[string, string | number]>): void {
    this.w.latin1(`REDIS${String(RDB_VERSION).padStart(4, '0')}`);
    for (const [name, value] of aux) {
      this.w.byte(RdbOpcode.AUX);
      this.string(name);
      this.string(String(value));
    }
  }

  selectDb(index: number, size: number, expires: number): void {
    this.w.byte(RdbOpcode.SELECTDB);
    this.length(index);
    this.w.byte(RdbOpcode.RESIZEDB);
    this.length(size);
    this.length(expires);
  }

  /** FUNCTION2 records: one library source each (FUNCTION LOAD text). */
  functions(sources: readonly string[]): void {
    for (const code of sources) {
      this.w.byte(RdbOpcode.FUNCTION2);
      this.string(code);
    }
  }
}

/** Replication state stored in a dump (a restarted master/replica resumes with PSYNC from it). */
export interface ReplAux {
  replStreamDb: number;
  replId: string;
  replOffset: number;
}

/** The AUX fields Redis 7.0 writes, in its order. */
export function defaultAux(usedMemory: number, aofBase: boolean, repl?: ReplAux, now = Date.now()): Array<[string, string | number]> {
  return [
    ['redis-ver', REDIS_VERSION],
    ['redis-bits', 64],
    ['ctime', Math.floor(now / 1000)],
    ['used-mem', usedMemory],
    ...(repl
      ? ([
          ['repl-stream-db', repl.replStreamDb],
          ['repl-id', repl.replId],
          ['repl-offset', repl.replOffset],
        ] as Array<[string, string | number]>)
      : []),
    ['aof-base', aofBase ? 1 : 0],
  ];
}

/** What a snapshot writes: framing plus one self-contained record per key (see snapshot.ts). */
export interface SnapshotFormat {
  begin(w: ByteWriter): void;
  selectDb(w: ByteWriter, index: number, size: number, expires: number): void;
  record(w: ByteWriter, key: string, value: StoreValue, expireAt: number): void;
  /** Called with every chunk before it leaves (checksums). */
  observe(chunk: Buffer): void;
  /** Final bytes; everything written before has been observed. */
  finish(w: ByteWriter): void;
}

export interface RdbFormatOptions extends RdbWriteOptions {
  /** AUX fields (default: defaultAux with used-mem 0). */
  aux?: ReadonlyArray<[string, string | number]>;
  /** FUNCTION2 library sources to store. */
  functions?: readonly string[];
  /** rdbchecksum (default true); false writes an all-zero trailer. */
  checksum?: boolean;
}

/** The RDB file format as a snapshot format: header, databases, EOF and the CRC64 trailer. */
export class RdbFormat implements SnapshotFormat {
  private readonly crc = new Crc64();
  private encoder: RdbEncoder | null = null;

  constructor(private readonly options: RdbFormatOptions = {}) {}

  private enc(w: ByteWriter): RdbEncoder {
    if (this.encoder === null || this.encoder.w !== w) this.encoder = new RdbEncoder(w, this.options);
    return this.encoder;
  }

  begin(w: ByteWriter): void {
    const e = this.enc(w);
    e.header(this.options.aux ?? defaultAux(0, false));
    e.functions(this.options.functions ?? []);
  }

  selectDb(w: ByteWriter, index: number, size: number, expires: number): void {
    this.enc(w).selectDb(index, size, expires);
  }

  record(w: ByteWriter, key: string, value: StoreValue, expireAt: number): void {
    this.enc(w).keyRecord(key, value, expireAt);
  }

  observe(chunk: Buffer): void {
    if (this.options.checksum !== false) this.crc.update(chunk);
  }

  finish(w: ByteWriter): void {
    const start = w.pos;
    w.byte(RdbOpcode.EOF);
    if (this.options.checksum !== false) this.crc.update(w.buf, start, w.pos);
    w.bytes(this.options.checksum !== false ? this.crc.bytes() : Buffer.alloc(8));
  }
}
