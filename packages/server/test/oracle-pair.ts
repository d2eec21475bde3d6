// Differential harness for the data-type families: one in-process Ferrous and one real
// redis-server receive the same pipelined commands; replies are compared byte for byte, or
// after sorting where Redis's order is its hash table's (SMEMBERS, HGETALL on hashtables…).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ServerHandle } from '@ferrous/server';
import { exchangeBoth, respFrameEnd, startRedis, type RedisOracle } from '@ferrous/oracle';
import { expect } from 'vitest';

/**
 * How a reply is compared: exactly, as an unordered collection, only its type byte, or as a
 * complete SCAN reply whose [field, value] pairs may come in any order.
 */
export type Compare = 'exact' | 'unordered' | 'type' | 'scan-pairs';

export interface Step {
  argv: string[];
  compare?: Compare;
}

export interface Pair {
  readonly ferrous: ServerHandle;
  readonly redis: RedisOracle;
  /** Runs `steps` on both servers (RESP3 when `resp3`) and returns both reply lists. */
  exchange(steps: (Step | string[])[], resp3?: boolean): Promise<{ candidate: string[]; reference: string[]; steps: Step[] }>;
  /** exchange + expect every reply to match. */
  check(steps: (Step | string[])[], resp3?: boolean): Promise<void>;
  stop(): Promise<void>;
}

export async function startPair(): Promise<Pair> {
  // Like the oracle: no save points, its own directory (nothing written to or loaded from the tree).
  const dir = mkdtempSync(join(tmpdir(), 'ferrous-pair-'));
  const [ferrous, redis] = await Promise.all([createServer({ port: 0, config: { save: '', dir } }), startRedis()]);
  const pair: Pair = {
    ferrous,
    redis,
    async exchange(input, resp3 = false) {
      const steps = input.map((s) => (Array.isArray(s) ? { argv: s } : s));
      const argvs = steps.map((s) => s.argv);
      if (resp3) argvs.unshift(['HELLO', '3']);
      const r = await exchangeBoth(ferrous.port, redis.port, argvs);
      if (resp3) {
        r.candidate.shift();
        r.reference.shift();
      }
      return { ...r, steps };
    },
    async check(input, resp3 = false) {
      const { candidate, reference, steps } = await pair.exchange(input, resp3);
      expect(candidate.length).toBe(reference.length);
      for (let i = 0; i < steps.length; i++) {
        const mode = steps[i].compare ?? 'exact';
        const label = `${steps[i].argv.join(' ')} (step ${i}${resp3 ? ', RESP3' : ''})`;
        expect(normalise(candidate[i], mode), label).toBe(normalise(reference[i], mode));
      }
    },
    async stop() {
      await Promise.all([ferrous.close(), redis.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return pair;
}

/** Top-level elements of an aggregate frame (maps: key+value pairs as one element). */
function elements(frame: string): { header: string; items: string[] } {
  const buf = Buffer.from(frame, 'latin1');
  const lineEnd = frame.indexOf('\r\n');
  const header = frame.slice(0, lineEnd + 2);
  const n = Number(frame.slice(1, lineEnd));
  const per = frame[0] === '%' ? 2 : 1;
  const items: string[] = [];
  let pos = lineEnd + 2;
  for (let i = 0; i < n; i++) {
    let end = pos;
    for (let k = 0; k < per; k++) end = respFrameEnd(buf, end);
    items.push(frame.slice(pos, end));
    pos = end;
  }
  return { header, items };
}

export function normalise(frame: string | undefined, mode: Compare): string | undefined {
  if (frame === undefined || mode === 'exact') return frame;
  if (mode === 'type') return frame[0];
  if (mode === 'scan-pairs') {
    const { header, items } = elements(frame);
    const inner = elements(items[1]);
    const pairs: string[] = [];
    for (let i = 0; i < inner.items.length; i += 2) pairs.push(inner.items[i] + inner.items[i + 1]);
    return header + items[0] + inner.header + pairs.sort().join('');
  }
  if (!'*~%'.includes(frame[0]) || frame.startsWith('*-1')) return frame;
  const { header, items } = elements(frame);
  return header + items.sort().join('');
}

/** CONFIG SET commands that lower every collection threshold, so small values use the big encodings. */
export const SMALL_ENCODING_CONFIG: string[][] = [
  ['CONFIG', 'SET', 'hash-max-listpack-entries', '2'],
  ['CONFIG', 'SET', 'hash-max-listpack-value', '4'],
  ['CONFIG', 'SET', 'set-max-intset-entries', '2'],
  ['CONFIG', 'SET', 'zset-max-listpack-entries', '2'],
  ['CONFIG', 'SET', 'zset-max-listpack-value', '4'],
  ['CONFIG', 'SET', 'list-max-listpack-size', '2'],
];

/** The defaults, to restore after a small-encoding run. */
export const DEFAULT_ENCODING_CONFIG: string[][] = [
  ['CONFIG', 'SET', 'hash-max-listpack-entries', '512'],
  ['CONFIG', 'SET', 'hash-max-listpack-value', '64'],
  ['CONFIG', 'SET', 'set-max-intset-entries', '512'],
  ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
  ['CONFIG', 'SET', 'zset-max-listpack-value', '64'],
  ['CONFIG', 'SET', 'list-max-listpack-size', '-2'],
];

/** The two encoding setups every family suite runs under. */
export const ENCODINGS: { name: string; config: string[][] }[] = [
  { name: 'compact encodings', config: DEFAULT_ENCODING_CONFIG },
  { name: 'big encodings', config: SMALL_ENCODING_CONFIG },
];

/** Splits `"a b c"` into argv (no quoting; use arrays for arguments with spaces). */
export function cmd(line: string, compare?: Compare): Step {
  return { argv: line.split(' '), compare };
}
