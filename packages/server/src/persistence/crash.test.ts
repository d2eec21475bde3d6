// kill -9 under `appendfsync always`: a client writes continuously, the server process is killed at
// random moments and restarted, and every acknowledged write must be there. FERROUS_CRASH_ROUNDS
// runs a longer local soak (default 20 rounds).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Redis from 'ioredis';
import { freePort, hasOracle } from '@ferrous/oracle';

const ROUNDS = Number(process.env.FERROUS_CRASH_ROUNDS ?? 20);
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
let work = '';
let bundle = '';

/** One bundle of the app, so each restart costs a plain `node main.js` start. */
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ferrous-crash-'));
  const config = join(work, 'tsup.config.mjs');
  writeFileSync(config, `export default ${JSON.stringify({
    entry: { main: join(root, 'apps/server/src/main.ts') }, format: ['esm'], outDir: join(work, 'out'),
    tsconfig: join(root, 'tsconfig.base.json'), target: 'node20', silent: true,
  }).slice(0, -1)}, noExternal: [/^@ferrous\\//] };\n`);
  execFileSync(join(root, 'node_modules/.bin/tsup'), ['--config', config], { cwd: root, stdio: 'pipe' });
  bundle = join(work, 'out', 'main.js');
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bundle, '--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, '--save', ''], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((res, rej) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) res();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => rej(new Error(`server exited:\n${out}`)));
  });
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGKILL');
  });
}

describe('crash safety with appendfsync always', () => {
  it(`loses no acknowledged write across ${ROUNDS} kill -9 rounds`, async () => {
    const dir = join(work, 'data');
    mkdirSync(dir);
    const port = await freePort();
    const acked: number[] = [];
    let next = 0;
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round <= ROUNDS; round++) {
      const child = await launch(port, dir);
      const client = new Redis(port, '127.0.0.1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const present = new Set((await client.lrange('log', 0, -1)).map(Number));
        const lost = acked.filter((n) => !present.has(n));
        expect(lost, `round ${round}: acknowledged writes lost`).toEqual([]);
        if (round === ROUNDS) break;
        // Write in pipelined batches until the kill lands at a random moment.
        const killAt = Date.now() + 20 + Math.floor(random() * 200);
        const killing = new Promise<void>((res) => setTimeout(() => void kill(child).then(res), killAt - Date.now()));
        let dead = false;
        void killing.then(() => (dead = true));
        while (!dead && next < 1_000_000) {
          const batch = Array.from({ length: 8 }, () => next++);
          const results = await Promise.allSettled(batch.map((n) => client.rpush('log', String(n))));
          results.forEach((r, i) => r.status === 'fulfilled' && acked.push(batch[i]));
          if (results.some((r) => r.status === 'rejected')) break;
        }
        await killing;
      } finally {
        client.disconnect();
        await kill(child);
      }
    }
    expect(acked.length).toBeGreaterThan(ROUNDS);
    if (hasOracle('redis-server')) {
      const out = execFileSync('redis-check-aof', [join(dir, 'appendonlydir', 'appendonly.aof.manifest')], { encoding: 'utf8' });
      expect(out).toMatch(/is valid/);
    }
  }, Math.max(120_000, ROUNDS * 6000));
});
