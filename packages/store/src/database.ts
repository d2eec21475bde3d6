// One numbered database: its keyspace and expiry index, lazy expiry on access, access stamps,
// memory accounting and change events. Every modification goes through here so that the store's
// change listeners (WATCH, keyspace events, tracking, snapshots, propagation) see all of them.
import { RedisError, ErrorText } from './errors';
import { ExpireIndex } from './expire';
import { initialStamp, touchedStamp, idleTimeMs, lfuDecayedCounter, isLfu, lfuStampForFreq, lruStampForIdle } from './evict';
import { Keyspace } from './keyspace';
import { scanCursor } from './scan';
import { globMatch } from './glob';
import { entryMemory, typeOf, encodingOf, type StoreValue, type ValueType } from './value';
import type { StoreContext } from './store';
import type { ListValue } from './types/list/list';
import type { HashValue } from './types/hash/hash';
import type { SetValue } from './types/set/set';
import type { ZSetValue } from './types/zset/zset';
import type { StreamValue } from './types/stream/stream';

/** Flag bits kept above the 24-bit access stamp: the string is in the `raw` encoding … */
const RAW_FLAG = 1 << 24;
/** … or was made without integer encoding (embstr/raw by length), see SetOptions.plainString. */
const PLAIN_FLAG = 1 << 25;
const STRING_FLAGS = RAW_FLAG | PLAIN_FLAG;
const STAMP_MASK = 0xffffff;
/** Accounted per key that has a TTL (expires Map entry + slots). */
const VOLATILE_OVERHEAD = 48;

interface TypeMap {
  string: string;
  list: ListValue;
  hash: HashValue;
  set: SetValue;
  zset: ZSetValue;
  stream: StreamValue;
}

export interface SetOptions {
  /** Keep the key's current TTL (SET … KEEPTTL); otherwise the TTL is cleared. */
  keepTtl?: boolean;
  /** Mark a string value as `raw` encoded (APPEND, SETRANGE, SETBIT do this in Redis). */
  rawString?: boolean;
  /**
   * A string Redis creates without trying the integer encoding (INCRBYFLOAT's result): OBJECT
   * ENCODING says embstr or raw by length, never int, and it is not a shared integer.
   */
  plainString?: boolean;
}

/** The string-encoding flag bits `options` ask for on `value`. */
function stringFlags(value: StoreValue, options: SetOptions | undefined): number {
  if (options === undefined || typeof value !== 'string') return 0;
  return (options.rawString ? RAW_FLAG : 0) | (options.plainString ? PLAIN_FLAG : 0);
}

/** SetOptions that carry a stored key's string-encoding flags over to a new place. */
function flagOptions(stamp: number): SetOptions {
  return { rawString: (stamp & RAW_FLAG) !== 0, plainString: (stamp & PLAIN_FLAG) !== 0 };
}

export interface ScanOptions {
  /** Work per call: roughly this many slots are visited (default 10). */
  count?: number;
  match?: string;
  type?: string;
}

export class Database {
  /** @internal swapped by SWAPDB together with `expires`. */
  keyspace = new Keyspace();
  /** @internal */
  expires = new ExpireIndex();
  /** Memory estimate of this database's keys, in bytes. */
  usedMemory = 0;
  /** Running average TTL of sampled volatile keys (INFO keyspace avg_ttl), in ms. */
  avgTtl = 0;

  constructor(
    /** The database number (fixed; SWAPDB swaps contents, not numbers). */
    readonly index: number,
    private readonly ctx: StoreContext,
  ) {}

  /** DBSIZE. May include keys that are logically expired but not yet collected, like Redis. */
  get size(): number {
    return this.keyspace.size;
  }

  /** Number of keys with a TTL (INFO keyspace `expires=`). */
  get volatileSize(): number {
    return this.expires.size;
  }

  // ---- lookups -------------------------------------------------------------------------------

  /**
   * The value for a read command, or undefined (missing or expired; an expired key is deleted).
   * Counts a keyspace hit or miss and updates the access stamp unless `noTouch` (OBJECT, TYPE…).
   */
  lookupRead(key: string, noTouch = false): StoreValue | undefined {
    const slot = this.liveSlot(key);
    if (slot < 0) {
      if (!noTouch) this.ctx.stats.keyspaceMisses++;
      return undefined;
    }
    if (!noTouch) {
      this.ctx.stats.keyspaceHits++;
      this.touchSlot(slot);
    }
    return this.keyspace.valueAt(slot);
  }

