import { expect, it } from 'vitest';
import { describeWithOracle, RawConnection } from '@ferrous/oracle';
import { cmds, expectSame, usePair } from '../../test/harness';

describeWithOracle(['redis-server'], 'server commands vs redis-server', () => {
  const pair = usePair();

  it('CONFIG errors, GET and SET', async () => {
    await expectSame(pair, cmds(
      'CONFIG SET maxmemory abc', 'CONFIG SET port abc', 'CONFIG SET port 99999', 'CONFIG SET appendonly maybe', 'CONFIG SET maxmemory-policy foo',
      'CONFIG SET daemonize yes', 'CONFIG SET foo bar', 'CONFIG SET hz 1 hz 2', 'CONFIG SET save a', 'CONFIG SET dir /tmp', 'CONFIG SET notify-keyspace-events Q',
      'CONFIG SET maxmemory -1', 'CONFIG SET timeout -1', 'CONFIG SET timeout 1k', 'CONFIG SET hz 0', 'CONFIG GET hz', 'CONFIG SET hz 10000', 'CONFIG GET hz', 'CONFIG SET hz 10',
      'CONFIG SET maxmemory 1GB', 'CONFIG GET maxmemory', 'CONFIG SET maxmemory 0', 'CONFIG SET loglevel WARNING', 'CONFIG GET loglevel', 'CONFIG SET loglevel notice',
      'CONFIG SET maxmemory-clients 5%', 'CONFIG GET maxmemory-clients', 'CONFIG SET maxmemory-clients 0', 'CONFIG SET lua-time-limit 100', 'CONFIG GET busy-reply-threshold',
      'CONFIG SET busy-reply-threshold 5000', 'CONFIG GET client-output-buffer-limit', 'CONFIG SET client-output-buffer-limit foo', 'CONFIG GET hash-max-ziplist-entries',
      'CONFIG GET nonexistent', 'CONFIG SET notify-keyspace-events KEA', 'CONFIG GET notify-keyspace-events', 'CONFIG SET notify-keyspace-events ""', 'CONFIG HELP', 'CONFIG RESETSTAT',
    ));
  });

  it('COMMAND COUNT-independent views from the table', async () => {
    await expectSame(pair, cmds(
      'COMMAND GETKEYS get a', 'COMMAND GETKEYS mset a 1 b 2', 'COMMAND GETKEYS foo', 'COMMAND GETKEYS get', 'COMMAND GETKEYS ping', 'COMMAND GETKEYS ping x', 'COMMAND GETKEYS foo x', 'COMMAND GETKEYS get a b', 'COMMAND GETKEYS lcs a b',
      'COMMAND INFO nosuchcommand', 'COMMAND HELP', 'COMMAND foo', 'COMMAND GETKEYSANDFLAGS get a',
    ));
    const conn = await RawConnection.open(pair.ferrous.port);
    const redis = await RawConnection.open(pair.redis.port);
    for (const name of ['get', 'set', 'mset', 'config|get', 'incr', 'expire', 'client|list', 'ping']) {
      // The first 8 fields (name … tips) come from the table and must match Redis.
      const head = (s: string) => s.split('\r\n').slice(0, 30).join('|').replace(/\*\d+\|\$\d+\|flags\|.*$/, '');
      const [ours, theirs] = [await conn.call('COMMAND', 'INFO', name), await redis.call('COMMAND', 'INFO', name)];
      expect(head(ours).split('|*')[0], name).toBe(head(theirs).split('|*')[0]);
    }
    conn.close();
    redis.close();
  });

  it('SLOWLOG, LATENCY, MEMORY, DEBUG, SHUTDOWN argument errors', async () => {
    await expectSame(pair, cmds(
      'SLOWLOG RESET', 'SLOWLOG LEN', 'SLOWLOG GET a', 'SLOWLOG GET -2', 'SLOWLOG HELP', 'SLOWLOG foo', 'LATENCY LATEST', 'LATENCY HISTORY command', 'LATENCY RESET',
      'LATENCY GRAPH foo', 'LATENCY HELP', 'LATENCY DOCTOR', 'MEMORY USAGE nokey', 'MEMORY USAGE nokey SAMPLES x', 'MEMORY USAGE nokey foo', 'MEMORY HELP', 'MEMORY PURGE',
      'DEBUG foo', 'DEBUG SLEEP 0', 'DEBUG SET-ACTIVE-EXPIRE 1', 'DEBUG POPULATE 3', 'GET key:2', 'DEBUG POPULATE 2 p 12', 'GET p:1', 'DEBUG POPULATE 2 q 3', 'GET q:0', 'DBSIZE',
      'DEBUG PROTOCOL map', 'DEBUG PROTOCOL foo', 'DEBUG ERROR oops', 'SHUTDOWN foo', 'SHUTDOWN ABORT', 'SHUTDOWN NOSAVE SAVE', 'INFO nosuchsection', 'LASTSAVE x', 'TIME x',
    ));
  });

  it('INFO has Redis 7.0 sections and field names', async () => {
    const conn = await RawConnection.open(pair.ferrous.port);
    const redis = await RawConnection.open(pair.redis.port);
    await conn.call('SET', 'x', '1');
    await redis.call('SET', 'x', '1');
    const fields = (s: string) => s.split('\r\n').filter((l) => l.startsWith('#') || l.includes(':')).map((l) => l.split(':')[0]).filter((f) => !/^(cmdstat|latency_percentiles|errorstat|db\d)/.test(f));
    const [ours, theirs] = [fields(await conn.call('INFO', 'everything')), fields(await redis.call('INFO', 'everything'))];
    for (const f of theirs) expect(ours, f).toContain(f);
    expect(ours).toContain('ferrous_version');
    expect(await conn.call('INFO', 'keyspace')).toMatch(/db0:keys=\d+,expires=0,avg_ttl=0/);
    expect(await conn.call('INFO', 'commandstats')).toMatch(/cmdstat_set:calls=1,usec=\d+,usec_per_call=[\d.]+,rejected_calls=0,failed_calls=0/);
    conn.close();
    redis.close();
  });
});
