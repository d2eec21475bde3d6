// One connection: its socket, request parser, pending replies and per-client state (db, protocol,
// name, auth, flags). Replies of everything parsed from one read go out in one socket write;
// output beyond client-output-buffer-limit disconnects the client instead of growing forever.
import type net from 'node:net';
import { RequestParser, ReplyBuffer, type ProtocolVersion, type Reply } from '@ferrous/resp';
import type { Database } from '@ferrous/store';
import type { Server } from './server';
import type { Command } from './dispatch/command-table';
import { processCommand } from './dispatch/process-command';
import { persistenceOf } from './persistence/persistence';
import { clientIo, type ClientIo } from './client-io';

export type ReplyMode = 'on' | 'off' | 'skip';

/** Client flags as CLIENT LIST prints them, in Redis's order. */
export interface ClientFlags {
  master: boolean;
  replica: boolean;
  monitor: boolean;
  multi: boolean;
  blocked: boolean;
  closeAfterReply: boolean;
  unixSocket: boolean;
  readonly: boolean;
  noEvict: boolean;
  tracking: boolean;
}

export class Client {
  readonly id: number;
  readonly createdAt: number;
  lastInteraction: number;
  resp: ProtocolVersion = 2;
  db: Database;
  name = '';
  libName = '';
  libVer = '';
  user = 'default';
  authenticated: boolean;
  replyMode: ReplyMode = 'on';
  /** Set by CLIENT REPLY SKIP: the next command's reply is dropped. */
  skipNext = false;
  /** The client scripts run their commands as (commands that refuse scripts check it). */
  isScript = false;
  lastCommand: Command | null = null;
  /**
   * Set by a handler whose effect propagates as another command (BLPOP served at once → LPOP), or
   * as nothing (null: scripts propagate their effects themselves); reset after each command.
   */
  propagateAs: ((argv: string[]) => string[] | null) | null = null;
  readonly flags: ClientFlags = {
    master: false,
    replica: false,
    monitor: false,
    multi: false,
    blocked: false,
    closeAfterReply: false,
    unixSocket: false,
    readonly: false,
    noEvict: false,
    tracking: false,
  };
  /** Pub/sub subscription counts (pub/sub lands later; the pipeline already reads them). */
  subscriptions = 0;
  patternSubscriptions = 0;
  shardSubscriptions = 0;
  /** Commands received while the client is postponed (CLIENT PAUSE), run in order later. */
  postponed: string[][] | null = null;
  /** When the soft output-buffer limit was first exceeded (ms), or 0. */
  softLimitSince = 0;
  readonly addr: string;
  readonly laddr: string;
  readonly fd: number;
  closed = false;

  private readonly parser: RequestParser;
  private readonly out = new ReplyBuffer();
  private readonly io: ClientIo;
  private readonly onCommand = (argv: string[]): void => {
    if (this.closed || this.flags.closeAfterReply) return;
    if (this.postponed !== null) this.postponed.push(argv);
    else processCommand(this, argv);
  };

  constructor(
    readonly server: Server,
    readonly socket: net.Socket,
    id: number,
  ) {
    this.id = id;
    this.fd = id + 7;
    this.createdAt = this.lastInteraction = Date.now();
    this.db = server.store.db(0);
    this.authenticated = server.config.str('requirepass') === '';
    this.flags.unixSocket = socket.remoteAddress === undefined && socket.remotePort === undefined;
    this.addr = this.flags.unixSocket ? `${server.unixSocketPath}:0` : formatAddr(socket.remoteAddress, socket.remotePort);
    this.laddr = this.flags.unixSocket ? `${server.unixSocketPath}:0` : formatAddr(socket.localAddress, socket.localPort);
    this.parser = new RequestParser({
      maxBulkLen: server.config.int('proto-max-bulk-len'),
      maxInlineLen: 64 * 1024,
    });
    socket.setNoDelay(true);
    this.io = clientIo(socket, (chunk) => this.onData(chunk));
    socket.on('close', () => server.removeClient(this));
    socket.on('error', () => undefined);
  }