  /**
   * The value for a write command, or undefined. The caller may mutate a returned collection in
   * place and must then call `signalModified(key)`; strings are immutable, replace them with `set`.
   */
  lookupWrite(key: string): StoreValue | undefined {
    const slot = this.liveSlot(key);
    if (slot < 0) return undefined;
    this.touchSlot(slot);
    this.ctx.beforeWrite?.(this.index, key);
    return this.keyspace.valueAt(slot);
  }

  /** `lookupRead` that throws WRONGTYPE unless the key is missing or holds `type`. */
  readTyped<T extends ValueType>(key: string, type: T): TypeMap[T] | undefined {
    const value = this.lookupRead(key);
    if (value !== undefined && typeOf(value) !== type) throw new RedisError(ErrorText.wrongType);
    return value as TypeMap[T] | undefined;
  }

  /** `lookupWrite` that throws WRONGTYPE unless the key is missing or holds `type`. */
  writeTyped<T extends ValueType>(key: string, type: T): TypeMap[T] | undefined {
    const slot = this.liveSlot(key);
    if (slot < 0) return undefined;
    const value = this.keyspace.valueAt(slot);
    if (typeOf(value) !== type) throw new RedisError(ErrorText.wrongType);
    this.touchSlot(slot);
    this.ctx.beforeWrite?.(this.index, key);
    return value as TypeMap[T];
  }

  /** EXISTS: whether the key is live. No stats, no touch. */
  exists(key: string): boolean {
    return this.liveSlot(key) >= 0;
  }

  /** OBJECT ENCODING of a live key, or undefined. */
  objectEncoding(key: string): string | undefined {
    const slot = this.liveSlot(key);
    if (slot < 0) return undefined;
    const stamp = this.keyspace.accessAt(slot);
    return encodingOf(this.keyspace.valueAt(slot), (stamp & RAW_FLAG) !== 0, (stamp & PLAIN_FLAG) !== 0);
  }

  /** OBJECT IDLETIME in seconds, or undefined when the key is missing. */
  objectIdleTime(key: string): number | undefined {
    const slot = this.liveSlot(key);
    if (slot < 0) return undefined;
    return Math.floor(idleTimeMs(this.keyspace.accessAt(slot), this.ctx.stampNow()) / 1000);
  }

  /** OBJECT FREQ (the decayed LFU counter), or undefined when the key is missing. */
  objectFreq(key: string): number | undefined {
    const slot = this.liveSlot(key);
    if (slot < 0) return undefined;
    return lfuDecayedCounter(this.keyspace.accessAt(slot), this.ctx.config, this.ctx.stampNow());
  }

  /** MEMORY USAGE estimate in bytes, or undefined when the key is missing. */
  memoryUsage(key: string): number | undefined {
    const slot = this.liveSlot(key);
    if (slot < 0) return undefined;
    return this.keyspace.sizeAt(slot) + (this.expires.get(key) >= 0 ? VOLATILE_OVERHEAD : 0);
  }

  /** TOUCH: updates the access stamp; returns whether the key exists. */
  touch(key: string): boolean {
    const slot = this.liveSlot(key);
    if (slot < 0) return false;
    this.touchSlot(slot);
    return true;
  }

  // ---- side-effect-free access (persistence) ---------------------------------------------------

  /**
   * The stored value of `key`, or undefined: no lazy expiry (a key whose TTL has passed but that
   * was not collected yet is returned; check getExpire), no access stamp, no stats, no events.
   */
  peek(key: string): StoreValue | undefined {
    const slot = this.keyspace.find(key);
    return slot < 0 ? undefined : this.keyspace.valueAt(slot);
  }

  /** OBJECT IDLETIME in seconds from the LRU stamp (RDB IDLE), without side effects; undefined when missing. */
  peekIdleTime(key: string): number | undefined {
    const slot = this.keyspace.find(key);
    if (slot < 0) return undefined;
    return Math.floor(idleTimeMs(this.keyspace.accessAt(slot), this.ctx.stampNow()) / 1000);
  }

  /** The decayed LFU counter (RDB FREQ), without side effects; undefined when missing. */
  peekFreq(key: string): number | undefined {
    const slot = this.keyspace.find(key);
    if (slot < 0) return undefined;
    return lfuDecayedCounter(this.keyspace.accessAt(slot), this.ctx.config, this.ctx.stampNow());
  }

  /**
   * Sets the LRU stamp so the key reads as idle for `seconds` (loading an RDB IDLE record).
   * Like Redis, ignored under an LFU policy (the stamp holds the counter then); returns whether applied.
   */
  setIdleTime(key: string, seconds: number): boolean {
    const slot = this.keyspace.find(key);
    if (slot < 0 || isLfu(this.ctx.config)) return false;
    this.setStamp(slot, lruStampForIdle(seconds, this.ctx.stampNow()));
    return true;
  }

