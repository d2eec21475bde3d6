// DEBUG RELOAD and WATCH against redis-server 7.0: a reload flushes the dataset (touching watched
// keys that existed) and loads the file without per-key notifications, so a watched key that the
// load creates does not abort the transaction.
import { expect, it } from 'vitest';
import { describeWithOracle, RawConnection } from '@ferrous/oracle';
import { cmds, expectSame, usePair } from './harness';

describeWithOracle(['redis-server'], 'DEBUG RELOAD and WATCH vs redis-server', () => {
  const pair = usePair();

  it('touches watched keys the flush removes, not keys the load creates', async () => {
    await expectSame(pair, cmds(
      'FLUSHALL', 'SET x 1', 'SAVE', 'DEL x', 'SET a 1',
      'WATCH x', 'DEBUG RELOAD NOSAVE', 'MULTI', 'GET x', 'EXEC',
      'WATCH a', 'DEBUG RELOAD NOSAVE', 'MULTI', 'GET x', 'EXEC',
      'WATCH x', 'DEBUG RELOAD', 'MULTI', 'GET x', 'EXEC',
      'SET b 2', 'SAVE', 'SET b 3', 'SET c 4', 'DEBUG RELOAD NOFLUSH MERGE NOSAVE', 'GET b', 'GET c',
      'DEBUG RELOAD nosave merge', 'DEBUG RELOAD FOO', 'DBSIZE',
    ));
  });

  // redis-server panics on a key of the file that is already in memory without MERGE; Ferrous
  // refuses and keeps its dataset.
  it('NOFLUSH without MERGE refuses a file whose keys are already present', async () => {
    const conn = await RawConnection.open(pair.ferrous.port);
    try {
      for (const argv of cmds('FLUSHALL', 'SET k old', 'SAVE', 'SET k new')) await conn.call(...argv);
      expect(await conn.call('DEBUG', 'RELOAD', 'NOFLUSH', 'NOSAVE')).toBe('-ERR Error trying to load the RDB dump\r\n');
      expect(await conn.call('GET', 'k')).toBe('$3\r\nnew\r\n');
    } finally {
      conn.close();
    }
  });
});
