// Stream commands against redis-server: hand-written edge cases (explicit IDs so replies are
// deterministic), generated sequences, RESP3 shapes, blocking XREAD/XREADGROUP with several
// clients, and `*` IDs checked by shape and order.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithOracle, RawConnection, encodeRequest } from '@ferrous/oracle';
import { createServer } from '@ferrous/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmd, startPair, type Pair, type Step } from './oracle-pair';
import { runScenario, send, type ScenarioStep } from './scenario';

/** Lets a blocking command reach the server before another connection writes. */
const settle = (c: number): ScenarioStep => ({ c, quiet: 50 });
/** Sends a command without waiting for its reply. */
const block = (c: number, line: string): ScenarioStep[] => [send(c, line, 0), settle(c)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Time-dependent numbers (idle ms, delivery times, seen-time) replaced before comparing. */
function timeless(frame: string): string {
  return frame
    .replace(/:1\d{12}\r\n/g, ':<time>\r\n')
    .replace(/(\$4\r\nidle\r\n):\d+\r\n/g, '$1:<idle>\r\n')
    .replace(/(\*4\r\n\$\d+\r\n\d+-\d+\r\n\$\d+\r\n[^\r]*\r\n):\d+\r\n/g, '$1:<idle>\r\n');
}

describeWithOracle(['redis-server'], 'stream commands vs redis-server', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(() => pair?.stop());

  const check = async (steps: Step[], resp3 = false) => {
    for (const r3 of resp3 ? [false, true] : [false]) await pair.check([['FLUSHALL'], ...steps], r3);
  };

  it('XADD: IDs, auto sequence, errors, NOMKSTREAM, arity', async () => {
    await check(
      [
        cmd('XADD s 1-1 a 1'),
        cmd('XADD s 1-1 a 1'),
        cmd('XADD s 1-0 a 1'),
        cmd('XADD s 0-0 a 1'),
        cmd('XADD s2 0-0 a 1'),
        cmd('EXISTS s2'),
        cmd('XADD s 1-* b 2'),
        cmd('XADD s 1-* b 2'),
        cmd('XADD s 5-* c 3'),
        cmd('XADD s 5 c 3'),
        cmd('XADD s 6 c 3'),
        cmd('XADD s 0-* c 3'),
        cmd('XADD s2 0-* a b'),
        cmd('XADD s 7-abc a b'),
        cmd('XADD s 7- a b'),
        cmd('XADD s -7 a b'),
        cmd('XADD s +8 a b'),
        cmd('XADD s 009 a b'),
        cmd('XADD s 18446744073709551616 a b'),
        cmd('XADD s - a b'),
        cmd('XADD s + a b'),
        cmd('XADD s 10-18446744073709551615 a b'),
        cmd('XADD s 10-* a b'),
        cmd('XADD s 18446744073709551615-18446744073709551615 a b'),
        cmd('XADD s 18446744073709551615-* a b'),
        cmd('XADD s2 18446744073709551615-18446744073709551614 a b'),
        cmd('XADD s2 18446744073709551615-* a b'),
        cmd('XADD s2 18446744073709551615-* a b'),
        cmd('XRANGE s - +'),
        cmd('XRANGE s2 - +'),
        cmd('XADD s3 NOMKSTREAM 1-1 a b'),
        cmd('EXISTS s3'),
        cmd('XADD s3 NOMKSTREAM'),
        cmd('XADD s3 1-1 a'),
        cmd('XADD s3 1-1 a b c'),
        cmd('XADD s3 1-1'),
        cmd('XADD s3 MAXLEN 5'),
        cmd('SET str x'),
        cmd('XADD str 1-1 a b'),
        cmd('XADD s4 1-1 f v f v2'),
        cmd('XRANGE s4 - +'),
        cmd('XLEN s'),
        cmd('XLEN nokey'),
        cmd('XLEN str'),
        cmd('TYPE s'),
        cmd('OBJECT ENCODING s'),
      ],
      true,
    );
  });

  it('XINFO STREAM looks the key up before reading its options (found by fuzzing)', async () => {
    const lines = ['SET str x', 'XINFO STREAM nokey COUNT full', 'XINFO STREAM str FULL CONFIG', 'XINFO STREAM nokey 2', 'XADD s 1-1 f v', 'XINFO STREAM s 2', 'XINFO STREAM s FULL COUNT x'];
    await check(lines.map((l) => cmd(l)), true);
  });

  it('XADD/XTRIM trimming options: MAXLEN/MINID, = and ~, LIMIT, errors', async () => {
    const fill = Array.from({ length: 250 }, (_, i) => cmd(`XADD t ${i + 1}-0 field ${i}`));
    await check([
      ...fill,
      cmd('XTRIM t MAXLEN ~ 120'),
      cmd('XLEN t'),
      cmd('XTRIM t MAXLEN ~ 10 LIMIT 50'),
      cmd('XLEN t'),
      cmd('XTRIM t MAXLEN = 140'),
      cmd('XLEN t'),
      cmd('XRANGE t - + COUNT 2'),
      cmd('XTRIM t MINID ~ 180'),
      cmd('XLEN t'),
      cmd('XTRIM t MINID 185'),
      cmd('XRANGE t - + COUNT 2'),
      cmd('XTRIM t MINID = 186-1'),
      cmd('XRANGE t - + COUNT 1'),
      cmd('XADD t MAXLEN 3 300-0 a b'),
      cmd('XRANGE t - +'),
      cmd('XADD t MAXLEN ~ 1 301-0 a b'),
      cmd('XLEN t'),
      cmd('XADD t MINID 301 302-0 a b'),
      cmd('XRANGE t - +'),
      cmd('XTRIM t MAXLEN 0'),
      cmd('XLEN t'),
      cmd('XTRIM nokey MAXLEN 0'),
      cmd('XTRIM t'),
      cmd('XTRIM t MAXLEN'),
      cmd('XTRIM t MAXLEN ~'),
      cmd('XTRIM t MAXLEN -1'),
      cmd('XTRIM t MAXLEN abc'),
      cmd('XTRIM t MAXLEN 1 MINID 1'),
      cmd('XTRIM t MAXLEN 1 LIMIT 5'),
      cmd('XTRIM t LIMIT 5 MAXLEN ~ 1'),
      cmd('XTRIM t MAXLEN ~ 1 LIMIT -1'),
      cmd('XTRIM t MAXLEN ~ 1 LIMIT x'),
      cmd('XTRIM t MAXLEN 1 foo'),
      cmd('XTRIM t MINID -'),
      cmd('XTRIM t MINID +'),
      cmd('XTRIM t FOO 1'),
      cmd('XADD t LIMIT 5 * a b'),
      cmd('XADD t MAXLEN 1 MINID 1 * a b'),
      cmd('XADD t MAXLEN -1 * a b'),
      cmd('XADD t MAXLEN 1 LIMIT 5 * a b'),
      cmd('XADD t LIMIT 5 bad-id a b'),
      cmd('XTRIM str MAXLEN 1'),
      cmd('XINFO STREAM t'),
    ]);
  });

  it('XRANGE/XREVRANGE: special and exclusive IDs, COUNT, errors', async () => {
    await check(
      [
        cmd('XADD r 1-1 a 1'),
        cmd('XADD r 1-2 b 2'),
        cmd('XADD r 2-0 c 3'),
        cmd('XADD r 3-5 d 4'),
        cmd('XRANGE r - +'),
        cmd('XRANGE r 1 1'),
        cmd('XRANGE r 1-2 +'),
        cmd('XRANGE r (1-2 +'),
        cmd('XRANGE r - (3-5'),
        cmd('XRANGE r (1 +'),
        cmd('XRANGE r - + COUNT 2'),
        cmd('XRANGE r - + COUNT 0'),
        cmd('XRANGE r - + COUNT -1'),
        cmd('XRANGE r - + COUNT x'),
        cmd('XRANGE r - + COUNT'),
        cmd('XRANGE r - + FOO 1'),
        cmd('XRANGE r 3 2'),
        cmd('XRANGE r (+ +'),
        cmd('XRANGE r - (-'),
        cmd('XRANGE r (18446744073709551615-18446744073709551615 +'),
        cmd('XRANGE r - (0-0'),
        cmd('XRANGE r - (0'),
        cmd('XRANGE r ( +'),
        cmd('XRANGE r x +'),
        cmd('XRANGE r - 2-x'),
        cmd('XRANGE nokey - +'),
        cmd('XRANGE nokey - + COUNT 0'),
        cmd('XRANGE str - +'),
        cmd('XREVRANGE r + -'),
        cmd('XREVRANGE r + - COUNT 1'),
        cmd('XREVRANGE r (3-5 -'),
        cmd('XREVRANGE r 2 (1-1'),
        cmd('XREVRANGE r - +'),
        cmd('XREVRANGE r + - COUNT 0'),
      ],
      true,
    );
  });

  it('XDEL, XSETID and the stream counters in XINFO STREAM', async () => {
    await check(
      [
        cmd('XADD d 1-1 a 1'),
        cmd('XADD d 2-1 b 2'),
        cmd('XADD d 3-1 c 3'),
        cmd('XDEL d 2-1 9-9'),
        cmd('XDEL d 2-1'),
        cmd('XDEL d x'),
        cmd('XDEL d 1-1 bad'),
        cmd('XDEL nokey 1-1'),
        cmd('XINFO STREAM d'),
        cmd('XDEL d 1-1'),
        cmd('XINFO STREAM d'),
        cmd('XDEL d 3-1'),
        cmd('XINFO STREAM d'),
        cmd('EXISTS d'),
        cmd('XADD d 4-1 a 1'),
        cmd('XINFO STREAM d'),
        cmd('XSETID d 3-0'),
        cmd('XSETID d 5-0'),
        cmd('XSETID d 5-0 ENTRIESADDED 0'),
        cmd('XSETID d 5-0 ENTRIESADDED -1'),
        cmd('XSETID d 5-0 ENTRIESADDED 10 MAXDELETEDID 6-0'),
        cmd('XSETID d 5-0 ENTRIESADDED 10 MAXDELETEDID 4-0'),
        cmd('XSETID d 5-0 MAXDELETEDID 1-0'),
        cmd('XSETID d 5-0 FOO'),
        cmd('XSETID d +'),
        cmd('XSETID nokey 1-1'),
        cmd('XSETID str 1-1'),
        cmd('XINFO STREAM d'),
        cmd('XADD d 5-0 a 1'),
        cmd('XADD d 5-* a 1'),
        cmd('XTRIM d MAXLEN 0'),
        cmd('XINFO STREAM d'),
        cmd('XSETID d 4-0'),
        cmd('XSETID d 6-0 MAXDELETEDID 5-5'),
        cmd('XSETID d 5-6'),
        cmd('XINFO STREAM d FULL'),
        cmd('XINFO STREAM nokey'),
        cmd('XINFO STREAM d FOO'),
        cmd('XINFO STREAM d FULL COUNT'),
        cmd('XINFO STREAM d FULL COUNT x'),
        cmd('XINFO STREAM d FULL FOO 1'),
        cmd('XINFO HELP'),
        cmd('XINFO HELP x'),
        cmd('XINFO FOO d'),
        cmd('XINFO GROUPS nokey'),
        cmd('XINFO GROUPS str'),
      ],
      true,
    );
  });

  /** Like check, comparing after `timeless` (idle times and delivery timestamps differ by clock). */
  const checkTimeless = async (steps: Step[], resp3 = false) => {
    for (const r3 of resp3 ? [false, true] : [false]) {
      const { candidate, reference } = await pair.exchange([['FLUSHALL'], ...steps], r3);
      const label = (i: number) => `${[['FLUSHALL'], ...steps.map((x) => x.argv)][i].join(' ')} (step ${i}${r3 ? ', RESP3' : ''})`;
      for (let i = 0; i < reference.length; i++) expect(timeless(candidate[i]), label(i)).toBe(timeless(reference[i]));
    }
  };

  it('XGROUP subcommands: CREATE (MKSTREAM, ENTRIESREAD, $), SETID, DESTROY, consumers, errors', async () => {
    await checkTimeless(
      [
        cmd('XGROUP CREATE q g 0'),
        cmd('XGROUP CREATE q g 0 foo'),
        cmd('XGROUP SETID q g 0'),
        cmd('XGROUP CREATECONSUMER q g c'),
        cmd('XGROUP DELCONSUMER q g c'),
        cmd('XGROUP DESTROY q g'),
        cmd('XGROUP CREATE q g $ MKSTREAM'),
        cmd('XGROUP CREATE q g $ MKSTREAM'),
        cmd('XINFO STREAM q'),
        cmd('XADD q 1-1 a 1'),
        cmd('XADD q 2-1 b 2'),
        cmd('XGROUP CREATE q g2 0 ENTRIESREAD -2'),
        cmd('XGROUP CREATE q g2 0 ENTRIESREAD x'),
        cmd('XGROUP CREATE q g2 0 ENTRIESREAD'),
        cmd('XGROUP CREATE q g2 0 ENTRIESREAD 1 MKSTREAM x'),
        cmd('XGROUP CREATE q g2 +'),
        cmd('XGROUP CREATE q g2 -'),
        cmd('XGROUP CREATE q g2 1-1 ENTRIESREAD 1'),
        cmd('XGROUP CREATE q g3 $'),
        cmd('XGROUP CREATE q g4 0'),
        cmd('XGROUP CREATE q a0 1'),
        cmd('XINFO GROUPS q'),
        cmd('XGROUP SETID q g2 +'),
        cmd('XGROUP SETID q g2 -'),
        cmd('XGROUP SETID q g2 $ ENTRIESREAD 2'),
        cmd('XGROUP SETID q g2 0 ENTRIESREAD'),
        cmd('XGROUP SETID q g2 0 FOO 1'),
        cmd('XGROUP SETID q nog 0'),
        cmd('XGROUP SETID q g4 1-1 ENTRIESREAD -1'),
        cmd('XINFO GROUPS q'),
        cmd('XGROUP CREATECONSUMER q g2 alice'),
        cmd('XGROUP CREATECONSUMER q g2 alice'),
        cmd('XGROUP CREATECONSUMER q g2 bob'),
        cmd('XGROUP CREATECONSUMER q nog bob'),
        cmd('XINFO CONSUMERS q g2'),
        cmd('XINFO CONSUMERS q nog'),
        cmd('XINFO CONSUMERS nokey g'),
        cmd('XGROUP DELCONSUMER q g2 carol'),
        cmd('XGROUP DELCONSUMER q g2 alice'),
        cmd('XGROUP DESTROY q g3'),
        cmd('XGROUP DESTROY q g3'),
        cmd('XGROUP DESTROY q g3 x'),
        cmd('XGROUP FOO'),
        cmd('XGROUP CREATE q'),
        cmd('XGROUP HELP'),
        cmd('XGROUP CREATE str g 0'),
        cmd('SET str x'),
        cmd('XGROUP CREATE str g 0'),
        cmd('XGROUP CREATE str g 0 MKSTREAM'),
        cmd('XINFO GROUPS q'),
        cmd('XINFO STREAM q FULL'),
      ],
      true,
    );
  });

  it('XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM and the group counters', async () => {
    await checkTimeless(
      [
        cmd('XADD s 1-0 a 1'),
        cmd('XADD s 2-0 b 2'),
        cmd('XADD s 3-0 c 3'),
        cmd('XADD s 4-0 d 4'),
        cmd('XGROUP CREATE s g 0'),
        cmd('XREADGROUP GROUP g alice COUNT 2 STREAMS s >'),
        cmd('XINFO GROUPS s'),
        cmd('XREADGROUP GROUP g bob STREAMS s >'),
        cmd('XREADGROUP GROUP g bob STREAMS s >'),
        cmd('XREADGROUP GROUP g carol STREAMS s >'),
        cmd('XINFO CONSUMERS s g'),
        cmd('XREADGROUP GROUP g alice STREAMS s 0'),
        cmd('XREADGROUP GROUP g alice COUNT 1 STREAMS s 1'),
        cmd('XREADGROUP GROUP g dave STREAMS s 0'),
        cmd('XPENDING s g'),
        cmd('XPENDING s g - + 10'),
        cmd('XPENDING s g - + 10 bob'),
        cmd('XPENDING s g - + 10 nobody'),
        cmd('XPENDING s g (1-0 + 1'),
        cmd('XPENDING s g IDLE 0 - + 10'),
        cmd('XPENDING s g IDLE 999999 - + 10'),
        cmd('XPENDING s g IDLE 10 - +'),
        cmd('XPENDING s g - + x'),
        cmd('XPENDING s g - +'),
        cmd('XPENDING s g - + 10 bob extra extra2'),
        cmd('XPENDING s nog'),
        cmd('XPENDING nokey g'),
        cmd('XPENDING s g - + -5'),
        cmd('XACK s g 1-0 9-9'),
        cmd('XACK s g 1-0'),
        cmd('XACK s g bad'),
        cmd('XACK s nog 1-0'),
        cmd('XACK nokey g 1-0'),
        cmd('XDEL s 3-0'),
        cmd('XINFO GROUPS s'),
        cmd('XREADGROUP GROUP g bob STREAMS s 0'),
        cmd('XCLAIM s g carol 0 2-0 3-0 4-0'),
        cmd('XCLAIM s g carol 0 2-0 JUSTID'),
        cmd('XCLAIM s g carol 0 1-0 FORCE'),
        cmd('XCLAIM s g erin 0 2-0 RETRYCOUNT 7 IDLE 5000'),
        cmd('XCLAIM s g erin 3600000 2-0'),
        cmd('XCLAIM s g erin 0 2-0 TIME 1'),
        cmd('XCLAIM s g erin 0 2-0 LASTID 10-0'),
        cmd('XCLAIM s g erin 0 2-0 BOGUS'),
        cmd('XCLAIM s g erin x 2-0'),
        cmd('XCLAIM s g erin 0 2-0 IDLE x'),
        cmd('XCLAIM s g erin 0 2-0 RETRYCOUNT x'),
        cmd('XCLAIM s g erin 0 2-0 LASTID x'),
        cmd('XCLAIM s nog erin 0 2-0'),
        cmd('XPENDING s g - + 10'),
        cmd('XINFO GROUPS s'),
        cmd('XADD s 5-0 e 5'),
        cmd('XADD s 6-0 f 6'),
        cmd('XREADGROUP GROUP g alice NOACK STREAMS s >'),
        cmd('XREADGROUP GROUP g newbie NOACK STREAMS s 0'),
        cmd('XAUTOCLAIM s g zed 0 0'),
        cmd('XAUTOCLAIM s g zed 0 0 COUNT 1'),
        cmd('XAUTOCLAIM s g zed 0 (2-0 JUSTID'),
        cmd('XAUTOCLAIM s g zed 3600000 0'),
        cmd('XAUTOCLAIM s g zed 0 0 COUNT 0'),
        cmd('XAUTOCLAIM s g zed 0 0 COUNT x'),
        cmd('XAUTOCLAIM s g zed 0 0 FOO'),
        cmd('XAUTOCLAIM s g zed x 0'),
        cmd('XAUTOCLAIM s g zed 0 x'),
        cmd('XAUTOCLAIM s nog zed 0 0'),
        cmd('XAUTOCLAIM nokey g zed 0 0'),
        cmd('XGROUP DELCONSUMER s g zed'),
        cmd('XPENDING s g'),
        cmd('XINFO STREAM s FULL'),
        cmd('XINFO STREAM s FULL COUNT 1'),
        cmd('XREADGROUP GROUP g alice STREAMS s $'),
        cmd('XREADGROUP GROUP nog alice STREAMS s >'),
        cmd('XREADGROUP GROUP g alice STREAMS nokey >'),
        cmd('XREADGROUP GROUP g alice STREAMS s'),
        cmd('XREADGROUP GROUP g alice STREAMS s > extra'),
        cmd('XREADGROUP STREAMS s >'),
        cmd('XREADGROUP GROUP g alice FOO STREAMS s >'),
        cmd('XREADGROUP GROUP g alice BLOCK x STREAMS s >'),
        cmd('XREADGROUP GROUP g alice BLOCK -1 STREAMS s >'),
        cmd('XREADGROUP GROUP g alice COUNT x STREAMS s >'),
        cmd('XREADGROUP GROUP g alice STREAMS s bad'),
        cmd('XREADGROUP GROUP g alice STREAMS str >'),
        cmd('SET str x'),
        cmd('XREADGROUP GROUP g alice STREAMS str >'),
      ],
      true,
    );
  });

  it('XREAD without blocking: $, explicit IDs, several keys, COUNT, errors', async () => {
    await check(
      [
        cmd('XADD a 1-0 x 1'),
        cmd('XADD a 2-0 y 2'),
        cmd('XADD b 5-0 z 3'),
        cmd('XREAD STREAMS a b 0 0'),
        cmd('XREAD COUNT 1 STREAMS a b 0 0'),
        cmd('XREAD STREAMS a b 1 5'),
        cmd('XREAD STREAMS a b $ $'),
        cmd('XREAD STREAMS a nokey 1-0 0'),
        cmd('XREAD STREAMS a 2'),
        cmd('XREAD STREAMS a (1'),
        cmd('XREAD STREAMS a -'),
        cmd('XREAD STREAMS a +'),
        cmd('XREAD STREAMS a >'),
        cmd('XREAD STREAMS a'),
        cmd('XREAD STREAMS a b 0'),
        cmd('XREAD COUNT -3 STREAMS a 0'),
        cmd('XREAD COUNT x STREAMS a 0'),
        cmd('XREAD FOO 1 STREAMS a 0'),
        cmd('XREAD GROUP g c STREAMS a 0'),
        cmd('XREAD NOACK STREAMS a 0'),
        cmd('XREAD BLOCK x STREAMS a 0'),
        cmd('XREAD BLOCK -5 STREAMS a 0'),
        cmd('XREAD BLOCK 10 STREAMS a 0'),
        cmd('XREAD COUNT 1'),
        cmd('SET str x'),
        cmd('XREAD STREAMS a str 0 0'),
        cmd('COMMAND GETKEYS XREAD COUNT 1 STREAMS a b 0 0'),
        cmd('COMMAND GETKEYS XREADGROUP GROUP g c STREAMS a b > >'),
        cmd('COMMAND GETKEYSANDFLAGS XREAD BLOCK 1 STREAMS a b c 0 0 0'),
        cmd('COMMAND GETKEYSANDFLAGS XREADGROUP GROUP g c NOACK STREAMS a >'),
        cmd('COMMAND GETKEYS XREAD STREAMS a'),
        cmd('COMMAND GETKEYSANDFLAGS XADD s * a b'),
        cmd('COMMAND GETKEYS XGROUP CREATE s g $'),
        cmd('COMMAND GETKEYS XINFO STREAM s'),
        cmd('MULTI'),
        cmd('XREAD BLOCK 0 STREAMS a $'),
        cmd('EXEC'),
        { argv: ['EVAL', "return redis.pcall('xread', 'BLOCK', '0', 'STREAMS', 'a', '$')", '0'] },
        { argv: ['EVAL', "return redis.pcall('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'a', '>')", '0'] },
        { argv: ['EVAL', "return redis.call('XREAD', 'STREAMS', 'a', '0')", '0'] },
        { argv: ['EVAL', "return redis.call('XADD', 'a', '9-0', 'from', 'lua')", '0'] },
      ],
      true,
    );
  });

  /** The same multi-connection script on both servers, transcripts compared after `timeless`. */
  const same = async (connections: number, steps: ScenarioStep[]) => {
    const [candidate, reference] = await Promise.all([
      runScenario(pair.ferrous.port, connections, steps),
      runScenario(pair.redis.port, connections, steps),
    ]);
    const norm = (line: string) => timeless(line).replace(/^(#\d+ HELLO 3 -> ).*$/, '$1<hello>');
    expect(candidate.map(norm)).toEqual(reference.map(norm));
  };

  it('XREAD BLOCK: every reader of a key is woken by XADD, $ means entries after blocking, timeouts give nil', async () => {
    await same(4, [
      send(3, 'FLUSHALL'),
      send(3, 'XADD s 1-0 a 1'),
      ...block(0, 'XREAD BLOCK 0 STREAMS s $'),
      ...block(1, 'XREAD BLOCK 0 COUNT 5 STREAMS other s $ $'),
      ...block(2, 'XREAD BLOCK 0 STREAMS s 0-5'),
      send(3, 'XADD s 2-0 b 2'),
      { c: 0, read: 1 },
      { c: 1, read: 1 },
      { c: 2, read: 1 },
      ...block(0, 'XREAD BLOCK 0 STREAMS s other 2-0 $'),
      send(3, 'XDEL s 1-0'),
      send(3, 'XSETID s 5-0'),
      { c: 0, quiet: 50 },
      send(3, 'XADD other 1-0 o 1'),
      { c: 0, read: 1 },
      send(3, 'XREAD BLOCK 150 STREAMS s $'),
      ...block(1, 'XREAD BLOCK 0 STREAMS fresh $'),
      send(3, 'SET fresh notastream'),
      { c: 1, quiet: 50 },
      send(3, 'DEL fresh'),
      send(3, 'XADD fresh 1-1 f 1'),
      { c: 1, read: 1 },
      ...block(0, 'XREAD BLOCK 0 STREAMS m $'),
      send(3, 'MULTI'),
      send(3, 'XADD m 1-0 a 1'),
      send(3, 'XADD m 2-0 b 2'),
      send(3, 'EXEC'),
      { c: 0, read: 1 },
      send(3, 'HELLO 3'),
      ...block(3, 'XREAD BLOCK 0 STREAMS r3 $'),
      send(2, 'XADD r3 1-0 x y'),
      { c: 3, read: 1 },
    ]);
  });

  it('XREADGROUP BLOCK: one consumer per new entry in blocking order, NOACK, DESTROY gives NOGROUP', async () => {
    await same(4, [
      send(3, 'FLUSHALL'),
      send(3, 'XGROUP CREATE s g $ MKSTREAM'),
      ...block(0, 'XREADGROUP GROUP g c0 BLOCK 0 STREAMS s >'),
      ...block(1, 'XREADGROUP GROUP g c1 BLOCK 0 STREAMS s >'),
      ...block(2, 'XREADGROUP GROUP g c2 NOACK BLOCK 0 COUNT 1 STREAMS s >'),
      send(3, 'XADD s 1-0 a 1'),
      { c: 0, read: 1 },
      { c: 1, quiet: 50 },
      send(3, 'XADD s 2-0 b 2'),
      { c: 1, read: 1 },
      send(3, 'XADD s 3-0 c 3'),
      { c: 2, read: 1 },
      send(3, 'XPENDING s g'),
      send(3, 'XINFO GROUPS s'),
      ...block(0, 'XREADGROUP GROUP g c0 BLOCK 0 STREAMS s >'),
      send(3, 'XGROUP DESTROY s g'),
      { c: 0, read: 1 },
      send(3, 'XGROUP CREATE s g2 $'),
      ...block(1, 'XREADGROUP GROUP g2 c1 BLOCK 100 STREAMS s >'),
      { c: 1, read: 1 },
      send(3, 'XINFO CONSUMERS s g2'),
    ]);
  });

  it('CLIENT UNBLOCK and disconnects of blocked stream readers', async () => {
    const [a, admin] = await Promise.all([RawConnection.open(pair.ferrous.port), RawConnection.open(pair.ferrous.port)]);
    try {
      const id = (await a.call('CLIENT', 'ID')).slice(1, -2);
      a.write(encodeRequest(['XREAD', 'BLOCK', '0', 'STREAMS', 'u', '$']));
      await sleep(50);
      expect(await admin.call('CLIENT', 'UNBLOCK', id, 'TIMEOUT')).toBe(':1\r\n');
      expect(await a.read(1)).toEqual(['*-1\r\n']);
      a.write(encodeRequest(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'u', '>']));
      expect(await a.read(1)).toEqual(["-NOGROUP No such key 'u' or consumer group 'g' in XREADGROUP with GROUP option\r\n"]);
      await admin.call('XGROUP', 'CREATE', 'u', 'g', '$', 'MKSTREAM');
      a.write(encodeRequest(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'u', '>']));
      await sleep(50);
      expect(await admin.call('CLIENT', 'UNBLOCK', id, 'ERROR')).toBe(':1\r\n');
      expect(await a.read(1)).toEqual(['-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n']);
      a.write(encodeRequest(['XREAD', 'BLOCK', '0', 'STREAMS', 'u', '$']));
      await sleep(50);
      a.close();
      await sleep(50);
      expect(await admin.call('XADD', 'u', '1-0', 'f', 'v')).toBe('$3\r\n1-0\r\n');
      expect(await admin.call('INFO', 'clients')).toMatch(/blocked_clients:0\r\n/);
    } finally {
      a.close();
      admin.close();
    }
  });

  it('XADD * IDs: clock-based, increasing, and propagated to the AOF as explicit IDs', async () => {
    const conn = await RawConnection.open(pair.ferrous.port);
    try {
      await conn.call('DEL', 'auto');
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) ids.push((await conn.call('XADD', 'auto', '*', 'i', String(i))).split('\r\n')[1]);
      const parsed = ids.map((id) => id.split('-').map(BigInt));
      const now = BigInt(Date.now());
      for (let i = 0; i < parsed.length; i++) {
        expect(parsed[i][0] <= now && parsed[i][0] > now - 60_000n).toBe(true);
        if (i > 0) expect(parsed[i][0] > parsed[i - 1][0] || (parsed[i][0] === parsed[i - 1][0] && parsed[i][1] === parsed[i - 1][1] + 1n)).toBe(true);
      }
      await conn.call('XADD', 'auto', '99999999999999-5', 'x', 'y');
      expect(await conn.call('XADD', 'auto', '*', 'x', 'y')).toBe('$14\r\n99999999999999-6\r\n'.replace('$14', '$16'));
    } finally {
      conn.close();
    }
  });

  it('generated sequences of stream and group commands (RESP2 and RESP3)', async () => {
    const key = fc.constantFrom('s1', 's2', 'str');
    const id = fc.oneof(fc.constantFrom('1', '2-0', '2-1', '3', '5-*', '7-0', '0-1', '9', '(2-0', '18446744073709551615-0', 'bad'), fc.integer({ min: 1, max: 12 }).map(String));
    const rangeId = fc.oneof(id, fc.constantFrom('-', '+', '(3', '(+'));
    const group = fc.constantFrom('g1', 'g2');
    const consumer = fc.constantFrom('alice', 'bob');
    const fields = fc.array(fc.tuple(fc.constantFrom('f', 'g', '1', 'long-field'), fc.constantFrom('v', '10', '', 'xyz')), { minLength: 1, maxLength: 3 }).map((p) => p.flat());
    const step = fc.oneof(
      fc.tuple(key, fc.oneof(id, fc.constant('*')), fields).map(([k, i, f]) => (i === '*' ? ['XADD', k, `${Date.now() + 10 ** 9}-*`, ...f] : ['XADD', k, i, ...f])),
      fc.tuple(key, fc.constantFrom('MAXLEN', 'MINID'), fc.constantFrom('=', '~', ''), fc.integer({ min: 0, max: 8 }), id, fields).map(([k, st, op, n, i, f]) => ['XADD', k, st, ...(op ? [op] : []), st === 'MAXLEN' ? String(n) : String(n), i, ...f]),
      fc.tuple(key, fc.constantFrom('MAXLEN', 'MINID'), fc.constantFrom('=', '~'), fc.integer({ min: 0, max: 8 })).map(([k, st, op, n]) => ['XTRIM', k, st, op, String(n)]),
      fc.tuple(key, fc.array(id, { minLength: 1, maxLength: 3 })).map(([k, ids]) => ['XDEL', k, ...ids]),
      fc.tuple(fc.constantFrom('XRANGE', 'XREVRANGE'), key, rangeId, rangeId, fc.constantFrom('', '1', '2', '0')).map(([c, k, a, b, n]) => [c, k, a, b, ...(n ? ['COUNT', n] : [])]),
      fc.tuple(key, fc.constantFrom('0', '$', '2-0', '5')).map(([k, i]) => ['XREAD', 'COUNT', '2', 'STREAMS', k, i]),
      fc.tuple(key, group, fc.constantFrom('0', '$', '3-0')).map(([k, g, i]) => ['XGROUP', 'CREATE', k, g, i, 'MKSTREAM']),
      fc.tuple(key, group, fc.constantFrom('0', '$', '3-0')).map(([k, g, i]) => ['XGROUP', 'SETID', k, g, i]),
      fc.tuple(key, group).map(([k, g]) => ['XGROUP', 'DESTROY', k, g]),
      fc.tuple(fc.constantFrom('CREATECONSUMER', 'DELCONSUMER'), key, group, consumer).map(([c, k, g, n]) => ['XGROUP', c, k, g, n]),
      fc.tuple(key, group, consumer, fc.constantFrom('>', '0', '3'), fc.boolean()).map(([k, g, n, i, noack]) => ['XREADGROUP', 'GROUP', g, n, 'COUNT', '2', ...(noack ? ['NOACK'] : []), 'STREAMS', k, i]),
      fc.tuple(key, group, fc.array(id, { minLength: 1, maxLength: 2 })).map(([k, g, ids]) => ['XACK', k, g, ...ids]),
      fc.tuple(key, group).map(([k, g]) => ['XPENDING', k, g]),
      fc.tuple(key, group, consumer).map(([k, g, n]) => ['XPENDING', k, g, '-', '+', '5', n]),
      fc.tuple(key, group, consumer, fc.array(id, { minLength: 1, maxLength: 2 }), fc.constantFrom([], ['JUSTID'], ['FORCE'], ['RETRYCOUNT', '3'])).map(([k, g, n, ids, o]) => ['XCLAIM', k, g, n, '0', ...ids, ...o]),
      fc.tuple(key, group, consumer, fc.constantFrom('0', '2-0'), fc.constantFrom('1', '2', '10')).map(([k, g, n, i, cnt]) => ['XAUTOCLAIM', k, g, n, '0', i, 'COUNT', cnt]),
      fc.tuple(key, fc.constantFrom('10-0', '2-0', '99')).map(([k, i]) => ['XSETID', k, i]),
      fc.tuple(fc.constantFrom('XLEN', 'TYPE', 'EXISTS'), key).map(([c, k]) => [c, k]),
      key.map((k) => ['XINFO', 'STREAM', k]),
      key.map((k) => ['XINFO', 'STREAM', k, 'FULL']),
      key.map((k) => ['XINFO', 'GROUPS', k]),
      fc.tuple(key, group).map(([k, g]) => ['XINFO', 'CONSUMERS', k, g]),
    );
    const setup = [cmd('CONFIG SET stream-node-max-entries 3'), cmd('SET str x')];
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), fc.boolean(), async (steps, resp3) => {
          const { candidate, reference } = await pair.exchange([['FLUSHALL'], ...setup, ...steps.map((argv) => ({ argv }))], resp3);
          const all = [['FLUSHALL'], ...setup.map((x) => x.argv), ...steps];
          for (let i = 0; i < reference.length; i++) expect(timeless(candidate[i]), `${all[i].join(' ')} (step ${i})`).toBe(timeless(reference[i]));
        }),
        { seed: 5150, numRuns: 80 },
      );
    } finally {
      await pair.check([cmd('CONFIG SET stream-node-max-entries 100')]);
    }
  });

  it('keyspace notifications of stream commands', async () => {
    await pair.check([cmd('CONFIG SET notify-keyspace-events KEA')]);
    try {
      await same(2, [
        send(1, 'FLUSHALL'),
        send(0, 'PSUBSCRIBE __key*@0__:*'),
        send(1, 'XADD s 1-0 a 1'),
        send(1, 'XADD s MAXLEN 1 2-0 b 2'),
        send(1, 'XADD s MAXLEN 5 3-0 c 3'),
        send(1, 'XDEL s 3-0 9-0'),
        send(1, 'XDEL s 9-0'),
        send(1, 'XTRIM s MAXLEN 0'),
        send(1, 'XTRIM s MAXLEN 0'),
        send(1, 'XSETID s 10-0'),
        send(1, 'XGROUP CREATE s g $'),
        send(1, 'XGROUP CREATE new g $ MKSTREAM'),
        send(1, 'XGROUP SETID s g 0'),
        send(1, 'XGROUP CREATECONSUMER s g alice'),
        send(1, 'XADD s 11-0 x y'),
        send(1, 'XREADGROUP GROUP g bob STREAMS s >'),
        send(1, 'XCLAIM s g carol 0 11-0 JUSTID'),
        send(1, 'XACK s g 11-0'),
        send(1, 'XAUTOCLAIM s g dave 0 0'),
        send(1, 'XGROUP DELCONSUMER s g alice'),
        send(1, 'XGROUP DESTROY s g'),
        send(1, 'XADD s NOMKSTREAM 12-0 x y'),
        send(1, 'DEL s'),
        { c: 0, drain: 100 },
      ]);
    } finally {
      await pair.check([cmd('CONFIG SET notify-keyspace-events ""'.replace('""', ''))]);
    }
  });

  it('generic commands on streams: TYPE, SCAN TYPE, RENAME, COPY (groups included), DEL, SORT', async () => {
    await checkTimeless([
      cmd('XADD s 1-0 a 1'),
      cmd('XADD s 2-0 b 2'),
      cmd('XGROUP CREATE s g 0'),
      cmd('XREADGROUP GROUP g alice COUNT 1 STREAMS s >'),
      cmd('SET str x'),
      cmd('SCAN 0 TYPE stream COUNT 100'),
      cmd('XGROUP CREATE empty g 0 MKSTREAM'),
      cmd('TYPE s'),
      cmd('TYPE empty'),
      cmd('OBJECT ENCODING empty'),
      cmd('COPY s s2'),
      cmd('XADD s2 3-0 c 3'),
      cmd('XREADGROUP GROUP g bob STREAMS s2 >'),
      cmd('XRANGE s - +'),
      cmd('XINFO STREAM s FULL'),
      cmd('XINFO STREAM s2 FULL'),
      cmd('RENAME s2 s3'),
      cmd('XINFO GROUPS s3'),
      cmd('SORT s'),
      cmd('LPUSH s x'),
      cmd('GET s'),
      cmd('DEL s s3 empty'),
      cmd('EXISTS s s3 empty'),
    ]);
  });

  it('DUMP of a stream restores to the same stream (RESTORE into redis-server too)', async () => {
    const [f, r] = await Promise.all([RawConnection.open(pair.ferrous.port), RawConnection.open(pair.redis.port)]);
    try {
      await f.call('DEL', 'dumped', 'copy');
      await r.call('DEL', 'dumped');
      await f.call('XADD', 'dumped', '1-0', 'a', 'b');
      await f.call('XADD', 'dumped', '2-0', 'a', 'c', 'n', '12');
      await f.call('XGROUP', 'CREATE', 'dumped', 'g', '1-0');
      const frame = await f.call('DUMP', 'dumped');
      const payload = frame.slice(frame.indexOf('\r\n') + 2, -2);
      expect(await f.call('RESTORE', 'copy', '0', payload)).toBe('+OK\r\n');
      expect(await r.call('RESTORE', 'dumped', '0', payload)).toBe('+OK\r\n');
      const original = await f.call('XINFO', 'STREAM', 'dumped', 'FULL');
      expect(await f.call('XINFO', 'STREAM', 'copy', 'FULL')).toBe(original);
      expect(await r.call('XINFO', 'STREAM', 'dumped', 'FULL')).toBe(original);
      await f.call('DEL', 'dumped', 'copy');
      await r.call('DEL', 'dumped');
    } finally {
      f.close();
      r.close();
    }
  });

  it('node layout: approximate trims and radix-tree counts follow stream-node-max-*', async () => {
    const big = 'x'.repeat(300);
    const steps: Step[] = [cmd('CONFIG SET stream-node-max-entries 7')];
    for (let i = 1; i <= 60; i++) steps.push(cmd(`XADD n ${i}-${i % 3} f${i % 2} ${i % 5 === 0 ? big : String(i * 37)}`));
    steps.push(cmd('XINFO STREAM n'), cmd('XTRIM n MAXLEN ~ 30'), cmd('XINFO STREAM n'), cmd('XDEL n 40-1 41-2 42-0'), cmd('XINFO STREAM n'));
    steps.push(cmd('CONFIG SET stream-node-max-bytes 600'));
    for (let i = 61; i <= 90; i++) steps.push(cmd(`XADD n ${i}-0 a ${i % 4 === 0 ? big : 'v'} b 1`));
    steps.push(cmd('XINFO STREAM n'), cmd('XTRIM n MINID ~ 80'), cmd('XINFO STREAM n'), cmd('XRANGE n - + COUNT 3'));
    steps.push(cmd('CONFIG SET stream-node-max-entries 100'), cmd('CONFIG SET stream-node-max-bytes 4096'));
    await check(steps);
  });
});

