// Appends commands to the current incremental AOF file. Writes are synchronous (like Redis's
// write() in beforeSleep: into the page cache, microseconds); fsync follows appendfsync:
// `always` — flush() resolves only after an fdatasync covering every byte written before it
// (group commit: one fsync serves every command of the batch); `everysec` — a timer fsyncs once
// per second in the thread pool; `no` — the OS decides.
import { closeSync, fdatasync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { encodeCommand } from '@ferrous/resp';

export type AppendFsync = 'always' | 'everysec' | 'no';

const fdatasyncAsync = promisify(fdatasync);

export interface AofWriterOptions {
  appendfsync?: AppendFsync;
  /** aof-timestamp-enabled: write `#TS:<unix>` annotations. */
  timestamps?: boolean;
  /** Clock in ms (tests). */
  now?: () => number;
}

export class AofWriter {
  private fd: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes handed to the OS so far (monotonic across file switches). */
  private written = 0;
  /** Bytes known durable. */
  private synced = 0;
  /** `written` when the current file was opened. */
  private fileStart = 0;
  private syncing: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private selectedDb = -1;
  private lastTimestamp = 0;
  /** The first fsync/write error; the server should stop accepting writes (MISCONF-like). */
  lastError: Error | null = null;
  appendfsync: AppendFsync;
  private readonly timestamps: boolean;
  private readonly now: () => number;

  constructor(
    /** The file appended to. */
    public path: string,
    options: AofWriterOptions = {},
  ) {
    this.fd = openSync(path, 'a');
    this.appendfsync = options.appendfsync ?? 'everysec';
    this.timestamps = options.timestamps ?? false;
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  /** Bytes appended to the current file since it was opened or switched (for auto-rewrite). */
  get size(): number {
    return this.written + this.pendingBytes - this.fileStart;
  }

  /** Queues one command of database `db` (a SELECT is added when the database changes). */
  appendCommand(db: number, argv: ReadonlyArray<string | Buffer>): void {
    if (this.timestamps) {
      const sec = Math.floor(this.now() / 1000);
      if (sec !== this.lastTimestamp) {
        this.lastTimestamp = sec;
        this.append(Buffer.from(`#TS:${sec}\r\n`, 'latin1'));
      }
    }
    if (db !== this.selectedDb) {
      this.selectedDb = db;
      this.append(encodeCommand(['SELECT', String(db)]));
    }
    this.append(encodeCommand(argv as (string | Buffer)[]));
  }

  /** Queues raw bytes (already RESP). */
  append(bytes: Buffer): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  /** Hands queued bytes to the OS (no fsync). */
  write(): void {
    if (this.pendingBytes === 0) return;
    const buf = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let off = 0;
    try {
      while (off < buf.length) off += writeSync(this.fd, buf, off);
    } catch (err) {
      this.lastError = err as Error;
      throw err;
    } finally {
      this.written += off;
    }
  }

  /**
   * Group commit: writes everything queued and, under `always`, resolves once it is on disk.
   * Call once per event-loop batch before writing that batch's replies.
   */
  flush(): Promise<void> {
    this.write();
    if (this.appendfsync !== 'always') return Promise.resolve();
    return this.syncTo(this.written);
  }

  /** Writes and fsyncs synchronously (shutdown, before a file switch). */
  flushSync(): void {
    this.write();
    if (this.synced < this.written) {
      fdatasyncSync(this.fd);
      this.synced = this.written;
    }
  }

  private async syncTo(target: number): Promise<void> {
    while (this.synced < target) {
      if (this.syncing === null) {
        const upTo = this.written;
        const fd = this.fd;
        this.syncing = fdatasyncAsync(fd).then(
          () => {
            this.synced = Math.max(this.synced, upTo);
            this.syncing = null;
          },
          (err: Error) => {
            this.lastError = err;
            this.syncing = null;
            throw err;
          },
        );
      }
      await this.syncing;
    }
  }

  private tick(): void {
    if (this.appendfsync === 'no') return;
    try {
      this.write();
    } catch {
      return;
    }
    if (this.appendfsync === 'everysec' && this.synced < this.written && this.syncing === null) {
      this.syncTo(this.written).catch(() => undefined);
    }
  }

  /**
   * Continues in a new file from this instant (AOF rewrite start), synchronously so that no
   * command lands on the wrong side: everything queued goes to the old file, which is fsynced
   * now (a rewrite is rare; the blocking fsync keeps `always` exact) and closed once any fsync
   * still running on it settles. The next command re-emits SELECT.
   */
  switchTo(path: string): void {
    this.flushSync();
    const old = this.fd;
    const inflight = this.syncing;
    if (inflight === null) closeSync(old);
    else inflight.then(() => closeSync(old), () => closeSync(old));
    this.fd = openSync(path, 'a');
    this.path = path;
    this.fileStart = this.written;
    this.selectedDb = -1;
  }

  /** Flushes, fsyncs and closes (shutdown). */
  async close(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.syncing !== null) await this.syncing.catch(() => undefined);
    this.flushSync();
    closeSync(this.fd);
    this.fd = -1;
  }
}
