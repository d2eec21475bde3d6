import { it } from 'vitest';
import { describeWithOracle } from '@ferrous/oracle';
import { cmds, expectSame, usePair } from '../../test/harness';

describeWithOracle(['redis-server'], 'string commands vs redis-server', () => {
  const pair = usePair();

  it('GET/SET with options and errors', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'SET a 1', 'GET a', 'SET a 2 NX', 'SET a 3 XX', 'GET a', 'SET b 1 XX', 'GET b', 'SET b 1 NX GET', 'SET b 2 GET',
      'SET a 1 EX 0', 'SET a 1 EX -5', 'SET a 1 EX x', 'SET a 1 PX 0', 'SET a 1 EX 10 PX 10', 'SET a 1 NX XX', 'SET a 1 KEEPTTL EX 5',
      'SET a 1 EX 100', 'TTL a', 'SET a 2 KEEPTTL', 'TTL a', 'SET a 3', 'TTL a', 'SET a 1 EX 9223372036854775', 'SET a 1 EX 9223372036854776',
      'SET a 1 PXAT 1', 'GET a', 'SET a 1 EXAT 99999999999', 'EXPIRETIME a', 'SET a 1 foo', 'SET a', 'SET a 1 EX', 'SET a 1 GET GET',
    ));
  });

  it('SETNX SETEX PSETEX GETSET GETDEL GETEX', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'SETNX a 1', 'SETNX a 2', 'GET a', 'SETEX b 10 v', 'TTL b', 'SETEX b 0 v', 'SETEX b -1 v', 'SETEX b x v', 'PSETEX c 100000 v', 'TTL c',
      'PSETEX c 0 v', 'GETSET a 5', 'GETSET zz 1', 'GETDEL a', 'GETDEL a', 'GETEX b', 'GETEX b PERSIST', 'TTL b', 'GETEX b EX 100', 'TTL b', 'GETEX b PX 0',
      'GETEX b EX 10 PERSIST', 'GETEX b foo', 'GETEX nokey EX 10', 'GETEX b EXAT 1', 'EXISTS b',
    ));
  });

  it('MGET MSET MSETNX APPEND STRLEN', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'MSET a 1 b 2 c 3', 'MGET a b c d', 'MSET a', 'MSET a 1 b', 'MSETNX a 1 x 2', 'MSETNX x 1 y 2', 'MGET x y',
      'APPEND a xyz', 'GET a', 'APPEND new abc', 'STRLEN a', 'STRLEN nope', 'OBJECT ENCODING a', 'OBJECT ENCODING new', 'SET i 123', 'OBJECT ENCODING i',
    ));
    await expectSame(pair, [['SET', 'bin', '\0\x01\xff\x80'], ['APPEND', 'bin', '\0'], ['GET', 'bin'], ['STRLEN', 'bin'], ['SET', '', ''], ['GET', ''], ['STRLEN', ''], ['SET', 'long', 'x'.repeat(45)], ['OBJECT', 'ENCODING', 'long'], ['SET', 'e', 'x'.repeat(44)], ['OBJECT', 'ENCODING', 'e']]);
  });

  it('GETRANGE SETRANGE SUBSTR', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'SET s Hello', 'GETRANGE s 0 -1', 'GETRANGE s -3 -1', 'GETRANGE s 10 20', 'GETRANGE s -100 100', 'GETRANGE s 3 1', 'GETRANGE s -1 -3',
      'GETRANGE s x 1', 'GETRANGE nokey 0 -1', 'SUBSTR s 1 2', 'SETRANGE s 3 XX', 'GET s', 'SETRANGE s 10 Z', 'GET s', 'SETRANGE s -1 a', 'SETRANGE s 0 ""',
      'SETRANGE nokey 5 ""', 'EXISTS nokey', 'SETRANGE n2 2 ab', 'GET n2', 'SETRANGE s 536870912 a', 'SETRANGE s x a', 'OBJECT ENCODING n2',
    ));
  });

  it('INCR DECR INCRBY DECRBY INCRBYFLOAT', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'INCR n', 'INCR n', 'DECR n', 'INCRBY n 10', 'DECRBY n 3', 'INCRBY n x', 'SET big 9223372036854775807', 'INCR big', 'SET small -9223372036854775808',
      'DECR small', 'DECRBY n -9223372036854775808', 'INCRBY n 9223372036854775807', 'SET f 1.5', 'INCR f', 'INCRBYFLOAT f 0.1', 'INCRBYFLOAT f 1e308', 'INCRBYFLOAT f abc',
      'INCRBYFLOAT nf 3', 'INCRBYFLOAT nf -3', 'INCRBYFLOAT nf 1.0e1', 'SET sp " 1"', 'INCR sp', 'SET lead 01', 'INCR lead', 'SET e ""', 'INCR e',
      'INCRBYFLOAT n 5.0e3', 'SET k 10 EX 100', 'INCR k', 'TTL k', 'INCRBYFLOAT n inf',
      // INCRBYFLOAT's result is a plain string (embstr, not a shared integer) until rewritten.
      'INCRBYFLOAT pf 10', 'OBJECT ENCODING pf', 'OBJECT REFCOUNT pf', 'RENAME pf pg', 'OBJECT ENCODING pg', 'COPY pg ph',
      'OBJECT ENCODING ph', 'MOVE ph 1', 'SELECT 1', 'OBJECT ENCODING ph', 'SELECT 0', 'INCR pg', 'OBJECT ENCODING pg', 'OBJECT REFCOUNT pg',
      'SET pi 5', 'OBJECT REFCOUNT pi', 'SET pj 12', 'APPEND pj 3', 'OBJECT ENCODING pj', 'OBJECT REFCOUNT pj',
    ));
  });

  it('GETEX and LCS look their keys up before checking options (found by fuzzing)', async () => {
    await expectSame(pair, [
      ...cmds('FLUSHALL', 'GETEX nokey EX -1', 'GETEX nokey EXAT PXAT', 'SET s v', 'GETEX s EX -1', 'GETEX s EXAT PXAT', 'SADD set a', 'GETEX set EX -1'),
      ['GETEX', '', 'EXAT', '0'],
      ...cmds('LCS set nokey LEN MINMATCHLEN x', 'LCS nokey set foo', 'LCS s nokey MINMATCHLEN x'),
    ]);
  });

  it('LCS', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'MSET a ohmytext b mynewtext', 'LCS a b', 'LCS a b LEN', 'LCS a b IDX', 'LCS a b IDX MINMATCHLEN 4', 'LCS a b IDX WITHMATCHLEN', 'LCS a b IDX LEN',
      'LCS a b MINMATCHLEN x', 'LCS a b foo', 'LCS a nokey', 'LCS x y IDX',
    ));
  });
});

describeWithOracle(['redis-server'], 'wrong types vs redis-server', () => {
  const pair = usePair();

  it('string and bitmap commands on non-string keys', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'RPUSH l x', 'SADD s x', 'HSET h f v', 'ZADD z 1 m',
      'GET l', 'SET l 1 GET', 'GETSET s 1', 'GETDEL h', 'GETEX z', 'APPEND l x', 'STRLEN s', 'GETRANGE h 0 1', 'SETRANGE z 0 x', 'INCR l', 'DECRBY s 1',
      'INCRBYFLOAT h 1', 'MGET l s h z', 'SETBIT l 0 1', 'GETBIT s 0', 'BITCOUNT h', 'BITPOS z 1', 'BITOP AND d l', 'BITFIELD s GET u8 0', 'LCS l s', 'SETNX l 1',
      'TYPE l', 'TYPE s', 'TYPE h', 'TYPE z', 'OBJECT ENCODING l', 'SORT h', 'SET l v', 'GET l', 'RENAME s s2', 'TYPE s2', 'COPY h h2', 'TYPE h2', 'DEL z h h2 s2 l', 'DBSIZE',
    ));
  });
});
