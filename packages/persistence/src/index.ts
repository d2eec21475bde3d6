// @ferrous/persistence — Redis 7.0's files for Ferrous: RDB (write v10, read 1–11), DUMP/RESTORE
// payloads, the multi-part AOF, and the fork-less snapshot they share. See README.md for how the
// server wires these in.
export { RdbError } from './rdb/bytes';
export { RDB_VERSION, REDIS_VERSION } from './rdb/constants';
export { crc64, Crc64 } from './rdb/crc64';
export { lzfCompress, lzfDecompress } from './rdb/lzf';
export { readRdb } from './rdb/reader';
export type { RdbReadOptions, RdbContents, RdbDatabase } from './rdb/reader';
export { RdbFormat, defaultAux } from './rdb/writer';
export type { RdbWriteOptions, RdbFormatOptions, SnapshotFormat, ReplAux } from './rdb/writer';
export { saveRdb, bgsaveRdb, encodeRdb, applyRdb, loadRdbFile, rdbFormatFor } from './rdb/file';
export type { RdbSaveOptions } from './rdb/file';
export { dumpValue, restoreValue, verifyDumpPayload, DUMP_PAYLOAD_ERROR, BAD_DATA_FORMAT } from './dump';
export { Snapshot } from './snapshot';
export type { SnapshotOptions, SnapshotResult } from './snapshot';
export { FileSink, BufferSink, StreamSink } from './sink';
export type { SnapshotSink } from './sink';
export { Aof, AofCommandsFormat, upgradeLegacyAof } from './aof/rewrite';
export type { AofOptions } from './aof/rewrite';
export { AofWriter } from './aof/writer';
export type { AppendFsync, AofWriterOptions } from './aof/writer';
export { loadAof, parseAofCommands, AofError } from './aof/loader';
export type { AofLoadOptions, AofLoadHandlers, AofLoadResult } from './aof/loader';
export { parseManifest, formatManifest, readManifest, writeManifest, aofNames } from './aof/manifest';
export type { AofManifest, AofFileInfo, AofFileType, AofLocation } from './aof/manifest';
