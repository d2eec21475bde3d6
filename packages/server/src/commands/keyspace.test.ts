import { it } from 'vitest';
import { describeWithOracle } from '@ferrous/oracle';
import { dumpValue } from '@ferrous/persistence';
import { cmds, expectSame, usePair } from '../../test/harness';

describeWithOracle(['redis-server'], 'keyspace commands vs redis-server', () => {
  const pair = usePair();

  it('DEL EXISTS TYPE TOUCH UNLINK', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'MSET a 1 b 2', 'EXISTS a a b c', 'TYPE a', 'TYPE nokey', 'TOUCH a nokey', 'DEL a nokey', 'UNLINK b', 'EXISTS a b', 'DBSIZE',
    ));
  });

  it('RENAME RENAMENX COPY MOVE SWAPDB', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'SET a 1 EX 100', 'RENAME a b', 'TTL b', 'EXISTS a', 'RENAME nokey x', 'RENAME b b', 'RENAMENX b b', 'SET c 2', 'RENAMENX b c', 'RENAMENX b d',
      'COPY d e', 'TTL e', 'COPY d e', 'COPY d e REPLACE', 'COPY d d', 'COPY d e DB 100', 'COPY d e DB x', 'COPY d e DB 1', 'COPY d e foo', 'SELECT 1', 'GET e', 'SELECT 0',
      'MOVE d 1', 'MOVE d 1', 'MOVE c x', 'MOVE c 100', 'MOVE c 0', 'SET m 1', 'SELECT 1', 'SET m 2', 'SELECT 0', 'MOVE m 1', 'SWAPDB 0 1', 'GET m', 'DBSIZE',
      'SWAPDB a b', 'SWAPDB 0 b', 'SWAPDB 0 100', 'SWAPDB 0 0', 'FLUSHDB', 'DBSIZE', 'FLUSHDB foo', 'FLUSHDB ASYNC', 'FLUSHALL SYNC', 'FLUSHALL x',
    ));
  });

  it('SCAN cursors are read like strtoul (found by fuzzing)', async () => {
    await expectSame(pair, [
      ['FLUSHALL'], ['SCAN', ''], ['SCAN', '+0'], ['SCAN', '-0'], ['SCAN', '01'], ['SCAN', ' 1'], ['SCAN', '1 '], ['SCAN', '+'], ['SCAN', '-'],
      ['SCAN', '18446744073709551615'], ['SCAN', '18446744073709551616'], ['SCAN', '+1', 'COUNT', '-2'], ['SADD', 'set', 'a'],
      ['SSCAN', 'set', ''], ['SSCAN', 'set', '+0'], ['ZSCAN', 'set', '+1', 'COUNT', 'abc'], ['HSCAN', 'nokey', '', 'COUNT', '1'], ['ZSCAN', 'nokey', '1x'],
    ]);
  });

  it('DB indexes must fit a C int (found by fuzzing)', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'SET a 1', 'MOVE a 2147483648', 'MOVE a -9223372036854775808', 'MOVE a 9223372036854775808', 'SELECT 2147483648', 'SELECT -2147483649',
      'SELECT 2147483647', 'COPY a b DB 2147483648', 'SWAPDB 2147483648 0', 'SWAPDB 0 -2147483649', 'SWAPDB x 0',
    ));
  });

  it('COPY and RENAMENX onto a logically expired key (found by fuzzing)', async () => {
    // Active expiry off: the expired destinations stay in the keyspace until looked up.
    await expectSame(pair, cmds('FLUSHALL', 'DEBUG SET-ACTIVE-EXPIRE 0', 'SET dst1 x PX 1', 'SET dst2 y PX 1', 'SET src1 a', 'SET src2 b'));
    await new Promise((r) => setTimeout(r, 20));
    await expectSame(pair, cmds('COPY src2 dst1', 'GET dst1', 'GET src2', 'RENAMENX src1 dst2', 'GET dst2', 'EXISTS src1', 'DEBUG SET-ACTIVE-EXPIRE 1'));
  });

  it('EXPIRE family and TTLs', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'SET k v', 'TTL k', 'PTTL k', 'EXPIRETIME k', 'TTL nokey', 'PEXPIRETIME nokey', 'EXPIRE k 100', 'TTL k', 'EXPIRE k 50 NX', 'EXPIRE k 50 XX', 'TTL k',
      'EXPIRE k 100 LT', 'EXPIRE k 10 LT', 'TTL k', 'EXPIRE k 5 GT', 'EXPIRE k 500 GT', 'TTL k', 'EXPIRE k 1 NX XX', 'EXPIRE k 1 GT LT', 'EXPIRE k 1 foo', 'EXPIRE k x',
      'EXPIRE k 1 foo nx', 'PERSIST k', 'PERSIST k', 'EXPIRE k 10 GT', 'EXPIRE k 10 LT', 'PERSIST k', 'EXPIRE k 99999999999999999', 'PEXPIRE k 9223372036854775807',
      'EXPIREAT k 99999999999', 'EXPIRETIME k', 'PEXPIRETIME k', 'PEXPIREAT k 99999999999000', 'PEXPIRETIME k', 'EXPIRE k -1', 'EXISTS k', 'SET k v', 'PEXPIREAT k 1', 'GET k',
      'EXPIRE nokey 10', 'SET k v', 'EXPIRE k 0', 'EXISTS k',
    ));
  });

  it('RESTORE applies IDLETIME under an LRU policy and FREQ under an LFU one', async () => {
    const payload = dumpValue('hello', { compression: false }).latin1Slice();
    const restore = (key: string, ...options: string[]) => ['RESTORE', key, '0', payload, ...options];
    // Redis reads idle time off a clock that ticks every 100 ms: allow a second either way.
    const roughIdle = (reply: string) => reply.replace(/^:(999|1000|1001)\r\n$/, ':~1000\r\n');
    await expectSame(pair, [
      ...cmds('FLUSHALL', 'CONFIG SET maxmemory-policy allkeys-lru'),
      restore('a', 'IDLETIME', '1000'), ['OBJECT', 'IDLETIME', 'a'], ['GET', 'a'],
      restore('b', 'FREQ', '100'), ['OBJECT', 'FREQ', 'b'],
      restore('c', 'IDLETIME', '5', 'FREQ', '5'), restore('c', 'IDLETIME', '-1'), restore('c', 'FREQ', '256'),
      ...cmds('CONFIG SET maxmemory-policy allkeys-lfu'),
      restore('d', 'FREQ', '100'), ['OBJECT', 'FREQ', 'd'],
      restore('e', 'IDLETIME', '50'), ['OBJECT', 'FREQ', 'e'], ['OBJECT', 'IDLETIME', 'e'],
      ...cmds('CONFIG SET maxmemory-policy noeviction'),
    ], roughIdle);
  });

  it('KEYS SCAN RANDOMKEY OBJECT', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'RANDOMKEY', 'MSET foo 1 fob 2 bar 3', 'SCAN abc', 'SCAN 0 COUNT 0', 'SCAN 0 COUNT x', 'SCAN 0 foo', 'SCAN 0 MATCH',
      'OBJECT ENCODING foo', 'OBJECT ENCODING nokey', 'OBJECT REFCOUNT foo', 'OBJECT FREQ foo', 'OBJECT foo', 'OBJECT HELP', 'OBJECT ENCODING', 'OBJECT IDLETIME nokey',
      'SET s abc', 'OBJECT REFCOUNT s', 'KEYS nomatch*',
    ));
  });
});

