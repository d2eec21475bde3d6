// Server-assisted client-side caching (CLIENT TRACKING), as Redis 7.0's tracking.c. Default mode
// remembers, per key name, the ids of tracking clients that read it with a read-only command and
// sends each of them one invalidation when the key changes (then forgets the key). BCAST mode
// registers prefixes instead: changed keys are collected per prefix and broadcast once per batch
// of commands. Invalidations go out as RESP3 `>2 invalidate [keys]` pushes, or, through REDIRECT to
// a RESP2 client in pub/sub mode, as messages on `__redis__:invalidate`. FLUSHDB/FLUSHALL send a
// null invalidation to every tracking client.
import { MapReply, SetReply, type Reply } from '@ferrous/resp';
import type { KeyEvent } from '@ferrous/store';
import { intArg } from './args';
import type { Client } from './client';
import { F, type Command } from './dispatch/command-table';
import { ErrorText, RedisError } from './errors';
import { persistenceOf } from './persistence/persistence';
import { OK } from './reply';
import type { Server } from './server';
import { perServer } from './per-server';

/** Tracking options of one client (present while its tracking is on). */
interface ClientTracking {
  /** Client id invalidations are redirected to, 0 for none. */
  redirect: number;
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  /** CLIENT CACHING was given for the next command. */
  caching: boolean;
  brokenRedirect: boolean;
  /** BCAST prefixes. */
  prefixes: Set<string>;
}

/** One BCAST prefix: its clients and the keys changed since the last broadcast (→ who changed them). */
interface PrefixState {
  clients: Set<Client>;
  keys: Map<string, Client | null>;
}

const INVALIDATE_HEADER = '>2\r\n$10\r\ninvalidate\r\n';
const CHANNEL_HEADER = '*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n';

// The client whose command is executing: invalidations of keys it changes itself are held until
// its reply is written (commands run one at a time, so one slot serves every server).
let current: Client | null = null;
const pending: (string | null)[] = [];
// A flush already sent its null invalidations in this command (FLUSHALL flushes every database).
let flushNoted = false;

export class Tracking {
  /** Key name → ids of clients that may cache it. */
  readonly table = new Map<string, Set<number>>();
  readonly prefixTable = new Map<string, PrefixState>();
  /** Sum of the id sets' sizes (INFO tracking_total_items). */
  totalItems = 0;
  /** Clients with tracking on (INFO tracking_clients). */
  clients = 0;
  private readonly states = new WeakMap<Client, ClientTracking>();
  private readonly toFlush = new Set<Client>();
  private batchScheduled = false;

  constructor(private readonly server: Server) {}

  stateOf(client: Client): ClientTracking | undefined {
    return client.flags.tracking ? this.states.get(client) : undefined;
  }

  // ---- enabling ----------------------------------------------------------------------------------

  enable(client: Client, redirect: number, options: Omit<ClientTracking, 'redirect' | 'caching' | 'brokenRedirect' | 'prefixes'>, prefixes: string[]): void {
    let st = this.stateOf(client);
    if (st === undefined) {
      this.clients++;
      client.flags.tracking = true;
      st = { redirect, bcast: false, optin: false, optout: false, noloop: false, caching: false, brokenRedirect: false, prefixes: new Set() };
      this.states.set(client, st);
    }
    Object.assign(st, options, { redirect, brokenRedirect: false });
    if (options.bcast) for (const p of prefixes.length ? prefixes : ['']) this.addPrefix(client, st, p);
  }

  private addPrefix(client: Client, st: ClientTracking, prefix: string): void {
    let ps = this.prefixTable.get(prefix);
    if (ps === undefined) this.prefixTable.set(prefix, (ps = { clients: new Set(), keys: new Map() }));
    ps.clients.add(client);
    st.prefixes.add(prefix);
  }

  /** CLIENT TRACKING OFF, RESET, disconnect. Keys it read stay in the table until they change. */
  disable(client: Client): void {
    const st = this.stateOf(client);
    if (st === undefined) return;
    for (const p of st.prefixes) {
      const ps = this.prefixTable.get(p)!;
      ps.clients.delete(client);
      if (ps.clients.size === 0) this.prefixTable.delete(p);
    }
    this.states.delete(client);
    client.flags.tracking = false;
    this.clients--;
  }

