// Function libraries live in RDB files (FUNCTION2 records), as in Redis: a dump saved by Ferrous
// loads into redis-server with its libraries, a dump saved by redis-server loads into Ferrous, and
// DEBUG RELOAD keeps them; an AOF rewrite keeps them in its base (RDB preamble or FUNCTION LOAD).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeWithOracle, RawConnection, startRedis } from '@ferrous/oracle';
import { createServer } from '@ferrous/server';

const LIB = "#!lua name=saved\nredis.register_function{function_name = 'hello', callback = function(keys, args) return 'hi ' .. args[1] end, flags = {'no-writes'}, description = 'greets'}";

/** FUNCTION LIST WITHCODE and an FCALL, as one server answers them. */
async function libraries(port: number): Promise<string[]> {
  const c = await RawConnection.open(port);
  try {
    return [await c.call('FUNCTION', 'LIST', 'WITHCODE'), await c.call('FCALL', 'hello', '0', 'you')];
  } finally {
    c.close();
  }
}

describeWithOracle(['redis-server'], 'function libraries in RDB files', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'ferrous-fn-rdb-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('Ferrous → redis-server and redis-server → Ferrous', async () => {
    const fromFerrous = tempDir();
    const ferrous = await createServer({ port: 0, config: { dir: fromFerrous, save: '', 'enable-debug-command': 'yes' } });
    const c = await RawConnection.open(ferrous.port);
    expect(await c.call('FUNCTION', 'LOAD', LIB)).toBe('$5\r\nsaved\r\n');
    expect(await c.call('DEBUG', 'RELOAD')).toBe('+OK\r\n');
    c.close();
    const before = await libraries(ferrous.port);
    const saver = await RawConnection.open(ferrous.port);
    expect(await saver.call('SAVE')).toBe('+OK\r\n');
    saver.close();
    await ferrous.close();

    const redis = await startRedis(['--dir', fromFerrous]);
    try {
      expect(await libraries(redis.port)).toEqual(before);
      const r = await RawConnection.open(redis.port);
      await r.call('FUNCTION', 'LOAD', 'REPLACE', LIB.replace('hi ', 'hello '));
      expect(await r.call('SAVE')).toBe('+OK\r\n');
      r.close();
      const fromRedis = await libraries(redis.port);
      await redis.stop();
      const again = await createServer({ port: 0, config: { dir: fromFerrous, save: '' } });
      try {
        expect(await libraries(again.port)).toEqual(fromRedis);
      } finally {
        await again.close();
      }
    } finally {
      await redis.stop();
    }
  });

  for (const preamble of ['yes', 'no']) {
    it(`BGREWRITEAOF keeps libraries (aof-use-rdb-preamble ${preamble}), replayed by Ferrous and by redis-server`, async () => {
      const dir = tempDir();
      const config = { dir, save: '', appendonly: 'yes', 'aof-use-rdb-preamble': preamble };
      const server = await createServer({ port: 0, config });
      let before: string[];
      try {
        const c = await RawConnection.open(server.port);
        expect(await c.call('FUNCTION', 'LOAD', LIB)).toBe('$5\r\nsaved\r\n');
        await c.call('BGREWRITEAOF');
        while ((await c.call('INFO', 'persistence')).includes('aof_rewrite_in_progress:1')) await new Promise((r) => setTimeout(r, 20));
        // Only the new base holds the library now: the incr file after the rewrite is empty.
        await c.call('SET', 'after', 'rewrite');
        c.close();
        before = await libraries(server.port);
      } finally {
        await server.close();
      }
      const aofDir = join(dir, 'appendonlydir');
      const base = readdirSync(aofDir).find((f) => f.includes('.base.'))!;
      if (preamble === 'no') expect(readFileSync(join(aofDir, base), 'latin1')).toMatch(/^\*3\r\n\$8\r\nFUNCTION\r\n\$4\r\nLOAD\r\n/);
      const again = await createServer({ port: 0, config });
      try {
        expect(await libraries(again.port)).toEqual(before);
      } finally {
        await again.close();
      }
      const redis = await startRedis(['--dir', dir, '--appendonly', 'yes', '--aof-use-rdb-preamble', preamble]);
      try {
        expect(await libraries(redis.port)).toEqual(before);
      } finally {
        await redis.stop();
      }
    });
  }
});
