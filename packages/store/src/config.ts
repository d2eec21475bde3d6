// Store settings, named and defaulted as in redis.conf. The object is live: CONFIG SET writes
// its fields directly and the store reads them on each use.

export type MaxmemoryPolicy =
  | 'noeviction'
  | 'allkeys-lru'
  | 'allkeys-lfu'
  | 'allkeys-random'
  | 'volatile-lru'
  | 'volatile-lfu'
  | 'volatile-random'
  | 'volatile-ttl';

export interface StoreConfig {
  'hash-max-listpack-entries': number;
  'hash-max-listpack-value': number;
  /** Positive: entries per quicklist node; negative: node size class (-2 = 8 KiB). */
  'list-max-listpack-size': number;
  'set-max-intset-entries': number;
  'zset-max-listpack-entries': number;
  'zset-max-listpack-value': number;
  /** Bytes; 0 = no limit. */
  maxmemory: number;
  'maxmemory-policy': MaxmemoryPolicy;
  'maxmemory-samples': number;
  'lfu-log-factor': number;
  /** Minutes. */
  'lfu-decay-time': number;
  /** 1..10. */
  'active-expire-effort': number;
}

export function defaultConfig(): StoreConfig {
  return {
    'hash-max-listpack-entries': 128,
    'hash-max-listpack-value': 64,
    'list-max-listpack-size': -2,
    'set-max-intset-entries': 512,
    'zset-max-listpack-entries': 128,
    'zset-max-listpack-value': 64,
    maxmemory: 0,
    'maxmemory-policy': 'noeviction',
    'maxmemory-samples': 5,
    'lfu-log-factor': 10,
    'lfu-decay-time': 1,
    'active-expire-effort': 1,
  };
}
