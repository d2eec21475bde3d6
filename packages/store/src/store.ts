// The Store: all databases, the live config, the clock, memory accounting, the active expire
// cycle, maxmemory eviction and the single change-notification mechanism.
import { defaultConfig, type StoreConfig } from './config';
import { Database } from './database';
import { RedisError, ErrorText } from './errors';
import { evictionScore, poolInsert, type PoolEntry } from './evict';

/**
 * What happened to a key. 'set' = created or replaced; 'modify' = a collection mutated in place;
 * 'delete' = removed by a command (DEL, RENAME's source, MOVE, emptied collection);
 * 'expired' / 'evicted' = removed by expiry or maxmemory; 'expire-set' / 'persist' = TTL changed;
 * 'flush' / 'swapdb' = the whole database changed (key is null).
 */
export type KeyEvent = 'set' | 'modify' | 'delete' | 'expired' | 'evicted' | 'expire-set' | 'persist' | 'flush' | 'swapdb';

/** Called after every modification. `key` is null only for 'flush' and 'swapdb'. */
export type KeyChangeListener = (db: number, key: string | null, event: KeyEvent) => void;

export interface StoreOptions {
  /** Number of databases (default 16). */
  databases?: number;
  /** Clock in ms since the epoch (default Date.now); inject a fake one in tests. */
  now?: () => number;
  /** Uniform random in [0, 1) (default Math.random); inject a seeded one in tests. */
  random?: () => number;
  config?: Partial<StoreConfig>;
}

export interface StoreStats {
  expiredKeys: number;
  evictedKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
}

/** What a Database needs from its Store. @internal */
export interface StoreContext {
  readonly config: StoreConfig;
  readonly stats: StoreStats;
  readonly now: () => number;
  stampNow(): number;
  expiryNow(): number;
  readonly random: () => number;
  readonly beforeWrite: ((db: number, key: string | null) => void) | null;
  emit(db: number, key: string | null, event: KeyEvent): void;
}

// Active expire cycle constants, as in Redis's expire.c.
const KEYS_PER_LOOP = 20;
const ACCEPTABLE_STALE = 10;

export class Store implements StoreContext {
  readonly config: StoreConfig;
  readonly stats: StoreStats = { expiredKeys: 0, evictedKeys: 0, keyspaceHits: 0, keyspaceMisses: 0 };
  readonly now: () => number;
  readonly random: () => number;
  /**
   * Hook for fork-less snapshots: called before a key's current value is replaced, mutated (on
   * lookupWrite) or removed, and with key null before a flush or swap of the whole database.
   */
  beforeWrite: ((db: number, key: string | null) => void) | null = null;

  private readonly dbs: Database[];
  private listeners: KeyChangeListener[] = [];
  private expireCursorDb = 0;
  private evictionPool: PoolEntry[] = [];

  /** The clock cached for the batch of commands running now (see cacheClock), or -1. */
  private cachedNow = -1;
  /** Expiry's time while a command runs, once read (see fixCommandTime), and how deep the commands nest. */
  private commandTime = -1;
  private commandDepth = 0;
  /** Expiry's time while a script runs (see fixScriptTime) and how deep the scripts nest. */
  private scriptTime = -1;
  private scriptDepth = 0;

  constructor(options: StoreOptions = {}) {
    this.config = { ...defaultConfig(), ...options.config };
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    const n = options.databases ?? 16;
    this.dbs = Array.from({ length: n }, (_, i) => new Database(i, this));
  }

  /**
   * The time for access stamps (LRU/LFU, OBJECT IDLETIME/FREQ): the clock cached for the current
   * batch of commands, like Redis's LRU clock that its cron updates instead of a read per access;
   * a fresh read outside a batch. Expiry reads expiryNow().
   */
  stampNow(): number {
    return this.cachedNow >= 0 ? this.cachedNow : this.now();
  }

