// The connection layer as a whole: limits, timeouts, Unix sockets, auth, shutdown, CONFIG REWRITE.
import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRequest, RawConnection } from '@ferrous/oracle';
import { createServer, type ServerHandle } from './create-server';

const handles: ServerHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(config: Record<string, string> = {}, extra: Parameters<typeof createServer>[0] = {}): Promise<ServerHandle> {
  const h = await createServer({ port: 0, ...extra, config: { save: '', ...config } });
  handles.push(h);
  return h;
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ferrous-net-'));
  dirs.push(d);
  return d;
}

describe('connection limits', () => {
  it('rejects clients beyond maxclients', async () => {
    const h = await start({ maxclients: '2' });
    const a = await RawConnection.open(h.port);
    const b = await RawConnection.open(h.port);
    expect(await a.call('PING')).toBe('+PONG\r\n');
    const c = await RawConnection.open(h.port);
    expect(await c.read(1)).toEqual(['-ERR max number of clients reached\r\n']);
    expect(await c.waitClosed()).toBe(true);
    expect(await b.call('PING')).toBe('+PONG\r\n');
    a.close();
    b.close();
  });

  it('closes idle clients after timeout', async () => {
    const h = await start({ timeout: '1', hz: '50' });
    const a = await RawConnection.open(h.port);
    expect(await a.call('PING')).toBe('+PONG\r\n');
    expect(await a.waitClosed(3000)).toBe(true);
  });

  it('disconnects a client that does not read past the output hard limit', async () => {
    const h = await start({ 'client-output-buffer-limit': 'normal 1mb 0 0' });
    const writer = await RawConnection.open(h.port);
    expect(await writer.call('SET', 'big', 'x'.repeat(100_000))).toBe('+OK\r\n');
    const socket = net.connect(h.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.pause();
    socket.on('error', () => undefined);
    const batch = Buffer.concat(Array.from({ length: 100 }, () => encodeRequest(['GET', 'big'])));
    for (let i = 0; i < 10; i++) socket.write(batch);
    let info = '';
    for (let i = 0; i < 50 && !/client_output_buffer_limit_disconnections:1/.test(info); i++) {
      await new Promise((r) => setTimeout(r, 20));
      info = await writer.call('INFO', 'stats');
    }
    expect(info).toMatch(/client_output_buffer_limit_disconnections:1/);
    expect(await writer.call('INFO', 'clients')).toMatch(/connected_clients:1\r/);
    socket.destroy();
    writer.close();
  });

  it('closes a client whose query buffer passes client-query-buffer-limit', async () => {
    const h = await start({ 'client-query-buffer-limit': '1mb' });
    const a = await RawConnection.open(h.port);
    a.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n');
    a.write(Buffer.alloc(1_500_000, 'x'));
    expect(await a.waitClosed(3000)).toBe(true);
  });

  it('rejects bulks longer than proto-max-bulk-len', async () => {
    const h = await start({ 'proto-max-bulk-len': '1mb' });
    const a = await RawConnection.open(h.port);
    a.write('*2\r\n$3\r\nGET\r\n$2000000\r\n');
    expect(await a.read(1)).toEqual(['-ERR Protocol error: invalid bulk length\r\n']);
    expect(await a.waitClosed()).toBe(true);
  });

  it('answers a pipeline in order', async () => {
    const h = await start();
    const a = await RawConnection.open(h.port);
    const n = 500;
    a.write(Buffer.concat(Array.from({ length: n }, (_, i) => encodeRequest(i % 2 ? ['INCR', 'ctr'] : ['GET', 'ctr']))));
    const replies = await a.read(n);
    expect(replies[0]).toBe('$-1\r\n');
    expect(replies[n - 1]).toBe(`:${n / 2}\r\n`);
    a.close();
  });
});

describe('listeners, auth and shutdown', () => {
  it('listens on a Unix socket and can disable TCP with port 0 in the config', async () => {
    const path = join(tempDir(), 'ferrous.sock');
    const h = await createServer({ configText: `port 0\nunixsocket ${path}\nsave ""` });
    handles.push(h);
    expect(h.port).toBe(0);
    const socket = net.connect(path);
    const reply = await new Promise<string>((resolve) => {
      socket.once('data', (d) => resolve(d.toString()));
      socket.write(encodeRequest(['CLIENT', 'INFO']));
    });
    expect(reply).toMatch(/flags=U /);
    socket.destroy();
  });

  it('requires AUTH when requirepass is set', async () => {
    const h = await start({ requirepass: 'secret' });
    const a = await RawConnection.open(h.port);
    expect(await a.call('GET', 'k')).toBe('-NOAUTH Authentication required.\r\n');
    expect(await a.call('AUTH', 'wrong')).toBe('-WRONGPASS invalid username-password pair or user is disabled.\r\n');
    expect(await a.call('AUTH', 'secret')).toBe('+OK\r\n');
    expect(await a.call('GET', 'k')).toBe('$-1\r\n');
    const b = await RawConnection.open(h.port);
    expect(await b.call('HELLO', '3', 'AUTH', 'default', 'secret')).toMatch(/^%7/);
    a.close();
    b.close();
  });

  it('SHUTDOWN closes the server and calls onShutdown', async () => {
    let done = false;
    const h = await createServer({ port: 0, config: { save: '' }, onShutdown: () => (done = true) });
    const a = await RawConnection.open(h.port);
    a.write(encodeRequest(['SHUTDOWN', 'NOSAVE']));
    expect(await a.waitClosed()).toBe(true);
    await h.close();
    expect(done).toBe(true);
  });

  it('CLIENT PAUSE WRITE holds writes until it ends, reads go on', async () => {
    const h = await start();
    const admin = await RawConnection.open(h.port);
    const user = await RawConnection.open(h.port);
    expect(await admin.call('CLIENT', 'PAUSE', '300', 'WRITE')).toBe('+OK\r\n');
    const started = Date.now();
    expect(await user.call('GET', 'k')).toBe('$-1\r\n');
    expect(Date.now() - started).toBeLessThan(200);
    expect(await user.call('SET', 'k', 'v')).toBe('+OK\r\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    admin.close();
    user.close();
  });

  it('a client that disconnects while CLIENT PAUSE holds its command is freed at once (as Redis does)', async () => {
    const h = await start();
    const admin = await RawConnection.open(h.port);
    const user = await RawConnection.open(h.port);
    expect(await admin.call('CLIENT', 'PAUSE', '5000', 'WRITE')).toBe('+OK\r\n');
    user.write(encodeRequest(['SET', 'k', 'v']));
    await new Promise((res) => setTimeout(res, 50));
    user.close();
    // Reads are not paused under WRITE: watch the connection count while the pause lasts.
    const deadline = Date.now() + 3000;
    let clients = '';
    while (Date.now() < deadline && !/connected_clients:1\r\n/.test(clients)) {
      await new Promise((res) => setTimeout(res, 20));
      clients = await admin.call('INFO', 'clients');
    }
    expect(clients).toMatch(/connected_clients:1\r\n/);
    expect(await admin.call('EXISTS', 'k')).toBe(':0\r\n');
    await admin.call('CLIENT', 'UNPAUSE');
    admin.close();
  });

  it('CLIENT KILL by filters and CLIENT LIST', async () => {
    const h = await start();
    const a = await RawConnection.open(h.port);
    const b = await RawConnection.open(h.port);
    expect(await b.call('CLIENT', 'SETNAME', 'victim')).toBe('+OK\r\n');
    const list = await a.call('CLIENT', 'LIST');
    expect(list).toMatch(/name=victim .*cmd=client\|setname/);
    const id = /id=(\d+) [^\n]*name=victim/.exec(list)![1];
    expect(await a.call('CLIENT', 'KILL', 'ID', id)).toBe(':1\r\n');
    expect(await b.waitClosed()).toBe(true);
    expect(await a.call('CLIENT', 'KILL', 'TYPE', 'normal')).toBe(':0\r\n');
    expect(await a.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'no')).toBe(':1\r\n');
  });
});

describe('MONITOR and IPv6', () => {
  it('MONITOR streams other clients\' commands with Redis\'s line format', async () => {
    const h = await start();
    const monitor = await RawConnection.open(h.port);
    expect(await monitor.call('MONITOR')).toBe('+OK\r\n');
    const other = await RawConnection.open(h.port);
    await other.call('SET', 'k', 'a "b"\n');
    const [line] = await monitor.read(1);
    expect(line).toMatch(/^\+\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "SET" "k" "a \\"b\\"\\n"\r\n$/);
    monitor.close();
    other.close();
  });

  it('binds IPv6 loopback when available', async () => {
    const h = await start({}, { bind: ['127.0.0.1', '-::1'] });
    const reachable = await new Promise<boolean>((resolve) => {
      const s = net.connect(h.ports[h.ports.length - 1], '::1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    expect(reachable || h.ports.length === 1).toBe(true);
  });
});

describe('CONFIG', () => {
  it('SET applies live, validates atomically, GET matches globs', async () => {
    const h = await start();
    const a = await RawConnection.open(h.port);
    expect(await a.call('CONFIG', 'SET', 'maxmemory', '10mb', 'hz', '20')).toBe('+OK\r\n');
    expect(await a.call('CONFIG', 'GET', 'maxmemory')).toBe('*2\r\n$9\r\nmaxmemory\r\n$8\r\n10485760\r\n');
    expect(await a.call('CONFIG', 'SET', 'maxmemory', '1mb', 'hz', 'x')).toMatch(/argument couldn't be parsed into an integer/);
    expect(await a.call('CONFIG', 'GET', 'maxmemory')).toContain('10485760');
    const slow = await a.call('CONFIG', 'GET', 'slowlog-*');
    expect(slow).toContain('slowlog-log-slower-than');
    expect(slow).toContain('slowlog-max-len');
    expect(await a.call('CONFIG', 'SET', 'slowlog-log-slower-than', '0')).toBe('+OK\r\n');
    await a.call('SET', 'x', 'y');
    expect(await a.call('SLOWLOG', 'LEN')).not.toBe(':0\r\n');
    a.close();
  });

  it('REWRITE keeps comments and unknown lines and appends changed options', async () => {
    const dir = tempDir();
    const file = join(dir, 'redis.conf');
    writeFileSync(file, '# my settings\nport 0\n\n# memory\nmaxmemory 100mb\nsave 900 1\nsave 300 10\n');
    const h = await createServer({ configFile: file, port: 0 });
    handles.push(h);
    const a = await RawConnection.open(h.port);
    expect(await a.call('CONFIG', 'SET', 'maxmemory', '1gb', 'save', '60 5', 'maxmemory-policy', 'allkeys-lru')).toBe('+OK\r\n');
    expect(await a.call('CONFIG', 'REWRITE')).toBe('+OK\r\n');
    const text = readFileSync(file, 'latin1');
    expect(text).toContain('# my settings\n');
    expect(text).toContain('# memory\nmaxmemory 1gb\nsave 60 5\n');
    expect(text).not.toContain('save 300 10');
    expect(text).toContain('# Generated by CONFIG REWRITE\n');
    expect(text).toContain('maxmemory-policy allkeys-lru\n');
    a.close();
  });
});
