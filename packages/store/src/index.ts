// @ferrous/store — the Ferrous keyspace: databases, data types with Redis 7.0 encodings,
// expiry, eviction, SCAN and memory accounting. No sockets, no files; the clock is injected.
//
// Usage sketch (server side):
//   const store = new Store({ databases: 16, now: () => Date.now() });
//   const db = store.db(0);
//   const h = db.writeTyped('k', 'hash') ?? new HashValue(store.config); // throws WRONGTYPE
//   const created = h.set('field', 'value');
//   if (db.exists('k')) db.signalModified('k'); else db.set('k', h);
// Values: strings are bare latin1 JS strings; lists/hashes/sets/zsets are the classes below.
// Every modification is reported through `store.onKeyChange` (see KeyEvent).

export { Store } from './store';
export type { StoreOptions, StoreStats, KeyEvent, KeyChangeListener } from './store';
export { Database } from './database';
export type { SetOptions, ScanOptions } from './database';
export { defaultConfig } from './config';
export type { StoreConfig, MaxmemoryPolicy } from './config';
export { typeOf, encodingOf } from './value';
export type { StoreValue, ValueType, CollectionValue } from './value';
export { RedisError, ErrorText, redisError } from './errors';
export { globMatch } from './glob';
export { parseInteger, parseInt64, parseFloat, INT64_MAX, INT64_MIN } from './numbers';
export { stringEncoding, incrBy, incrByFloat, appendString, setRange, getRange } from './types/string/string';
export { ListValue } from './types/list/list';
export { HashValue } from './types/hash/hash';
export { SetValue, setIntersection, setUnion, setDifference } from './types/set/set';
export { ZSetValue, zsetCombine, parseScoreRange, parseLexRange } from './types/zset/zset';
export type { ZPair, ZSetInput, ScoreRange, LexRange, LexBound, ZAddFlags, ZAddResult, Aggregate } from './types/zset/zset';
export type { TypeContext } from './types/context';
