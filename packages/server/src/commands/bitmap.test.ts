import { it } from 'vitest';
import { describeWithOracle } from '@ferrous/oracle';
import { cmds, expectSame, usePair } from '../../test/harness';

describeWithOracle(['redis-server'], 'bitmap commands vs redis-server', () => {
  const pair = usePair();

  it('SETBIT GETBIT and limits', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'SETBIT b 7 1', 'GET b', 'SETBIT b 7 0', 'SETBIT b 100 1', 'STRLEN b', 'GETBIT b 100', 'GETBIT b 99', 'GETBIT b 100000', 'GETBIT nokey 5',
      'SETBIT b -1 1', 'SETBIT b x 1', 'SETBIT b 1 2', 'SETBIT b 1 x', 'SETBIT b 4294967296 1', 'GETBIT b 4294967296', 'GETBIT b -1', 'OBJECT ENCODING b',
      'SET s abc EX 100', 'SETBIT s 0 1', 'TTL s', 'GET s',
    ));
  });

  it('BITCOUNT and BITPOS with BYTE/BIT ranges', async () => {
    const base = cmds('FLUSHALL', 'SET k foobar', 'SET z ""', 'SET ones \xff\xff\xff', 'SET mix \x00\xff\xf0');
    const queries: string[] = [];
    for (const key of ['k', 'ones', 'mix', 'nokey']) {
      queries.push(`BITCOUNT ${key}`);
      for (const [s, e] of [[0, 0], [1, 1], [0, -1], [-2, -1], [5, 30], [-100, 100], [3, 1], [-1, -3]]) {
        queries.push(`BITCOUNT ${key} ${s} ${e}`, `BITCOUNT ${key} ${s} ${e} BIT`, `BITCOUNT ${key} ${s} ${e} BYTE`);
        for (const bit of [0, 1]) queries.push(`BITPOS ${key} ${bit} ${s} ${e}`, `BITPOS ${key} ${bit} ${s} ${e} BIT`, `BITPOS ${key} ${bit} ${s}`);
      }
      queries.push(`BITPOS ${key} 0`, `BITPOS ${key} 1`);
    }
    queries.push('BITCOUNT k 1', 'BITCOUNT k 0 1 foo', 'BITCOUNT k x 1', 'BITPOS k 2', 'BITPOS k 1 0 1 foo', 'BITPOS k 1 x', 'BITCOUNT z', 'BITPOS z 0', 'BITPOS z 1');
    await expectSame(pair, [...base, ...cmds(...queries)]);
  });

  it('BITOP', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'SET a abc', 'SET b \x01\x02', 'BITOP AND d a b', 'GET d', 'BITOP OR d a b', 'GET d', 'BITOP XOR d a b nokey', 'GET d', 'BITOP NOT d a', 'GET d',
      'BITOP NOT d a b', 'BITOP FOO d a', 'BITOP AND d nokey1 nokey2', 'EXISTS d', 'BITOP OR d',
      // The result is a raw string however short (found by fuzzing).
      'SET n 12', 'BITOP AND d n n', 'OBJECT ENCODING d', 'BITOP OR d a', 'OBJECT ENCODING d',
    ));
  });

  it('BITFIELD and BITFIELD_RO', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'BITFIELD bf SET i8 0 100 GET i8 0', 'BITFIELD bf INCRBY i8 0 100', 'BITFIELD bf OVERFLOW SAT INCRBY i8 0 100', 'BITFIELD bf OVERFLOW FAIL INCRBY i8 0 100',
      'BITFIELD bf OVERFLOW WRAP INCRBY u4 #1 20', 'BITFIELD bf GET u4 #1 GET i64 0 GET u63 1', 'BITFIELD bf SET i64 0 -9223372036854775808 GET i64 0', 'BITFIELD bf INCRBY i64 0 -1',
      'BITFIELD bf GET u64 0', 'BITFIELD bf GET i65 0', 'BITFIELD bf GET x8 0', 'BITFIELD bf GET i8 -1', 'BITFIELD bf GET i8 x', 'BITFIELD bf SET i8 0 x', 'BITFIELD bf OVERFLOW FOO',
      'BITFIELD bf FOO', 'BITFIELD bf GET i8', 'BITFIELD new GET u8 100', 'EXISTS new', 'BITFIELD new2 OVERFLOW FAIL SET u2 0 10', 'GET new2', 'BITFIELD_RO bf GET i8 0',
      'BITFIELD_RO bf SET i8 0 1', 'BITFIELD bf', 'BITFIELD bf SET u8 #2 255 GET u8 16', 'GET bf', 'BITFIELD sat OVERFLOW SAT SET i4 0 100 SET u4 4 -3 GET i8 0',
    ));
  });
});