  // ---- reads -------------------------------------------------------------------------------------

  /** Remembers the keys a read-only command of a tracking client read. */
  remember(client: Client, cmd: Command, argv: string[]): void {
    const st = this.stateOf(client);
    if (st === undefined || st.bcast) return;
    if ((st.optin && !st.caching) || (st.optout && st.caching)) return;
    // Shard channels look like keys but are never tracked.
    if (cmd.bits & F.pubsub) return;
    for (const pos of cmd.keyPositions(argv)) {
      const key = argv[pos];
      let ids = this.table.get(key);
      if (ids === undefined) this.table.set(key, (ids = new Set()));
      if (!ids.has(client.id)) {
        ids.add(client.id);
        this.totalItems++;
      }
    }
    const max = this.server.config.int('tracking-table-max-keys');
    if (max > 0 && this.table.size > max) this.scheduleBatch();
  }

  // ---- changes -----------------------------------------------------------------------------------

  /** The store's change listener. */
  onKeyChange(key: string | null, event: KeyEvent): void {
    if (key !== null) {
      const modifier = event === 'expired' || event === 'evicted' ? null : current;
      if (this.prefixTable.size !== 0) this.rememberToBroadcast(key, modifier);
      if (this.table.size !== 0) this.invalidateKey(key);
    } else if (event === 'flush') {
      this.onFlush();
    }
  }

  private invalidateKey(key: string): void {
    const ids = this.table.get(key);
    if (ids === undefined) return;
    for (const id of ids) {
      const target = this.server.clients.get(id);
      const st = target === undefined ? undefined : this.stateOf(target);
      if (st === undefined || st.bcast) continue;
      if (target === current) {
        if (!st.noloop) pending.push(key);
      } else {
        this.send(target!, st, keysPayload([key]));
      }
    }
    this.totalItems -= ids.size;
    this.table.delete(key);
  }

  private rememberToBroadcast(key: string, modifier: Client | null): void {
    for (const [prefix, ps] of this.prefixTable) {
      if (key.startsWith(prefix)) {
        ps.keys.set(key, modifier);
        this.scheduleBatch();
      }
    }
  }

  /** FLUSHDB/FLUSHALL: one null invalidation per command for every tracking client; the table empties. */
  private onFlush(): void {
    this.table.clear();
    this.totalItems = 0;
    if (flushNoted || this.clients === 0) return;
    flushNoted = true;
    if (current === null) this.scheduleBatch();
    for (const c of this.server.clients.values()) {
      const st = this.stateOf(c);
      if (st === undefined) continue;
      if (c === current) pending.push(null);
      else this.send(c, st, nullPayload(c));
    }
  }

  /** After a command: the executing client's own invalidations follow its reply. */
  afterCommand(client: Client): void {
    flushNoted = false;
    if (pending.length === 0) return;
    const st = this.stateOf(client);
    for (const key of pending.splice(0)) if (st !== undefined) this.send(client, st, key === null ? nullPayload(client) : keysPayload([key]));
  }

  // ---- delivery ----------------------------------------------------------------------------------

  /** Redis's sendTrackingMessage: to the client, or to its redirect target. */
  private send(client: Client, st: ClientTracking, payload: string): void {
    let target = client;
    if (st.redirect !== 0) {
      const redir = this.server.clients.get(st.redirect);
      if (redir === undefined) {
        st.brokenRedirect = true;
        // Only a RESP3 client can be told that its redirect target is gone.
        if (client.resp === 3) this.write(client, `>2\r\n$21\r\ntracking-redir-broken\r\n:${st.redirect}\r\n`);
        return;
      }
      target = redir;
    }
    if (target.resp === 3) this.write(target, INVALIDATE_HEADER + payload);
    // RESP2 has no pushes: only a redirect target in pub/sub mode can be told, as a channel message.
    else if (st.redirect !== 0 && target.subscriptions + target.patternSubscriptions + target.shardSubscriptions > 0) this.write(target, CHANNEL_HEADER + payload);
  }

