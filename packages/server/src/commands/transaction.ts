// Transactions: MULTI EXEC DISCARD WATCH UNWATCH. Queued commands run back to back inside EXEC
// (one thread, so the block is atomic); WATCH is optimistic locking driven by the store's change
// events, so every cause of modification (commands, scripts, expiry, eviction, FLUSH*, SWAPDB)
// invalidates a watch without the commands knowing about it.
import { NullArrayReply, QUEUED_REPLY, type Reply } from '@ferrous/resp';
import type { Database, KeyEvent, Store } from '@ferrous/store';
import type { Client } from '../client';
import { call } from '../dispatch/process-command';
import { PropagationBlock } from '../dispatch/propagation-block';
import type { Command, CommandSpec } from '../dispatch/command-table';
import { RedisError } from '../errors';
import { OK } from '../reply';
import type { Server } from '../server';
import { perServer } from '../per-server';

const EXECABORT = 'EXECABORT Transaction discarded because of previous errors.';

// ---- watched keys ---------------------------------------------------------------------------------

/** One WATCHed key of one client. */
interface Watch {
  readonly tx: TxState;
  readonly db: number;
  readonly key: string;
  /** The key was present in the keyspace (possibly logically expired) — FLUSHDB/SWAPDB need it. */
  present: boolean;
  /** The key was already logically expired when watched: its lazy deletion is no change. */
  expired: boolean;
}

/** A client's transaction: MULTI queue, queue-time error flag, watched keys. */
interface TxState {
  readonly client: Client;
  queue: { cmd: Command; argv: string[] }[];
  /** A command was rejected while queuing (Redis's CLIENT_DIRTY_EXEC): EXEC aborts. */
  dirtyExec: boolean;
  /** A watched key changed (CLIENT_DIRTY_CAS): EXEC replies a null array. */
  dirtyCas: boolean;
  watches: Watch[];
}

/** Per server: every client's transaction state and the (db, key) → watches index. */
class Transactions {
  private readonly states = new WeakMap<Client, TxState>();
  /** db → key → watches on it. */
  private readonly watched = new Map<number, Map<string, Set<Watch>>>();
  private watchCount = 0;

  constructor(private readonly store: Store) {
    store.onKeyChange((db, key, event) => {
      if (this.watchCount !== 0) this.touched(db, key, event);
    });
  }

  state(client: Client): TxState {
    let tx = this.states.get(client);
    if (tx === undefined) {
      tx = { client, queue: [], dirtyExec: false, dirtyCas: false, watches: [] };
      this.states.set(client, tx);
    }
    return tx;
  }

  peek(client: Client): TxState | undefined {
    return this.states.get(client);
  }

  watch(tx: TxState, db: Database, key: string): void {
    if (tx.watches.some((w) => w.db === db.index && w.key === key)) return;
    const present = db.keyspace.find(key) >= 0;
    const when = db.getExpire(key);
    const w: Watch = { tx, db: db.index, key, present, expired: present && when >= 0 && this.store.expiryNow() > when };
    tx.watches.push(w);
    let keys = this.watched.get(db.index);
    if (keys === undefined) this.watched.set(db.index, (keys = new Map()));
    let set = keys.get(key);
    if (set === undefined) keys.set(key, (set = new Set()));
    set.add(w);
    this.watchCount++;
  }

  unwatchAll(tx: TxState): void {
    for (const w of tx.watches) {
      const keys = this.watched.get(w.db)!;
      const set = keys.get(w.key)!;
      set.delete(w);
      if (set.size === 0) keys.delete(w.key);
      this.watchCount--;
    }
    tx.watches = [];
  }

  /** Redis's isWatchedKeyExpired: a watched key that expired since WATCH counts as modified. */
  expiredSinceWatch(tx: TxState): boolean {
    const now = this.store.expiryNow();
    for (const w of tx.watches) {
      if (w.expired) continue;
      const when = this.store.db(w.db).getExpire(w.key);
      if (when >= 0 && now > when) return true;
    }
    return false;
  }

  private touched(dbIndex: number, key: string | null, event: KeyEvent): void {
    const keys = this.watched.get(dbIndex);
    if (keys === undefined || keys.size === 0) return;
    if (key !== null) {
      const set = keys.get(key);
      if (set === undefined) return;
      for (const w of [...set]) {
        // An already-expired key being collected is logically no change (Redis's touchWatchedKey).
        if (w.expired && event === 'expired') {
          w.expired = false;
          w.present = false;
        } else this.invalidate(w.tx);
      }
      return;
    }
    // FLUSHDB/FLUSHALL/SWAPDB (Redis's touchAllWatchedKeysInDb), seen after the fact: `present`
    // says whether the key existed in the emptied database; the database now holds its replacement.
    const db = this.store.db(dbIndex);
    const now = this.store.expiryNow();
    for (const [k, set] of [...keys]) {
      const replaced = event === 'swapdb' && db.keyspace.find(k) >= 0;
      const when = replaced ? db.getExpire(k) : -1;
      const replacedExpired = when >= 0 && now > when;
      for (const w of [...set]) {
        if (!w.present && !replaced) continue;
        if (w.expired) {
          if (!replaced) {
            w.expired = w.present = false;
            continue;
          }
          if (replacedExpired) continue;
        } else if (!w.present && replacedExpired) {
          w.expired = w.present = true;
          continue;
        }
        this.invalidate(w.tx);
      }
    }
  }

  /** Marks the transaction dirty; its watches are no longer needed (Redis unwatches at once). */
  private invalidate(tx: TxState): void {
    tx.dirtyCas = true;
    this.unwatchAll(tx);
  }
}

const registries = perServer((server) => new Transactions(server.store));

