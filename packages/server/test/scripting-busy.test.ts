// Long-running scripts against redis-server: with busy-reply-threshold lowered, a script that
// does not end makes other clients get BUSY; SCRIPT KILL / FUNCTION KILL stop a script that has
// not written (UNKILLABLE once it has) and SHUTDOWN NOSAVE still works. The same scenario runs on
// both servers and every reply is compared.
import { afterEach, expect, it } from 'vitest';
import { describeWithOracle, RawConnection, startRedis, type RedisOracle } from '@ferrous/oracle';
import { createServer, type ServerHandle } from '@ferrous/server';
import { untilBusy } from './harness';


interface Servers {
  ferrous: ServerHandle;
  redis: RedisOracle;
}

let servers: Servers | null = null;

afterEach(async () => {
  await Promise.all([servers?.ferrous.close(), servers?.redis.stop()]);
  servers = null;
});

async function start(): Promise<Servers> {
  const [ferrous, redis] = await Promise.all([createServer({ port: 0, config: { save: '' } }), startRedis()]);
  servers = { ferrous, redis };
  return servers;
}

/** Runs `scenario` against one server, returning the replies it collected. */
type Scenario = (port: number) => Promise<string[]>;

async function compare(scenario: Scenario, normalize: (r: string) => string = (r) => r): Promise<void> {
  const { ferrous, redis } = await start();
  // One after the other: the in-process Ferrous must not slow the reference's timings down.
  const candidate = await scenario(ferrous.port);
  const reference = await scenario(redis.port);
  expect(candidate.map(normalize)).toEqual(reference.map(normalize));
}

describeWithOracle(['redis-server'], 'busy scripts vs redis-server', () => {
  it('BUSY for others, FUNCTION KILL refused, SCRIPT KILL recovers', async () => {
    await compare(async (port) => {
      const a = await RawConnection.open(port);
      const b = await RawConnection.open(port);
      const out = [await b.call('CONFIG', 'SET', 'busy-reply-threshold', '50')];
      out.push(await b.call('SET', 'k', 'before'));
      const body = 'local i = 0 while true do i = i + 1 end';
      // The caller's next command waits behind its script.
      a.write(`*3\r\n$4\r\nEVAL\r\n$${body.length}\r\n${body}\r\n$1\r\n0\r\n*2\r\n$4\r\nECHO\r\n$5\r\nafter\r\n`);
      out.push(await untilBusy(b));
      out.push(await b.call('GET', 'k'));
      out.push(await b.call('FUNCTION', 'KILL'));
      out.push(await b.call('SHUTDOWN'));
      out.push(await b.call('SCRIPT', 'KILL'));
      const [killed, echoed] = await a.read(2, 20_000);
      out.push(killed, echoed);
      out.push(await b.call('GET', 'k'));
      out.push(await a.call('PING'));
      out.push(await b.call('SCRIPT', 'KILL'));
      a.close();
      b.close();
      return out;
    });
  }, 60_000);

  it('a script that wrote is UNKILLABLE; SHUTDOWN NOSAVE ends the server', async () => {
    await compare(async (port) => {
      const a = await RawConnection.open(port);
      const b = await RawConnection.open(port);
      const out = [await b.call('CONFIG', 'SET', 'busy-reply-threshold', '50')];
      const body = "redis.call('set', 'k', 'v') while true do end";
      a.write(`*3\r\n$4\r\nEVAL\r\n$${body.length}\r\n${body}\r\n$1\r\n0\r\n`);
      out.push(await untilBusy(b));
      out.push(await b.call('SCRIPT', 'KILL'));
      out.push(await b.call('FUNCTION', 'KILL'));
      b.write('*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n');
      out.push(String(await b.waitClosed(20_000)), String(await a.waitClosed(20_000)));
      return out;
    });
  }, 60_000);

  it('a script that ends by itself after going busy: atomic for others, blocked clients served after it', async () => {
    await compare(async (port) => {
      const a = await RawConnection.open(port);
      const b = await RawConnection.open(port);
      const x = await RawConnection.open(port);
      const out = [await b.call('CONFIG', 'SET', 'busy-reply-threshold', '50')];
      x.write('*3\r\n$5\r\nBLPOP\r\n$4\r\nlist\r\n$1\r\n0\r\n');
      await new Promise((res) => setTimeout(res, 50));
      // Pushes, then spins for 5 s of server time (generous for a loaded machine): the pop waits for the end.
      const body = "redis.call('rpush', 'list', 'a', 'b') local t0 = redis.call('time') repeat local t = redis.call('time') until (t[1] - t0[1]) * 1000000 + (t[2] - t0[2]) > 5000000 return redis.call('llen', 'list')";
      a.write(`*3\r\n$4\r\nEVAL\r\n$${body.length}\r\n${body}\r\n$1\r\n0\r\n`);
      out.push(await untilBusy(b));
      out.push(String((await x.read(1, 100)).length));
      out.push(await b.call('LLEN', 'list'));
      out.push(await b.call('SCRIPT', 'KILL'));
      out.push(...(await a.read(1, 20_000)));
      out.push(...(await x.read(1, 20_000)));
      out.push(await b.call('LRANGE', 'list', '0', '-1'));
      for (const c of [a, b, x]) c.close();
      return out;
    });
  }, 60_000);

  // Loops in frames a script enters: the run still yields to the event loop and SCRIPT KILL
  // reaches it. Redis's pcall catches the kill once (the script then ends normally when no line
  // follows); the killed error is positioned at the line that was running.
  for (const body of [
    'pcall(function() while true do end end)',
    'return xpcall(function() while true do end end, function(e) return e end)',
    'local t = setmetatable({}, {__index = function() while true do end end}) return t.x',
    'for x in function() while true do end end do end',
    'table.sort({3, 2, 1}, function(a, b) while true do end end)',
    'return string.gsub("abc", "%w", function() while true do end end)',
    'local n = 0\nlocal ok = pcall(function()\n  while true do n = n + 1 end\nend)\nwhile true do end',
  ]) {
    it(`SCRIPT KILL stops a loop inside a nested frame: ${JSON.stringify(body)}`, async () => {
      await compare(async (port) => {
        const a = await RawConnection.open(port);
        const b = await RawConnection.open(port);
        const out = [await b.call('CONFIG', 'SET', 'busy-reply-threshold', '50')];
        a.write(`*3\r\n$4\r\nEVAL\r\n$${body.length}\r\n${body}\r\n$1\r\n0\r\n`);
        out.push(await untilBusy(b));
        out.push(await b.call('SCRIPT', 'KILL'));
        out.push(...(await a.read(1, 20_000)));
        out.push(await a.call('PING'));
        a.close();
        b.close();
        return out;
      });
    }, 60_000);
  }

  it('a function is killed with FUNCTION KILL, not SCRIPT KILL', async () => {
    await compare(async (port) => {
      const a = await RawConnection.open(port);
      const b = await RawConnection.open(port);
      const out = [await b.call('CONFIG', 'SET', 'busy-reply-threshold', '50')];
      out.push(await b.call('FUNCTION', 'LOAD', "#!lua name=spin\nredis.register_function('spin', function() while true do end end)"));
      a.write('*3\r\n$5\r\nFCALL\r\n$4\r\nspin\r\n$1\r\n0\r\n');
      out.push(await untilBusy(b));
      out.push(await b.call('SCRIPT', 'KILL'));
      out.push(await b.call('FUNCTION', 'KILL'));
      out.push(...(await a.read(1, 20_000)));
      out.push(await b.call('FUNCTION', 'STATS'));
      a.close();
      b.close();
      return out;
    });
  }, 60_000);
});
