// Where snapshot bytes go. A file sink writes a temp file beside the target, fsyncs it and
// renames it into place (so a crash never leaves a half-written dump under the real name); a
// buffer sink keeps the bytes (DEBUG RELOAD, tests, a replication transfer).
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { close, fsync, open, rename, write } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';

export interface SnapshotSink {
  /** Takes one chunk (the sink owns it). May block briefly (a local write), never for long. */
  write(chunk: Buffer): void;
  /**
   * Blocking write, used by SAVE. Sinks whose write() completes later provide it, so endSync
   * sees every byte without waiting on the event loop.
   */
  writeSync?(chunk: Buffer): void;
  /** Makes everything durable/visible; the snapshot succeeded once this resolves. */
  end(): Promise<void>;
  /** Synchronous `end` (SAVE, SHUTDOWN). */
  endSync(): void;
  /** Discards everything written (a failed or cancelled snapshot). */
  abort(): void;
  /**
   * Optional backpressure, asked between time slices of a background snapshot: return a promise
   * to pause the walk until the consumer caught up (e.g. a replica socket's 'drain').
   */
  ready?(): Promise<void> | undefined;
}

const fsyncAsync = promisify(fsync);
const closeAsync = promisify(close);
const renameAsync = promisify(rename);
const openAsync = promisify(open);

/** fsyncs a directory so a rename in it is durable (best effort: not every platform allows it). */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const fd = await openAsync(dir, 'r');
    try {
      await fsyncAsync(fd);
    } finally {
      await closeAsync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync everywhere; the rename itself is still atomic.
  }
}

export function fsyncDirSync(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // See fsyncDir.
  }
}

/**
 * Background writes go through the thread pool (fs.write at explicit offsets, so completion order
 * does not matter) with at most `maxInFlight` chunks pending: ready() pauses the walk beyond that,
 * so memory stays bounded and the event loop never blocks on the disk.
 */
export class FileSink implements SnapshotSink {
  readonly tempPath: string;
  private fd: number;
  private position = 0;
  private inFlight = 0;
  private error: Error | null = null;
  private aborted = false;
  /** Woken on every completed write. */
  private waiters: Array<() => void> = [];

  /** `tempName` defaults to `temp-<pid>-<n>.<name>` in the target's directory. */
  constructor(
    readonly path: string,
    tempName = `temp-${process.pid}-${++FileSink.counter}.${basename(path)}`,
    private readonly maxInFlight = 8,
  ) {
    this.tempPath = join(dirname(path), tempName);
    this.fd = openSync(this.tempPath, 'w');
  }

  private static counter = 0;

  write(chunk: Buffer): void {
    if (this.error !== null || this.aborted) return;
    this.inFlight++;
    this.writeAt(chunk, 0, this.position);
    this.position += chunk.length;
  }

  writeSync(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off, this.position + off);
    this.position += chunk.length;
  }

  ready(): Promise<void> | undefined {
    if (this.error !== null) return Promise.reject(this.error);
    return this.inFlight < this.maxInFlight ? undefined : this.settled(this.maxInFlight - 1);
  }

  async end(): Promise<void> {
    await this.settled(0);
    await fsyncAsync(this.fd);
    await closeAsync(this.fd);
    this.fd = -1;
    await renameAsync(this.tempPath, this.path);
    await fsyncDir(dirname(this.path));
  }

  endSync(): void {
    if (this.inFlight > 0) throw new Error('FileSink.endSync with background writes pending');
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.tempPath, this.path);
    fsyncDirSync(dirname(this.path));
  }

  abort(): void {
    this.aborted = true;
    // A pending write still uses the fd: closing it now could let a new file reuse the number.
    if (this.inFlight === 0) this.close();
    try {
      unlinkSync(this.tempPath);
    } catch {
      // Already gone.
    }
  }

  private writeAt(chunk: Buffer, off: number, pos: number): void {
    write(this.fd, chunk, off, chunk.length - off, pos, (err, n) => {
      if (err === null && n > 0 && off + n < chunk.length && !this.aborted) {
        this.writeAt(chunk, off + n, pos + n);
        return;
      }
      this.inFlight--;
      if (this.error === null && (err !== null || n === 0)) this.error = err ?? new Error('FileSink: short write');
      if (this.aborted && this.inFlight === 0) this.close();
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
  }

  /** Resolves once at most `limit` writes are pending; rejects if a write failed. */
  private async settled(limit: number): Promise<void> {
    while (this.inFlight > limit) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.error !== null) throw this.error;
  }

  private close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

export class BufferSink implements SnapshotSink {
  private chunks: Buffer[] = [];
  /** Everything written, available after end(). */
  result: Buffer = Buffer.alloc(0);

  write(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  async end(): Promise<void> {
    this.endSync();
  }

  endSync(): void {
    this.result = Buffer.concat(this.chunks);
    this.chunks = [];
  }

  abort(): void {
    this.chunks = [];
  }
}

/**
 * Streams snapshot bytes to a Node Writable (a replica's socket for a diskless full sync), with
 * backpressure: the walk pauses between slices while the stream needs 'drain'. A stream that
 * closes or errors first fails the snapshot.
 */
export class StreamSink implements SnapshotSink {
  constructor(
    private readonly stream: Writable,
    /** End the stream when the snapshot completes (default false: the caller writes more). */
    private readonly endStream = false,
  ) {}

  write(chunk: Buffer): void {
    this.stream.write(chunk);
  }

  ready(): Promise<void> | undefined {
    const s = this.stream;
    if (s.destroyed) return Promise.reject(new Error('snapshot stream closed'));
    if (!s.writableNeedDrain) return undefined;
    return new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        s.off('drain', onDrain);
        s.off('close', onClose);
        s.off('error', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new Error('snapshot stream closed'));
      s.on('drain', onDrain);
      s.on('close', onClose);
      s.on('error', onClose);
    });
  }

  async end(): Promise<void> {
    if (this.endStream) await new Promise<void>((resolve) => this.stream.end(resolve));
  }

  endSync(): void {
    if (this.endStream) this.stream.end();
  }

  abort(): void {
    if (this.endStream) this.stream.destroy();
  }
}
