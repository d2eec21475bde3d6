// Client-side caching (CLIENT TRACKING) against redis-server: scripted multi-connection sessions
// whose every received frame (replies, RESP3 invalidation pushes, __redis__:invalidate messages)
// is compared in order. Client ids differ between the servers, so steps name them as `$ID<n>`
// (connection n's id) and replies that carry an id are compared with the id named the same way.
import { describeWithOracle, encodeRequest, RawConnection } from '@ferrous/oracle';
import { describe, expect, it } from 'vitest';
import { createServer } from '@ferrous/server';
import { usePair } from './harness';

type Step =
  /** Connection c sends the commands in one write and reads `frames` frames. */
  | { c: number; send: string[]; frames: number }
  /** Connection c reads `read` unsolicited frames. */
  | { c: number; read: number }
  /** Connection c must receive nothing for `quiet` ms (records what arrived, if anything). */
  | { c: number; quiet: number }
  /** Connection c disconnects. */
  | { c: number; close: true };

/** `send(0, 'GET a')`, or several commands pipelined with `|`: `send(0, 'SET a 1|GET b', 3)`. */
const send = (c: number, line: string, frames?: number): Step => {
  const commands = line.split('|');
  return { c, send: commands, frames: frames ?? commands.length };
};
const read = (c: number, n = 1): Step => ({ c, read: n });
const quiet = (c: number, ms = 30): Step => ({ c, quiet: ms });

async function transcript(port: number, connections: number, steps: Step[]): Promise<string[]> {
  const conns = await Promise.all(Array.from({ length: connections }, () => RawConnection.open(port)));
  const ids: string[] = [];
  for (const conn of conns) ids.push((await conn.call('CLIENT', 'ID')).slice(1, -2));
  const named = (frame: string, idBearing: boolean) => {
    let out = frame.replace(/^%7\r\n.*$/s, '<hello>');
    if (idBearing || /redirect|tracking-redir-broken/.test(frame)) ids.forEach((id, n) => (out = out.replaceAll(`:${id}\r\n`, `:$ID${n}\r\n`)));
    return out;
  };
  const lines: string[] = [];
  try {
    for (const step of steps) {
      const conn = conns[step.c];
      let frames: string[] = [];
      if ('send' in step) {
        const argvs = step.send.map((l) => l.split(' ').map((a) => a.replace(/^\$ID(\d+)$/, (_m, n: string) => ids[Number(n)])));
        conn.write(Buffer.concat(argvs.map(encodeRequest)));
        frames = await conn.read(step.frames);
      } else if ('read' in step) {
        frames = await conn.read(step.read);
      } else if ('quiet' in step) {
        frames = await conn.read(1, step.quiet);
      } else {
        conn.close();
        await new Promise((r) => setTimeout(r, 30));
      }
      lines.push(`#${step.c} ${'send' in step ? step.send.join(' | ') : Object.keys(step)[1]} -> ${JSON.stringify(frames.map((f) => named(f, 'send' in step && step.send.some((l) => l.includes('GETREDIR')))))}`);
    }
  } finally {
    for (const c of conns) c.close();
  }
  return lines;
}

