// Interop with the real Redis 7.0 tools: dumps written by Ferrous pass redis-check-rdb and load
// into redis-server unchanged; dumps written by redis-server (SAVE) load into Ferrous unchanged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RawConnection, describeWithOracle, encodeRequest, startRedis } from '@ferrous/oracle';
import { Store } from '@ferrous/store';
import { readRdb, saveRdb, loadRdbFile } from '../index';
import { TestClient, datasetCommands, populate, populateRedis, redisContents, storeContents } from '../test-support';

const LOW_THRESHOLDS = [
  '--hash-max-listpack-entries', '4', '--zset-max-listpack-entries', '4',
  '--set-max-intset-entries', '4', '--list-max-listpack-size', '4',
];

describeWithOracle(['redis-server', 'redis-cli'], 'RDB interop with redis-server 7.0', () => {
  const commands = datasetCommands();
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ferrous-rdb-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [label, options] of [
    ['compressed', {}],
    ['uncompressed, list nodes of 4', { compression: false, listMaxListpackSize: 4 }],
  ] as const) {
    it(`a Ferrous dump (${label}) passes redis-check-rdb and loads into redis-server identically`, async () => {
      const store = new Store();
      populate(store, commands);
      const path = join(dir, `ferrous-${label.length}.rdb`);
      saveRdb(store, path, options);
      const check = spawnSync('redis-check-rdb', [path], { encoding: 'latin1' });
      expect(check.stdout).toContain('RDB looks OK');
      expect(check.status).toBe(0);
      const redis = await startRedis(['--dir', dir, '--dbfilename', path.slice(dir.length + 1)]);
      const client = TestClient.wrap(await RawConnection.open(redis.port));
      try {
        expect(await redisContents(client)).toEqual(storeContents(store));
      } finally {
        client.close();
        await redis.stop();
      }
    });
  }

  for (const [label, args] of [
    ['default encodings', []],
    ['low thresholds', LOW_THRESHOLDS],
    ['rdbcompression no', ['--rdbcompression', 'no']],
  ] as const) {
    it(`a redis-server dump (${label}) loads into Ferrous identically`, async () => {
      const redis = await startRedis([...args]);
      const conn = await RawConnection.open(redis.port);
      const client = TestClient.wrap(conn);
      try {
        await populateRedis(conn, commands, encodeRequest);
        expect(await client.call('SAVE')).toBe('OK');
        const expected = await redisContents(client);
        const store = new Store();
        const contents = loadRdbFile(join(redis.dir, 'dump.rdb'), store);
        expect(contents.version).toBe(10);
        expect(contents.aux.get('redis-ver')).toBe('7.0.15');
        expect(storeContents(store)).toEqual(expected);
        // A second pass through our writer gives back the same data.
        const again = new Store();
        saveRdb(store, join(dir, 'roundtrip.rdb'));
        readRdb(readFileSync(join(dir, 'roundtrip.rdb')), again);
        loadRdbFile(join(dir, 'roundtrip.rdb'), again);
        expect(storeContents(again)).toEqual(expected);
      } finally {
        client.close();
        await redis.stop();
      }
    });
  }
});