describeWithOracle(['redis-server'], 'SORT vs redis-server', () => {
  const pair = usePair();

  it('sorts lists, sets and zsets with BY, GET, LIMIT, ALPHA, STORE', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'RPUSH l 3 1 2 10 -5 1.5', 'SORT l', 'SORT l DESC', 'SORT l ALPHA', 'SORT l LIMIT 1 2', 'SORT l LIMIT -1 2', 'SORT l LIMIT 10 2', 'SORT l LIMIT 0 -1',
      'MSET w_3 1 w_1 30 w_2 20 w_10 5 o_3 three o_1 one', 'HSET h_3 f c', 'HSET h_1 f a', 'SORT l BY w_*', 'SORT l BY w_* GET o_* GET # GET h_*->f', 'SORT l BY nosort',
      'SORT l BY w_* ALPHA', 'SORT l BY nosort GET #', 'SORT l GET nostar', 'SORT l STORE dst', 'LRANGE dst 0 -1', 'SORT l BY w_* GET o_* STORE dst2', 'LRANGE dst2 0 -1',
      'SADD s 5 2 9', 'SORT s', 'SORT s DESC LIMIT 0 2', 'SORT s BY nosort STORE dst3', 'LRANGE dst3 0 -1', 'ZADD z 1 c 2 a 3 b', 'SORT z ALPHA', 'SORT z BY nosort',
      'SORT z BY nosort DESC', 'SORT z BY nosort LIMIT 1 1', 'RPUSH bad a b', 'SORT bad', 'SORT bad ALPHA', 'SORT nokey', 'SORT nokey STORE d4', 'EXISTS d4', 'SET str x',
      'SORT str', 'SORT l LIMIT 1', 'SORT l FOO', 'SORT_RO l STORE x', 'SORT_RO l DESC', 'SORT l LIMIT a 1', 'COMMAND GETKEYS sort l STORE d', 'RPUSH e "" " 2" 1', 'SORT e',
    ));
  });

  it('converts a sorted zset to a skiplist; sorts a set by nosort inside scripts (found by fuzzing)', async () => {
    await expectSame(pair, [
      ...cmds('FLUSHALL', 'ZADD z 1 a 2 b', 'OBJECT ENCODING z', 'SORT_RO z BY nosort', 'OBJECT ENCODING z', 'ZADD z2 1 a', 'SORT z2 BY x_* FOO', 'OBJECT ENCODING z2'),
      ...cmds('ZADD z3 1 a', 'SORT z3 GET m_*', 'OBJECT ENCODING z3', 'SADD s b a c 10 2'),
      ['EVAL', "return redis.call('sort', KEYS[1], 'by', 'nosort')", '1', 's'],
    ]);
  });
});
