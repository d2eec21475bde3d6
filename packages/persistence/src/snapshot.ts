// The fork-less point-in-time snapshot behind SAVE, BGSAVE, AOF rewrite and replication full
// sync. At start it copies each database's key list (the keys at time T); it then walks them in
// time-sliced steps. Copy-on-write at key granularity: the store's `beforeWrite` hook fires before
// any key is replaced, mutated, re-TTLed or removed, and the snapshot then serialises that key's
// time-T record first (once). FLUSHDB/SWAPDB (key null) serialise the rest of that database.
import type { Database, Store, StoreValue } from '@ferrous/store';
import { ByteWriter } from './rdb/bytes';
import type { SnapshotFormat } from './rdb/writer';
import type { SnapshotSink } from './sink';

export interface SnapshotOptions {
  /**
   * Longest synchronous step before yielding to the event loop, in ms (default 0.5): a command that
   * arrives mid-step waits for the rest of it.
   */
  sliceMs?: number;
  /**
   * Chunk size handed to the sink (default 64 KiB). Each chunk is checksummed in one synchronous
   * step (~0.5 ms at 64 KiB), so larger chunks lengthen the longest pause.
   */
  chunkBytes?: number;
}

export interface SnapshotResult {
  keys: number;
  bytes: number;
  /** Keys serialised early because a write reached them first. */
  copiedOnWrite: number;
  ms: number;
}

interface DbPlan {
  index: number;
  keys: string[];
  /** Values at T, parallel to keys: valid for every key the hook has not captured. */
  values: StoreValue[];
  expires: number;
  /** Time-T records captured before a write, by key. */
  captured: Map<string, Buffer>;
  /** Set when a FLUSHDB/SWAPDB forced the whole rest of the database out early. */
  materialized: Buffer[] | null;
}

type Hook = (db: number, key: string | null) => void;
/** Active snapshots per store; one dispatcher sits in `store.beforeWrite` while any run. */
const active = new WeakMap<Store, { snapshots: Set<Snapshot>; previous: Hook | null }>();

export class Snapshot {
  private readonly plans: DbPlan[] = [];
  private readonly w: ByteWriter;
  private readonly scratch = new ByteWriter(4096);
  private readonly sliceMs: number;
  private readonly chunkBytes: number;
  private planIndex = 0;
  private cursor = 0;
  private bytes = 0;
  private keys = 0;
  private copied = 0;
  private cancelled = false;
  private started = 0;
  /** SAVE: chunks go through the sink's blocking write when it has one. */
  private sync = false;

  /** Captures time T: call it synchronously between two commands. */
  constructor(
    private readonly store: Store,
    private readonly format: SnapshotFormat,
    private readonly sink: SnapshotSink,
    options: SnapshotOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? 0.5;
    this.chunkBytes = options.chunkBytes ?? 1 << 16;
    this.w = new ByteWriter(this.chunkBytes + (1 << 16));
    for (let i = 0; i < store.databases; i++) {
      const db = store.db(i);
      if (db.size === 0) continue;
      const ks = db.keyspace;
      this.plans.push({ index: i, keys: ks.keyList(), values: ks.valueList(), expires: db.volatileSize, captured: new Map(), materialized: null });
    }
  }

  /** Runs the whole snapshot synchronously (SAVE): no hook needed, nothing can interleave. */
  runSync(): SnapshotResult {
    this.started = performance.now();
    this.sync = true;
    try {
      for (const _ of this.steps(Infinity)) {
        // Nothing to interleave: only chunk boundaries yield when the budget is infinite.
      }
      this.sink.endSync();
    } catch (err) {
      this.sink.abort();
      throw err;
    }
    return this.result();
  }

