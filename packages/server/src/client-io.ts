// A client connection's byte I/O: chunks in, reply buffers out, reading paused and resumed.
//
// Two implementations behind one interface. `StreamIo` is plain net.Socket (events, write, cork).
// `HandleIo` talks to the socket's libuv stream handle directly — the read callback and
// writeBuffer/writev that net.Socket itself calls — skipping the Readable/Writable layers above
// them. Measured with packages/server/bench/net-floor.ts (a Node server that only answers `:1`):
// those layers are ~0.2 µs of the ~1.4 µs a pipelined request costs Node's socket path at -P 16
// and ~2 µs of ~20 µs at -P 1, the same order as Redis's whole cost per request. The handle API
// is Node's internal stream_wrap binding, so it is feature-detected per socket: anything missing
// (another Node version, a socket without a handle, TLS later) falls back to StreamIo.
// EOF and read errors are handed to net.Socket's own read callback, so 'end', 'error' and
// 'close' behave as on any socket, and end()/destroy() still go through net.Socket.
import type net from 'node:net';

export interface ClientIo {
  /** Sends `chunks` in order with one write (one syscall when the socket takes it at once). */
  write(chunks: Buffer[]): void;
  /** Bytes handed to the socket but not yet taken by the kernel. */
  readonly pendingBytes: number;
  /** Stops delivering data until resume() (CLIENT PAUSE, a script's caller while it runs). */
  pause(): void;
  resume(): void;
}

/** The I/O for `socket`, delivering each read's bytes to `onData`. */
export function clientIo(socket: net.Socket, onData: (chunk: Buffer) => void): ClientIo {
  const handle = (socket as unknown as { _handle?: StreamHandle | null })._handle;
  if (streamWrap !== null && handle != null && isStreamHandle(handle)) return new HandleIo(socket, handle, onData, streamWrap);
  return new StreamIo(socket, onData);
}

class StreamIo implements ClientIo {
  constructor(
    private readonly socket: net.Socket,
    onData: (chunk: Buffer) => void,
  ) {
    socket.on('data', onData);
  }

  get pendingBytes(): number {
    return this.socket.writableLength;
  }

  write(chunks: Buffer[]): void {
    const socket = this.socket;
    if (chunks.length === 1) {
      socket.write(chunks[0]);
      return;
    }
    socket.cork();
    for (const c of chunks) socket.write(c);
    socket.uncork();
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }
}

// ---- the libuv handle path ---------------------------------------------------------------------

/** What net.Socket's `_handle` (a TCP or Pipe wrap) offers and this module uses. */
interface StreamHandle {
  onread: (this: StreamHandle, arrayBuffer: ArrayBuffer | undefined) => void;
  writeBuffer(req: WriteRequest, data: Buffer): number;
  writev(req: WriteRequest, chunks: Buffer[], allBuffers: boolean): number;
  readStart(): number;
  readStop(): number;
}

interface WriteRequest {
  handle: StreamHandle;
  oncomplete: (this: WriteRequest, status: number) => void;
  async: boolean;
  bytes: number;
  buffer: unknown;
  io: HandleIo | null;
  pending: number;
}

interface StreamWrap {
  WriteWrap: new () => WriteRequest;
  streamBaseState: Int32Array;
  kReadBytesOrError: number;
  kArrayBufferOffset: number;
  kLastWriteWasAsync: number;
}

const streamWrap = loadStreamWrap();

function loadStreamWrap(): StreamWrap | null {
  try {
    const binding = (process as unknown as { binding(name: string): Partial<StreamWrap> }).binding('stream_wrap');
    const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset, kLastWriteWasAsync } = binding;
    if (typeof WriteWrap !== 'function' || !(streamBaseState instanceof Int32Array)) return null;
    if (typeof kReadBytesOrError !== 'number' || typeof kArrayBufferOffset !== 'number' || typeof kLastWriteWasAsync !== 'number') return null;
    return { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset, kLastWriteWasAsync };
  } catch {
    return null;
  }
}

