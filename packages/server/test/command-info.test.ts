// COMMAND INFO for every command both servers have, against redis-server 7.0: arity, flags, legacy
// key range, ACL categories, tips and key specs (flags, notes, begin_search, find_keys), byte for
// byte in RESP2 and RESP3. Commands Ferrous lacks are left out; a container's subcommands (listed
// in Redis's hash-table order) are compared one by one. Also COMMAND GETKEYS/GETKEYSANDFLAGS, and
// that Ferrous offers no command or subcommand 7.0 lacks (CLIENT NO-TOUCH is 7.2). COMMAND DOCS of
// every command and subcommand (argument trees, complexity, history) is compared the same way.
import { describeWithOracle, RawConnection, encodeRequest } from '@ferrous/oracle';
import { MapReply, ReplyParser, SetReply, SimpleString, type Reply } from '@ferrous/resp';
import { expect, it } from 'vitest';
import { cmds, expectSame, usePair } from './harness';

// Scripting's table (commands/scripting.ts) is still being written by its owner; its rows join
// this comparison when that lands (EVAL/FCALL variants need keynum key specs, FUNCTION and SCRIPT
// subcommands Redis's tips).
const PENDING = new Set(['eval', 'eval_ro', 'evalsha', 'evalsha_ro', 'fcall', 'fcall_ro', 'function', 'script']);

/** A reply as plain JSON for readable diffs: statuses as strings, maps as objects, sets as arrays. */
function plain(r: Reply): unknown {
  if (r instanceof SimpleString) return r.value;
  if (r instanceof SetReply) return r.items.map(plain);
  if (r instanceof MapReply) {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < r.entries.length; i += 2) o[String(plain(r.entries[i]))] = plain(r.entries[i + 1]);
    return o;
  }
  if (Array.isArray(r)) return r.map(plain);
  return r;
}

/** A map as an object, whether it came as a RESP3 map (already one) or a RESP2 flat array. */
function asObject(value: unknown): Record<string, unknown> {
  if (!Array.isArray(value)) return (value ?? {}) as Record<string, unknown>;
  const o: Record<string, unknown> = {};
  for (let i = 0; i < value.length; i += 2) o[String(value[i])] = value[i + 1];
  return o;
}

/** Raw reply frames of `commands`, pipelined on one connection (after HELLO 3 when `resp3`). */
async function frames(port: number, commands: string[][], resp3: boolean): Promise<string[]> {
  const conn = await RawConnection.open(port);
  try {
    const all = resp3 ? [['HELLO', '3'], ...commands] : commands;
    conn.write(Buffer.concat(all.map(encodeRequest)));
    const out = await conn.read(all.length, 20_000);
    return resp3 ? out.slice(1) : out;
  } finally {
    conn.close();
  }
}

function parse(frame: string): unknown {
  let value: unknown;
  new ReplyParser({ onReply: (r) => (value = plain(r)) }).feed(Buffer.from(frame, 'latin1'));
  return value;
}

