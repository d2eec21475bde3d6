// Scripts propagate by effects: the AOF gets the commands a script ran (one write as itself,
// several wrapped in MULTI/EXEC, nothing for a read-only script or under REPL_NONE), never the
// EVAL/FCALL itself; transactions follow the same rule. Ferrous's AOF must match redis-server's, command by command, for the same
// sequence (appendfsync always, so both files are complete when the replies arrive).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeWithOracle, exchangeBoth, startRedis, type RedisOracle } from '@ferrous/oracle';
import { createServer, type ServerHandle } from '@ferrous/server';

/** The commands of the AOF's incremental file(s), as argv arrays. */
function aofCommands(dir: string): string[][] {
  const aofDir = join(dir, 'appendonlydir');
  const text = readdirSync(aofDir)
    .filter((f) => f.endsWith('.incr.aof'))
    .sort()
    .map((f) => readFileSync(join(aofDir, f), 'latin1'))
    .join('');
  const out: string[][] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\r\n', pos);
    const n = Number(text.slice(pos + 1, nl));
    pos = nl + 2;
    const argv: string[] = [];
    for (let i = 0; i < n; i++) {
      const lnl = text.indexOf('\r\n', pos);
      const len = Number(text.slice(pos + 1, lnl));
      argv.push(text.slice(lnl + 2, lnl + 2 + len));
      pos = lnl + 2 + len + 2;
    }
    out.push(argv);
  }
  return out;
}

const LIB = "#!lua name=plib\nredis.register_function('two', function(keys) redis.call('set', keys[1], 'a') return redis.call('incr', keys[2]) end)";

const SEQUENCE: string[][] = [
  ['EVAL', "return redis.call('set', 'one', '1')", '0'],
  ['EVAL', "redis.call('set', 'a', '1') redis.call('rpush', 'l', 'x', 'y') return redis.call('get', 'a')", '0'],
  ['EVAL', "return redis.call('get', 'a')", '0'],
  ['EVAL', "redis.call('select', 2) redis.call('set', 'in2', 'v') return redis.call('set', 'in2b', 'w')", '0'],
  ['EVAL', "redis.call('set', 'back0', 'v') redis.call('del', 'nosuch') return 1", '0'],
  ['MULTI'],
  ['EVAL', "redis.call('incr', 'ctr') return redis.call('incr', 'ctr')", '0'],
  ['SET', 'plain', '1'],
  ['EVAL', "redis.set_repl(redis.REPL_NONE) redis.call('set', 'hidden2', '1') redis.set_repl(redis.REPL_ALL) return redis.call('set', 'shown2', '1')", '0'],
  ['EXEC'],
  ['EVAL', "redis.set_repl(redis.REPL_NONE) redis.call('set', 'hidden', '1') redis.set_repl(redis.REPL_ALL) return redis.call('set', 'shown', '1')", '0'],
  ['EVAL', "redis.call('set', 'e1', '1') return redis.call('incr', 'one') .. redis.call('lpush', 'e1', 'x')", '0'],
  ['FUNCTION', 'LOAD', LIB],
  ['FCALL', 'two', '2', 'fk', 'fctr'],
  ['FCALL_RO', 'two', '2', 'fk', 'fctr'],
  // Transactions propagate the same way: nothing for no change, one write as itself, several wrapped.
  ['MULTI'],
  ['DEL', 'nosuch'],
  ['GET', 'last'],
  ['EXEC'],
  ['MULTI'],
  ['GET', 'plain'],
  ['SET', 'tx1', '1'],
  ['EXEC'],
  ['MULTI'],
  ['EVAL', "return redis.call('set', 'txs', '1')", '0'],
  ['EXEC'],
  ['SET', 'last', '1'],
];

describeWithOracle(['redis-server'], 'script effects propagation vs redis-server', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'ferrous-aof-')), ''];
  let ferrous: ServerHandle | undefined;
  let redis: RedisOracle | undefined;

  afterAll(async () => {
    await Promise.all([ferrous?.close(), redis?.stop()]);
    rmSync(dirs[0], { recursive: true, force: true });
  });

  it('the AOF holds the same commands', async () => {
    [ferrous, redis] = await Promise.all([
      createServer({ port: 0, config: { dir: dirs[0], save: '', appendonly: 'yes', appendfsync: 'always' } }),
      startRedis(['--appendonly', 'yes', '--appendfsync', 'always']),
    ]);
    dirs[1] = redis.dir;
    const { candidate, reference } = await exchangeBoth(ferrous.port, redis.port, SEQUENCE);
    expect(candidate).toEqual(reference);
    expect(aofCommands(dirs[0])).toEqual(aofCommands(dirs[1]));
  });
});