describeWithOracle(['redis-server'], 'client tracking vs redis-server', () => {
  const pair = usePair();
  const same = async (connections: number, steps: Step[]) => {
    const [candidate, reference] = await Promise.all([
      transcript(pair.ferrous.port, connections, steps),
      transcript(pair.redis.port, connections, steps),
    ]);
    expect(candidate).toEqual(reference);
  };

  it('RESP3 default mode: keys read are invalidated once, own writes after the reply', async () => {
    await same(2, [
      send(1, 'FLUSHALL'),
      send(0, 'HELLO 3'),
      send(0, 'CLIENT TRACKING ON'),
      send(0, 'GET a|MGET b c|HGETALL h|STRLEN s'),
      send(1, 'SET a 1'),
      read(0),
      send(1, 'MSET b 1 c 2'),
      read(0, 2),
      send(1, 'SET a 2'),
      quiet(0),
      send(0, 'GET a'),
      send(0, 'SET a 3', 2),
      send(0, 'GET a|GET x'),
      send(0, 'SET a 4|GET x|SET x 1', 5),
      send(1, 'HSET h f v|EXPIRE s 100|SET s v'),
      read(0, 2),
      send(0, 'CLIENT TRACKINGINFO|CLIENT GETREDIR'),
      send(0, 'GET k'),
      send(0, 'CLIENT TRACKING OFF|CLIENT TRACKINGINFO|CLIENT GETREDIR'),
      send(1, 'SET k 1'),
      quiet(0),
      send(0, 'CLIENT TRACKING ON|CLIENT TRACKING ON'),
      send(1, 'GET a|CLIENT TRACKING ON|GET a|SET a 5'),
      quiet(0),
    ]);
  });

  it('BCAST with prefixes, NOLOOP and prefix errors', async () => {
    await same(3, [
      send(1, 'FLUSHALL'),
      send(0, 'HELLO 3'),
      send(0, 'CLIENT TRACKING ON BCAST PREFIX b PREFIX a'),
      send(1, 'MSET a1 1 b1 2 c1 3'),
      read(0, 2),
      send(1, 'SET a2 1|SET a1 2|SET ab 3|DEL a1'),
      read(0),
      send(0, 'SET a3 x', 2),
      send(0, 'CLIENT TRACKINGINFO|CLIENT GETREDIR'),
      send(0, 'CLIENT TRACKING ON BCAST PREFIX ab'),
      send(0, 'CLIENT TRACKING ON BCAST PREFIX c PREFIX a'),
      send(0, 'CLIENT TRACKING ON'),
      send(0, 'CLIENT TRACKING ON BCAST PREFIX c|CLIENT TRACKINGINFO'),
      send(2, 'HELLO 3'),
      send(2, 'CLIENT TRACKING ON BCAST NOLOOP'),
      send(2, 'SET z 1|SET a9 1'),
      read(0),
      quiet(2),
      send(1, 'SET z 2'),
      read(2),
      quiet(0),
      send(2, 'CLIENT TRACKINGINFO|CLIENT TRACKING OFF'),
      send(0, 'CLIENT TRACKING OFF|CLIENT TRACKING ON BCAST|CLIENT TRACKING ON BCAST PREFIX x|CLIENT TRACKINGINFO'),
    ]);
  });

  it('OPTIN and OPTOUT with CLIENT CACHING', async () => {
    await same(2, [
      send(1, 'FLUSHALL'),
      send(0, 'HELLO 3'),
      send(0, 'CLIENT CACHING yes'),
      send(0, 'CLIENT TRACKING ON OPTIN'),
      send(0, 'GET a|CLIENT CACHING no|CLIENT CACHING maybe|CLIENT CACHING yes|CLIENT TRACKINGINFO|GET b|GET c|CLIENT TRACKINGINFO'),
      send(1, 'MSET a 1 b 2 c 3'),
      read(0),
      quiet(0),
      send(0, 'CLIENT CACHING yes|MULTI|GET a|GET c|EXEC', 5),
      send(1, 'MSET a 1 c 2'),
      read(0, 2),
      send(0, 'CLIENT TRACKING ON OPTOUT|CLIENT TRACKING OFF|CLIENT TRACKING ON OPTOUT'),
      send(0, 'GET a|CLIENT CACHING no|CLIENT TRACKINGINFO|GET b|CLIENT CACHING yes'),
      send(1, 'MSET a 1 b 2'),
      read(0),
      quiet(0),
    ]);
  });

  it('NOLOOP in default mode', async () => {
    await same(2, [
      send(1, 'FLUSHALL'),
      send(0, 'HELLO 3'),
      send(0, 'CLIENT TRACKING ON NOLOOP|GET a|SET a 1|CLIENT TRACKINGINFO'),
      quiet(0),
      send(0, 'GET a'),
      send(1, 'SET a 2'),
      read(0),
      send(0, 'GET a|RESET|CLIENT TRACKINGINFO'),
      send(1, 'SET a 3'),
      quiet(0),
    ]);
  });

  it('REDIRECT to a RESP2 subscriber of __redis__:invalidate, and a broken redirect', async () => {
    await same(5, [
      send(2, 'FLUSHALL'),
      send(1, 'SUBSCRIBE __redis__:invalidate'),
      send(0, 'CLIENT TRACKING ON REDIRECT $ID1|GET a|CLIENT GETREDIR|CLIENT TRACKINGINFO'),
      send(2, 'SET a 1'),
      read(1),
      send(0, 'GET a|SET a 2', 2),
      read(1),
      send(2, 'FLUSHALL'),
      read(1),
      send(3, 'HELLO 3'),
      send(3, 'CLIENT TRACKING ON REDIRECT $ID4|GET q'),
      { c: 4, close: true },
      send(2, 'SET q 1'),
      read(3),
      send(3, 'CLIENT TRACKINGINFO|CLIENT TRACKING ON|CLIENT TRACKINGINFO'),
    ]);
  });

  it('FLUSHALL and FLUSHDB send a null invalidation to every tracking client', async () => {
    await same(3, [
      send(2, 'FLUSHALL'),
      send(0, 'HELLO 3'),
      send(0, 'CLIENT TRACKING ON|GET a'),
      send(1, 'HELLO 3'),
      send(1, 'CLIENT TRACKING ON BCAST'),
      send(2, 'FLUSHALL'),
      read(0),
      read(1),
      send(0, 'FLUSHDB', 2),
      read(1),
      send(2, 'SET a 1'),
      read(1),
      quiet(0),
    ]);
  });

  it('error texts', async () => {
    await same(2, [
      send(0, 'CLIENT TRACKING|CLIENT TRACKING maybe|CLIENT TRACKING on foo|CLIENT TRACKING on redirect|CLIENT TRACKING on prefix'),
      send(0, 'CLIENT TRACKING on redirect x|CLIENT TRACKING on redirect 0|CLIENT TRACKING on redirect 99999|CLIENT TRACKING on redirect $ID1 redirect $ID1'),
      send(0, 'CLIENT TRACKING on prefix a|CLIENT TRACKING on optin optout|CLIENT TRACKING on bcast optin|CLIENT TRACKING on bcast optout optin'),
      send(0, 'CLIENT TRACKING on bcast prefix a prefix ab|CLIENT TRACKING on bcast prefix ab prefix a|CLIENT TRACKING off prefix a bcast'),
      send(0, 'CLIENT CACHING yes|CLIENT CACHING|CLIENT CACHING yes no|CLIENT TRACKINGINFO x|CLIENT GETREDIR x'),
      send(0, 'CLIENT TRACKING on bcast prefix ab|CLIENT TRACKING on bcast prefix a|CLIENT TRACKING on bcast prefix abc|CLIENT TRACKING on bcast prefix b'),
      send(0, 'CLIENT TRACKING on bcast prefix ab|CLIENT CACHING yes|CLIENT CACHING no|CLIENT TRACKING on optin'),
    ]);
  });
});