  private write(client: Client, frame: string): void {
    client.replyRaw(Buffer.from(frame, 'latin1'));
    this.toFlush.add(client);
    this.scheduleBatch();
  }

  private scheduleBatch(): void {
    if (this.batchScheduled) return;
    this.batchScheduled = true;
    queueMicrotask(() => this.runBatch());
  }

  /** After a batch of commands (Redis's beforeSleep): BCAST broadcasts, the table limit, socket writes. */
  private runBatch(): void {
    this.batchScheduled = false;
    flushNoted = false;
    this.broadcast();
    this.limitTable();
    const clients = [...this.toFlush];
    this.toFlush.clear();
    const persistence = persistenceOf(this.server);
    for (const c of clients) if (!c.closed) persistence.flushReplies(c);
  }

  private broadcast(): void {
    const prefixes = [...this.prefixTable.keys()].sort();
    for (const prefix of prefixes) {
      const ps = this.prefixTable.get(prefix)!;
      if (ps.keys.size === 0) continue;
      const keys = [...ps.keys.keys()].sort();
      const shared = keysPayload(keys);
      for (const c of ps.clients) {
        const st = this.stateOf(c);
        if (st === undefined) continue;
        if (!st.noloop) {
          this.send(c, st, shared);
          continue;
        }
        const own = keys.filter((k) => ps.keys.get(k) !== c);
        if (own.length !== 0) this.send(c, st, keysPayload(own));
      }
      ps.keys.clear();
    }
  }

  /** tracking-table-max-keys: invalidates the oldest keys until the table fits again. */
  private limitTable(): void {
    const max = this.server.config.int('tracking-table-max-keys');
    if (max === 0) return;
    for (const key of this.table.keys()) {
      if (this.table.size <= max) break;
      this.invalidateKey(key);
    }
  }
}

function keysPayload(keys: string[]): string {
  let out = `*${keys.length}\r\n`;
  for (const k of keys) out += `$${k.length}\r\n${k}\r\n`;
  return out;
}

/** The null in the tracking client's own protocol (as Redis sends it, even through a redirect). */
function nullPayload(client: Client): string {
  return client.resp === 3 ? '_\r\n' : '$-1\r\n';
}

const registries = perServer((server) => new Tracking(server));

/** The tracking state of `server` (one per server, created on first use). */
export function trackingOf(server: Server): Tracking {
  return registries.of(server);
}

/** Hooks tracking into the store's change events. */
export function installTracking(server: Server): void {
  const tracking = trackingOf(server);
  server.store.onKeyChange((_db, key, event) => tracking.onKeyChange(key, event));
}

/** Marks `client` as executing a command; returns the outer one (commands may nest). */
export function enterCommand(client: Client): Client | null {
  const outer = current;
  current = client;
  return outer;
}

/** Ends `client`'s command: its own invalidations, then CLIENT CACHING lasts only one command. */
export function leaveCommand(client: Client, cmd: Command, outer: Client | null): void {
  current = outer;
  if (pending.length !== 0 || flushNoted) trackingOf(client.server).afterCommand(client);
  if (client.flags.tracking && !client.flags.multi && (cmd.parent ?? cmd).name !== 'client') trackingOf(client.server).stateOf(client)!.caching = false;
}

// ---- CLIENT subcommands ----------------------------------------------------------------------------

