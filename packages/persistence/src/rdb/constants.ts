// RDB byte values, named as in Redis's rdb.h (7.0, plus the 7.2 additions of RDB 11).

/** The version Redis 7.0 writes; we read 6 up to MAX_READ_VERSION. */
export const RDB_VERSION = 10;
export const MIN_READ_VERSION = 1;
export const MAX_READ_VERSION = 11;
export const REDIS_VERSION = '7.0.15';

/** Object types. */
export const RdbType = {
  STRING: 0,
  LIST: 1,
  SET: 2,
  ZSET: 3,
  HASH: 4,
  ZSET_2: 5,
  MODULE: 6,
  MODULE_2: 7,
  HASH_ZIPMAP: 9,
  LIST_ZIPLIST: 10,
  SET_INTSET: 11,
  ZSET_ZIPLIST: 12,
  HASH_ZIPLIST: 13,
  LIST_QUICKLIST: 14,
  STREAM_LISTPACKS: 15,
  HASH_LISTPACK: 16,
  ZSET_LISTPACK: 17,
  LIST_QUICKLIST_2: 18,
  STREAM_LISTPACKS_2: 19,
  SET_LISTPACK: 20,
  STREAM_LISTPACKS_3: 21,
} as const;

/** Opcodes that may appear where a type byte is expected. */
export const RdbOpcode = {
  FUNCTION2: 0xf5,
  FUNCTION: 0xf6,
  MODULE_AUX: 0xf7,
  IDLE: 0xf8,
  FREQ: 0xf9,
  AUX: 0xfa,
  RESIZEDB: 0xfb,
  EXPIRETIME_MS: 0xfc,
  EXPIRETIME: 0xfd,
  SELECTDB: 0xfe,
  EOF: 0xff,
} as const;

/** Length-prefix forms (top two bits of the first byte, or the whole byte for 32/64-bit). */
export const RDB_6BITLEN = 0;
export const RDB_14BITLEN = 1;
export const RDB_32BITLEN = 0x80;
export const RDB_64BITLEN = 0x81;
export const RDB_ENCVAL = 3;

/** Special string encodings (low 6 bits after RDB_ENCVAL). */
export const RDB_ENC_INT8 = 0;
export const RDB_ENC_INT16 = 1;
export const RDB_ENC_INT32 = 2;
export const RDB_ENC_LZF = 3;
/** First byte of an LZF-compressed string. */
export const RDB_LZF_STRING = (RDB_ENCVAL << 6) | RDB_ENC_LZF;

/** Quicklist 2 node containers. */
export const QUICKLIST_NODE_PLAIN = 1;
export const QUICKLIST_NODE_PACKED = 2;