function isStreamHandle(handle: object): handle is StreamHandle {
  const h = handle as Partial<StreamHandle>;
  return typeof h.onread === 'function' && typeof h.writeBuffer === 'function' && typeof h.writev === 'function' && typeof h.readStart === 'function' && typeof h.readStop === 'function';
}

/** A write the kernel did not take at once completed: release its bytes; a failure closes the socket. */
function onWriteComplete(this: WriteRequest, status: number): void {
  const io = this.io;
  if (io === null) return;
  io.settle(this.pending);
  if (status < 0) io.fail(status);
}

/** Bytes read from a paused client before reading stops too (net.Socket's own high-water mark is 16 KB). */
const HELD_MAX = 1024 * 1024;

class HandleIo implements ClientIo {
  private pending = 0;
  /** Chunks read while paused, delivered on resume; null when not paused. */
  private held: Buffer[] | null = null;
  private heldBytes = 0;
  /** Reading stopped because HELD_MAX bytes are held. */
  private stopped = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly handle: StreamHandle,
    private readonly deliver: (chunk: Buffer) => void,
    private readonly wrap: StreamWrap,
  ) {
    const state = wrap.streamBaseState;
    const { kReadBytesOrError, kArrayBufferOffset } = wrap;
    const streamOnRead = handle.onread;
    handle.onread = (arrayBuffer) => {
      const nread = state[kReadBytesOrError];
      if (nread > 0) {
        const chunk = Buffer.from(arrayBuffer!, state[kArrayBufferOffset], nread);
        if (this.held === null) deliver(chunk);
        else this.hold(chunk);
      } else if (nread < 0) {
        streamOnRead.call(handle, arrayBuffer);
      }
    };
    // Flowing mode, so the EOF net.Socket's callback pushes ends the stream ('end', then 'close').
    socket.on('data', () => undefined);
  }

  get pendingBytes(): number {
    return this.pending;
  }

  write(chunks: Buffer[]): void {
    if (this.socket.destroyed) return;
    const req = new this.wrap.WriteWrap();
    req.handle = this.handle;
    req.oncomplete = onWriteComplete;
    req.async = false;
    req.bytes = 0;
    req.buffer = null;
    req.io = null;
    req.pending = 0;
    const err = chunks.length === 1 ? this.handle.writeBuffer(req, chunks[0]) : this.handle.writev(req, chunks, true);
    if (err !== 0) return this.fail(err);
    if (this.wrap.streamBaseState[this.wrap.kLastWriteWasAsync]) {
      // Queued in libuv: keep the buffers alive and count them until oncomplete.
      let bytes = 0;
      for (const c of chunks) bytes += c.length;
      req.buffer = chunks;
      req.io = this;
      req.pending = bytes;
      this.pending += bytes;
    }
  }

  // Paused, the socket is still read (as Redis keeps filling a paused client's query buffer), so a
  // peer that disconnects meanwhile is closed at once; the bytes wait until resume(). Reading
  // stops only once HELD_MAX bytes wait.
  pause(): void {
    this.held ??= [];
  }

  resume(): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    this.heldBytes = 0;
    for (const chunk of held) {
      // Delivering a chunk may pause the client again (a command postpones it): keep the rest.
      if (this.held !== null) this.hold(chunk);
      else this.deliver(chunk);
    }
    if (this.held === null && this.stopped && !this.socket.destroyed) {
      this.stopped = false;
      this.handle.readStart();
    }
  }

  private hold(chunk: Buffer): void {
    this.held!.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes >= HELD_MAX && !this.stopped && !this.socket.destroyed) {
      this.stopped = true;
      this.handle.readStop();
    }
  }

  settle(bytes: number): void {
    this.pending -= bytes;
  }

  fail(status: number): void {
    const error = Object.assign(new Error(`write failed (libuv error ${status})`), { errno: status });
    this.socket.destroy(error);
  }
}