/** CLIENT TRACKING ON|OFF [REDIRECT id] [BCAST] [PREFIX p]... [OPTIN] [OPTOUT] [NOLOOP] */
export function clientTrackingCommand(c: Client, argv: string[]): Reply {
  const tracking = trackingOf(c.server);
  let redirect = 0;
  const options = { bcast: false, optin: false, optout: false, noloop: false };
  const prefixes: string[] = [];
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    const more = j < argv.length - 1;
    if (opt === 'redirect' && more) {
      j++;
      if (redirect !== 0) throw new RedisError('ERR A client can only redirect to a single other client');
      redirect = intArg(argv[j]);
      if (!c.server.clients.has(redirect)) throw new RedisError('ERR The client ID you want redirect to does not exist');
    } else if (opt === 'bcast' || opt === 'optin' || opt === 'optout' || opt === 'noloop') {
      options[opt] = true;
    } else if (opt === 'prefix' && more) {
      prefixes.push(argv[++j]);
    } else {
      throw new RedisError(ErrorText.syntax);
    }
  }
  const mode = argv[2].toLowerCase();
  if (mode === 'off') {
    tracking.disable(c);
    return OK;
  }
  if (mode !== 'on') throw new RedisError(ErrorText.syntax);
  const st = tracking.stateOf(c);
  if (!options.bcast && prefixes.length) throw new RedisError('ERR PREFIX option requires BCAST mode to be enabled');
  if (st !== undefined && st.bcast !== options.bcast) {
    throw new RedisError("ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.");
  }
  if (options.bcast && (options.optin || options.optout)) throw new RedisError('ERR OPTIN and OPTOUT are not compatible with BCAST');
  if (options.optin && options.optout) throw new RedisError("ERR You can't specify both OPTIN mode and OPTOUT mode");
  if (st !== undefined && ((options.optin && st.optout) || (options.optout && st.optin))) {
    throw new RedisError("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.");
  }
  if (options.bcast) checkPrefixCollisions(st === undefined ? [] : [...st.prefixes].sort(), prefixes);
  tracking.enable(c, redirect, options, prefixes);
  return OK;
}

/** Prefixes of one client must not overlap each other or the ones it already has. */
function checkPrefixCollisions(existing: string[], prefixes: string[]): void {
  const overlap = (a: string, b: string) => (a.length <= b.length ? b.startsWith(a) : a.startsWith(b));
  for (let i = 0; i < prefixes.length; i++) {
    const old = existing.find((e) => overlap(e, prefixes[i]));
    if (old !== undefined) {
      throw new RedisError(`ERR Prefix '${prefixes[i]}' overlaps with an existing prefix '${old}'. Prefixes for a single client must not overlap.`);
    }
    for (let j = i + 1; j < prefixes.length; j++) {
      if (overlap(prefixes[i], prefixes[j])) {
        throw new RedisError(`ERR Prefix '${prefixes[i]}' overlaps with another provided prefix '${prefixes[j]}'. Prefixes for a single client must not overlap.`);
      }
    }
  }
}

/** CLIENT CACHING YES|NO: the next command's keys are (YES, OPTIN) or are not (NO, OPTOUT) tracked. */
export function clientCachingCommand(c: Client, argv: string[]): Reply {
  const st = trackingOf(c.server).stateOf(c);
  if (st === undefined) throw new RedisError('ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled');
  const opt = argv[2].toLowerCase();
  if (opt === 'yes') {
    if (!st.optin) throw new RedisError('ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.');
  } else if (opt === 'no') {
    if (!st.optout) throw new RedisError('ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.');
  } else {
    throw new RedisError(ErrorText.syntax);
  }
  st.caching = true;
  return OK;
}

/** The redirect id CLIENT GETREDIR / CLIENT LIST show: -1 when tracking is off. */
export function trackingRedirect(c: Client): number {
  return trackingOf(c.server).stateOf(c)?.redirect ?? -1;
}

/** CLIENT LIST flag letters: t (tracking), R (broken redirect), B (broadcast). */
export function trackingFlags(c: Client): string {
  const st = trackingOf(c.server).stateOf(c);
  if (st === undefined) return '';
  return 't' + (st.brokenRedirect ? 'R' : '') + (st.bcast ? 'B' : '');
}

export function clientGetredirCommand(c: Client): Reply {
  return trackingRedirect(c);
}

export function clientTrackinginfoCommand(c: Client): Reply {
  const st = trackingOf(c.server).stateOf(c);
  const flags: string[] = [st === undefined ? 'off' : 'on'];
  if (st !== undefined) {
    if (st.bcast) flags.push('bcast');
    if (st.optin) flags.push('optin', ...(st.caching ? ['caching-yes'] : []));
    if (st.optout) flags.push('optout', ...(st.caching ? ['caching-no'] : []));
    if (st.noloop) flags.push('noloop');
    if (st.brokenRedirect) flags.push('broken_redirect');
  }
  return new MapReply(['flags', new SetReply(flags), 'redirect', trackingRedirect(c), 'prefixes', st === undefined ? [] : [...st.prefixes].sort()]);
}
