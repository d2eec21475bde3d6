// Differential-test harness: the real redis-server and lua5.1 are the oracles that Ferrous's
// behaviour is compared with, byte for byte. Every later test suite builds on these helpers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { respFrameEnd } from './frames';

export { respFrameEnd } from './frames';

/** The oracle binaries and the Debian packages that provide them. */
export const ORACLES = {
  'redis-server': 'redis-server',
  'redis-cli': 'redis-tools',
  'redis-benchmark': 'redis-tools',
  'lua5.1': 'lua5.1',
} as const;
export type OracleBinary = keyof typeof ORACLES;

const found = new Map<string, boolean>();

/** Whether `binary` is on PATH. */
export function hasOracle(binary: OracleBinary): boolean {
  let ok = found.get(binary);
  if (ok === undefined) {
    ok = spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
    found.set(binary, ok);
  }
  return ok;
}

/**
 * `describe` for a suite that needs oracle binaries. When one is missing the suite is skipped
 * with a message naming the package to install — except under CI=true, where it fails.
 */
export function describeWithOracle(binaries: OracleBinary[], title: string, body: () => void): void {
  const missing = binaries.filter((b) => !hasOracle(b));
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const packages = [...new Set(missing.map((b) => ORACLES[b]))].join(' ');
  const why = `${missing.join(', ')} not found: apt-get install -y ${packages}`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      throw new Error(`oracle missing under CI: ${why}`);
    });
    return;
  }
  console.warn(`[oracle] skipping "${title}": ${why}`);
  describe.skip(`${title} (skipped: ${why})`, body);
}

/** A free TCP port on 127.0.0.1 (bound and released; good enough for tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RedisOracle {
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
}

/**
 * Starts a real redis-server on a free loopback port in its own temp dir, without persistence.
 * `args` are extra `--name value` options (e.g. ['--hash-max-listpack-entries', '4']).
 */
export async function startRedis(args: string[] = []): Promise<RedisOracle> {
  const dir = mkdtempSync(join(tmpdir(), 'ferrous-oracle-'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    if (await waitForPort(port, child)) {
      return {
        port,
        dir,
        stop: async () => {
          await killChild(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await killChild(child);
    if (attempt >= 2) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start:\n${log}`);
    }
  }
}

/** Waits until the server answers PING with anything but -LOADING (a dataset given by --dir loads first). */
async function waitForPort(port: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => s.write('PING\r\n'));
      s.once('data', (reply: Buffer) => {
        s.destroy();
        resolve(!reply.toString('latin1').startsWith('-LOADING'));
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Encodes argv as a RESP multibulk request (args are latin1 byte strings). */
export function encodeRequest(argv: string[]): Buffer {
  let out = `*${argv.length}\r\n`;
  for (const a of argv) out += `$${a.length}\r\n${a}\r\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A raw loopback connection that returns replies exactly as the server sent them
 * (one latin1 string per top-level RESP frame).
 */
export class RawConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private closed = false;
  private waiter: (() => void) | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, d]) : d;
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static async open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    const socket = net.connect(port, host);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    return new RawConnection(socket);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  write(bytes: Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Sends one command and returns its raw reply. */
  async call(...argv: string[]): Promise<string> {
    this.write(encodeRequest(argv));
    return (await this.read(1))[0];
  }

  /**
   * Reads `n` complete top-level frames. If the connection closes or `timeoutMs` passes first,
   * returns what arrived: complete frames, then any trailing partial bytes as a last element.
   */
  async read(n: number, timeoutMs = 5000): Promise<string[]> {
    const frames: string[] = [];
    const deadline = Date.now() + timeoutMs;
    while (frames.length < n) {
      const end = respFrameEnd(this.buffered, 0);
      if (end > 0) {
        frames.push(this.buffered.toString('latin1', 0, end));
        this.buffered = this.buffered.subarray(end);
        continue;
      }
      if (this.closed || Date.now() >= deadline) {
        if (this.buffered.length) frames.push(this.buffered.toString('latin1', 0, this.buffered.length));
        this.buffered = Buffer.alloc(0);
        break;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return frames;
  }

  /** Waits until the server closes the connection (or the timeout passes); true if closed. */
  async waitClosed(timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.closed;
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

/**
 * Sends the same commands, in order, to two servers and returns both lists of raw replies.
 * Each side uses one fresh connection; commands are pipelined.
 */
export async function exchangeBoth(
  candidatePort: number,
  referencePort: number,
  commands: string[][],
): Promise<{ candidate: string[]; reference: string[] }> {
  const run = async (port: number) => {
    const conn = await RawConnection.open(port);
    try {
      conn.write(Buffer.concat(commands.map(encodeRequest)));
      return await conn.read(commands.length);
    } finally {
      conn.close();
    }
  };
  const [candidate, reference] = await Promise.all([run(candidatePort), run(referencePort)]);
  return { candidate, reference };
}

export interface LuaRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Runs a Lua program under the real `lua5.1` (as a file named `chunkname`, so error positions
 * read `chunkname:line:`). Output is latin1 (byte-exact).
 */
export function runLuaOracle(source: string, options: { chunkname?: string; args?: string[]; stdin?: string } = {}): LuaRun {
  const dir = mkdtempSync(join(tmpdir(), 'ferrous-lua-'));
  try {
    const name = options.chunkname ?? 'test.lua';
    writeFileSync(join(dir, name), Buffer.from(source, 'latin1'));
    const r = spawnSync('lua5.1', [name, ...(options.args ?? [])], {
      cwd: dir,
      input: options.stdin !== undefined ? Buffer.from(options.stdin, 'latin1') : undefined,
      timeout: 20_000,
    });
    return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
