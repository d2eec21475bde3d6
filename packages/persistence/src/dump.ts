// DUMP/RESTORE payloads, byte-compatible with Redis 7.0: type byte + RDB value + 2-byte LE RDB
// version + 8-byte LE CRC64 of everything before it.
import { RedisError, type StoreValue, type TypeContext } from '@ferrous/store';
import { ByteWriter, RdbError } from './rdb/bytes';
import { MAX_READ_VERSION, RDB_VERSION } from './rdb/constants';
import { crc64, Crc64 } from './rdb/crc64';
import { RdbParser, guard } from './rdb/reader';
import { RdbEncoder, type RdbWriteOptions } from './rdb/writer';

export const DUMP_PAYLOAD_ERROR = 'ERR DUMP payload version or checksum are wrong';
export const BAD_DATA_FORMAT = 'ERR Bad data format';

/** DUMP: the serialised value (no key, no TTL). */
export function dumpValue(value: StoreValue, options: RdbWriteOptions = {}): Buffer {
  const w = new ByteWriter(256);
  const enc = new RdbEncoder(w, options);
  w.byte(RdbEncoder.typeOf(value));
  enc.value(value);
  w.u16le(RDB_VERSION);
  const crc = new Crc64().update(w.buf, 0, w.pos).bytes();
  w.bytes(crc);
  return w.take();
}

/**
 * Whether a payload has a known RDB version and a matching CRC (Redis's verifyDumpPayload).
 * We accept up to RDB 11 (7.2 payloads), which we can read.
 */
export function verifyDumpPayload(payload: Buffer): boolean {
  if (payload.length < 10) return false;
  const footer = payload.length - 10;
  const version = payload.readUInt16LE(footer);
  if (version > MAX_READ_VERSION) return false;
  return payload.readBigUInt64LE(footer + 2) === crc64(payload, 0, footer + 2);
}

/**
 * RESTORE: decodes a payload (a latin1 string as received, or a Buffer). Throws RedisError
 * `ERR DUMP payload version or checksum are wrong` or `ERR Bad data format`.
 */
export function restoreValue(payload: Buffer | string, ctx: TypeContext): StoreValue {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  if (!verifyDumpPayload(bytes)) throw new RedisError(DUMP_PAYLOAD_ERROR);
  const body = bytes.subarray(0, bytes.length - 10);
  try {
    return guard(() => {
      const parser = new RdbParser(body, ctx);
      parser.version = bytes.readUInt16LE(bytes.length - 10);
      const value = parser.value(parser.r.u8(), 0);
      if (value === null || parser.r.remaining !== 0) return parser.r.fail('bad payload');
      return value;
    });
  } catch (err) {
    if (err instanceof RdbError) throw new RedisError(BAD_DATA_FORMAT);
    throw err;
  }
}
