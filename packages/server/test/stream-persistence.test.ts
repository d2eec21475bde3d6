// Streams in Redis's own files, both ways with redis-server 7.0: RDB files (SAVE, redis-check-rdb,
// DEBUG RELOAD), DUMP/RESTORE payloads, and the AOF rewrite without an RDB preamble. Each case
// builds streams on one server and compares what the other reads back (XINFO STREAM FULL, XRANGE,
// XPENDING, XINFO GROUPS/CONSUMERS); only idle times, which move with the clock, are masked.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describeWithOracle, RawConnection, startRedis } from '@ferrous/oracle';
import { createServer, type ServerHandle } from '@ferrous/server';
import { afterAll, expect, it } from 'vitest';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KEYS = ['s', 'ints', 'big', 'empty', 'gone'];

/** Streams with several nodes (3 entries each), deleted entries, groups, PELs and idle consumers. */
function datasetCommands(): string[][] {
  const out: string[][] = [['CONFIG', 'SET', 'stream-node-max-entries', '3']];
  for (let i = 1; i <= 20; i++) {
    const fields = i % 4 === 0 ? ['other', `v${i}`] : ['name', `n${i}`, 'count', String(i * 1000 - 7)];
    out.push(['XADD', 's', `${i}-${i % 3}`, ...fields]);
  }
  out.push(
    ['XDEL', 's', '5-2', '7-1', '8-2', '9-0'],
    ['XGROUP', 'CREATE', 's', 'g1', '0'],
    ['XGROUP', 'CREATE', 's', 'g2', '3-0'],
    ['XGROUP', 'CREATE', 's', 'g3', '$'],
    ['XREADGROUP', 'GROUP', 'g1', 'alice', 'COUNT', '4', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g1', 'bob', 'COUNT', '3', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g2', 'carol', 'NOACK', 'COUNT', '2', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g2', 'carol', 'COUNT', '2', 'STREAMS', 's', '>'],
    ['XACK', 's', 'g1', '2-2'],
    ['XCLAIM', 's', 'g1', 'dave', '0', '3-0', 'RETRYCOUNT', '7'],
    ['XGROUP', 'CREATECONSUMER', 's', 'g1', 'erin'],
    ['XDEL', 's', '4-1'],
    ['XADD', 'ints', '1-0', '-5', '123456789012345', '7', '-4096'],
    ['XADD', 'ints', '1-1', '-5', '9223372036854775807', '7', '-9223372036854775808'],
    ['XADD', 'ints', '18446744073709551615-18446744073709551614', 'x', ''],
    ['XADD', 'big', '5-0', 'payload', 'abc'.repeat(400), 'second', 'x'.repeat(70)],
    ['XADD', 'big', '6-0', 'payload', 'y'.repeat(5000)],
    ['XGROUP', 'CREATE', 'empty', 'g', '$', 'MKSTREAM'],
    ['XADD', 'gone', '1-0', 'a', '1'],
    ['XADD', 'gone', '2-0', 'a', '2'],
    ['XDEL', 'gone', '1-0', '2-0'],
    ['XGROUP', 'CREATE', 'gone', 'late', '0', 'ENTRIESREAD', '1'],
    ['PEXPIREAT', 'big', '4102444800000'],
  );
  return out;
}

async function run(port: number, commands: string[][]): Promise<void> {
  const c = await RawConnection.open(port);
  try {
    for (const argv of commands) expect(await c.call(...argv), argv.join(' ')).not.toMatch(/^-/);
  } finally {
    c.close();
  }
}

/** Idle times (ms since an event) replaced; absolute times (seen-time, delivery time) kept. */
function maskIdle(frame: string): string {
  return frame
    .replace(/(\$4\r\nidle\r\n):\d+\r\n/g, '$1:<idle>\r\n')
    .replace(/(\*4\r\n\$\d+\r\n\d+-\d+\r\n\$\d+\r\n[^\r]*\r\n):\d+\r\n/g, '$1:<idle>\r\n');
}

/** Everything a client can see of the streams. */
async function streamState(port: number, mask: (frame: string) => string = maskIdle): Promise<string[]> {
  const c = await RawConnection.open(port);
  const out: string[] = [];
  try {
    for (const key of KEYS) {
      const argvs = [
        ['TYPE', key],
        ['PEXPIRETIME', key],
        ['XRANGE', key, '-', '+'],
        ['XINFO', 'STREAM', key, 'FULL'],
        ['XINFO', 'STREAM', key],
        ['XINFO', 'GROUPS', key],
      ];
      for (const g of ['g', 'g1', 'g2', 'g3', 'late']) {
        argvs.push(['XPENDING', key, g], ['XPENDING', key, g, '-', '+', '100'], ['XINFO', 'CONSUMERS', key, g]);
      }
      for (const argv of argvs) out.push(`${argv.join(' ')} -> ${mask(await c.call(...argv))}`);
    }
  } finally {
    c.close();
  }
  return out;
}

describeWithOracle(['redis-server'], 'streams in RDB, DUMP and AOF files vs redis-server', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'ferrous-stream-persist-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const ferrous = (dir: string, config: Record<string, string> = {}): Promise<ServerHandle> =>
    createServer({ port: 0, config: { dir, save: '', 'enable-debug-command': 'yes', ...config } });

  it('a Ferrous SAVE passes redis-check-rdb and loads into redis-server identically; DEBUG RELOAD keeps it', async () => {
    const dir = tempDir();
    const server = await ferrous(dir);
    let before: string[];
    try {
      await run(server.port, datasetCommands());
      before = await streamState(server.port);
      await run(server.port, [['DEBUG', 'RELOAD']]);
      expect(await streamState(server.port)).toEqual(before);
      await run(server.port, [['SAVE']]);
    } finally {
      await server.close();
    }
    const check = spawnSync('redis-check-rdb', [join(dir, 'dump.rdb')], { encoding: 'latin1' });
    expect(check.stdout).toContain('RDB looks OK');
    const redis = await startRedis(['--dir', dir, '--stream-node-max-entries', '3']);
    try {
      expect(await streamState(redis.port)).toEqual(before);
    } finally {
      await redis.stop();
    }
  });

  it('a redis-server SAVE loads into Ferrous identically, and DUMPs to the same bytes', async () => {
    const redis = await startRedis(['--rdbcompression', 'no']);
    const dir = tempDir();
    let expected: string[];
    const payloads = new Map<string, string>();
    try {
      await run(redis.port, datasetCommands());
      expected = await streamState(redis.port);
      const c = await RawConnection.open(redis.port);
      for (const key of KEYS) payloads.set(key, await c.call('DUMP', key));
      expect(await c.call('SAVE')).toBe('+OK\r\n');
      c.close();
      copyFileSync(join(redis.dir, 'dump.rdb'), join(dir, 'dump.rdb'));
    } finally {
      await redis.stop();
    }
    const server = await ferrous(dir, { rdbcompression: 'no', 'stream-node-max-entries': '3' });
    try {
      expect(await streamState(server.port)).toEqual(expected);
      // Same nodes, same listpack bytes: without LZF our DUMP is Redis's, byte for byte.
      const c = await RawConnection.open(server.port);
      for (const key of KEYS) expect(await c.call('DUMP', key), key).toBe(payloads.get(key));
      c.close();
    } finally {
      await server.close();
    }
  });

  it('DUMP/RESTORE both ways: redis-server payloads restore in Ferrous, Ferrous payloads in redis-server', async () => {
    const redis = await startRedis(['--stream-node-max-entries', '3']);
    const server = await ferrous(tempDir(), { 'stream-node-max-entries': '3' });
    try {
      for (const [from, to] of [
        [redis.port, server.port],
        [server.port, redis.port],
      ]) {
        await run(to, [['FLUSHALL']]);
        await run(from, [['FLUSHALL'], ...datasetCommands()]);
        const expected = await streamState(from);
        const src = await RawConnection.open(from);
        const dst = await RawConnection.open(to);
        for (const key of KEYS) {
          const payload = await src.call('DUMP', key);
          const body = payload.slice(payload.indexOf('\r\n') + 2, -2);
          const pttl = (await src.call('PTTL', key)).slice(1, -2);
          expect(await dst.call('RESTORE', key, pttl === '-1' ? '0' : pttl, body), key).toBe('+OK\r\n');
        }
        src.close();
        dst.close();
        // PEXPIRETIME moves by the ms that passed between PTTL and RESTORE.
        const noExpiry = (s: string[]) => s.filter((l) => !l.startsWith('PEXPIRETIME'));
        expect(noExpiry(await streamState(to))).toEqual(noExpiry(expected));
        // Restored nodes keep their byte sizes: appending splits them where the source does.
        const grow: string[][] = [
          ['CONFIG', 'SET', 'stream-node-max-entries', '0'],
          ['CONFIG', 'SET', 'stream-node-max-bytes', '160'],
        ];
        for (let i = 21; i <= 40; i++) grow.push(['XADD', 's', `${i}-0`, 'name', 'v'.repeat(i % 7), 'count', String(i)]);
        await Promise.all([run(from, grow), run(to, grow)]);
        const layout = async (port: number) => {
          const c = await RawConnection.open(port);
          const info = await c.call('XINFO', 'STREAM', 's', 'FULL');
          c.close();
          return maskIdle(info);
        };
        expect(await layout(to)).toEqual(await layout(from));
        await Promise.all([from, to].map((p) => run(p, [['CONFIG', 'SET', 'stream-node-max-entries', '3'], ['CONFIG', 'SET', 'stream-node-max-bytes', '4096']])));
      }
    } finally {
      await Promise.all([server.close(), redis.stop()]);
    }
  });

  it('AOF rewrite without an RDB preamble rebuilds the streams, in Ferrous and in redis-server', async () => {
    const dir = tempDir();
    const config = { appendonly: 'yes', 'aof-use-rdb-preamble': 'no', 'stream-node-max-entries': '3' };
    // Replaying XCLAIM / XGROUP CREATECONSUMER makes every consumer seen now, in Redis too.
    const noSeen = (frame: string) => maskIdle(frame).replace(/(\$9\r\nseen-time\r\n):\d+\r\n/g, '$1:<seen>\r\n');
    let server = await ferrous(dir, config);
    let before: string[];
    try {
      await run(server.port, datasetCommands());
      before = await streamState(server.port, noSeen);
      await run(server.port, [['BGREWRITEAOF']]);
      const c = await RawConnection.open(server.port);
      while ((await c.call('INFO', 'persistence')).includes('aof_rewrite_in_progress:1')) await sleep(20);
      c.close();
    } finally {
      await server.close();
    }
    const aofDir = join(dir, 'appendonlydir');
    const base = readdirSync(aofDir).find((f) => f.includes('.base.'))!;
    expect(base).toMatch(/\.base\.aof$/);
    const text = readFileSync(join(aofDir, base), 'latin1');
    expect(text).toContain('XSETID');
    expect(text).toContain('CREATECONSUMER');
    server = await ferrous(dir, config);
    let after: string[];
    try {
      after = await streamState(server.port, noSeen);
    } finally {
      await server.close();
    }
    // Replaying XCLAIM drops pending entries that were deleted from the stream (4-1), and XADDs
    // of the live entries alone pack nodes tighter, as in Redis; everything else comes back.
    const dropped = (lines: string[]) => lines.filter((l) => !/XPENDING s g1|XINFO (STREAM s|CONSUMERS s g1|GROUPS s )/.test(l));
    expect(dropped(after)).toEqual(dropped(before));
    expect(after.join('\n')).not.toContain('4-1\r\n$5\r\nalice');
    // The same files replayed by redis-server.
    const redis = await startRedis(['--dir', dir, '--appendonly', 'yes', '--aof-use-rdb-preamble', 'no', '--stream-node-max-entries', '3']);
    try {
      expect(await streamState(redis.port, noSeen)).toEqual(after);
    } finally {
      await redis.stop();
    }
  });
});