  /** Makes stampNow() return `nowMs` until uncacheClock(): call around a batch of commands. */
  cacheClock(nowMs: number): void {
    this.cachedNow = nowMs;
  }

  uncacheClock(): void {
    this.cachedNow = -1;
  }

  /**
   * The time lazy expiry judges keys against (Redis 7.0's keyIsExpired): while a script runs, the
   * time it started, for all of its run; else, while a command runs, one time for the outermost
   * command (read at its first use, see pinCommandTime); else a fresh read. A key cannot vanish
   * between two lookups of one command, nor in the middle of a script.
   */
  expiryNow(): number {
    if (this.scriptTime >= 0) return this.scriptTime;
    if (this.commandDepth === 0) return this.now();
    if (this.commandTime < 0) this.commandTime = this.now();
    return this.commandTime;
  }

  /**
   * Marks a command running until releaseCommandTime(); nested commands share the outermost's
   * time. The clock is read when an expiry check first needs it, so commands that meet no key
   * with a TTL never read it.
   */
  fixCommandTime(): void {
    this.commandDepth++;
  }

  /** Reads the running command's time now if no check has yet (EXEC: its commands see its start). */
  pinCommandTime(): void {
    if (this.commandDepth > 0 && this.commandTime < 0) this.commandTime = this.now();
  }

  releaseCommandTime(): void {
    if (--this.commandDepth === 0) this.commandTime = -1;
  }

  /** Fixes expiryNow() for a script's whole run (across event-loop turns) until releaseScriptTime(). */
  fixScriptTime(): void {
    if (this.scriptDepth++ === 0) this.scriptTime = this.now();
  }

  releaseScriptTime(): void {
    if (--this.scriptDepth === 0) this.scriptTime = -1;
  }

  get databases(): number {
    return this.dbs.length;
  }

  /** Database `index` (0-based). Throws `ERR DB index is out of range` when invalid. */
  db(index: number): Database {
    const db = this.dbs[index];
    if (db === undefined) throw new RedisError(ErrorText.dbIndexOutOfRange);
    return db;
  }

