// DUMP/RESTORE payloads against the real redis-server: its DUMP restores in Ferrous to an equal
// value, and Ferrous's DUMP is accepted by its RESTORE.
import { expect, it } from 'vitest';
import { RawConnection, describeWithOracle, encodeRequest, startRedis } from '@ferrous/oracle';
import { Store } from '@ferrous/store';
import { dumpValue, restoreValue } from './index';
import { TestClient, canonicalValue, datasetCommands, populate, populateRedis, redisContents } from './test-support';

describeWithOracle(['redis-server'], 'DUMP/RESTORE interop with redis-server 7.0', () => {
  const commands = datasetCommands().filter((c) => c[0] !== 'SELECT' || c[1] === '0').slice(0, 26);

  for (const [label, args] of [
    ['default encodings', []],
    ['low thresholds', ['--hash-max-listpack-entries', '2', '--zset-max-listpack-entries', '2', '--set-max-intset-entries', '2']],
    ['rdbcompression no', ['--rdbcompression', 'no']],
  ] as const) {
    const compression = !args.includes('no' as never);
    it(`redis DUMP -> Ferrous restore, Ferrous DUMP -> redis RESTORE (${label})`, async () => {
      const redis = await startRedis([...args]);
      const conn = await RawConnection.open(redis.port);
      const client = TestClient.wrap(conn);
      try {
        await populateRedis(conn, commands, encodeRequest);
        const expected = (await redisContents(client))[0];
        const store = new Store();
        populate(store, commands);
        for (const key of Object.keys(expected)) {
          const payload = (await client.call('DUMP', key)) as string;
          const value = restoreValue(payload, store);
          expect(canonicalValue(value)).toEqual({ type: expected[key].type, value: expected[key].value });
          // Our payload for the same value restores in Redis to the same contents.
          const mine = store.db(0).lookupRead(key)!;
          const ours = dumpValue(mine, { compression }).latin1Slice();
          // Without LZF (whose match choices may differ from liblzf's) the bytes are Redis's own,
          // whenever the element order is defined (not hashtable sets/hashes).
          const encoding = String(await client.call('OBJECT', 'ENCODING', key));
          const sameShape = typeof mine === 'string' || mine.encoding === encoding || mine.type === 'list';
          if (!compression && encoding !== 'hashtable' && sameShape) expect(ours, key).toBe(payload);
          expect(await client.call('RESTORE', key, '0', ours, 'REPLACE')).toBe('OK');
        }
        const after = (await redisContents(client))[0];
        for (const key of Object.keys(expected)) expect(after[key].value).toEqual(expected[key].value);
        // A flipped byte is refused like Redis refuses it.
        const payload = dumpValue('hello world');
        payload[3] ^= 1;
        await expect(client.call('RESTORE', 'bad', '0', payload.latin1Slice())).rejects.toThrow('ERR DUMP payload version or checksum are wrong');
        expect(() => restoreValue(payload, store)).toThrow('ERR DUMP payload version or checksum are wrong');
      } finally {
        client.close();
        await redis.stop();
      }
    });
  }
});