  /** Sets the LFU counter (loading an RDB FREQ record); ignored unless an LFU policy is active. */
  setFreq(key: string, freq: number): boolean {
    const slot = this.keyspace.find(key);
    if (slot < 0 || !isLfu(this.ctx.config)) return false;
    this.setStamp(slot, lfuStampForFreq(freq, this.ctx.stampNow()));
    return true;
  }

  /**
   * Bulk-load insert (RDB/AOF loading, replication sync): creates or replaces `key` with an
   * optional absolute expire time (-1 = none) and nothing else — no lazy expiry check, no
   * `beforeWrite`, no change event, no stats. Memory is still accounted per key (cheap, and
   * needed for later deltas). Callers announce the load as a whole (e.g. after a flush).
   */
  loadSet(key: string, value: StoreValue, expireAt = -1, options?: Pick<SetOptions, 'rawString'>): void {
    const stamp = initialStamp(this.ctx.config, this.ctx.stampNow()) | stringFlags(value, options);
    this.loadStamped(key, value, expireAt, stamp);
  }

  /**
   * `loadSet` for a whole batch given as parallel arrays (an RDB database): the keyspace grows
   * once for all of them and every key gets the same initial stamp. A repeated key: the last wins.
   */
  loadMany(keys: readonly string[], values: readonly StoreValue[], expires: readonly number[]): void {
    this.keyspace.reserve(keys.length);
    const stamp = initialStamp(this.ctx.config, this.ctx.stampNow());
    for (let i = 0; i < keys.length; i++) this.loadStamped(keys[i], values[i], expires[i], stamp);
    this.keyspace.dropReserve();
  }

  private loadStamped(key: string, value: StoreValue, expireAt: number, stamp: number): void {
    const ks = this.keyspace;
    const size = entryMemory(key, value);
    const slot = ks.find(key);
    if (slot >= 0) {
      this.usedMemory += size - ks.sizeAt(slot);
      ks.setValue(slot, value);
      ks.setSize(slot, size);
      ks.setAccess(slot, stamp);
    } else {
      ks.insert(key, value, stamp, size);
      this.usedMemory += size;
    }
    const hadTtl = this.expires.get(key) >= 0;
    if (expireAt >= 0) {
      if (!hadTtl) this.usedMemory += VOLATILE_OVERHEAD;
      this.expires.set(key, expireAt);
    } else if (hadTtl) {
      this.expires.delete(key);
      this.usedMemory -= VOLATILE_OVERHEAD;
    }
  }

  // ---- writes ----------------------------------------------------------------------------------

  /** Creates or replaces `key`. Clears the TTL unless `keepTtl`. Fires 'set'. */
  set(key: string, value: StoreValue, options?: SetOptions): void {
    const ks = this.keyspace;
    const size = entryMemory(key, value);
    const flags = stringFlags(value, options);
    const slot = this.liveSlot(key);
    if (slot >= 0) {
      this.ctx.beforeWrite?.(this.index, key);
      this.usedMemory += size - ks.sizeAt(slot);
      ks.setValue(slot, value);
      ks.setSize(slot, size);
      ks.setAccess(slot, touchedStamp(ks.accessAt(slot) & STAMP_MASK, this.ctx.config, this.ctx.stampNow(), this.ctx.random) | flags);
      if (!options?.keepTtl && this.expires.delete(key)) this.usedMemory -= VOLATILE_OVERHEAD;
    } else {
      ks.insert(key, value, initialStamp(this.ctx.config, this.ctx.stampNow()) | flags, size);
      this.usedMemory += size;
    }
    this.ctx.emit(this.index, key, 'set');
  }

  /**
   * Call after mutating a collection returned by lookupWrite/writeTyped: re-accounts its memory,
   * deletes the key if the collection became empty (Redis deletes empty aggregates but streams) and fires
   * 'modify' (or 'delete').
   */
  signalModified(key: string): void {
    const ks = this.keyspace;
    const slot = ks.find(key);
    if (slot < 0) return;
    const value = ks.valueAt(slot);
    // Streams are the exception: an emptied stream keeps its key (its last ID, its groups).
    if (typeof value !== 'string' && value.size === 0 && value.type !== 'stream') {
      this.removeSlot(slot, key, 'delete');
      return;
    }
    const size = entryMemory(key, value);
    this.usedMemory += size - ks.sizeAt(slot);
    ks.setSize(slot, size);
    this.ctx.emit(this.index, key, 'modify');
  }

