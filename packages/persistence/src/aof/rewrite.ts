// AOF rewrite and the multi-part AOF as a whole (Redis 7.0's flow): at rewrite start a new INCR
// file is opened and recorded in the manifest, so writes during the rewrite land there; a
// snapshot of the dataset at that instant becomes the new BASE (RDB preamble, or RESP commands
// when aof-use-rdb-preamble is no); then one atomic manifest swap makes base + new incr current
// and the old files history, which are deleted.
import { existsSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeCommand, formatDouble } from '@ferrous/resp';
import type { Store, StoreValue } from '@ferrous/store';
import type { ByteWriter } from '../rdb/bytes';
import { rdbFormatFor } from '../rdb/file';
import type { SnapshotFormat } from '../rdb/writer';
import { FileSink } from '../sink';
import { Snapshot, type SnapshotOptions, type SnapshotResult } from '../snapshot';
import { aofNames, readManifest, writeManifest, type AofFileInfo, type AofLocation, type AofManifest } from './manifest';
import { AofWriter, type AofWriterOptions } from './writer';
import { streamCommands } from './stream-rewrite';

/** Elements per rewritten command, like Redis's AOF_REWRITE_ITEMS_PER_CMD. */
const ITEMS_PER_CMD = 64;

/**
 * The dataset as RESP commands: FUNCTION LOAD per library first (as Redis's rewrite does), then
 * SELECT, SET/RPUSH/SADD/ZADD/HMSET, streams' XADD…, PEXPIREAT.
 */
export class AofCommandsFormat implements SnapshotFormat {
  constructor(private readonly functions: readonly string[] = []) {}

  begin(w: ByteWriter): void {
    for (const source of this.functions) w.bytes(encodeCommand(['FUNCTION', 'LOAD', source]));
  }

  selectDb(w: ByteWriter, index: number): void {
    w.bytes(encodeCommand(['SELECT', String(index)]));
  }

  record(w: ByteWriter, key: string, value: StoreValue, expireAt: number): void {
    if (typeof value === 'string') w.bytes(encodeCommand(['SET', key, value]));
    else if (value.type === 'stream') for (const argv of streamCommands(key, value)) w.bytes(encodeCommand(argv));
    else {
      let name: string;
      let items: string[];
      switch (value.type) {
        case 'list':
          name = 'RPUSH';
          items = value.toArray();
          break;
        case 'set':
          name = 'SADD';
          items = value.members();
          break;
        case 'zset':
          name = 'ZADD';
          items = value.entries().flatMap(([m, s]) => [formatDouble(s), m]);
          break;
        case 'hash':
          name = 'HMSET';
          items = value.toArray();
          break;
      }
      const per = value.type === 'zset' || value.type === 'hash' ? ITEMS_PER_CMD * 2 : ITEMS_PER_CMD;
      for (let i = 0; i < items.length; i += per) w.bytes(encodeCommand([name, key, ...items.slice(i, i + per)]));
    }
    if (expireAt >= 0) w.bytes(encodeCommand(['PEXPIREAT', key, String(expireAt)]));
  }

  observe(): void {}

  finish(): void {}
}

export interface AofOptions extends AofLocation, AofWriterOptions, SnapshotOptions {
  /** aof-use-rdb-preamble (default true). */
  useRdbPreamble?: boolean;
}

/**
 * The multi-part AOF of a running server. `Aof.open` after loading; `appendCommand` for every
 * propagated write; `flush()` once per event-loop batch; `rewrite()` for BGREWRITEAOF.
 */
export class Aof {
  private rewriting: Promise<SnapshotResult> | null = null;

  private constructor(
    private readonly options: AofOptions,
    private manifest: AofManifest,
    readonly writer: AofWriter,
  ) {}

