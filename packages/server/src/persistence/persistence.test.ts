import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Redis from 'ioredis';
import { describeWithOracle, exchangeBoth, hasOracle, startRedis } from '@ferrous/oracle';
import { createServer, type ServerHandle } from '@ferrous/server';

const dirs: string[] = [];
const servers: ServerHandle[] = [];
const conns: Redis[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ferrous-persist-'));
  dirs.push(d);
  return d;
}

async function start(dir: string, config: Record<string, string> = {}): Promise<{ server: ServerHandle; redis: Redis }> {
  const server = await createServer({ port: 0, config: { dir, save: '', 'enable-debug-command': 'yes', ...config } });
  servers.push(server);
  const redis = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
  await redis.connect();
  conns.push(redis);
  return { server, redis };
}

async function stopAll(): Promise<void> {
  for (const c of conns.splice(0)) c.disconnect();
  await Promise.all(servers.splice(0).map((s) => s.close()));
}

afterEach(async () => {
  await stopAll();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A dataset with every type, a TTL and a second database. */
async function populate(r: Redis): Promise<void> {
  await r.set('str', 'hello');
  await r.set('int', '12345');
  await r.set('ttl', 'v', 'EX', 1000);
  await r.rpush('list', 'a', 'b', 'c');
  await r.hset('hash', 'f1', 'v1', 'f2', 'v2');
  await r.sadd('set', 'x', 'y');
  await r.sadd('intset', '1', '2', '3');
  await r.zadd('zset', 1, 'one', 2.5, 'two');
  await r.select(3);
  await r.set('db3', 'three');
  await r.select(0);
}

/** What populate wrote, read back through any server. */
async function snapshot(r: Redis): Promise<unknown[]> {
  const ttl = await r.ttl('ttl');
  const out: unknown[] = [
    await r.get('str'), await r.get('int'), ttl > 990 && ttl <= 1000, await r.lrange('list', 0, -1), await r.hgetall('hash'),
    (await r.smembers('set')).sort(), (await r.smembers('intset')).sort(), await r.zrange('zset', 0, -1, 'WITHSCORES'),
  ];
  await r.select(3);
  out.push(await r.get('db3'));
  await r.select(0);
  return out;
}

const EXPECTED = ['hello', '12345', true, ['a', 'b', 'c'], { f1: 'v1', f2: 'v2' }, ['x', 'y'], ['1', '2', '3'], ['one', '1', 'two', '2.5'], 'three'];

function infoField(info: string, name: string): string {
  const m = new RegExp(`^${name}:(.*)\r?$`, 'm').exec(info);
  return m ? m[1].trim() : '';
}

describe('RDB', () => {
  it('SAVE writes dump.rdb that a restarted server loads; INFO tracks it', async () => {
    const dir = tempDir();
    const { redis } = await start(dir);
    await populate(redis);
    let info = await redis.info('persistence');
    expect(Number(infoField(info, 'rdb_changes_since_last_save'))).toBeGreaterThan(0);
    expect(await redis.save()).toBe('OK');
    info = await redis.info('persistence');
    expect(infoField(info, 'rdb_changes_since_last_save')).toBe('0');
    expect(infoField(info, 'rdb_saves')).toBe('1');
    expect(infoField(info, 'rdb_last_bgsave_status')).toBe('ok');
    expect(Number(infoField(info, 'rdb_last_save_time'))).toBe(await redis.lastsave());
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
    await stopAll();
    const again = await start(dir);
    expect(await snapshot(again.redis)).toEqual(EXPECTED);
    expect(infoField(await again.redis.info('persistence'), 'rdb_last_load_keys_loaded')).toBe('9');
  });

  it('BGSAVE runs in the background and save points trigger one', async () => {
    const dir = tempDir();
    const { redis } = await start(dir, { save: '1 1' });
    await populate(redis);
    expect(await redis.bgsave()).toBe('Background saving started');
    for (let i = 0; i < 100 && infoField(await redis.info('persistence'), 'rdb_bgsave_in_progress') !== '0'; i++) await sleep(20);
    expect(infoField(await redis.info('persistence'), 'rdb_changes_since_last_save')).toBe('0');
    rmSync(join(dir, 'dump.rdb'));
    await redis.set('later', '1');
    // The save point "1 1": one change and more than a second since the last save.
    for (let i = 0; i < 150 && !existsSync(join(dir, 'dump.rdb')); i++) await sleep(20);
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
  });

  it('DEBUG RELOAD keeps the dataset; FLUSHALL with save points saves', async () => {
    const dir = tempDir();
    const { redis } = await start(dir, { save: '3600 1' });
    await populate(redis);
    expect(await redis.call('DEBUG', 'RELOAD')).toBe('OK');
    expect(await snapshot(redis)).toEqual(EXPECTED);
    await redis.flushall();
    await stopAll();
    const again = await start(dir);
    expect(await again.redis.dbsize()).toBe(0);
  });

  it('a failed BGSAVE makes writes fail with MISCONF while save points exist', async () => {
    const dir = tempDir();
    const { redis } = await start(dir, { save: '3600 1' });
    await redis.set('k', 'v');
    rmSync(dir, { recursive: true });
    await redis.bgsave();
    for (let i = 0; i < 100 && infoField(await redis.info('persistence'), 'rdb_last_bgsave_status') === 'ok'; i++) await sleep(20);
    expect(infoField(await redis.info('persistence'), 'rdb_last_bgsave_status')).toBe('err');
    await expect(redis.set('k', 'v2')).rejects.toThrow(/^MISCONF /);
    expect(await redis.get('k')).toBe('v');
    await redis.config('SET', 'stop-writes-on-bgsave-error', 'no');
    expect(await redis.set('k', 'v3')).toBe('OK');
  });

  it('SHUTDOWN saves when save points are configured', async () => {
    const dir = tempDir();
    const { server, redis } = await start(dir, { save: '3600 1' });
    await redis.set('k', 'v');
    await server.shutdown();
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
    await stopAll();
    const again = await start(dir);
    expect(await again.redis.get('k')).toBe('v');
  });

  it('refuses to start on a corrupt RDB file', async () => {
    const dir = tempDir();
    const { redis } = await start(dir);
    await redis.set('k', 'v');
    await redis.save();
    await stopAll();
    const bytes = readFileSync(join(dir, 'dump.rdb'));
    bytes[bytes.length - 3] ^= 0xff;
    (await import('node:fs')).writeFileSync(join(dir, 'dump.rdb'), bytes);
    await expect(createServer({ port: 0, config: { dir, save: '' } })).rejects.toThrow(/checksum|CRC/i);
  });
});

describe('AOF', () => {
  it('appendonly yes: writes survive a restart, TTLs stay absolute, BGREWRITEAOF compacts', async () => {
    const dir = tempDir();
    const { redis } = await start(dir, { appendonly: 'yes' });
    await populate(redis);
    await redis.expire('str', 2000);
    const deadline = await redis.pexpiretime('str');
    expect(infoField(await redis.info('persistence'), 'aof_enabled')).toBe('1');
    await stopAll();
    await sleep(5);
    let again = await start(dir, { appendonly: 'yes' });
    expect(await snapshot(again.redis)).toEqual(EXPECTED);
    expect(await again.redis.pexpiretime('str')).toBe(deadline);
    expect(await again.redis.bgrewriteaof()).toBe('Background append only file rewriting started');
    for (let i = 0; i < 100 && infoField(await again.redis.info('persistence'), 'aof_rewrite_in_progress') !== '0'; i++) await sleep(20);
    expect(infoField(await again.redis.info('persistence'), 'aof_rewrites')).toBe('1');
    await again.redis.set('after-rewrite', 'yes');
    await stopAll();
    again = await start(dir, { appendonly: 'yes' });
    expect(await snapshot(again.redis)).toEqual(EXPECTED);
    expect(await again.redis.get('after-rewrite')).toBe('yes');
    await stopAll();
    if (hasOracle('redis-server')) {
      const out = execFileSync('redis-check-aof', [join(dir, 'appendonlydir', 'appendonly.aof.manifest')], { encoding: 'utf8' });
      expect(out).toMatch(/is valid/);
    }
  });

  it('CONFIG SET appendonly yes starts an AOF with the current dataset as its base', async () => {
    const dir = tempDir();
    const { redis } = await start(dir);
    await redis.set('before', '1');
    await redis.config('SET', 'appendonly', 'yes');
    await redis.set('after', '2');
    expect(infoField(await redis.info('persistence'), 'aof_enabled')).toBe('1');
    await stopAll();
    const again = await start(dir, { appendonly: 'yes' });
    expect(await again.redis.mget('before', 'after')).toEqual(['1', '2']);
  });

  it('MULTI/EXEC blocks replay', async () => {
    const dir = tempDir();
    const { redis } = await start(dir, { appendonly: 'yes', appendfsync: 'always' });
    await redis.multi().set('a', '1').incr('a').exec();
    await stopAll();
    const again = await start(dir, { appendonly: 'yes' });
    expect(await again.redis.get('a')).toBe('2');
  });
});

describeWithOracle(['redis-server'], 'files and payloads vs redis-server', () => {
  it('redis-server loads our dump.rdb; we load its', async () => {
    const dir = tempDir();
    const { redis } = await start(dir);
    await populate(redis);
    await redis.save();
    await stopAll();
    const oracle = await startRedis(['--dir', dir, '--dbfilename', 'dump.rdb']);
    const real = new Redis(oracle.port, '127.0.0.1');
    try {
      expect(await snapshot(real)).toEqual(EXPECTED);
      await real.set('from-redis', 'yes');
      await real.save();
    } finally {
      real.disconnect();
      await oracle.stop();
    }
    const again = await start(dir);
    expect(await snapshot(again.redis)).toEqual(EXPECTED);
    expect(await again.redis.get('from-redis')).toBe('yes');
  });

  it('DUMP payloads restore in the other server, both ways', async () => {
    const { redis } = await start(tempDir());
    const oracle = await startRedis();
    const real = new Redis(oracle.port, '127.0.0.1');
    try {
      for (const [from, to] of [[redis, real], [real, redis]]) {
        await from.flushall();
        await to.flushall();
        await populate(from);
        for (const key of ['str', 'int', 'list', 'hash', 'set', 'intset', 'zset']) {
          const payload = await from.dumpBuffer(key);
          expect(await to.restore(key, 0, payload)).toBe('OK');
        }
        const ttlPayload = await from.dumpBuffer('ttl');
        await to.restore('ttl', 1000000, ttlPayload);
        await to.select(3);
        await to.restore('db3', 0, await from.dumpBuffer('str'));
        await to.set('db3', 'three');
        await to.select(0);
        expect(await snapshot(to)).toEqual(EXPECTED);
      }
    } finally {
      real.disconnect();
      await oracle.stop();
    }
  });

  it('RESTORE options and errors match', async () => {
    const { server } = await start(tempDir());
    const oracle = await startRedis();
    try {
      const real = new Redis(oracle.port, '127.0.0.1');
      await real.set('src', 'a');
      const payload = await real.dumpBuffer('src');
      real.disconnect();
      const sameKey = ['SET', 'src', 'value'];
      const commands = [
        ['FLUSHALL'], sameKey, ['RESTORE', 'k', '0', 'garbage'], ['RESTORE', 'k', '-1', 'x'], ['RESTORE', 'k', 'x', 'x'],
        ['RESTORE', 'src', '0', 'x'], ['RESTORE', 'k', '0', 'x', 'FOO'], ['RESTORE', 'k', '0', 'x', 'IDLETIME', '-1'],
        ['RESTORE', 'k', '0', 'x', 'FREQ', '256'], ['RESTORE', 'k', '0', 'x', 'IDLETIME', '1', 'FREQ', '1'], ['DUMP', 'nokey'],
        ['RESTORE', 'k', '0', payload.toString('latin1')], ['GET', 'k'], ['RESTORE', 'k', '0', payload.toString('latin1')],
        ['RESTORE', 'k', '0', payload.toString('latin1'), 'REPLACE', 'IDLETIME', '10'], ['TTL', 'k'],
        ['RESTORE', 'k', '1', payload.toString('latin1'), 'REPLACE', 'ABSTTL'], ['EXISTS', 'k'],
        ['RESTORE', 'k', '100000', payload.toString('latin1'), 'REPLACE', 'FREQ', '5'], ['TTL', 'k'],
        ['DUMP', 'k'],
      ];
      const { candidate, reference } = await exchangeBoth(server.port, oracle.port, commands);
      expect(candidate).toEqual(reference);
    } finally {
      await oracle.stop();
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
