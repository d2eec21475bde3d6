// The server: listeners (TCP on every bind address, Unix socket), the client list, the store, the
// live config and its apply hooks, the cron (idle timeouts, output-buffer soft limits, active
// expiry, instantaneous metrics) and graceful shutdown.
import { appendFileSync, chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { encodeReply, SimpleString } from '@ferrous/resp';
import { Store, type MaxmemoryPolicy, type StoreConfig } from '@ferrous/store';
import { Client } from './client';
import type { Config } from './config/config';
import type { BufferLimits } from './config/option-types';
import { buildCommandTable, F, type Command, type CommandTable } from './dispatch/command-table';
import { COMMAND_FAMILIES } from './commands/families';
import { LatencyMonitor } from './latency';
import { Slowlog } from './slowlog';
import { ServerError } from './errors';
import { pubsubOf } from './pubsub/registry';
import { installKeyspaceNotifications } from './notify';
import { installTracking, trackingOf } from './tracking';
import { discardTransaction } from './commands/transaction';
import { persistenceOf } from './persistence/persistence';
import { blockedClientsOf } from './blocking/blocked-clients';
import { busyErrorOf } from './scripting/scripting';

export const FERROUS_VERSION = '0.1.0';
/** The Redis version Ferrous is compatible with (INFO redis_version, HELLO version). */
export const REDIS_VERSION = '7.0.15';

export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning';
const LOG_LEVELS: Record<LogLevel, number> = { debug: 0, verbose: 1, notice: 2, warning: 3 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LOG_MARKS: Record<LogLevel, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };

export interface ServerStats {
  totalConnections: number;
  rejectedConnections: number;
  totalCommands: number;
  netInputBytes: number;
  netOutputBytes: number;
  errorReplies: number;
  errorCodes: Map<string, number>;
  clientQueryBufferLimitDisconnections: number;
  clientOutputBufferLimitDisconnections: number;
  expireCycleMs: number;
}

/** Sliding samples for instantaneous_ops_per_sec / _kbps (Redis keeps 16, every 100 ms). */
class Instantaneous {
  private samples: number[] = [];
  private lastValue = 0;
  private lastTime = Date.now();

  sample(value: number): void {
    const now = Date.now();
    const dt = now - this.lastTime;
    if (dt <= 0) return;
    this.samples.push(((value - this.lastValue) * 1000) / dt);
    if (this.samples.length > 16) this.samples.shift();
    this.lastValue = value;
    this.lastTime = now;
  }

  get value(): number {
    return this.samples.length ? this.samples.reduce((a, b) => a + b, 0) / this.samples.length : 0;
  }
}

export interface ServerHooks {
  /** Called after a command that changed the dataset (AOF / replicas attach here). */
  propagate?: (db: number, argv: string[]) => void;
}

export class Server {
  readonly store: Store;
  readonly commands: CommandTable;
  readonly clients = new Map<number, Client>();
  readonly monitors = new Set<Client>();
  readonly slowlog = new Slowlog();
  readonly latency = new LatencyMonitor();
  readonly runId = randomBytes(20).toString('hex');
  readonly startTime = Date.now();
  readonly hooks: ServerHooks = {};
  readonly stats: ServerStats = {
    totalConnections: 0,
    rejectedConnections: 0,
    totalCommands: 0,
    netInputBytes: 0,
    netOutputBytes: 0,
    errorReplies: 0,
    errorCodes: new Map(),
    clientQueryBufferLimitDisconnections: 0,
    clientOutputBufferLimitDisconnections: 0,
    expireCycleMs: 0,
  };
  readonly opsPerSec = new Instantaneous();
  readonly inputKbps = new Instantaneous();
  readonly outputKbps = new Instantaneous();

  /** Changes to the dataset since the last save (INFO rdb_changes_since_last_save). */
  dirty = 0;
  lastSave = Math.floor(Date.now() / 1000);
  loading = false;
  busy = false;
  /** CLIENT PAUSE state: `all` pauses every command, otherwise only writes. */
  pause: { all: boolean; until: number } | null = null;
  maxmemoryEnabled = false;
  /** Hot config values, mirrored on change so the per-command path reads plain fields. */
  slowlogSlowerThan = 10000;
  latencyThreshold = 0;
  queryBufferLimit = 1024 * 1024 * 1024;
  outputLimits!: BufferLimits;
  /** DEBUG SET-ACTIVE-EXPIRE: whether the cron expires keys in the background. */
  activeExpire = true;
  /** TCP ports actually bound (one per address family; empty when TCP is disabled). */
  tcpPort = 0;
  unixSocketPath = '';
  shuttingDown = false;

  /** Command lookup by the exact name a client sent (`GET`, `get`, `Get`), filled on first use. */
  private readonly lookupCache = new Map<string, Command>();
  private nextClientId = 1;
  private listeners: net.Server[] = [];
  private cronTimer: NodeJS.Timeout | null = null;
  private metricsTimer: NodeJS.Timeout | null = null;
  private paused = new Set<Client>();
  private logSink: ((line: string) => void) | null = null;
  private logLevel = LOG_LEVELS.notice;
  private onShutdown: (() => void) | null = null;
  private closedPromise: Promise<void> | null = null;

  constructor(
    readonly config: Config,
    options: { log?: boolean | ((line: string) => void); onShutdown?: () => void } = {},
  ) {
    const c = config;
    this.commands = buildCommandTable(COMMAND_FAMILIES);
    this.store = new Store({ databases: c.int('databases') });
    this.store.onKeyChange(() => this.dirty++);
    installKeyspaceNotifications(this);
    installTracking(this);
    c.setText('dir', resolve(c.str('dir')));
    for (const name of STORE_OPTIONS) {
      this.syncStore(name);
      c.onChange(name, () => this.syncStore(name));
    }
    c.onChange('maxmemory-policy', (v, old) => {
      if (String(v).endsWith('lfu') !== String(old).endsWith('lfu')) this.store.policyChanged();
    });
    const mirror = () => {
      this.slowlogSlowerThan = c.int('slowlog-log-slower-than');
      this.latencyThreshold = c.int('latency-monitor-threshold');
      this.queryBufferLimit = c.int('client-query-buffer-limit');
      this.outputLimits = c.get('client-output-buffer-limit') as BufferLimits;
    };
    mirror();
    for (const name of ['slowlog-log-slower-than', 'latency-monitor-threshold', 'client-query-buffer-limit', 'client-output-buffer-limit']) c.onChange(name, mirror);
    c.onChange('hz', () => this.startCron());
    c.onChange('slowlog-max-len', (v) => this.slowlog.trim(v as number));
    c.onChange('loglevel', (v) => (this.logLevel = LOG_LEVELS[v as LogLevel]));
    c.onChange('port', (v) => this.rebind(c.get('bind') as string[], v as number));
    c.onChange('bind', (v) => this.rebind(v as string[], this.tcpPort));
    c.onChange('dir', (v) => {
      if (!existsSync(v as string)) throw new Error('No such file or directory');
    });
    this.logLevel = LOG_LEVELS[c.str('loglevel') as LogLevel];
    const logfile = c.str('logfile');
    if (typeof options.log === 'function') this.logSink = options.log;
    else if (logfile !== '') this.logSink = (line) => appendFileSync(logfile, line + '\n');
    else if (options.log) this.logSink = (line) => process.stdout.write(line + '\n');
    this.onShutdown = options.onShutdown ?? null;
  }

  private syncStore(name: (typeof STORE_OPTIONS)[number]): void {
    const cfg = this.store.config as unknown as Record<string, number | string>;
    cfg[name] = this.config.get(name) as number | string;
    if (name === 'maxmemory') this.maxmemoryEnabled = this.config.int('maxmemory') > 0;
    if (name === 'maxmemory-policy') (this.store.config as StoreConfig)['maxmemory-policy'] = this.config.str(name) as MaxmemoryPolicy;
  }

  // ---- logging ---------------------------------------------------------------------------------

  log(level: LogLevel, message: string): void {
    if (this.logSink === null || LOG_LEVELS[level] < this.logLevel) return;
    const d = new Date();
    const month = MONTHS[d.getUTCMonth()];
    const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
    this.logSink(`${process.pid}:M ${String(d.getUTCDate()).padStart(2, '0')} ${month} ${d.getUTCFullYear()} ${time} ${LOG_MARKS[level]} ${message}`);
  }

  // ---- listening -------------------------------------------------------------------------------

  /** Binds TCP (unless port 0) and the Unix socket. Throws when nothing could be bound. */
  async listen(ephemeralPort = false): Promise<void> {
    const port = ephemeralPort ? 0 : this.config.int('port');
    if (port !== 0 || ephemeralPort) await this.bindTcp(this.config.get('bind') as string[], port);
    const unix = this.config.str('unixsocket');
    if (unix !== '') {
      if (existsSync(unix)) rmSync(unix, { force: true });
      const srv = net.createServer((s) => this.accept(s));
      await new Promise<void>((res, rej) => {
        srv.once('error', rej);
        srv.listen(unix, () => res());
      });
      const perm = this.config.int('unixsocketperm');
      if (perm) chmodSync(unix, perm);
      this.unixSocketPath = unix;
      this.listeners.push(srv);
      this.log('notice', `The server is now ready to accept connections at ${unix}`);
    }
    this.startCron();
    this.metricsTimer = setInterval(() => {
      this.opsPerSec.sample(this.stats.totalCommands);
      this.inputKbps.sample(this.stats.netInputBytes / 1024);
      this.outputKbps.sample(this.stats.netOutputBytes / 1024);
    }, 100);
  }

  private async bindTcp(addresses: string[], port: number): Promise<net.Server[]> {
    const bound: net.Server[] = [];
    let actualPort = port;
    for (const raw of addresses.length ? addresses : ['*']) {
      const optional = raw.startsWith('-');
      const addr = optional ? raw.slice(1) : raw;
      const host = addr === '*' ? '0.0.0.0' : addr === '::*' ? '::' : addr;
      const srv = net.createServer((s) => this.accept(s));
      try {
        await new Promise<void>((res, rej) => {
          srv.once('error', rej);
          srv.listen({ host, port: actualPort, backlog: this.config.int('tcp-backlog'), ipv6Only: host.includes(':') }, () => res());
        });
        actualPort = (srv.address() as net.AddressInfo).port;
        bound.push(srv);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (optional && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
        for (const s of bound) s.close();
        const why = code === 'EADDRINUSE' ? 'Address already in use' : (e as Error).message;
        this.log('warning', `Warning: Could not create server TCP listening socket ${addr}:${port}: bind: ${why}`);
        throw new Error(`Could not create server TCP listening socket ${addr}:${port}: bind: ${why}`, { cause: e });
      }
    }
    if (bound.length === 0) throw new Error(`Failed listening on port ${port} (TCP), aborting.`);
    this.tcpPort = actualPort;
    this.listeners.push(...bound);
    if (port === 0) this.config.setText('port', String(actualPort));
    return bound;
  }

  /** CONFIG SET port/bind: bind the new sockets first, then close the old ones. */
  private rebind(addresses: string[], port: number): void {
    const old = this.listeners.filter((l) => typeof l.address() !== 'string');
    if (port === 0) {
      for (const l of old) l.close();
      this.listeners = this.listeners.filter((l) => !old.includes(l));
      this.tcpPort = 0;
      return;
    }
    // Binding is asynchronous in Node; CONFIG SET answers after scheduling it, and a failure is
    // logged and leaves the old listeners in place.
    this.bindTcp(addresses, port).then(
      () => {
        for (const l of old) l.close();
        this.listeners = this.listeners.filter((l) => !old.includes(l));
      },
      (e: Error) => this.log('warning', `Failed to bind: ${e.message}`),
    );
  }

  /** All bound TCP ports (one per listener). */
  get tcpPorts(): number[] {
    return this.listeners.map((l) => l.address()).flatMap((a) => (a && typeof a !== 'string' ? [a.port] : []));
  }

  private accept(socket: net.Socket): void {
    this.stats.totalConnections++;
    if (this.shuttingDown) {
      socket.destroy();
      return;
    }
    if (this.clients.size >= this.config.int('maxclients')) {
      this.stats.rejectedConnections++;
      socket.end(`-${ServerError.maxClients}\r\n`);
      return;
    }
    const isUnix = socket.remoteAddress === undefined;
    if (!isUnix && this.config.bool('protected-mode') && this.config.str('requirepass') === '' && !isLoopback(socket.remoteAddress!)) {
      this.stats.rejectedConnections++;
      socket.end(`-${PROTECTED_MODE_DENIED}\r\n`);
      return;
    }
    const keepalive = this.config.int('tcp-keepalive');
    if (!isUnix && keepalive > 0) socket.setKeepAlive(true, keepalive * 1000);
    const client = new Client(this, socket, this.nextClientId++);
    this.clients.set(client.id, client);
  }

  removeClient(client: Client): void {
    if (!this.clients.delete(client.id)) return;
    client.closed = true;
    this.monitors.delete(client);
    this.paused.delete(client);
    discardTransaction(client);
    pubsubOf(this).forget(client);
    trackingOf(this).disable(client);
    blockedClientsOf(this).forget(client);
  }

  /** The command named `name` in any letter case, or undefined. */
  lookupCommand(name: string): Command | undefined {
    let cmd = this.lookupCache.get(name);
    if (cmd === undefined) {
      cmd = this.commands.get(name.toLowerCase());
      // Only real command names are cached, so the cache is bounded by the table's spellings in use.
      if (cmd !== undefined && this.lookupCache.size < 4096) this.lookupCache.set(name, cmd);
    }
    return cmd;
  }

  // ---- per-command bookkeeping -------------------------------------------------------------------

  /** CONFIG RESETSTAT. */
  resetStats(): void {
    const st = this.stats;
    st.totalConnections = st.rejectedConnections = st.totalCommands = 0;
    st.netInputBytes = st.netOutputBytes = st.errorReplies = st.expireCycleMs = 0;
    st.clientQueryBufferLimitDisconnections = st.clientOutputBufferLimitDisconnections = 0;
    st.errorCodes.clear();
    const store = this.store.stats;
    store.expiredKeys = store.evictedKeys = store.keyspaceHits = store.keyspaceMisses = 0;
    for (const cmd of this.commands.values()) {
      for (const c of cmd.subcommands ? [cmd, ...cmd.subcommands.values()] : [cmd]) {
        Object.assign(c.stats, { calls: 0, usec: 0, rejectedCalls: 0, failedCalls: 0 });
        c.histogram.fill(0);
      }
    }
  }

  countError(message: string): void {
    this.stats.errorReplies++;
    const space = message.indexOf(' ');
    const code = space < 0 ? message : message.slice(0, space);
    this.stats.errorCodes.set(code, (this.stats.errorCodes.get(code) ?? 0) + 1);
  }

  /** Slowlog, latency monitor, MONITOR feed and propagation after a command ran. */
  afterCommand(client: Client, cmd: Command, argv: string[], usec: number, changed: boolean): void {
    const h = cmd.histogram;
    h[usec <= 1 ? 0 : 32 - Math.clz32(usec - 1)]++;
    const slower = this.slowlogSlowerThan;
    if (slower >= 0 && usec >= slower && !(cmd.bits & F.skipSlowlog)) {
      this.slowlog.add(argv, usec, client.addr, client.name, this.config.int('slowlog-max-len'));
    }
    const threshold = this.latencyThreshold;
    if (threshold > 0 && usec / 1000 >= threshold) {
      this.latency.add(cmd.bits & F.fast ? 'fast-command' : 'command', Math.round(usec / 1000));
    }
    if (this.monitors.size > 0 && !(cmd.bits & (F.skipMonitor | F.admin))) this.feedMonitors(client, argv);
    const rewrite = client.propagateAs;
    if (rewrite !== null) client.propagateAs = null;
    if (changed && this.hooks.propagate) {
      const out = rewrite === null ? argv : rewrite(argv);
      if (out !== null) this.hooks.propagate(client.dbIndex, out);
    }
  }

  /** Feeds MONITOR clients one command line (commands flagged skip_monitor, like EVAL, feed themselves). */
  feedMonitors(client: Client, argv: string[]): void {
    const now = Date.now() * 1000 + Math.floor((performance.now() % 1) * 1000);
    const ts = `${Math.floor(now / 1e6)}.${String(now % 1e6).padStart(6, '0')}`;
    const where = client.flags.unixSocket ? `unix:${this.unixSocketPath}` : client.addr;
    const line = `${ts} [${client.dbIndex} ${where}] ${argv.map(repr).join(' ')}`;
    const bytes = encodeReply(new SimpleString(line), 2);
    for (const m of this.monitors) {
      if (m === client) continue;
      m.replyRaw(bytes);
      m.flush();
    }
  }

  /** Whether a `protected` command (DEBUG, MODULE) is allowed for this client; null when it is. */
  protectedCommandDenied(client: Client, cmd: Command): string | null {
    const name = cmd.parent ? cmd.parent.name : cmd.name;
    const option = name === 'debug' ? 'enable-debug-command' : name === 'module' ? 'enable-module-command' : null;
    if (option === null) return null;
    const setting = this.config.str(option);
    if (setting === 'yes' || (setting === 'local' && (client.flags.unixSocket || isLoopback(client.socket.remoteAddress ?? '')))) return null;
    const upper = name.toUpperCase();
    return `ERR ${upper} command not allowed. If the ${option} option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.`;
  }

  // ---- output limits -----------------------------------------------------------------------------

  /** Closes `client` if its pending output passed its class limits; returns whether it did. */
  checkOutputLimits(client: Client): boolean {
    const limits = this.outputLimits;
    const cls = client.flags.replica ? limits.replica : client.subscriptions + client.patternSubscriptions + client.shardSubscriptions > 0 ? limits.pubsub : limits.normal;
    if (cls.hard === 0 && cls.soft === 0) return false;
    const size = client.outputSize;
    let over = cls.hard > 0 && size >= cls.hard;
    if (!over && cls.soft > 0 && size >= cls.soft) {
      if (client.softLimitSince === 0) client.softLimitSince = Date.now();
      else over = Date.now() - client.softLimitSince >= cls.softSeconds * 1000;
    } else if (!over) {
      client.softLimitSince = 0;
    }
    if (!over) return false;
    this.log('warning', `Client ${client.describe()} scheduled to be closed ASAP for overcoming of output buffer limits.`);
    this.stats.clientOutputBufferLimitDisconnections++;
    client.close();
    return true;
  }

  // ---- CLIENT PAUSE ------------------------------------------------------------------------------

  pauseClients(all: boolean, ms: number): void {
    const until = Date.now() + ms;
    // A new pause never shortens or weakens the current one.
    if (this.pause !== null) this.pause = { all: this.pause.all || all, until: Math.max(this.pause.until, until) };
    else this.pause = { all, until };
  }

  unpauseClients(): void {
    this.pause = null;
    const clients = [...this.paused];
    this.paused.clear();
    for (const c of clients) {
      c.flags.blocked = false;
      if (!c.closed) c.resume();
    }
  }

  /** Holds `argv` (and everything after it) until the pause ends. */
  postpone(client: Client, argv: string[]): void {
    client.postponed = [argv];
    client.flags.blocked = true;
    client.pauseReading();
    this.paused.add(client);
  }

  /** Clients postponed by CLIENT PAUSE or waiting in a blocking command (INFO blocked_clients). */
  get blockedClients(): number {
    return this.paused.size + blockedClientsOf(this).count;
  }

  // ---- cron --------------------------------------------------------------------------------------

  private startCron(): void {
    if (this.cronTimer) clearInterval(this.cronTimer);
    const period = Math.max(1, Math.floor(1000 / this.config.int('hz')));
    this.cronTimer = setInterval(() => this.cron(period), period);
  }

  private cron(period: number): void {
    const now = Date.now();
    if (this.pause !== null && now >= this.pause.until) this.unpauseClients();
    // A script running in the background (busy) sees a frozen dataset: no active expiry meanwhile.
    if (this.activeExpire && !this.busy) {
      const t0 = performance.now();
      this.store.activeExpireCycle(period / 4);
      this.stats.expireCycleMs += performance.now() - t0;
    }
    const timeout = this.config.int('timeout') * 1000;
    for (const client of this.clients.values()) {
      if (timeout > 0 && !client.flags.replica && !client.flags.master && !client.flags.blocked && client.subscriptions + client.patternSubscriptions === 0 && now - client.lastInteraction > timeout) {
        this.log('verbose', 'Closing idle client');
        client.close();
        continue;
      }
      if (client.softLimitSince !== 0) this.checkOutputLimits(client);
    }
  }

  // ---- shutdown ----------------------------------------------------------------------------------

  /** Closes listeners and clients; resolves when every socket is closed. Idempotent. */
  close(): Promise<void> {
    if (this.closedPromise) return this.closedPromise;
    this.shuttingDown = true;
    if (this.cronTimer) clearInterval(this.cronTimer);
    if (this.metricsTimer) clearInterval(this.metricsTimer);
    blockedClientsOf(this).close();
    const closing = this.listeners.map((l) => new Promise<void>((res) => l.close(() => res())));
    for (const c of [...this.clients.values()]) {
      c.flush();
      c.close(true);
    }
    if (this.unixSocketPath) rmSync(this.unixSocketPath, { force: true });
    const pidfile = this.config.str('pidfile');
    if (pidfile) rmSync(pidfile, { force: true });
    this.closedPromise = Promise.all([...closing, persistenceOf(this).close()]).then(() => undefined);
    return this.closedPromise;
  }

  /**
   * SHUTDOWN / SIGTERM: Redis's sequence (save when configured unless `nosave`, then close).
   * Returns an error text when the shutdown cannot proceed.
   */
  shutdown(options: { save?: boolean; nosave?: boolean; now?: boolean; force?: boolean }): string | null {
    // While a script runs, only SHUTDOWN NOSAVE may stop the server (the dataset is mid-script).
    if (this.busy && !options.nosave) return busyErrorOf(this);
    this.log('warning', 'User requested shutdown...');
    const saving = !options.nosave && (options.save || (this.config.get('save') as unknown[]).length > 0);
    if (saving && !persistenceOf(this).saveOnShutdown() && !options.force) return 'ERR Errors trying to SHUTDOWN. Check logs.';
    this.log('warning', 'Ferrous is now ready to exit, bye bye...');
    void this.close().then(() => this.onShutdown?.());
    return null;
  }

  writePidFile(): void {
    const pidfile = this.config.str('pidfile');
    if (pidfile) writeFileSync(pidfile, `${process.pid}\n`);
  }
}

/** Store settings mirrored from the server config. */
const STORE_OPTIONS = [
  'hash-max-listpack-entries',
  'hash-max-listpack-value',
  'list-max-listpack-size',
  'set-max-intset-entries',
  'zset-max-listpack-entries',
  'zset-max-listpack-value',
  'maxmemory',
  'maxmemory-policy',
  'maxmemory-samples',
  'lfu-log-factor',
  'lfu-decay-time',
  'active-expire-effort',
] as const;

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** An argument as MONITOR prints it (Redis's sdscatrepr). */
export function repr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c < 32 || c > 126) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

const PROTECTED_MODE_DENIED =
  "DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Set up an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.";