  /** Subscribes to every key modification; returns the unsubscribe function. */
  onKeyChange(listener: KeyChangeListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** @internal */
  emit(db: number, key: string | null, event: KeyEvent): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](db, key, event);
  }

  /** SWAPDB: databases a and b exchange contents (clients keep their numbers). */
  swapDb(a: number, b: number): void {
    const da = this.db(a);
    const dbb = this.db(b);
    if (a === b) return;
    this.beforeWrite?.(a, null);
    this.beforeWrite?.(b, null);
    [da.keyspace, dbb.keyspace] = [dbb.keyspace, da.keyspace];
    [da.expires, dbb.expires] = [dbb.expires, da.expires];
    [da.usedMemory, dbb.usedMemory] = [dbb.usedMemory, da.usedMemory];
    [da.avgTtl, dbb.avgTtl] = [dbb.avgTtl, da.avgTtl];
    this.emit(a, null, 'swapdb');
    this.emit(b, null, 'swapdb');
  }

  /** FLUSHALL. (ASYNC is the same: dropping references frees memory in the background GC.) */
  flushAll(): void {
    for (const db of this.dbs) db.flush();
    this.evictionPool = [];
  }

  /** The deterministic memory estimate of the whole dataset, in bytes. */
  get usedMemory(): number {
    let sum = 0;
    for (const db of this.dbs) sum += db.usedMemory;
    return sum;
  }

  /** Call after CONFIG SET maxmemory-policy switches between LRU and LFU stamps. */
  policyChanged(): void {
    for (const db of this.dbs) db.restamp();
    this.evictionPool = [];
  }

  /**
   * One slow active-expire cycle like Redis's: per database, sample keys with a TTL, delete the
   * expired ones, repeat while more than (10 - effort)% of a sample was expired and the time
   * budget lasts. Resumes from the database where the previous cycle stopped. Returns the number
   * of keys expired.
   */
  activeExpireCycle(budgetMs: number): number {
    const effort = Math.min(10, Math.max(1, this.config['active-expire-effort'])) - 1;
    const perLoop = KEYS_PER_LOOP + (KEYS_PER_LOOP / 4) * effort;
    const acceptableStale = ACCEPTABLE_STALE - effort;
    const start = this.now();
    let expired = 0;
    for (let n = 0; n < this.dbs.length; n++) {
      const db = this.dbs[this.expireCursorDb];
      this.expireCursorDb = (this.expireCursorDb + 1) % this.dbs.length;
      let iteration = 0;
      for (;;) {
        const volatile = db.expires.size;
        if (volatile === 0) break;
        const samples = Math.min(perLoop, volatile);
        let sampled = 0;
        let expiredNow = 0;
        let ttlSum = 0;
        let ttlSamples = 0;
        const now = this.now();
        for (let i = 0; i < samples && db.expires.size > 0; i++) {
          const keys = db.expires.keys;
          const slot = Math.floor(this.random() * keys.length);
          const when = db.expires.whens[slot];
          sampled++;
          if (now > when) {
            db.expireIfNeeded(keys[slot]);
            expiredNow++;
          } else {
            ttlSum += when - now;
            ttlSamples++;
          }
        }
        expired += expiredNow;
        if (ttlSamples > 0) {
          const avg = ttlSum / ttlSamples;
          db.avgTtl = db.avgTtl === 0 ? avg : (db.avgTtl / 50) * 49 + avg / 50;
        }
        if ((++iteration & 15) === 0 && this.now() - start > budgetMs) return expired;
        if (expiredNow * 100 <= sampled * acceptableStale) break;
      }
      if (this.now() - start > budgetMs) break;
    }
    return expired;
  }

  /**
   * Enforces maxmemory before a denyoom command: evicts keys by the configured policy until the
   * estimate is under the limit. Returns whether the command may proceed (false = reply OOM).
   */
  evictIfNeeded(): boolean {
    const limit = this.config.maxmemory;
    if (limit <= 0) return true;
    const policy = this.config['maxmemory-policy'];
    while (this.usedMemory > limit) {
      if (policy === 'noeviction') return false;
      if (!this.evictOne()) return false;
    }
    return true;
  }

  /** Evicts the best candidate of a sampling round; false when there is nothing to evict. */
  private evictOne(): boolean {
    const policy = this.config['maxmemory-policy'];
    const volatileOnly = policy.startsWith('volatile-');
    if (policy.endsWith('-random')) {
      for (let n = 0; n < this.dbs.length; n++) {
        const db = this.dbs[(this.expireCursorDb + n) % this.dbs.length];
        const key = db.sampleKey(volatileOnly);
        if (key !== undefined) return this.evictKey(db, key);
      }
      return false;
    }
    const samples = Math.max(1, this.config['maxmemory-samples']);
    const now = this.now();
    let any = false;
    for (const db of this.dbs) {
      const size = volatileOnly ? db.expires.size : db.size;
      if (size === 0) continue;
      any = true;
      for (let i = 0; i < Math.min(samples, size); i++) {
        const key = db.sampleKey(volatileOnly)!;
        const score = evictionScore(policy, db.stampOf(key), db.getExpire(key), this.config, now);
        poolInsert(this.evictionPool, { db: db.index, key, score });
      }
    }
    if (!any) return false;
    const pool = this.evictionPool;
    while (pool.length > 0) {
      const best = pool.pop()!;
      const db = this.dbs[best.db];
      if (db.stampOf(best.key) < 0 || (volatileOnly && db.getExpire(best.key) < 0)) continue;
      return this.evictKey(db, best.key);
    }
    return false;
  }

  private evictKey(db: Database, key: string): boolean {
    const slot = db.keyspace.find(key);
    if (slot < 0) return false;
    db.removeSlot(slot, key, 'evicted');
    this.stats.evictedKeys++;
    return true;
  }
}