  /** DEL: returns whether a live key was removed. Fires 'delete'. */
  delete(key: string): boolean {
    const slot = this.liveSlot(key);
    if (slot < 0) return false;
    this.removeSlot(slot, key, 'delete');
    return true;
  }

  /** FLUSHDB. Fires 'flush' with key null. */
  flush(): void {
    this.ctx.beforeWrite?.(this.index, null);
    this.keyspace.clear();
    this.expires.clear();
    this.usedMemory = 0;
    this.avgTtl = 0;
    this.ctx.emit(this.index, null, 'flush');
  }

  // ---- expiry ----------------------------------------------------------------------------------

  /** Absolute expire time in ms of a key, or -1 when it has none (missing keys: -1 too). */
  getExpire(key: string): number {
    return this.expires.get(key);
  }

  /**
   * Sets an absolute expire time in ms on a live key; returns false when the key is missing.
   * A time in the past is stored as is: the key is gone at its next access (callers wanting
   * Redis's EXPIRE-in-the-past behaviour delete instead). Fires 'expire-set'.
   */
  setExpire(key: string, whenMs: number): boolean {
    if (this.liveSlot(key) < 0) return false;
    this.ctx.beforeWrite?.(this.index, key);
    if (this.expires.get(key) < 0) this.usedMemory += VOLATILE_OVERHEAD;
    this.expires.set(key, whenMs);
    this.ctx.emit(this.index, key, 'expire-set');
    return true;
  }

  /** PERSIST: removes the TTL; returns whether there was one. Fires 'persist'. */
  persist(key: string): boolean {
    if (this.liveSlot(key) < 0 || this.expires.get(key) < 0) return false;
    this.ctx.beforeWrite?.(this.index, key);
    this.expires.delete(key);
    this.usedMemory -= VOLATILE_OVERHEAD;
    this.ctx.emit(this.index, key, 'persist');
    return true;
  }

  /** Deletes `key` if its TTL has passed; returns whether it did. Fires 'expired'. */
  expireIfNeeded(key: string): boolean {
    const when = this.expires.get(key);
    if (when < 0 || !(this.ctx.expiryNow() > when)) return false;
    const slot = this.keyspace.find(key);
    if (slot >= 0) this.removeSlot(slot, key, 'expired');
    this.ctx.stats.expiredKeys++;
    return true;
  }

  // ---- iteration -------------------------------------------------------------------------------

  /** RANDOMKEY: a random live key, or undefined when the database is empty. */
  randomKey(): string | undefined {
    const ks = this.keyspace;
    for (let tries = 0; ks.size > 0 && tries < 100; tries++) {
      const key = ks.keyAt(Math.floor(this.ctx.random() * ks.size));
      if (!this.expireIfNeeded(key)) return key;
    }
    // Everything sampled was expired: fall back to a scan so the answer is right, not lucky.
    for (let i = ks.size - 1; i >= 0; i--) {
      const key = ks.keyAt(i);
      if (!this.expireIfNeeded(key)) return key;
    }
    return undefined;
  }

  /** A random slot's key without expiry checks (eviction and sampling). @internal */
  sampleKey(volatileOnly: boolean): string | undefined {
    if (volatileOnly) {
      const keys = this.expires.keys;
      return keys.length === 0 ? undefined : keys[Math.floor(this.ctx.random() * keys.length)];
    }
    const ks = this.keyspace;
    return ks.size === 0 ? undefined : ks.keyAt(Math.floor(this.ctx.random() * ks.size));
  }

  /**
   * SCAN: returns [nextCursor, keys]; nextCursor 0 ends the iteration. A key present for the whole
   * iteration is returned at least once; expired keys are collected and skipped.
   */
  scan(cursor: number, options: ScanOptions = {}): [number, string[]] {
    const out: string[] = [];
    const ks = this.keyspace;
    const { match, type } = options;
    const visited: string[] = [];
    const next = scanCursor(ks.size, cursor, options.count ?? 10, (slot) => visited.push(ks.keyAt(slot)));
    for (const key of visited) {
      if (this.expireIfNeeded(key)) continue;
      if (match !== undefined && match !== '*' && !globMatch(match, key)) continue;
      if (type !== undefined) {
        const slot = ks.find(key);
        if (typeOf(ks.valueAt(slot)) !== type) continue;
      }
      out.push(key);
    }
    return [next, out];
  }

  /** KEYS pattern: every live key matching the glob. */
  keys(pattern: string): string[] {
    const all = pattern === '*';
    const out: string[] = [];
    for (const key of this.keyspace.keyList()) {
      if ((all || globMatch(pattern, key)) && !this.expireIfNeeded(key)) out.push(key);
    }
    return out;
  }

  // ---- multi-key helpers -----------------------------------------------------------------------

