// The clients of one server blocked in BLPOP & co (Redis's blocked.c). Waiters are kept per
// (db, key) in the order they blocked; a write to a waited key marks it ready, and after the
// command that wrote (EXEC and scripts as a whole) the ready keys' waiters are served in order.
// One timer, armed for the earliest deadline, times them out. Invariant: a client is in `byClient`
// iff it is in the waiter set of each of its keys, its flags.blocked is set and its input is held
// in `postponed`. A waiter on several keys is served from the key that became ready (Redis 7.0;
// 7.2 would pop from its first non-empty key in argument order).
import { ErrorReply, NullArrayReply, SimpleString, type Reply } from '@ferrous/resp';
import { RedisError, typeOf, type KeyEvent } from '@ferrous/store';
import type { Client } from '../client';
import type { BlockRequest } from '../commands/blocking';
import type { Command } from '../dispatch/command-table';
import { runHandler } from '../notify';
import type { Server } from '../server';
import { perServer } from '../per-server';
import { DeadlineHeap } from './deadline-heap';
import { servedArgv } from './served-argv';

/** What a handler returns to block its client: the dispatcher sends no reply and registers the waiter. */
export class BlockedReply extends SimpleString {
  constructor(readonly request: BlockRequest) {
    super('');
  }
}

const UNBLOCKED_ERROR = 'UNBLOCKED client unblocked via CLIENT UNBLOCK';
/** Every blocked list/zset command times out with a null array (even BLMOVE, whose nil is `$-1`). */
const TIMED_OUT: Reply = NullArrayReply.instance;

interface Waiter {
  readonly client: Client;
  readonly cmd: Command;
  readonly argv: string[];
  readonly request: BlockRequest;
  readonly db: number;
  /** Unique keys, in argument order. */
  readonly keys: string[];
  done: boolean;
}

export class BlockedClients {
  /** db → key → waiters in blocking order (a Set keeps insertion order). */
  private readonly byKey = new Map<number, Map<string, Set<Waiter>>>();
  private readonly byClient = new Map<Client, Waiter>();
  /** Keys written since the last serve that have waiters, in the order they became ready. */
  private ready: { db: number; key: string }[] = [];
  private readonly readySet = new Map<number, Set<string>>();
  private readonly deadlines = new DeadlineHeap<Waiter>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  /** Unblocked clients whose held input runs after the current event (Redis's unblocked_clients). */
  private toResume: Client[] = [];

  constructor(private readonly server: Server) {
    server.store.onKeyChange((db, key, event) => {
      if (this.byClient.size !== 0) this.keyChanged(db, key, event);
    });
  }

  /** Clients blocked in a blocking command (INFO blocked_clients). */
  get count(): number {
    return this.byClient.size;
  }

  /** Parks `client` (its reply and its further input wait) until served, timed out or unblocked. */
  block(client: Client, cmd: Command, argv: string[], request: BlockRequest): void {
    const db = client.dbIndex;
    const keys = [...new Set(request.keys)];
    const w: Waiter = { client, cmd, argv, request, db, keys, done: false };
    let perDb = this.byKey.get(db);
    if (perDb === undefined) this.byKey.set(db, (perDb = new Map()));
    for (const key of keys) {
      let set = perDb.get(key);
      if (set === undefined) perDb.set(key, (set = new Set()));
      set.add(w);
    }
    this.byClient.set(client, w);
    client.flags.blocked = true;
    client.postponed ??= [];
    if (request.deadline > 0) {
      this.deadlines.push(request.deadline, w);
      if (request.deadline < this.timerAt) this.arm(request.deadline);
    }
  }

  /** Serves the waiters of every ready key, until serving makes no more keys ready. */
  serveReady(): void {
    while (this.ready.length > 0) {
      const batch = this.ready;
      this.ready = [];
      for (const { db, key } of batch) {
        // Unmarked only now: a key written while an earlier key of this batch is served (BLMOVE's
        // destination) is served in this batch, not queued again, as in Redis.
        this.readySet.get(db)!.delete(key);
        const set = this.byKey.get(db)?.get(key);
        if (set === undefined) continue;
        // One expiry time per ready key, as Redis fixes it: a key cannot expire between the
        // lookups of one served waiter (BLMOVE reads the source, then the destination).
        const store = this.server.store;
        store.fixCommandTime();
        try {
          for (const w of [...set]) {
            if (w.done) continue;
            const reply = this.serve(w, key);
            if (reply !== undefined) this.unblock(w, reply);
          }
        } finally {
          store.releaseCommandTime();
        }
      }
    }
  }

  /** CLIENT UNBLOCK: replies the timeout reply or an UNBLOCKED error; false if not blocked here. */
  unblockClient(client: Client, withError: boolean): boolean {
    const w = this.byClient.get(client);
    if (w === undefined) return false;
    if (withError) this.server.countError(UNBLOCKED_ERROR);
    // Redis 7.0 counts any CLIENT UNBLOCK, TIMEOUT included, as a failed call of the command.
    w.cmd.stats.failedCalls++;
    this.unblock(w, withError ? new ErrorReply(UNBLOCKED_ERROR) : TIMED_OUT);
    return true;
  }

