// The server's persistence state: startup load (AOF or RDB), SAVE/BGSAVE and save points, the AOF
// (propagation, group commit under `appendfsync always`, BGREWRITEAOF, auto-rewrite), MISCONF and
// shutdown. Every call runs on the event loop between commands, never inside one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import {
  Aof, AofError, RdbError, aofNames, applyRdb, bgsaveRdb, loadAof, loadRdbFile, readRdb, saveRdb, upgradeLegacyAof,
  type AofLocation, type AppendFsync, type RdbSaveOptions, type SnapshotResult,
} from '@ferrous/persistence';
import { Client } from '../client';
import type { SavePoint } from '../config/option-types';
import { F, type Command } from '../dispatch/command-table';
import { call } from '../dispatch/process-command';
import type { Server } from '../server';
import { propagatedArgv } from './propagate-argv';
import { functionSources, loadFunctionSources } from '../scripting/scripting';

const MISCONF_RDB =
  "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.";
/** After a failed BGSAVE, save points retry only this long after the last attempt (Redis's CONFIG_BGSAVE_RETRY_DELAY). */
const BGSAVE_RETRY_MS = 5000;
const CRON_MS = 100;

const LOAD_FAILED = 'ERR Error trying to load the RDB dump';

export class Persistence {
  aof: Aof | null = null;
  /** The running BGSAVE, if any. */
  bgsave: Promise<SnapshotResult> | null = null;
  bgsaveScheduled = false;
  rewriteScheduled = false;
  lastBgsaveOk = true;
  lastBgsaveSeconds = -1;
  bgsaveStartedAt = 0;
  lastBgsaveTry = 0;
  rdbSaves = 0;
  lastLoadKeys = 0;
  lastLoadExpired = 0;
  aofRewrites = 0;
  lastRewriteOk = true;
  lastRewriteSeconds = -1;
  rewriteStartedAt = 0;
  /** The AOF base size after the last rewrite (auto-aof-rewrite-percentage growth base). */
  private aofBaseSize = 0;
  /** Writes appended to the AOF and not yet covered by a started group commit. */
  private unsynced = false;
  private committing = false;
  private readonly waiting = new Set<Client>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly server: Server) {
    const prior = server.hooks.propagate;
    server.hooks.propagate = (db, argv) => {
      prior?.(db, argv);
      this.propagate(db, argv);
    };
    const c = server.config;
    c.onChange('appendfsync', (v) => {
      if (this.aof) this.aof.writer.appendfsync = v as AppendFsync;
    });
    c.onChange('appendonly', (v) => {
      if (v && this.aof === null) this.openAof();
      else if (!v && this.aof !== null) {
        const aof = this.aof;
        this.aof = null;
        void aof.close();
      }
    });
  }

  private get location(): AofLocation {
    const c = this.server.config;
    return { dir: c.str('dir'), appendfilename: c.str('appendfilename'), appenddirname: c.str('appenddirname') };
  }

  get rdbPath(): string {
    return join(this.server.config.str('dir'), this.server.config.str('dbfilename'));
  }

  private get saveOptions(): RdbSaveOptions {
    const c = this.server.config;
    return { compression: c.bool('rdbcompression'), checksum: c.bool('rdbchecksum'), functions: functionSources(this.server) };
  }

  private get savePoints(): SavePoint[] {
    return this.server.config.get('save') as SavePoint[];
  }

  // ---- startup -----------------------------------------------------------------------------------

  /** Loads the AOF (appendonly yes) or the RDB file, then opens the AOF. Throws (logged) on a bad file. */
  loadOnStartup(): void {
    const server = this.server;
    const start = performance.now();
    server.loading = true;
    try {
      if (server.config.bool('appendonly')) {
        const loc = this.location;
        upgradeLegacyAof(loc);
        const result = this.loadAofFiles(loc);
        if (result.status === 'loaded') server.log('notice', `DB loaded from append only file: ${((performance.now() - start) / 1000).toFixed(3)} seconds`);
        if (result.truncated) server.log('warning', `AOF ${result.truncated.file} was truncated to ${result.truncated.validLength} bytes (aof-load-truncated)`);
        this.openAof();
      } else if (existsSync(this.rdbPath)) {
        const contents = loadRdbFile(this.rdbPath, server.store, { databases: server.store.databases, skipExpired: true });
        loadFunctionSources(server, contents.functions);
        this.lastLoadKeys = contents.databases.reduce((n, db) => n + db.keys.length, 0);
        server.log('notice', `DB loaded from disk: ${((performance.now() - start) / 1000).toFixed(3)} seconds`);
      }
    } catch (e) {
      if (e instanceof RdbError || e instanceof AofError) server.log('warning', `Fatal error loading the DB: ${e.message}. Exiting.`);
      throw e;
    } finally {
      server.loading = false;
      server.dirty = 0;
    }
    this.timer = setInterval(() => this.cron(), CRON_MS);
    this.timer.unref();
  }

  /** Replays the AOF through a connectionless client (no propagation: the AOF is not open yet). */
  private loadAofFiles(loc: AofLocation) {
    const server = this.server;
    const fake = new Client(server, new net.Socket(), 0);
    const discard: unknown[] = [];
    const result = loadAof({ ...loc, loadTruncated: server.config.bool('aof-load-truncated'), databases: server.store.databases }, server.store, {
      rdb: (contents) => {
        applyRdb(server.store, contents);
        loadFunctionSources(server, contents.functions);
      },
      command: (argv) => {
        const name = argv[0].toLowerCase();
        // A transaction's commands are applied as they come; a truncated tail was already cut.
        if (name === 'multi' || name === 'exec') return;
        let cmd = server.lookupCommand(name);
        if (cmd?.subcommands && argv.length >= 2) cmd = cmd.subcommands.get(argv[1].toLowerCase());
        if (cmd === undefined) throw new AofError(`Unknown command '${argv[0]}' reading the append only file`);
        call(fake, cmd, argv, discard as never[]);
        discard.length = 0;
      },
    });
    return result;
  }

  private openAof(): void {
    const c = this.server.config;
    this.aof = Aof.open(this.server.store, {
      ...this.location,
      appendfsync: c.str('appendfsync') as AppendFsync,
      timestamps: c.bool('aof-timestamp-enabled'),
      useRdbPreamble: c.bool('aof-use-rdb-preamble'),
    }, functionSources(this.server));
    this.aofBaseSize = this.baseFileSize();
  }

  private baseFileSize(): number {
    const base = this.aof?.files.base;
    if (!base) return 0;
    try {
      return statSync(join(aofNames(this.location).aofDir, base.name)).size;
    } catch {
      return 0;
    }
  }

  // ---- RDB ---------------------------------------------------------------------------------------

  /** SAVE (and shutdown, FLUSHALL with save points): synchronous. Returns whether it succeeded. */
  save(): boolean {
    const server = this.server;
    try {
      saveRdb(server.store, this.rdbPath, this.saveOptions);
    } catch (e) {
      server.log('warning', `Failed saving the DB: ${(e as Error).message}`);
      this.lastBgsaveOk = false;
      return false;
    }
    server.log('notice', 'DB saved on disk');
    server.dirty = 0;
    server.lastSave = Math.floor(Date.now() / 1000);
    this.lastBgsaveOk = true;
    this.rdbSaves++;
    return true;
  }

  /** Starts a BGSAVE now (the caller checked nothing else is running). */
  startBgsave(): void {
    const server = this.server;
    const dirtyAtStart = server.dirty;
    this.bgsaveStartedAt = this.lastBgsaveTry = Date.now();
    this.bgsaveScheduled = false;
    server.log('notice', 'Background saving started');
    // A file that cannot even be opened fails like a BGSAVE child would: after "started".
    let done: Promise<SnapshotResult>;
    try {
      done = bgsaveRdb(server.store, this.rdbPath, this.saveOptions).done;
    } catch (e) {
      done = Promise.reject(e as Error);
    }
    this.bgsave = done;
    done.then(
      () => {
        server.dirty = Math.max(0, server.dirty - dirtyAtStart);
        server.lastSave = Math.floor(Date.now() / 1000);
        this.lastBgsaveOk = true;
        this.rdbSaves++;
        server.log('notice', 'Background saving terminated with success');
      },
      (e: Error) => {
        this.lastBgsaveOk = false;
        server.log('warning', `Background saving error: ${e.message}`);
      },
    ).finally(() => {
      this.lastBgsaveSeconds = Math.round((Date.now() - this.bgsaveStartedAt) / 1000);
      this.bgsave = null;
    });
  }

  /**
   * DEBUG RELOAD: saves (unless NOSAVE), then loads the RDB file — replacing the dataset, or into it
   * with NOFLUSH, where a key already present is an error unless MERGE replaces it (Redis panics
   * there; we load nothing). Returns the error text, or null.
   */
  reload(options: { save: boolean; flush: boolean; merge: boolean }): string | null {
    const server = this.server;
    const store = server.store;
    if (options.save && !this.save()) return 'ERR';
    let contents;
    try {
      contents = readRdb(readFileSync(this.rdbPath), store, { databases: store.databases, skipExpired: true });
    } catch {
      return LOAD_FAILED;
    }
    // Presence as the loader sees it (Redis's dictFind): no lazy expiry, which would delete keys and fire events.
    const clash = (db: { index: number; keys: readonly string[] }) => db.keys.some((key) => store.db(db.index).keyspace.find(key) >= 0);
    if (!options.flush && !options.merge && contents.databases.some(clash)) return LOAD_FAILED;
    server.loading = true;
    try {
      if (options.flush) applyRdb(store, contents);
      else for (const db of contents.databases) store.db(db.index).loadMany(db.keys, db.values, db.expires);
      loadFunctionSources(server, contents.functions);
    } finally {
      server.loading = false;
      server.dirty = 0;
    }
    server.log('warning', 'DB reloaded by DEBUG RELOAD');
    return null;
  }

  // ---- AOF ---------------------------------------------------------------------------------------

  private propagate(db: number, argv: string[]): void {
    const aof = this.aof;
    if (aof === null || this.server.loading) return;
    aof.appendCommand(db, propagatedArgv(this.server.store.db(db), argv));
    this.unsynced = true;
  }

  /** BGREWRITEAOF now. With the AOF off, writes the AOF directory's base once, like Redis 7. */
  startRewrite(): void {
    const server = this.server;
    this.rewriteScheduled = false;
    if (this.aof === null) {
      const aof = Aof.open(server.store, { ...this.location, useRdbPreamble: server.config.bool('aof-use-rdb-preamble') }, functionSources(server));
      void aof.close();
      this.aofRewrites++;
      return;
    }
    const aof = this.aof;
    this.rewriteStartedAt = Date.now();
    server.log('notice', 'Background append only file rewriting started');
    aof.rewrite(server.store, functionSources(server)).then(
      () => {
        this.lastRewriteOk = true;
        this.aofRewrites++;
        if (this.aof === aof) this.aofBaseSize = this.baseFileSize();
        server.log('notice', 'Background AOF rewrite finished successfully');
      },
      (e: Error) => {
        this.lastRewriteOk = false;
        server.log('warning', `Background AOF rewrite failed: ${e.message}`);
      },
    ).finally(() => {
      this.lastRewriteSeconds = Math.round((Date.now() - this.rewriteStartedAt) / 1000);
    });
  }

  get rewriting(): boolean {
    return this.aof?.isRewriting ?? false;
  }

  /**
   * Writes a client's replies after its batch ran. Under `appendfsync always` they wait for the
   * fsync of every write appended so far (group commit: one fsync serves all waiting clients).
   */
  flushReplies(client: Client): void {
    const aof = this.aof;
    if (aof === null || aof.writer.appendfsync !== 'always' || (!this.unsynced && !this.committing)) {
      client.flush();
      return;
    }
    this.waiting.add(client);
    if (!this.committing) this.commit(aof);
  }

  private commit(aof: Aof): void {
    this.committing = true;
    this.unsynced = false;
    const clients = [...this.waiting];
    this.waiting.clear();
    aof.flush().then(
      () => {
        // A client that ran more commands meanwhile holds replies this fsync does not cover: the
        // next commit writes them all.
        for (const c of clients) if (!this.waiting.has(c)) c.flush();
      },
      (e: Error) => {
        // An unacknowledged write must never look acknowledged: drop these replies.
        this.server.log('warning', `Error writing to the AOF file: ${e.message}`);
        for (const c of clients) c.close();
      },
    ).finally(() => {
      this.committing = false;
      if (this.waiting.size > 0 && this.aof !== null) this.commit(this.aof);
    });
  }

  // ---- pipeline, cron, shutdown ------------------------------------------------------------------

  /** The MISCONF error for a write (or PING) while persistence is failing, else null. */
  writeDenied(cmd: Command): string | null {
    if (!(cmd.bits & F.write) && cmd.name !== 'ping') return null;
    const aofError = this.aof?.writer.lastError;
    if (aofError) return `MISCONF Errors writing to the AOF file: ${aofError.message}`;
    const c = this.server.config;
    if (!this.lastBgsaveOk && c.bool('stop-writes-on-bgsave-error') && this.savePoints.length > 0) return MISCONF_RDB;
    return null;
  }

  private cron(): void {
    const server = this.server;
    if (this.bgsave !== null || this.rewriting) return;
    if (this.rewriteScheduled) return this.startRewrite();
    if (this.bgsaveScheduled) return this.startBgsave();
    const now = Date.now();
    const retryOk = this.lastBgsaveOk || now - this.lastBgsaveTry > BGSAVE_RETRY_MS;
    for (const [seconds, changes] of this.savePoints) {
      if (server.dirty >= changes && now - server.lastSave * 1000 > seconds * 1000 && retryOk) {
        server.log('notice', `${changes} changes in ${seconds} seconds. Saving...`);
        return this.startBgsave();
      }
    }
    const aof = this.aof;
    const pct = server.config.int('auto-aof-rewrite-percentage');
    if (aof !== null && pct > 0) {
      const size = aof.writer.size + this.aofBaseSize;
      const base = Math.max(this.aofBaseSize, 1);
      if (size >= server.config.int('auto-aof-rewrite-min-size') && ((size - base) * 100) / base >= pct) this.startRewrite();
    }
  }

  /** FLUSHALL with save points configured writes the (empty) dataset at once, like Redis. */
  afterFlushAll(): void {
    if (this.savePoints.length > 0 && this.bgsave === null) {
      this.save();
      this.server.dirty++;
    }
  }

  /** SHUTDOWN's save step: false (with the reason logged) when the RDB could not be written. */
  saveOnShutdown(): boolean {
    this.server.log('notice', 'Saving the final RDB snapshot before exiting.');
    return this.save();
  }

  /** Stops the cron and closes the AOF (flush + fsync). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const aof = this.aof;
    this.aof = null;
    if (aof !== null) await aof.close();
    await this.bgsave?.catch(() => undefined);
  }
}

const registry = new WeakMap<object, Persistence>();

/** The persistence state of `server`, created on first use. */
export function persistenceOf(server: Server): Persistence {
  let p = registry.get(server);
  if (p === undefined) {
    p = new Persistence(server);
    registry.set(server, p);
  }
  return p;
}