  /** Runs in time slices (BGSAVE): resolves after the sink ended, rejects if cancelled or failed. */
  async run(): Promise<SnapshotResult> {
    this.started = performance.now();
    this.attach();
    try {
      for (const _ of this.steps(this.sliceMs)) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.sink.ready?.();
        if (this.cancelled) throw new Error('snapshot cancelled');
      }
      this.detach();
      await this.sink.end();
    } catch (err) {
      this.detach();
      this.sink.abort();
      throw err;
    }
    return this.result();
  }

  /** Stops a running snapshot at its next step; run() then rejects and the sink is discarded. */
  cancel(): void {
    this.cancelled = true;
  }

  private result(): SnapshotResult {
    return { keys: this.keys, bytes: this.bytes, copiedOnWrite: this.copied, ms: performance.now() - this.started };
  }

  /**
   * The walk; yields whenever a slice of `budgetMs` is used up and after every chunk handed to the
   * sink, so the sink's backpressure is asked before the next chunk.
   */
  private *steps(budgetMs: number): Generator<void> {
    const w = this.w;
    const format = this.format;
    format.begin(w);
    let sliceStart = performance.now();
    for (; this.planIndex < this.plans.length; this.planIndex++, this.cursor = 0) {
      const plan = this.plans[this.planIndex];
      format.selectDb(w, plan.index, plan.keys.length, plan.expires);
      const db = this.store.db(plan.index);
      while (this.cursor < plan.keys.length) {
        if (plan.materialized !== null) {
          for (const record of plan.materialized) this.emit(record);
          plan.materialized = null;
          break;
        }
        const i = this.cursor++;
        const key = plan.keys[i];
        const captured = plan.captured.size === 0 ? undefined : plan.captured.get(key);
        if (captured !== undefined) {
          plan.captured.delete(key);
          this.emit(captured);
        } else {
          // Untouched since T: the T value and the live TTL are the T state.
          format.record(w, key, plan.values[i], plan.expires === 0 ? -1 : db.expires.get(key));
        }
        this.keys++;
        if (w.pos >= this.chunkBytes) {
          this.flush();
          yield;
          sliceStart = performance.now();
        } else if ((this.cursor & 31) === 0 && performance.now() - sliceStart > budgetMs) {
          yield;
          sliceStart = performance.now();
        }
      }
      plan.captured.clear();
      plan.keys = [];
      plan.values = [];
    }
    this.flush();
    format.finish(w);
    this.flush(false);
  }

  /** Serialises a key that no write has touched since T: its live state is its T state. */
  private recordLive(w: ByteWriter, db: Database, key: string): void {
    const value: StoreValue = db.keyspace.valueAt(db.keyspace.find(key));
    this.format.record(w, key, value, db.expires.get(key));
  }

  private emit(record: Buffer): void {
    this.w.bytes(record);
  }

  private flush(observe = true): void {
    if (this.w.pos === 0) return;
    const chunk = this.w.take();
    if (observe) this.format.observe(chunk);
    this.bytes += chunk.length;
    if (this.sync && this.sink.writeSync !== undefined) this.sink.writeSync(chunk);
    else this.sink.write(chunk);
  }

  /** The copy-on-write hook: called before `key` (or, when null, all of database `dbIndex`) changes. */
  private beforeWrite(dbIndex: number, key: string | null): void {
    const p = this.planIndex;
    for (let i = p; i < this.plans.length; i++) {
      const plan = this.plans[i];
      if (plan.index !== dbIndex || plan.materialized !== null) continue;
      const from = i === p ? this.cursor : 0;
      if (key === null) this.materialize(plan, from);
      else if (!plan.captured.has(key)) this.capture(plan, key);
      return;
    }
  }

  private capture(plan: DbPlan, key: string): void {
    const db = this.store.db(plan.index);
    if (db.keyspace.find(key) < 0) return; // created after T: not part of this snapshot
    // Keys already walked get captured too (we cannot tell them apart cheaply); the walk never
    // reads those again, so the copy is only memory until the plan ends.
    this.recordLive(this.scratch, db, key);
    plan.captured.set(key, this.scratch.take());
    this.copied++;
  }

  private materialize(plan: DbPlan, from: number): void {
    const db = this.store.db(plan.index);
    const records: Buffer[] = [];
    for (let i = from; i < plan.keys.length; i++) {
      const key = plan.keys[i];
      const captured = plan.captured.get(key);
      if (captured !== undefined) records.push(captured);
      else {
        this.recordLive(this.scratch, db, key);
        records.push(this.scratch.take());
        this.copied++;
      }
    }
    this.keys += plan.keys.length - from;
    plan.captured.clear();
    plan.materialized = records;
  }

  private attach(): void {
    let entry = active.get(this.store);
    if (entry === undefined) {
      const snapshots = new Set<Snapshot>();
      const previous = this.store.beforeWrite;
      entry = { snapshots, previous };
      active.set(this.store, entry);
      this.store.beforeWrite = (db, key) => {
        previous?.(db, key);
        for (const s of snapshots) s.beforeWrite(db, key);
      };
    }
    entry.snapshots.add(this);
  }

  private detach(): void {
    const entry = active.get(this.store);
    if (entry === undefined || !entry.snapshots.delete(this)) return;
    if (entry.snapshots.size === 0) {
      this.store.beforeWrite = entry.previous;
      active.delete(this.store);
    }
  }
}
