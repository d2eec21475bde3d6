// Whole-dataset RDB operations over a Store: SAVE (synchronous), BGSAVE (time-sliced snapshot),
// encode to memory, and all-or-nothing loading.
import { readFileSync } from 'node:fs';
import type { Store } from '@ferrous/store';
import { BufferSink, FileSink, type SnapshotSink } from '../sink';
import { Snapshot, type SnapshotOptions, type SnapshotResult } from '../snapshot';
import { readRdb, type RdbContents, type RdbReadOptions } from './reader';
import { RdbFormat, defaultAux, type RdbFormatOptions, type ReplAux } from './writer';

export interface RdbSaveOptions extends RdbFormatOptions, SnapshotOptions {
  /** Marks the dump as an AOF base (aux aof-base 1). */
  aofBase?: boolean;
  /** Adds repl-stream-db / repl-id / repl-offset AUX fields. */
  repl?: ReplAux;
}

/** The RDB format with Redis's AUX fields and the store's list node size. */
export function rdbFormatFor(store: Store, options: RdbSaveOptions = {}): RdbFormat {
  return new RdbFormat({
    listMaxListpackSize: store.config['list-max-listpack-size'],
    aux: defaultAux(store.usedMemory, options.aofBase ?? false, options.repl),
    ...options,
  });
}

/** SAVE: writes the dataset to `path` (temp file, fsync, rename) synchronously. */
export function saveRdb(store: Store, path: string, options: RdbSaveOptions = {}): SnapshotResult {
  return new Snapshot(store, rdbFormatFor(store, options), new FileSink(path), options).runSync();
}

/**
 * BGSAVE: starts a point-in-time snapshot of the dataset now and writes it to `sink` (a path
 * means a FileSink) in time slices. Await `snapshot.run()`'s promise via the returned `done`.
 */
export function bgsaveRdb(
  store: Store,
  target: string | SnapshotSink,
  options: RdbSaveOptions = {},
): { snapshot: Snapshot; done: Promise<SnapshotResult> } {
  const sink = typeof target === 'string' ? new FileSink(target) : target;
  const snapshot = new Snapshot(store, rdbFormatFor(store, options), sink, options);
  return { snapshot, done: snapshot.run() };
}

/** The dataset as RDB bytes in memory (DEBUG RELOAD, tests). */
export function encodeRdb(store: Store, options: RdbSaveOptions = {}): Buffer {
  const sink = new BufferSink();
  new Snapshot(store, rdbFormatFor(store, options), sink, options).runSync();
  return sink.result;
}

/**
 * Replaces the store's whole dataset with parsed contents (FLUSHALL first, whose 'flush' events
 * are the only ones: loaded keys fire none, like Redis's dbAddRDBLoad). Call only with contents
 * from a successful readRdb: this cannot fail half-way.
 */
export function applyRdb(store: Store, contents: RdbContents): void {
  store.flushAll();
  for (const db of contents.databases) {
    store.db(db.index).loadMany(db.keys, db.values, db.expires);
  }
}

/**
 * Loads an RDB file into `store`: parses and verifies everything first, then replaces the
 * dataset. On any error (RdbError naming the offset) the store is untouched.
 */
export function loadRdbFile(path: string, store: Store, options: RdbReadOptions = {}): RdbContents {
  const contents = readRdb(readFileSync(path), store, { databases: store.databases, ...options });
  applyRdb(store, contents);
  return contents;
}
