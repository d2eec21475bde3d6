import { afterAll, beforeAll, expect, it } from 'vitest';
import { RawConnection, describeWithOracle, runLuaOracle, startRedis, type RedisOracle } from './index';

describeWithOracle(['redis-server'], 'redis-server oracle', () => {
  let redis: RedisOracle;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('returns raw replies frame by frame, pipelined', async () => {
    const conn = await RawConnection.open(redis.port);
    expect(await conn.call('PING')).toBe('+PONG\r\n');
    expect(await conn.call('ECHO', 'a\r\nb')).toBe('$4\r\na\r\nb\r\n');
    conn.write('*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\n');
    expect(await conn.read(2)).toEqual(['+PONG\r\n', '$0\r\n\r\n']);
    conn.close();
  });

  it('sees the connection close after a protocol error', async () => {
    const conn = await RawConnection.open(redis.port);
    conn.write('*1\r\nx\r\n');
    expect(await conn.read(1)).toEqual(["-ERR Protocol error: expected '$', got 'x'\r\n"]);
    expect(await conn.waitClosed()).toBe(true);
  });
});

describeWithOracle(['lua5.1'], 'lua5.1 oracle', () => {
  it('captures stdout byte for byte and errors with the chunk name', () => {
    const ok = runLuaOracle('print(1/3, "\\128")');
    expect(ok).toEqual({ stdout: '0.33333333333333\t\x80\n', stderr: '', status: 0 });
    const bad = runLuaOracle('error("boom")', { chunkname: 'x.lua' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('x.lua:1: boom');
  });
});