  /**
   * Opens the AOF dir for appending, after loading (see README). A legacy single appendonly.aof
   * in `dir` is first moved in as the base (Redis 7.0's upgrade); an AOF dir with no files gets a
   * base written from the store now; appends continue in the last incr file (a truncated tail was
   * already cut off by loadAof) or a new one.
   */
  static open(store: Store, options: AofOptions, functions: readonly string[] = []): Aof {
    const names = aofNames(options);
    upgradeLegacyAof(options);
    mkdirSync(names.aofDir, { recursive: true });
    const manifest = readManifest(options) ?? { base: null, incrs: [], history: [] };
    if (manifest.base === null && manifest.incrs.length === 0) {
      const preamble = options.useRdbPreamble ?? true;
      const base: AofFileInfo = { name: names.baseName(1, preamble), seq: 1, type: 'b' };
      const format = preamble ? rdbFormatFor(store, { aofBase: true, functions }) : new AofCommandsFormat(functions);
      new Snapshot(store, format, new FileSink(join(names.aofDir, base.name))).runSync();
      manifest.base = base;
    }
    let incr = manifest.incrs.at(-1);
    if (incr === undefined) {
      incr = { name: names.incrName(1), seq: 1, type: 'i' };
      writeFileSync(join(names.aofDir, incr.name), '');
      manifest.incrs.push(incr);
    }
    writeManifest(options, manifest);
    return new Aof(options, manifest, new AofWriter(join(names.aofDir, incr.name), options));
  }

  get isRewriting(): boolean {
    return this.rewriting !== null;
  }

  /** The current manifest (copy). */
  get files(): AofManifest {
    return structuredClone(this.manifest);
  }

  appendCommand(db: number, argv: ReadonlyArray<string | Buffer>): void {
    this.writer.appendCommand(db, argv);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  /**
   * BGREWRITEAOF: call synchronously between commands (the snapshot instant). Resolves when the
   * new base is in place; rejects (leaving the previous base and all incrs valid) on failure.
   */
  rewrite(store: Store, functions: readonly string[] = []): Promise<SnapshotResult> {
    if (this.rewriting !== null) return Promise.reject(new Error('Background append only file rewriting already in progress'));
    const names = aofNames(this.options);
    const preamble = this.options.useRdbPreamble ?? true;
    // 1. New incr file from this instant, recorded in the manifest.
    const seq = (this.manifest.incrs.at(-1)?.seq ?? 0) + 1;
    const incr: AofFileInfo = { name: names.incrName(seq), seq, type: 'i' };
    writeFileSync(join(names.aofDir, incr.name), '');
    const oldIncrs = this.manifest.incrs;
    this.manifest = { ...this.manifest, incrs: [...oldIncrs, incr] };
    writeManifest(this.options, this.manifest);
    this.writer.switchTo(join(names.aofDir, incr.name));
    // 2. The snapshot of this instant becomes the next base.
    const baseSeq = (this.manifest.base?.seq ?? 0) + 1;
    const base: AofFileInfo = { name: names.baseName(baseSeq, preamble), seq: baseSeq, type: 'b' };
    const format = preamble ? rdbFormatFor(store, { aofBase: true, functions }) : new AofCommandsFormat(functions);
    const sink = new FileSink(join(names.aofDir, base.name), `temp-rewriteaof-bg-${process.pid}.aof`);
    const snapshot = new Snapshot(store, format, sink, this.options);
    const snapshotDone = snapshot.run(); // hooks copy-on-write now, at the instant of the switch
    const run = async () => {
      const result = await snapshotDone;
      // 3. Atomic swap: new base + the incr opened at step 1; everything older becomes history.
      const history = [...(this.manifest.base ? [this.manifest.base] : []), ...oldIncrs];
      this.manifest = { base, incrs: [incr, ...this.manifest.incrs.filter((f) => f.seq > incr.seq)], history: [] };
      writeManifest(this.options, this.manifest);
      for (const f of history) {
        try {
          unlinkSync(join(names.aofDir, f.name));
        } catch {
          // Already gone: nothing to collect.
        }
      }
      return result;
    };
    this.rewriting = run().finally(() => {
      this.rewriting = null;
    });
    return this.rewriting;
  }

  async close(): Promise<void> {
    if (this.rewriting !== null) await this.rewriting.catch(() => undefined);
    await this.writer.close();
  }
}

/**
 * Moves a legacy single `dir/appendonly.aof` into the AOF dir as its base (name kept) and writes
 * a manifest, as Redis 7.0 does on first start. No-op when a manifest exists or there is no file.
 */
export function upgradeLegacyAof(loc: AofLocation): boolean {
  const names = aofNames(loc);
  if (existsSync(names.manifestPath) || !existsSync(names.legacyPath)) return false;
  mkdirSync(names.aofDir, { recursive: true });
  renameSync(names.legacyPath, join(names.aofDir, names.file));
  writeManifest(loc, { base: { name: names.file, seq: 1, type: 'b' }, incrs: [], history: [] });
  return true;
}
