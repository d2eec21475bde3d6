// Real clients against an in-process Ferrous: ioredis, node-redis, redis-cli, redis-benchmark.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { describeWithOracle } from '@ferrous/oracle';
import { createServer, type ServerHandle } from './create-server';

const run = promisify(execFile);

let server: ServerHandle;
beforeAll(async () => {
  server = await createServer({ port: 0, config: { save: '' } });
});
afterAll(() => server.close());

describe('ioredis', () => {
  it('runs string and keyspace commands, pipelines and RESP3-less defaults', async () => {
    const redis = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
    await redis.connect();
    try {
      expect(await redis.set('io:a', 'hello')).toBe('OK');
      expect(await redis.get('io:a')).toBe('hello');
      expect(await redis.incrby('io:n', 5)).toBe(5);
      expect(await redis.mget('io:a', 'io:n', 'io:none')).toEqual(['hello', '5', null]);
      const results = await redis.pipeline().set('io:p', '1').incr('io:p').get('io:p').exec();
      expect(results).toEqual([[null, 'OK'], [null, 2], [null, '2']]);
      await redis.set('io:bin', Buffer.from([0, 255, 128]));
      expect(await redis.getBuffer('io:bin')).toEqual(Buffer.from([0, 255, 128]));
      await expect(redis.incr('io:a')).rejects.toThrow('ERR value is not an integer or out of range');
      expect(await redis.expire('io:a', 100)).toBe(1);
      expect(await redis.ttl('io:a')).toBe(100);
      const info = await redis.info('server');
      expect(info).toContain('redis_version:7.0.15');
      expect(info).toContain('ferrous_version:');
    } finally {
      redis.disconnect();
    }
  });
});

describe('node-redis', () => {
  it('connects (HELLO-free), sets and gets, scans', async () => {
    const client = createClient({ socket: { port: server.port, host: '127.0.0.1' } });
    await client.connect();
    try {
      await client.set('nr:a', '1');
      expect(await client.get('nr:a')).toBe('1');
      await client.mSet({ 'nr:b': '2', 'nr:c': '3' });
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: 'nr:*', COUNT: 2 })) keys.push(...batch);
      expect(keys.sort()).toEqual(['nr:a', 'nr:b', 'nr:c']);
      expect(await client.incrByFloat('nr:a', 0.5)).toBe('1.5');
    } finally {
      await client.quit();
    }
  });

  it('speaks RESP3', async () => {
    const client = createClient({ RESP: 3, socket: { port: server.port, host: '127.0.0.1' } });
    await client.connect();
    try {
      await client.set('nr3:a', 'x');
      expect(await client.get('nr3:a')).toBe('x');
      expect(await client.get('nr3:none')).toBe(null);
    } finally {
      await client.quit();
    }
  });
});

describeWithOracle(['redis-cli', 'redis-benchmark'], 'redis-cli and redis-benchmark', () => {
  it('redis-cli runs commands and --scan', async () => {
    const cli = (...args: string[]) => run('redis-cli', ['-p', String(server.port), ...args]);
    expect((await cli('SET', 'cli:a', 'v')).stdout).toBe('OK\n');
    expect((await cli('GET', 'cli:a')).stdout).toBe('v\n');
    await cli('MSET', 'cli:b', '1', 'cli:c', '2');
    const scanned = (await cli('--scan', '--pattern', 'cli:*')).stdout.trim().split('\n').sort();
    expect(scanned).toEqual(['cli:a', 'cli:b', 'cli:c']);
    expect((await cli('INCR', 'cli:a')).stdout).toBe('ERR value is not an integer or out of range\n\n');
  });

  it('redis-cli --pipe mass insertion', async () => {
    let input = '';
    for (let i = 0; i < 2000; i++) input += `*3\r\n$3\r\nSET\r\n$${`pipe:${i}`.length}\r\npipe:${i}\r\n$${String(i).length}\r\n${i}\r\n`;
    const child = spawn('redis-cli', ['-p', String(server.port), '--pipe']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end(input);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toContain('errors: 0, replies: 2000');
    const { stdout } = await run('redis-cli', ['-p', String(server.port), 'GET', 'pipe:1999']);
    expect(stdout).toBe('1999\n');
  });

  it('redis-benchmark completes SET/GET/INCR/MSET with pipelining', async () => {
    const { stdout } = await run('redis-benchmark', ['-p', String(server.port), '-n', '2000', '-c', '5', '-P', '8', '-t', 'set,get,incr,mset', '--csv', '-q']);
    const tests = stdout.trim().split('\n').slice(1).map((l) => JSON.parse(`[${l}]`)[0]);
    expect(tests).toEqual(['SET', 'GET', 'INCR', 'MSET (10 keys)']);
  });
});