describe('streams and the AOF', () => {
  it('replays XADD *, approximate trims, XREADGROUP (immediate and blocked), XCLAIM and XAUTOCLAIM to the same state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferrous-stream-aof-'));
    // Node layout is not in the AOF: both runs use the same small nodes.
    const config = { save: '', dir, appendonly: 'yes', appendfsync: 'always', 'stream-node-max-entries': '4' };
    const state = async (conn: RawConnection) => {
      const out: string[] = [];
      for (const argv of [
        ['XRANGE', 's', '-', '+'],
        ['XINFO', 'STREAM', 's'],
        ['XINFO', 'GROUPS', 's'],
        ['XPENDING', 's', 'g'],
        ['XPENDING', 's', 'g', '-', '+', '100'],
        ['XINFO', 'STREAM', 's', 'FULL'],
      ]) {
        out.push(timeless(await conn.call(...argv)).replace(/(seen-time\r\n):<time>/g, '$1<seen>'));
      }
      return out;
    };
    try {
      let server = await createServer({ port: 0, config });
      const [w, b] = await Promise.all([RawConnection.open(server.port), RawConnection.open(server.port)]);
      for (let i = 0; i < 30; i++) await w.call('XADD', 's', 'MAXLEN', '~', '10', '*', 'i', String(i));
      await w.call('XGROUP', 'CREATE', 's', 'g', '0');
      await w.call('XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '3', 'STREAMS', 's', '>');
      await w.call('XREADGROUP', 'GROUP', 'g', 'bob', 'NOACK', 'COUNT', '2', 'STREAMS', 's', '>');
      await w.call('XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '>');
      b.write(encodeRequest(['XREADGROUP', 'GROUP', 'g', 'carol', 'BLOCK', '0', 'STREAMS', 's', '>']));
      await sleep(50);
      await w.call('XADD', 's', '*', 'late', '1');
      expect((await b.read(1))[0]).toContain('late');
      const first = (await w.call('XRANGE', 's', '-', '+', 'COUNT', '1')).split('\r\n')[2];
      await w.call('XCLAIM', 's', 'g', 'dave', '0', first, 'RETRYCOUNT', '5');
      await w.call('XAUTOCLAIM', 's', 'g', 'erin', '0', '0', 'COUNT', '2');
      await w.call('XTRIM', 's', 'MINID', '~', first);
      await w.call('XDEL', 's', first);
      await w.call('XAUTOCLAIM', 's', 'g', 'erin', '0', '0');
      const before = await state(w);
      w.close();
      b.close();
      await server.close();
      const aofDir = join(dir, 'appendonlydir');
      const text = readFileSync(join(aofDir, readdirSync(aofDir).find((f) => f.includes('.incr.'))!), 'latin1');
      expect(text).not.toMatch(/XREADGROUP|XAUTOCLAIM|\*\r\n\$1\r\n\*|\$1\r\n~/);
      server = await createServer({ port: 0, config });
      const r = await RawConnection.open(server.port);
      expect(await state(r)).toEqual(before);
      r.close();
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
