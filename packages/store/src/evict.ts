// Access stamps and maxmemory eviction, approximated by sampling like Redis: each round samples
// `maxmemory-samples` keys per database into a pool of the best 16 candidates and evicts the best.
// Stamp layout (24 bits, like robj.lru): LRU = seconds clock; LFU = 16-bit minutes << 8 | counter.
import type { StoreConfig } from './config';

export const LRU_CLOCK_MAX = (1 << 24) - 1;
const LRU_RESOLUTION_MS = 1000;
export const LFU_INIT_VAL = 5;
const STAMP_MASK = 0xffffff;

export function lruClock(nowMs: number): number {
  return Math.floor(nowMs / LRU_RESOLUTION_MS) & LRU_CLOCK_MAX;
}

/** Idle time in ms of an object whose LRU stamp is `stamp` (the clock wraps every 194 days). */
export function idleTimeMs(stamp: number, nowMs: number): number {
  const clock = lruClock(nowMs);
  const lru = stamp & STAMP_MASK;
  return (clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru)) * LRU_RESOLUTION_MS;
}

function lfuMinutes(nowMs: number): number {
  return Math.floor(nowMs / 60000) & 0xffff;
}

/** The stamp a new object gets. */
export function initialStamp(config: StoreConfig, nowMs: number): number {
  return isLfu(config) ? (lfuMinutes(nowMs) << 8) | LFU_INIT_VAL : lruClock(nowMs);
}

export function isLfu(config: StoreConfig): boolean {
  return config['maxmemory-policy'].endsWith('-lfu');
}

/** The LRU stamp of an object last accessed `idleSeconds` ago (RDB IDLE records). */
export function lruStampForIdle(idleSeconds: number, nowMs: number): number {
  const stamp = lruClock(nowMs) - Math.min(Math.max(0, Math.floor(idleSeconds)), LRU_CLOCK_MAX - 1);
  return stamp >= 0 ? stamp : stamp + LRU_CLOCK_MAX;
}

/** The LFU stamp of an object with access counter `freq`, as of now (RDB FREQ records). */
export function lfuStampForFreq(freq: number, nowMs: number): number {
  return (lfuMinutes(nowMs) << 8) | Math.min(255, Math.max(0, Math.floor(freq)));
}

/** LFU counter after applying the decay for the minutes elapsed since the stamp (not stored). */
export function lfuDecayedCounter(stamp: number, config: StoreConfig, nowMs: number): number {
  const last = (stamp >>> 8) & 0xffff;
  const counter = stamp & 0xff;
  const now = lfuMinutes(nowMs);
  const elapsed = now >= last ? now - last : 65535 - last + now;
  const decay = config['lfu-decay-time'];
  const periods = decay > 0 ? Math.floor(elapsed / decay) : 0;
  return periods > counter ? 0 : counter - periods;
}

/** The stamp after one access (Redis's updateLFU / LRU touch). */
export function touchedStamp(stamp: number, config: StoreConfig, nowMs: number, random: () => number): number {
  if (!isLfu(config)) return lruClock(nowMs);
  let counter = lfuDecayedCounter(stamp, config, nowMs);
  if (counter < 255) {
    const base = Math.max(0, counter - LFU_INIT_VAL);
    if (random() < 1 / (base * config['lfu-log-factor'] + 1)) counter++;
  }
  return (lfuMinutes(nowMs) << 8) | counter;
}

/** Eviction candidate score: higher means evict first. */
export function evictionScore(
  policy: StoreConfig['maxmemory-policy'],
  stamp: number,
  expireAt: number,
  config: StoreConfig,
  nowMs: number,
): number {
  switch (policy) {
    case 'allkeys-lru':
    case 'volatile-lru':
      return idleTimeMs(stamp, nowMs);
    case 'allkeys-lfu':
    case 'volatile-lfu':
      return 255 - lfuDecayedCounter(stamp, config, nowMs);
    case 'volatile-ttl':
      return -expireAt;
    default:
      return 0;
  }
}

export interface PoolEntry {
  db: number;
  key: string;
  score: number;
}

export const EVICTION_POOL_SIZE = 16;

/** Inserts a candidate into the pool, kept sorted by ascending score and bounded in size. */
export function poolInsert(pool: PoolEntry[], entry: PoolEntry): void {
  for (const e of pool) if (e.db === entry.db && e.key === entry.key) return;
  let i = pool.length;
  while (i > 0 && pool[i - 1].score > entry.score) i--;
  if (pool.length === EVICTION_POOL_SIZE) {
    if (i === 0) return;
    pool.shift();
    i--;
  }
  pool.splice(i, 0, entry);
}