  /**
   * RENAME/RENAMENX: moves src to dst keeping its TTL. Throws `ERR no such key` when src is
   * missing; returns false (and changes nothing) when `nx` and dst exists.
   */
  rename(src: string, dst: string, nx = false): boolean {
    if (this.liveSlot(src) < 0) throw new RedisError(ErrorText.noSuchKey);
    if (src === dst) return !nx;
    if (nx && this.exists(dst)) return false;
    // Looked up again: checking dst may have deleted an expired key and moved src's slot.
    const slot = this.keyspace.find(src);
    const value = this.keyspace.valueAt(slot);
    const flags = flagOptions(this.keyspace.accessAt(slot));
    const when = this.expires.get(src);
    this.removeSlot(slot, src, 'delete');
    this.set(dst, value, flags);
    if (when >= 0) this.setExpire(dst, when);
    return true;
  }

  /** MOVE: returns false when the key is missing here or exists in `target`. */
  move(key: string, target: Database): boolean {
    if (target === this) throw new RedisError(ErrorText.sameObject);
    const slot = this.liveSlot(key);
    if (slot < 0 || target.exists(key)) return false;
    const value = this.keyspace.valueAt(slot);
    const flags = flagOptions(this.keyspace.accessAt(slot));
    const when = this.expires.get(key);
    this.removeSlot(slot, key, 'delete');
    target.set(key, value, flags);
    if (when >= 0) target.setExpire(key, when);
    return true;
  }

  /** COPY: deep-copies src into `target`/dst with its TTL; false when src is missing or dst exists without `replace`. */
  copy(src: string, target: Database, dst: string, replace = false): boolean {
    if (target === this && src === dst) throw new RedisError(ErrorText.sameObject);
    if (this.liveSlot(src) < 0) return false;
    if (!replace && target.exists(dst)) return false;
    // Looked up again: checking dst may have deleted an expired key and moved src's slot.
    const slot = this.keyspace.find(src);
    const value = this.keyspace.valueAt(slot);
    const flags = flagOptions(this.keyspace.accessAt(slot));
    const when = this.expires.get(src);
    target.set(dst, typeof value === 'string' ? value : (value.clone() as StoreValue), flags);
    if (when >= 0) target.setExpire(dst, when);
    return true;
  }

  /** Calls `visit` for every key (snapshots, DEBUG, persistence); expired keys included. */
  forEach(visit: (key: string, value: StoreValue, expireAt: number) => void): void {
    const ks = this.keyspace;
    for (let i = 0; i < ks.size; i++) visit(ks.keyAt(i), ks.valueAt(i), this.expires.get(ks.keyAt(i)));
  }

  // ---- internals -------------------------------------------------------------------------------

  /** Slot of a live key (expired keys are deleted on the way), or -1. */
  private liveSlot(key: string): number {
    const slot = this.keyspace.find(key);
    if (slot < 0) return -1;
    if (this.expires.size !== 0 && this.expireIfNeeded(key)) return -1;
    return slot;
  }

  private setStamp(slot: number, stamp: number): void {
    const ks = this.keyspace;
    ks.setAccess(slot, stamp | (ks.accessAt(slot) & STRING_FLAGS));
  }

  private touchSlot(slot: number): void {
    const ks = this.keyspace;
    const stamp = ks.accessAt(slot);
    ks.setAccess(slot, touchedStamp(stamp & STAMP_MASK, this.ctx.config, this.ctx.stampNow(), this.ctx.random) | (stamp & STRING_FLAGS));
  }

  /** @internal removes a key for any reason and fires `event`. */
  removeSlot(slot: number, key: string, event: 'delete' | 'expired' | 'evicted'): void {
    this.ctx.beforeWrite?.(this.index, key);
    this.usedMemory -= this.keyspace.sizeAt(slot);
    this.keyspace.removeAt(slot);
    if (this.expires.delete(key)) this.usedMemory -= VOLATILE_OVERHEAD;
    this.ctx.emit(this.index, key, event);
  }

  /** @internal the stamp of a key for eviction scoring (-1 when missing). */
  stampOf(key: string): number {
    const slot = this.keyspace.find(key);
    return slot < 0 ? -1 : this.keyspace.accessAt(slot) & STAMP_MASK;
  }

  /** @internal re-stamps all keys after a switch between LRU and LFU policies. */
  restamp(): void {
    const stamp = initialStamp(this.ctx.config, this.ctx.stampNow());
    const ks = this.keyspace;
    for (let i = 0; i < ks.size; i++) ks.setAccess(i, stamp | (ks.accessAt(i) & STRING_FLAGS));
  }
}