  /** Drops a disconnected client's waiter without replying. */
  forget(client: Client): void {
    const w = this.byClient.get(client);
    if (w !== undefined) this.remove(w);
  }

  /** Stops the timer (server shutdown). */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  private keyChanged(db: number, key: string | null, event: KeyEvent): void {
    const perDb = this.byKey.get(db);
    if (perDb === undefined) return;
    if (key === null) {
      // SWAPDB brings in a whole other keyspace: every waited key may now hold data.
      if (event === 'swapdb') for (const k of perDb.keys()) this.markReady(db, k);
      return;
    }
    if ((event === 'set' || event === 'modify') && perDb.has(key)) this.markReady(db, key);
  }

  private markReady(db: number, key: string): void {
    let set = this.readySet.get(db);
    if (set === undefined) this.readySet.set(db, (set = new Set()));
    if (set.has(key)) return;
    set.add(key);
    this.ready.push({ db, key });
  }

  /**
   * Runs the request's serve() from the ready `key` as its command (keyspace notifications name it,
   * e.g. BLPOP → lpop) and propagates what it did. A ready key not holding the request's type keeps
   * the client waiting (Redis 7.0 serves list and zset waiters by the key's type); an error raised
   * while serving (BLMOVE's destination of the wrong type) is replied and unblocks the client.
   */
  private serve(w: Waiter, key: string): Reply | undefined {
    const server = this.server;
    const value = w.client.db.peek(key);
    if (value === undefined || typeOf(value) !== w.request.type) return undefined;
    const dirty = server.dirty;
    const from = [key];
    // The blocked command with serve() as its handler: same name, spec and family for notify.ts.
    const serving = Object.create(w.cmd, { run: { value: () => w.request.serve(w.client, from) } }) as Command;
    let reply: Reply | undefined;
    try {
      reply = runHandler(w.client, serving, w.argv) as Reply | undefined;
    } catch (e) {
      if (e instanceof RedisError) {
        server.countError(e.message);
        w.cmd.stats.failedCalls++;
        return new ErrorReply(e.message);
      }
      const err = e instanceof Error ? e : new Error(String(e));
      server.log('warning', `Unexpected error serving a blocked client: ${err.stack ?? err.message}`);
      return new ErrorReply(`ERR ${err.message.replace(/[\r\n]/g, ' ')}`);
    }
    // serve() may name its own propagation (XREADGROUP propagates its XCLAIMs itself).
    const rewrite = w.client.propagateAs;
    w.client.propagateAs = null;
    if (reply !== undefined && server.dirty !== dirty) {
      const out = rewrite !== null ? rewrite(w.argv) : servedArgv(w.argv, reply);
      if (out !== null) server.hooks.propagate?.(w.db, out);
    }
    return reply;
  }

  /** Replies to the waiter and lets its client read again, after the current event. */
  private unblock(w: Waiter, reply: Reply): void {
    this.remove(w);
    const client = w.client;
    client.reply(reply);
    this.toResume.push(client);
    if (this.toResume.length === 1) queueMicrotask(() => this.resumeUnblocked());
  }

  private resumeUnblocked(): void {
    const clients = this.toResume;
    this.toResume = [];
    for (const c of clients) if (!c.closed) c.resume();
  }

  private remove(w: Waiter): void {
    w.done = true;
    this.byClient.delete(w.client);
    w.client.flags.blocked = false;
    const perDb = this.byKey.get(w.db)!;
    for (const key of w.keys) {
      const set = perDb.get(key)!;
      set.delete(w);
      if (set.size === 0) perDb.delete(key);
    }
    if (perDb.size === 0) this.byKey.delete(w.db);
    if (this.byClient.size === 0) {
      this.deadlines.clear();
      this.close();
    } else if (this.deadlines.size > 2 * this.byClient.size + 64) {
      this.deadlines.compact((x) => !x.done);
    }
  }

  private arm(at: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.expire(), Math.max(0, at - Date.now()));
    this.timer.unref();
  }

  private expire(): void {
    this.timer = null;
    this.timerAt = Infinity;
    const now = Date.now();
    for (let w = this.deadlines.popDue(now); w !== undefined; w = this.deadlines.popDue(now)) {
      if (!w.done) this.unblock(w, TIMED_OUT);
    }
    // Replies of timed-out clients go out with their resume (after this callback).
    const next = this.deadlines.earliest;
    if (next !== Infinity) this.arm(next);
  }
}

const registries = perServer((server) => new BlockedClients(server));

/** The server's blocked clients (created on first use). */
export function blockedClientsOf(server: Server): BlockedClients {
  return registries.of(server);
}

/** After a top-level command: serves the waiters of keys it made ready (cheap when none). */
export function handleClientsBlockedOnKeys(server: Server): void {
  registries.peek(server)?.serveReady();
}