  /** Database index the client has SELECTed. */
  get dbIndex(): number {
    return this.db.index;
  }

  /** Bytes of input held for an incomplete command. */
  get queryBufferSize(): number {
    return this.parser.bufferedBytes;
  }

  /** Pending output bytes: unwritten replies plus what the socket has not sent yet. */
  get outputSize(): number {
    return this.out.size + this.io.pendingBytes;
  }

  /** Appends a reply (honouring CLIENT REPLY OFF/SKIP). */
  reply(reply: Reply): void {
    if (this.replyMode === 'on' && !this.skipNext) this.out.append(reply, this.resp);
  }

  /** Appends a reply even under CLIENT REPLY OFF (protocol errors, pushes). */
  replyAlways(reply: Reply): void {
    this.out.append(reply, this.resp);
  }

  /** Appends pre-encoded bytes (MONITOR lines, shared pub/sub messages). */
  replyRaw(bytes: Buffer): void {
    this.out.appendRaw(bytes);
  }

  private onData(chunk: Buffer): void {
    const server = this.server;
    const now = Date.now();
    this.lastInteraction = now;
    server.stats.netInputBytes += chunk.length;
    // One clock read per read batch for the keys' access stamps, not one per key access.
    const store = server.store;
    store.cacheClock(now);
    let error;
    try {
      error = this.parser.feed(chunk, this.onCommand);
    } finally {
      store.uncacheClock();
    }
    if (error !== null) {
      server.log('verbose', `Protocol error (${error.message}) from client: ${this.describe()}`);
      this.replyAlways(error.reply);
      this.flags.closeAfterReply = true;
    } else if (this.parser.bufferedBytes > server.queryBufferLimit) {
      server.log('warning', `Closing client that reached max query buffer length: ${this.describe()}`);
      server.stats.clientQueryBufferLimitDisconnections++;
      this.close();
      return;
    }
    persistenceOf(server).flushReplies(this);
  }

  /** Writes everything pending with one write and enforces output limits. */
  flush(): void {
    if (this.closed) return;
    if (!this.out.isEmpty) {
      const chunks = this.out.flush();
      let bytes = 0;
      for (const c of chunks) bytes += c.length;
      this.io.write(chunks);
      this.server.stats.netOutputBytes += bytes;
      if (this.server.checkOutputLimits(this)) return;
    }
    if (this.flags.closeAfterReply) this.close(true);
  }

  /** Runs commands that were postponed by CLIENT PAUSE, in order, then writes their replies. */
  resume(): void {
    const queued = this.postponed;
    if (queued === null) return;
    this.postponed = null;
    for (let i = 0; i < queued.length; i++) {
      // A command may postpone the client again (a new CLIENT PAUSE): keep the rest queued.
      const again = this.postponed as string[][] | null;
      if (again !== null) {
        again.push(...queued.slice(i));
        break;
      }
      this.onCommand(queued[i]);
    }
    if (this.postponed === null) this.io.resume();
    persistenceOf(this.server).flushReplies(this);
  }

  /** Stops reading this client's input until resume() (its commands wait in `postponed`). */
  pauseReading(): void {
    this.io.pause();
  }

  /** Closes the connection; `graceful` lets pending output drain first. */
  close(graceful = false): void {
    if (this.closed) return;
    this.closed = true;
    if (graceful) {
      // Read again if paused: the socket closes once the peer's EOF arrives after our end().
      this.io.resume();
      this.socket.end();
    } else {
      this.socket.destroy();
    }
    this.server.removeClient(this);
  }

  /** `id=… addr=… name=…` for logs. */
  describe(): string {
    return `id=${this.id} addr=${this.addr} laddr=${this.laddr} name=${this.name}`;
  }
}

/** `ip:port`, or `[ip]:port` for IPv6, as Redis's anetFormatAddr prints it. */
function formatAddr(address: string | undefined, port: number | undefined): string {
  let ip = address ?? '?';
  if (ip.startsWith('::ffff:') && ip.includes('.')) ip = ip.slice(7);
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