function transactions(server: Server): Transactions {
  return registries.of(server);
}

// ---- hooks for the dispatcher and the connection lifecycle ----------------------------------------

/** The MULTI seam of processCommand: queue the command and answer +QUEUED. */
export function queueCommand(client: Client, cmd: Command, argv: string[]): void {
  const tx = transactions(client.server).state(client);
  // Nothing queued after an error or a touched watch will ever run (Redis skips them too).
  if (!tx.dirtyExec && !tx.dirtyCas) tx.queue.push({ cmd, argv });
  client.reply(QUEUED_REPLY);
}

/**
 * A rejected command's effect on transactions (Redis's rejectCommand): a rejected EXEC aborts at
 * once and unwatches, inside MULTI or not; any other rejected command inside MULTI (unknown, arity,
 * OOM, …) makes the following EXEC abort. Returns the error text to send.
 */
export function rejectInTransaction(client: Client, cmd: Command | null, message: string): string {
  if (cmd?.fullName === 'exec') {
    discardTransaction(client);
    return `EXECABORT Transaction discarded because of: ${message.startsWith('ERR ') ? message.slice(4) : message}`;
  }
  if (client.flags.multi) transactions(client.server).state(client).dirtyExec = true;
  return message;
}

/** Commands queued since MULTI (CLIENT LIST `multi=`). */
export function queuedCount(client: Client): number {
  return registries.peek(client.server)?.peek(client)?.queue.length ?? 0;
}

/** Ends MULTI state and every WATCH (DISCARD, EXEC, RESET, disconnect). */
export function discardTransaction(client: Client): void {
  client.flags.multi = false;
  const t = registries.peek(client.server);
  const tx = t?.peek(client);
  if (t === undefined || tx === undefined) return;
  tx.queue = [];
  tx.dirtyExec = tx.dirtyCas = false;
  t.unwatchAll(tx);
}

// ---- commands -----------------------------------------------------------------------------------

function multiCommand(c: Client): Reply {
  if (c.flags.multi) throw new RedisError('ERR MULTI calls can not be nested');
  c.flags.multi = true;
  return OK;
}

function discardCommand(c: Client): Reply {
  if (!c.flags.multi) throw new RedisError('ERR DISCARD without MULTI');
  discardTransaction(c);
  return OK;
}

function execCommand(c: Client): Reply {
  if (!c.flags.multi) throw new RedisError('ERR EXEC without MULTI');
  // Every queued command sees keys as at EXEC's start (Redis's cached time of the outermost call).
  c.server.store.pinCommandTime();
  const t = transactions(c.server);
  const tx = t.state(c);
  if (t.expiredSinceWatch(tx)) tx.dirtyCas = true;
  if (tx.dirtyExec || tx.dirtyCas) {
    const aborted = tx.dirtyExec;
    discardTransaction(c);
    if (aborted) throw new RedisError(EXECABORT);
    return NullArrayReply.instance;
  }
  const queue = tx.queue;
  tx.queue = [];
  t.unwatchAll(tx);
  const server = c.server;
  const replies: Reply[] = [];
  // Replicas and the AOF see what the queue propagated as one block (MULTI … EXEC when several).
  const propagation = new PropagationBlock(server);
  try {
    // MULTI stays set while the queue runs, so blocking commands do not block (CLIENT_DENY_BLOCKING).
    for (const { cmd, argv } of queue) call(c, cmd, argv, replies);
  } finally {
    propagation.end();
  }
  // The block stands for the transaction: EXEC itself is not propagated.
  c.propagateAs = () => null;
  discardTransaction(c);
  return replies;
}

function watchCommand(c: Client, argv: string[]): Reply {
  if (c.flags.multi) throw new RedisError('ERR WATCH inside MULTI is not allowed');
  const t = transactions(c.server);
  const tx = t.state(c);
  // Watching more keys cannot make an already-failed EXEC succeed.
  if (tx.dirtyCas) return OK;
  for (let i = 1; i < argv.length; i++) t.watch(tx, c.db, argv[i]);
  return OK;
}

function unwatchCommand(c: Client): Reply {
  const t = registries.peek(c.server);
  const tx = t?.peek(c);
  if (t !== undefined && tx !== undefined) {
    t.unwatchAll(tx);
    tx.dirtyCas = false;
  }
  return OK;
}

const TX_FLAGS = ['noscript', 'loading', 'stale', 'fast', 'allow_busy'] as CommandSpec['flags'];

export const transactionCommands: CommandSpec[] = [
  { name: 'multi', arity: 1, flags: TX_FLAGS, acl: ['transaction'], summary: 'Mark the start of a transaction block', since: '1.2.0', complexity: 'O(1)', run: multiCommand },
  { name: 'exec', arity: 1, flags: ['noscript', 'loading', 'stale', 'skip_slowlog'], acl: ['transaction'], summary: 'Execute all commands issued after MULTI', since: '1.2.0', complexity: 'Depends on commands in the transaction', run: execCommand },
  { name: 'discard', arity: 1, flags: TX_FLAGS, acl: ['transaction'], summary: 'Discard all commands issued after MULTI', since: '2.0.0', complexity: 'O(N), when N is the number of queued commands', run: discardCommand },
  { name: 'watch', arity: -2, flags: TX_FLAGS, keys: { first: 1, last: -1, step: 1 }, keyFlags: ['RO'], acl: ['transaction'], summary: 'Watch the given keys to determine execution of the MULTI/EXEC block', since: '2.2.0', complexity: 'O(1) for every key.', run: watchCommand },
  { name: 'unwatch', arity: 1, flags: TX_FLAGS, acl: ['transaction'], summary: 'Forget about all watched keys', since: '2.2.0', complexity: 'O(1)', run: unwatchCommand },
];
