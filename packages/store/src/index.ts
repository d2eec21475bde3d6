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
export { parseInteger, parseInt64, parseFloat, toInt64, toUint64, INT64_MAX, INT64_MIN } from './numbers';
export { stringEncoding, incrBy, incrByFloat, checkFloatIncrement, appendString, setRange, getRange } from './types/string/string';
export { ListValue } from './types/list/list';
export { HashValue } from './types/hash/hash';
export { SetValue, setIntersection, setUnion, setDifference } from './types/set/set';
export { ZSetValue, zsetCombine, parseScoreRange, parseLexRange } from './types/zset/zset';
export type { ZPair, ZSetInput, ScoreRange, LexRange, LexBound, ZAddFlags, ZAddResult, Aggregate } from './types/zset/zset';
export type { TypeContext } from './types/context';
export { StreamValue, SEQ_EXHAUSTED } from './types/stream/stream';
export type { StreamEntry, NodeLimits, TrimArgs, StreamNodeImage } from './types/stream/stream';
export { ConsumerGroup, StreamConsumer, StreamNack, ENTRIES_READ_UNKNOWN, sortedIds } from './types/stream/consumer-group';
export { MIN_ID, MAX_ID, U64_MAX, formatId, parseStreamId, nextId, prevId, makeId } from './types/stream/stream-id';
export type { StreamId, ParsedId } from './types/stream/stream-id';
export {
  HLL_DENSE,
  HLL_SPARSE,
  HLL_REGISTERS,
  HllBuffer,
  isValidHll,
  hllAdd,
  hllCount,
  hllMerge,
  hllSetRegister,
  sparseToDense,
  denseRegisters,
  decodeSparse,
  rawCount,
} from './types/hll/hyperloglog';
export {
  GEO_STEP_MAX,
  GEO_LAT_MIN,
  GEO_LAT_MAX,
  GEO_LONG_MIN,
  GEO_LONG_MAX,
  geohashEncode,
  decodeScore,
  align52,
  scoreOf,
  geoDistance,
  searchCells,
  distanceIfWithin,
} from './types/geo/geohash';
export type { GeoShape } from './types/geo/geohash';
