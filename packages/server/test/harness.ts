// Test support: a Ferrous server and a real redis-server side by side, and helpers that send both
// the same commands and compare the raw replies byte for byte.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { exchangeBoth, startRedis, type RawConnection, type RedisOracle } from '@ferrous/oracle';
import { createServer, type ServerHandle, type ServerOptions } from '@ferrous/server';

export interface Pair {
  ferrous: ServerHandle;
  redis: RedisOracle;
}

/** Starts both servers for the enclosing describe block (fresh per block). */
export function usePair(options: { ferrous?: ServerOptions; redisArgs?: string[] } = {}): Pair {
  const pair = {} as Pair;
  // Its own directory, so a SAVE or DEBUG RELOAD neither writes into the working tree nor loads a
  // dump.rdb another test left there.
  const dir = mkdtempSync(join(tmpdir(), 'ferrous-pair-'));
  beforeAll(async () => {
    const [ferrous, redis] = await Promise.allSettled([
      createServer({ port: 0, ...options.ferrous, config: { save: '', dir, 'enable-debug-command': 'yes', ...options.ferrous?.config } }),
      startRedis(['--enable-debug-command', 'yes', ...(options.redisArgs ?? [])]),
    ]);
    if (ferrous.status === 'fulfilled') pair.ferrous = ferrous.value;
    if (redis.status === 'fulfilled') pair.redis = redis.value;
    // If one failed, afterAll still stops the other; rethrow so the suite fails loudly.
    if (ferrous.status === 'rejected') throw ferrous.reason;
    if (redis.status === 'rejected') throw redis.reason;
  });
  afterAll(async () => {
    await Promise.all([pair.ferrous?.close(), pair.redis?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });
  return pair;
}

/**
 * Sends `commands` (pipelined, one connection each) to both and expects identical replies, after
 * `normalize` (for values that legitimately differ, like client ids).
 */
export async function expectSame(pair: Pair, commands: string[][], normalize: (reply: string) => string = (r) => r): Promise<string[]> {
  const { candidate, reference } = await exchangeBoth(pair.ferrous.port, pair.redis.port, commands);
  const shown = (replies: string[]) => replies.map((r, i) => `${JSON.stringify(commands[i])} -> ${JSON.stringify(normalize(r))}`);
  expect(shown(candidate)).toEqual(shown(reference));
  return candidate;
}

/** Splits `SET a b` into argv (tests only; no quoting). */
export function cmds(...lines: string[]): string[][] {
  return lines.map((l) => l.split(' '));
}

/** Sends PING until the server answers BUSY (a script passed busy-reply-threshold). */
export async function untilBusy(conn: RawConnection): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await conn.call('PING');
    if (r.startsWith('-BUSY') || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
}