describe('client tracking in Ferrous', () => {
  it('counts tracking clients and keys in INFO and bounds the table by tracking-table-max-keys', async () => {
    const server = await createServer({ port: 0, config: { save: '' } });
    const conn = await RawConnection.open(server.port);
    try {
      expect(await conn.call('HELLO', '3')).toMatch(/^%7/);
      await conn.call('CLIENT', 'TRACKING', 'ON');
      await conn.call('MGET', 'a', 'b', 'c');
      const info = await conn.call('INFO', 'everything');
      expect(info).toContain('tracking_clients:1\r\n');
      expect(info).toContain('tracking_total_keys:3\r\n');
      expect(info).toContain('tracking_total_items:3\r\n');
      expect(await conn.call('CLIENT', 'INFO')).toMatch(/ flags=t .* redir=0 /);
      expect(await conn.call('CONFIG', 'SET', 'tracking-table-max-keys', '1')).toBe('+OK\r\n');
      conn.write(encodeRequest(['GET', 'd']));
      // The reply, then the oldest keys leave the table with an invalidation each.
      const invalidate = (key: string) => `>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\n${key}\r\n`;
      expect(await conn.read(4)).toEqual(['_\r\n', invalidate('a'), invalidate('b'), invalidate('c')]);
      expect(await conn.read(1, 30)).toEqual([]);
      expect(await conn.call('INFO', 'stats')).toContain('tracking_total_keys:1\r\n');
    } finally {
      conn.close();
      await server.close();
    }
  });
});
