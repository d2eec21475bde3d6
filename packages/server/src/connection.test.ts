import { expect, it } from 'vitest';
import { describeWithOracle, RawConnection } from '@ferrous/oracle';
import { cmds, expectSame, usePair } from '../test/harness';

describeWithOracle(['redis-server'], 'connection commands vs redis-server', () => {
  const pair = usePair();

  it('PING and ECHO', async () => {
    await expectSame(pair, [['PING'], ['ping', 'hello'], ['ECHO', 'x\0\xff y'], ['ECHO'], ['PING', 'a', 'b'], ['echo', '']]);
  });

  it('unknown commands and arity errors', async () => {
    await expectSame(pair, cmds('FOO', 'foo a b c', 'GET', 'get a b', 'config', 'config foo', 'config get', 'CONFIG SET hz', 'client', 'object', 'OBJECT x y'));
    await expectSame(pair, [['foo', 'x'.repeat(200), 'y'], ['nope', 'a\r\nb']]);
  });

  it('SELECT, HELLO, AUTH errors', async () => {
    await expectSame(pair, cmds('SELECT 1', 'SELECT 16', 'SELECT -1', 'SELECT x', 'HELLO 4', 'HELLO x', 'HELLO 2 foo', 'HELLO 2 AUTH a', 'AUTH a', 'AUTH a b', 'AUTH a b c', 'HELLO 3 SETNAME', 'CLIENT SETNAME a\tb', 'CLIENT SETNAME ok', 'CLIENT GETNAME', 'CLIENT REPLY foo', 'CLIENT NO-EVICT maybe', 'CLIENT PAUSE -1', 'CLIENT PAUSE x', 'CLIENT KILL 1.2.3.4:5', 'CLIENT KILL ID 0', 'CLIENT KILL ID x', 'CLIENT KILL foo bar', 'CLIENT KILL TYPE foo', 'CLIENT LIST TYPE foo', 'CLIENT LIST ID x', 'CLIENT TRACKINGINFO', 'CLIENT GETREDIR', 'RESET', 'QUIT'));
  });

  it('inline commands and protocol errors answer like Redis', async () => {
    for (const raw of ['PING\r\nECHO "a b"\r\nSET k "x\\x41"\r\nGET k\r\n', '*1\r\n$4\r\nPING\r\n*x\r\n', '*1\r\nfoo\r\n', 'ECHO "unbalanced\r\n']) {
      const replies = await Promise.all(
        [pair.ferrous.port, pair.redis.port].map(async (port) => {
          const conn = await RawConnection.open(port);
          conn.write(raw);
          const got = await conn.read(4, 500);
          const closed = await conn.waitClosed(500);
          conn.close();
          return { got, closed };
        }),
      );
      expect(replies[0], JSON.stringify(raw)).toEqual(replies[1]);
    }
  });

  it('HELLO switches to RESP3', async () => {
    await expectSame(pair, [['HELLO', '3', 'SETNAME', 'n'], ['GET', 'nokey'], ['CLIENT', 'GETNAME'], ['HELLO', '2'], ['GET', 'nokey']], (r) =>
      r.replace(/id\r\n:\d+/, 'id\r\n:ID'),
    );
  });
});

describeWithOracle(['redis-server'], 'RESP3 reply shapes vs redis-server', () => {
  const pair = usePair();

  it('maps, sets, doubles, nulls, booleans and verbatim strings where Redis 7.0 uses them', async () => {
    await expectSame(pair, [
      ['HELLO', '3'],
      ['SET', 'a', 'ohmytext'],
      ['SET', 'b', 'mynewtext'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['LCS', 'a', 'b', 'IDX'],
      ['GET', 'nokey'],
      ['MGET', 'a', 'nokey'],
      ['INCRBYFLOAT', 'f', '1.5'],
      ['CLIENT', 'TRACKINGINFO'],
      ['DEBUG', 'PROTOCOL', 'double'],
      ['DEBUG', 'PROTOCOL', 'true'],
      ['DEBUG', 'PROTOCOL', 'set'],
      ['DEBUG', 'PROTOCOL', 'verbatim'],
      ['DEBUG', 'PROTOCOL', 'bignum'],
      ['DEBUG', 'PROTOCOL', 'attrib'],
      ['DEBUG', 'PROTOCOL', 'push'],
      ['DEBUG', 'PROTOCOL', 'null'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'get', 'x'],
      ['LATENCY', 'DOCTOR'],
      ['MEMORY', 'USAGE', 'nokey'],
      ['SCAN', '0', 'MATCH', 'nomatch*'],
    ], (r) => r.replace(/id\r\n:\d+/, 'id\r\n:ID'));
  });
});
