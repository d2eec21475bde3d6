// Multi-part AOF interop with the real Redis 7.0 tools: redis-check-aof accepts what Ferrous
// writes and redis-server loads it; Ferrous loads what redis-server writes (with and without RDB
// preamble, with #TS annotations, across a BGREWRITEAOF); a legacy single file is upgraded.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RawConnection, describeWithOracle, encodeRequest, startRedis } from '@ferrous/oracle';
import { encodeCommand } from '@ferrous/resp';
import { Store } from '@ferrous/store';
import { Aof, applyRdb, loadAof, readManifest } from '../index';
import { TestClient, applyCommand, datasetCommands, populate, populateRedis, redisContents, storeContents } from '../test-support';

/** Feeds commands to an Aof the way the server propagates them (SELECT tracked per database). */
function propagate(aof: Aof, store: Store, commands: string[][]): void {
  const state = { db: 0 };
  for (const argv of commands) {
    applyCommand(store, state, argv);
    if (argv[0] !== 'SELECT') aof.appendCommand(state.db, argv);
  }
}

function loadInto(store: Store, dir: string): ReturnType<typeof loadAof> {
  const state = { db: 0 };
  return loadAof({ dir }, store, { rdb: (c) => applyRdb(store, c), command: (argv) => applyCommand(store, state, argv) });
}

async function waitRewrite(client: TestClient): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const info = String(await client.call('INFO', 'persistence'));
    if (info.includes('aof_rewrite_in_progress:0') && info.includes('aof_rewrite_scheduled:0')) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('rewrite did not finish');
}

describeWithOracle(['redis-server', 'redis-cli'], 'AOF interop with redis-server 7.0', () => {
  const commands = datasetCommands();
  const half = commands.findIndex((c, i) => i > 0 && c[0] === 'SELECT');
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ferrous-aof-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const useRdbPreamble of [true, false]) {
    it(`Ferrous AOF (preamble ${useRdbPreamble ? 'yes' : 'no'}, rewritten mid-way) passes redis-check-aof and loads in redis-server`, async () => {
      const store = new Store();
      const aof = Aof.open(store, { dir, useRdbPreamble, appendfsync: 'always', timestamps: true });
      propagate(aof, store, commands.slice(0, half));
      await aof.flush();
      const rewrite = aof.rewrite(store);
      // Writes during the rewrite land in the new incr file.
      propagate(aof, store, commands.slice(half));
      await aof.flush();
      await rewrite;
      propagate(aof, store, [['SELECT', '5'], ['SET', 'after', 'rewrite']]);
      await aof.close();
      const manifest = readManifest({ dir })!;
      expect(manifest.base!.name).toBe(`appendonly.aof.2.base.${useRdbPreamble ? 'rdb' : 'aof'}`);
      expect(manifest.incrs.map((f) => f.name)).toEqual(['appendonly.aof.2.incr.aof']);
      expect(readdirSync(join(dir, 'appendonlydir')).sort()).toEqual([manifest.base!.name, 'appendonly.aof.2.incr.aof', 'appendonly.aof.manifest']);
      const check = spawnSync('redis-check-aof', [join(dir, 'appendonlydir', 'appendonly.aof.manifest')], { encoding: 'latin1' });
      expect(check.stdout).toMatch(/is valid/);
      expect(check.status).toBe(0);
      // Our loader reads it back, and so does redis-server.
      const back = new Store();
      loadInto(back, dir);
      expect(storeContents(back)).toEqual(storeContents(store));
      const redis = await startRedis(['--dir', dir, '--appendonly', 'yes']);
      const client = TestClient.wrap(await RawConnection.open(redis.port));
      try {
        expect(await redisContents(client)).toEqual(storeContents(store));
      } finally {
        client.close();
        await redis.stop();
      }
    });

    it(`a redis-server AOF (preamble ${useRdbPreamble ? 'yes' : 'no'}, with #TS, after BGREWRITEAOF) loads into Ferrous`, async () => {
      const redis = await startRedis(['--appendonly', 'yes', '--aof-use-rdb-preamble', useRdbPreamble ? 'yes' : 'no', '--aof-timestamp-enabled', 'yes']);
      const conn = await RawConnection.open(redis.port);
      const client = TestClient.wrap(conn);
      try {
        await populateRedis(conn, commands.slice(0, half), encodeRequest);
        await client.call('BGREWRITEAOF');
        await waitRewrite(client);
        await populateRedis(conn, commands.slice(half), encodeRequest);
        const expected = await redisContents(client);
        const store = new Store();
        const result = loadInto(store, redis.dir);
        expect(result.files.length).toBe(2);
        expect(storeContents(store)).toEqual(expected);
      } finally {
        client.close();
        await redis.stop();
      }
    });
  }

  it('upgrades a legacy single appendonly.aof like Redis 7.0, and redis-server loads the result', async () => {
    const legacy = Buffer.concat(commands.map((c) => encodeCommand(c)));
    writeFileSync(join(dir, 'appendonly.aof'), legacy);
    const store = new Store();
    loadInto(store, dir);
    const expected = new Store();
    populate(expected, commands);
    expect(storeContents(store)).toEqual(storeContents(expected));
    const aof = Aof.open(store, { dir });
    aof.appendCommand(0, ['SET', 'new', 'key']);
    applyCommand(expected, { db: 0 }, ['SET', 'new', 'key']);
    await aof.close();
    expect(existsSync(join(dir, 'appendonly.aof'))).toBe(false);
    expect(readFileSync(join(dir, 'appendonlydir', 'appendonly.aof.manifest'), 'latin1')).toBe(
      'file appendonly.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n',
    );
    const redis = await startRedis(['--dir', dir, '--appendonly', 'yes']);
    const client = TestClient.wrap(await RawConnection.open(redis.port));
    try {
      expect(await redisContents(client)).toEqual(storeContents(expected));
    } finally {
      client.close();
      await redis.stop();
    }
  });
});