describeWithOracle(['redis-server'], 'COMMAND INFO vs redis-server', () => {
  const pair = usePair();

  it('every shared command and subcommand is described identically, and none is extra', async () => {
    const list = async (port: number) => parse((await frames(port, [['COMMAND', 'LIST']], false))[0]) as string[];
    const [ours, theirs] = await Promise.all([list(pair.ferrous.port), list(pair.redis.port)]);
    const known = new Set(theirs);
    expect(ours.filter((n) => !known.has(n))).toEqual([]);
    const shared = ours.filter((n) => !PENDING.has(n.split('|')[0])).sort();
    expect(shared.length).toBeGreaterThan(250);
    const ask = shared.map((n) => ['COMMAND', 'INFO', n]);
    for (const resp3 of [false, true]) {
      const [mine, ref] = await Promise.all([frames(pair.ferrous.port, ask, resp3), frames(pair.redis.port, ask, resp3)]);
      const diffs: string[] = [];
      for (let i = 0; i < shared.length; i++) {
        const [a, b] = [parse(mine[i]) as unknown[][], parse(ref[i]) as unknown[][]];
        // Containers list their subcommands in hash order: those are compared on their own.
        const container = (b[0][9] as unknown[]).length > 0;
        if (container ? JSON.stringify(a[0].slice(0, 9)) === JSON.stringify(b[0].slice(0, 9)) : mine[i] === ref[i]) continue;
        diffs.push(`${shared[i]}${resp3 ? ' (RESP3)' : ''}\n  ours:  ${JSON.stringify(a)}\n  redis: ${JSON.stringify(b)}`);
      }
      expect(diffs).toEqual([]);
    }
  });

  it('COMMAND DOCS of every command and subcommand is identical, argument trees and history included', async () => {
    const list = parse((await frames(pair.ferrous.port, [['COMMAND', 'LIST']], false))[0]) as string[];
    const names = list.sort();
    expect(names.length).toBeGreaterThan(300);
    const ask = names.map((n) => ['COMMAND', 'DOCS', n]);
    for (const resp3 of [false, true]) {
      const [mine, ref] = await Promise.all([frames(pair.ferrous.port, ask, resp3), frames(pair.redis.port, ask, resp3)]);
      const diffs: string[] = [];
      for (let i = 0; i < names.length; i++) {
        if (mine[i] === ref[i]) continue;
        // A container lists its subcommands in Redis's hash order: same names here, each compared on its own.
        const [a, b] = [parse(mine[i]), parse(ref[i])];
        const docOf = (reply: unknown) => asObject(asObject(reply)[names[i]]);
        const outline = (reply: unknown) => JSON.stringify({ ...docOf(reply), subcommands: Object.keys(asObject(docOf(reply).subcommands)).sort() });
        if (docOf(b).subcommands && outline(a) === outline(b)) continue;
        diffs.push(`${names[i]}${resp3 ? ' (RESP3)' : ''}\n  ours:  ${JSON.stringify(a)}\n  redis: ${JSON.stringify(b)}`);
      }
      expect(diffs).toEqual([]);
    }
  });

  it('COMMAND DOCS skips unknown names and keeps the order asked', async () => {
    await expectSame(pair, cmds('COMMAND DOCS get nosuch SET config|get', 'COMMAND DOCS nosuch', 'COMMAND DOCS config|nosuch GETEX'));
  });

  it('COMMAND GETKEYS and GETKEYSANDFLAGS take positions and flags from the key specs', async () => {
    const lines = [
      'set k v', 'get k', 'del a b c', 'exists a b', 'mset a 1 b 2', 'msetnx a 1 b 2', 'lmove a b LEFT RIGHT', 'blmove a b LEFT RIGHT 0', 'rpoplpush a b',
      'brpoplpush a b 0', 'smove a b m', 'rename a b', 'renamenx a b', 'copy a b', 'bitop AND d a b', 'pfmerge d a b', 'pfcount a b', 'sinterstore d a b',
      'sunionstore d a b', 'sdiffstore d a b', 'zunionstore d 2 a b', 'zinterstore d 2 a b WEIGHTS 1 2', 'zdiffstore d 2 a b', 'zunion 2 a b', 'zinter 2 a b',
      'zdiff 2 a b', 'zintercard 2 a b', 'sintercard 2 a b', 'lmpop 2 a b LEFT', 'blmpop 0 2 a b LEFT', 'zmpop 2 a b MIN', 'bzmpop 0 2 a b MIN',
      'zrangestore d s 0 -1', 'geosearchstore d s FROMLONLAT 0 0 BYRADIUS 1 m', 'georadius k 0 0 1 m STORE d', 'georadius k 0 0 1 m STOREDIST d',
      'georadiusbymember k m 1 m STORE d', 'georadius_ro k 0 0 1 m', 'sort k BY w STORE d', 'sort k', 'sort_ro k BY w', 'blpop a b 0', 'bzpopmin a b 0',
      'getex k PERSIST', 'getdel k', 'incr k', 'append k v', 'bitfield k GET u8 0', 'object encoding k', 'memory usage k', 'restore k 0 x', 'touch a b',
      'setnx k v', 'hsetnx h f v', 'linsert l BEFORE a b', 'ltrim l 0 1', 'zrem z m', 'spop s', 'pfadd h a', 'watch a b', 'spublish ch m',
    ];
    await expectSame(pair, [...cmds(...lines.map((l) => `COMMAND GETKEYS ${l}`)), ...cmds(...lines.map((l) => `COMMAND GETKEYSANDFLAGS ${l}`))]);
  });

  it('CLIENT NO-TOUCH does not exist in 7.0', async () => {
    await expectSame(pair, cmds('CLIENT NO-TOUCH on', 'CLIENT NO-TOUCH off', 'CLIENT NO-TOUCH', 'CLIENT HELP', 'COMMAND INFO client|no-touch'));
  });
});
