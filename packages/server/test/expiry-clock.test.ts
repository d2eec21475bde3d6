// The time key expiry is judged against, vs redis-server 7.0: a script sees keys as at its start for
// its whole run (also across the slices a busy script runs in), the commands of an EXEC as at EXEC's
// start; TTL replies, EXPIRE's already-expired check and TIME keep reading the live clock.
// Every deadline here is set after the frozen time, a few ms ahead, and then outlived by a wait many
// times longer, so both sides are deterministic however slow the machine is.
import { describeWithOracle, encodeRequest, RawConnection, startRedis } from '@ferrous/oracle';
import { createServer } from '@ferrous/server';
import { expect, it } from 'vitest';
import { expectSame, untilBusy, usePair } from './harness';

/** Lua: `spin(ms)` busy-waits on the server's TIME (the wall clock). */
const SPIN =
  'local function spin(ms) local t = redis.call("TIME") local start = t[1] * 1000000 + t[2] ' +
  'repeat local n = redis.call("TIME") until n[1] * 1000000 + n[2] - start >= ms * 1000 end ';

/** Lua: the wall clock in ms, from TIME. */
const NOW_MS = 'local function nowMs() local t = redis.call("TIME") return t[1] * 1000 + math.floor(t[2] / 1000) end ';

const eval0 = (body: string): string[] => ['EVAL', SPIN + NOW_MS + body, '0'];

describeWithOracle(['redis-server'], 'expiry time inside scripts and transactions vs redis-server', () => {
  const pair = usePair();

  it('a script sees keys as at its start, however long it runs', async () => {
    await expectSame(pair, [
      ['FLUSHALL'],
      ['SET', 'k', 'v'],
      eval0("redis.call('pexpire', 'k', 5) spin(30) return {redis.call('exists', 'k'), redis.call('get', 'k'), redis.call('pttl', 'k'), redis.call('ttl', 'k'), redis.call('pexpiretime', 'k') > 0, redis.call('type', 'k')}"),
      ['EXISTS', 'k'],
      eval0("redis.call('set', 'k', 'v', 'px', 5) spin(30) return {redis.call('keys', '*'), redis.call('randomkey'), redis.call('scan', '0')[2], redis.call('dbsize'), redis.call('strlen', 'k')}"),
      ['EXISTS', 'k'],
    ]);
  });

  it('EXPIRE/GETEX in the past of the live clock delete inside a script; SET PXAT stores it', async () => {
    await expectSame(pair, [
      ['FLUSHALL'],
      eval0("redis.call('set', 'k', 'v') local t = nowMs() spin(30) return {redis.call('pexpireat', 'k', t + 10), redis.call('exists', 'k')}"),
      eval0("local t = nowMs() spin(30) return {redis.call('set', 'k', 'v', 'pxat', t + 10), redis.call('exists', 'k'), redis.call('pttl', 'k')}"),
      eval0("redis.call('set', 'g', 'v') local t = nowMs() spin(30) return {redis.call('getex', 'g', 'pxat', t + 10), redis.call('exists', 'g')}"),
      ['EXISTS', 'k'],
    ]);
  });

  it('a function sees keys as at its start', async () => {
    const library = `#!lua name=frozen\n${SPIN}redis.register_function('late', function(keys) redis.call('pexpire', keys[1], 5) spin(30) return redis.call('exists', keys[1]) end)`;
    await expectSame(pair, [
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'LOAD', library],
      ['SET', 'k', 'v'],
      ['FCALL', 'late', '1', 'k'],
      ['EXISTS', 'k'],
      ['FUNCTION', 'FLUSH'],
    ]);
  });

  it('the commands of an EXEC see keys as at EXEC start', async () => {
    await expectSame(pair, [
      ['FLUSHALL'],
      ['MULTI'],
      ['SET', 'k', 'v', 'PX', '5'],
      ['DEBUG', 'SLEEP', '0.03'],
      ['EXISTS', 'k'],
      ['GET', 'k'],
      ['PTTL', 'k'],
      ['KEYS', '*'],
      ['EXEC'],
      ['EXISTS', 'k'],
      // No command before the sleep looks at a TTL: the time is EXEC's start all the same.
      ['SET', 'k', 'v', 'PX', '250'],
      ['MULTI'],
      ['DEBUG', 'SLEEP', '0.5'],
      ['EXISTS', 'k'],
      ['EXEC'],
      ['EXISTS', 'k'],
    ]);
  });

  it('a script inside EXEC sees its own start; the EXEC time holds again after it', async () => {
    await expectSame(pair, [
      ['FLUSHALL'],
      ['MULTI'],
      ['SET', 'k1', 'v', 'PX', '100'],
      ['SET', 'k2', 'v', 'PX', '100'],
      ['DEBUG', 'SLEEP', '0.3'],
      ['EVAL', "return redis.call('exists', 'k2')", '0'],
      ['EXISTS', 'k1'],
      eval0("redis.call('set', 'k3', 'v', 'px', 5) spin(30) return redis.call('exists', 'k3')"),
      ['EXEC'],
      ['EXISTS', 'k1'],
    ]);
  });
});


/** A script that outlives busy-reply-threshold (Ferrous runs it in slices between event-loop turns). */
async function busyScenario(port: number): Promise<string[]> {
  const a = await RawConnection.open(port);
  const b = await RawConnection.open(port);
  try {
    const out = [await b.call('CONFIG', 'SET', 'busy-reply-threshold', '10'), await b.call('SET', 'k', 'v')];
    a.write(encodeRequest(eval0("redis.call('pexpire', 'k', 5) spin(800) return {redis.call('exists', 'k'), redis.call('keys', '*'), redis.call('get', 'k')}")));
    out.push(await untilBusy(b));
    out.push(...(await a.read(1, 20_000)));
    out.push(await b.call('EXISTS', 'k'));
    return out;
  } finally {
    a.close();
    b.close();
  }
}

describeWithOracle(['redis-server'], 'expiry time inside a busy script vs redis-server', () => {
  it('holds the start time across the slices of a busy script', async () => {
    const [ferrous, redis] = await Promise.all([createServer({ port: 0, config: { save: '' } }), startRedis()]);
    try {
      // One after the other: the in-process Ferrous must not slow the reference's timings down.
      const candidate = await busyScenario(ferrous.port);
      const reference = await busyScenario(redis.port);
      expect(reference[2]).toMatch(/^-BUSY/);
      expect(candidate).toEqual(reference);
    } finally {
      await Promise.all([ferrous.close(), redis.stop()]);
    }
  }, 60_000);
});
