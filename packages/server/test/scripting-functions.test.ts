// FUNCTION and FCALL against redis-server: loading libraries (metadata, the restricted load
// environment, register_function's forms and errors), FCALL/FCALL_RO rules, FUNCTION LIST shapes
// in RESP2 and RESP3, STATS, DELETE/FLUSH, and DUMP/RESTORE payloads exchanged both ways.
import { expect, it } from 'vitest';
import { describeWithOracle, RawConnection } from '@ferrous/oracle';
import { expectSame, usePair } from './harness';
import { normalise } from './oracle-pair';

const lib = (name: string, body: string): string => `#!lua name=${name}\n${body}`;

const MYLIB = lib(
  'mylib',
  [
    "redis.register_function('echo_key', function(keys, args) return keys[1] end)",
    "redis.register_function{function_name = 'setter', callback = function(keys, args) return redis.call('set', keys[1], args[1]) end, description = 'sets a key'}",
    "redis.register_function{function_name = 'reader', callback = function(keys) return redis.call('get', keys[1]) end, flags = {'no-writes'}}",
    "redis.register_function{function_name = 'oomok', callback = function() return 1 end, flags = {'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys', 'no-writes'}}",
  ].join('\n'),
);

/** Libraries with one function each: FUNCTION LIST orders libraries and functions by Redis's hash order. */
const LISTED = [
  lib('la', "redis.register_function{function_name = 'fa', callback = function() return 1 end, description = 'first', flags = {'no-writes', 'allow-oom'}}"),
  lib('lb', "redis.register_function('fb', function() return 2 end)"),
  lib('lc', "redis.register_function{function_name = 'fc', callback = function() return 3 end, flags = {'allow-cross-slot-keys', 'no-cluster', 'allow-stale'}}"),
];

/** HELLO's reply carries server-specific fields; FUNCTION LIST's library order is Redis's hash order. */
const normalize = (r: string): string => (r.startsWith('%7\r\n') ? '<hello>' : r.includes('library_name') ? normalise(r, 'unordered')! : r);

describeWithOracle(['redis-server'], 'FUNCTION / FCALL vs redis-server', () => {
  const pair = usePair();
  const same = (commands: string[][], resp3 = false): Promise<string[]> =>
    expectSame(pair, resp3 ? [['HELLO', '3'], ...commands] : commands, normalize);

  it('loads libraries and calls their functions', async () => {
    await same([
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'LOAD', MYLIB],
      ['FUNCTION', 'LOAD', MYLIB],
      ['FUNCTION', 'LOAD', 'REPLACE', MYLIB],
      ['FCALL', 'echo_key', '1', 'k1'],
      ['FCALL', 'setter', '1', 'k', 'v'],
      ['FCALL', 'reader', '1', 'k'],
      ['FCALL_RO', 'reader', '1', 'k'],
      ['FCALL_RO', 'setter', '1', 'k', 'v'],
      ['FCALL', 'oomok', '0'],
      ['FCALL', 'ECHO_KEY', '0'],
      ['FCALL', 'nosuch', '0'],
      ['FCALL', 'echo_key', 'x'],
      ['FCALL', 'echo_key', '-1'],
      ['FCALL', 'echo_key', '3', 'a'],
      ['FCALL', 'echo_key'],
      ['FUNCTION', 'FLUSH'],
      ...LISTED.map((code) => ['FUNCTION', 'LOAD', code]),
      ['FUNCTION', 'LIST'],
      ['FUNCTION', 'LIST', 'WITHCODE'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'l[ab]'],
      ['FUNCTION', 'LIST', 'libraryname', 'LA*', 'withcode'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'other'],
      ['FUNCTION', 'LIST', 'WITHCODE', 'WITHCODE'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME'],
      ['FUNCTION', 'LIST', 'bogus'],
      ['FUNCTION', 'STATS'],
    ]);
  });

  it('FUNCTION LIST and STATS in RESP3', async () => {
    await same([['FUNCTION', 'FLUSH'], ...LISTED.map((code) => ['FUNCTION', 'LOAD', code]), ['FUNCTION', 'LIST', 'WITHCODE'], ['FUNCTION', 'STATS'], ['FCALL', 'fb', '0']], true);
  });

  it('library metadata and load errors', async () => {
    await same([
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'LOAD', 'return 1'],
      ['FUNCTION', 'LOAD', '#!lua name=x'],
      ['FUNCTION', 'LOAD', '#!lua\nreturn 1'],
      ['FUNCTION', 'LOAD', '#!lua nam=x\nreturn 1'],
      ['FUNCTION', 'LOAD', '#!lua name=a name=b\nreturn 1'],
      ['FUNCTION', 'LOAD', '#!py name=x\nreturn 1'],
      ['FUNCTION', 'LOAD', '#!lua\tname=crlf\r\nredis.register_function("crlf", function() return 1 end)'],
      ['FCALL', 'crlf', '0'],
      ['FUNCTION', 'LOAD', '#!LUA name=upper\nredis.register_function("up", function() return 1 end)'],
      ['FUNCTION', 'LOAD', '#!lua name=Upper\nredis.register_function("UP", function() return 1 end)'],
      ['FUNCTION', 'DELETE', 'UPPER'],
      ['FUNCTION', 'LOAD', '#!lua name=bad-name\nreturn 1'],
      ['FUNCTION', 'LOAD', lib('x', 'return 1')],
      ['FUNCTION', 'LOAD', lib('x', 'local a = = 1')],
      ['FUNCTION', 'LOAD', lib('x', "error('boom')")],
      ['FUNCTION', 'LOAD', lib('x', "error({err = 'CUSTOM table'})")],
      ['FUNCTION', 'LOAD', lib('x', "redis.call('ping')")],
      ['FUNCTION', 'LOAD', lib('x', 'local t = type(1)')],
      ['FUNCTION', 'LOAD', lib('x', 'x = 1')],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function('f', 5)")],
      ['FUNCTION', 'LOAD', lib('x', 'redis.register_function()')],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function('a', function() end, 1)")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function(5, function() end)")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function('1bad-name', function() end)")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function('f', function() end) redis.register_function('f', function() end)")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function{function_name = 'f'}")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function{callback = function() end}")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function{function_name = 'f', callback = function() end, flags = {'bad'}}")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function{function_name = 'f', callback = function() end, flags = 'no-writes'}")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function{function_name = 'f', callback = function() end, foo = 1}")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function{function_name = 'f', callback = 5}")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function{function_name = {}, callback = function() end}")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function{function_name = 'f', callback = function() end, description = {}}")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function({[1] = 'f'})")],
      ['FUNCTION', 'LOAD', lib('x', "redis.register_function('f')")],
      ['FUNCTION', 'LOAD', lib('x', "redis.log(redis.LOG_NOTICE, 'loading') redis.register_function('logged', function() return redis.REDIS_VERSION end)")],
      ['FCALL', 'logged', '0'],
      ['FUNCTION', 'LOAD', lib('y', "redis.register_function('logged', function() end)")],
      ['FUNCTION', 'LOAD', 'REPLACE', lib('y', "redis.register_function('logged', function() end)")],
      ['FUNCTION', 'LOAD', 'NOPE', lib('y', "redis.register_function('z', function() end)")],
      ['FUNCTION', 'LOAD', 'REPLACE'],
      ['FUNCTION', 'LOAD', lib('x', 'local i = 0 while true do i = i + 1 end')],
      ['FUNCTION', 'LIST'],
    ]);
  });

  it('the runtime environment of functions', async () => {
    const probe = lib(
      'probe',
      [
        "redis.register_function('env', function(keys, args)",
        '  local s = {} for k in pairs(redis) do s[#s + 1] = k end table.sort(s)',
        '  local g = {} for k in pairs(_G) do g[#g + 1] = k end table.sort(g)',
        "  return {table.concat(s, ','), table.concat(g, ','), #keys, #args, args[1]}",
        'end)',
        "redis.register_function('glob', function() x = 1 end)",
        "redis.register_function('missing', function() return y end)",
        "redis.register_function('boom', function() error('boom') end)",
        "redis.register_function('reg', function() return redis.register_function('z', function() end) end)",
        "redis.register_function('callerr', function() return redis.call('incr', 'str') end)",
        "redis.register_function('resp3', function() redis.setresp(3) return redis.call('hgetall', 'h') end)",
      ].join('\n'),
    );
    await same([
      ['FUNCTION', 'FLUSH'],
      ['SET', 'str', 'x'],
      ['HSET', 'h', 'f', 'v'],
      ['FUNCTION', 'LOAD', probe],
      ['FCALL', 'env', '1', 'k', 'a1', 'a2'],
      ['FCALL', 'glob', '0'],
      ['FCALL', 'missing', '0'],
      ['FCALL', 'boom', '0'],
      ['FCALL', 'reg', '0'],
      ['FCALL', 'callerr', '0'],
      ['FCALL', 'resp3', '0'],
    ]);
    await same([['FCALL', 'resp3', '0']], true);
  });

  it('DELETE, FLUSH, RESTORE policies and errors', async () => {
    await same([
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'DELETE', 'nosuch'],
      ['FUNCTION', 'LOAD', MYLIB],
      ['FUNCTION', 'DELETE', 'mylib'],
      ['FCALL', 'echo_key', '1', 'k'],
      ['FUNCTION', 'FLUSH', 'ASYNC'],
      ['FUNCTION', 'FLUSH', 'SYNC'],
      ['FUNCTION', 'FLUSH', 'bad'],
      ['FUNCTION', 'FLUSH', 'SYNC', 'extra'],
      ['FUNCTION', 'RESTORE', 'garbage'],
      ['FUNCTION', 'RESTORE', 'x', 'BAD'],
      ['FUNCTION', 'RESTORE', 'x', 'FLUSH', 'extra'],
      ['FUNCTION', 'DUMP'],
      ['FUNCTION', 'KILL'],
      ['FUNCTION', 'HELP'],
      ['FUNCTION', 'NOSUCH'],
    ]);
  });

  it('DUMP payloads restore across servers', async () => {
    const [ferrous, redis] = await Promise.all([RawConnection.open(pair.ferrous.port), RawConnection.open(pair.redis.port)]);
    try {
      const payloadOf = (reply: string): string => reply.slice(reply.indexOf('\r\n') + 2, -2);
      const other = lib('otherlib', "redis.register_function('other', function() return 'other' end)");
      for (const c of [ferrous, redis]) {
        await c.call('FUNCTION', 'FLUSH');
        for (const code of LISTED) await c.call('FUNCTION', 'LOAD', code);
      }
      const fromRedis = payloadOf(await redis.call('FUNCTION', 'DUMP'));
      const fromFerrous = payloadOf(await ferrous.call('FUNCTION', 'DUMP'));
      // Each server restores the other's payload under every policy, with the same outcome.
      const steps: string[][] = [
        ['FUNCTION', 'RESTORE', '<payload>'],
        ['FUNCTION', 'RESTORE', '<payload>', 'APPEND'],
        ['FUNCTION', 'RESTORE', '<payload>', 'REPLACE'],
        ['FUNCTION', 'FLUSH'],
        ['FUNCTION', 'LOAD', other],
        ['FUNCTION', 'RESTORE', '<payload>', 'FLUSH'],
        ['FUNCTION', 'LIST', 'WITHCODE'],
        ['FCALL', 'fa', '0'],
        ['FCALL', 'other', '0'],
      ];
      const run = async (c: RawConnection, payload: string): Promise<string[]> => {
        const out: string[] = [];
        for (const s of steps) out.push(await c.call(...s.map((a) => (a === '<payload>' ? payload : a))));
        return out;
      };
      // Which colliding library is named first depends on Redis's hash order too.
      const unnamed = (r: string): string => normalize(r).replace(/Library \w+ already exists/, 'Library <lib> already exists');
      const same = async (a: Promise<string[]>, b: Promise<string[]>): Promise<void> => expect((await a).map(unnamed)).toEqual((await b).map(unnamed));
      await same(run(ferrous, fromRedis), run(redis, fromFerrous));
      // A payload is self-describing: both servers' dumps of the same libraries restore identically.
      await same(run(ferrous, fromFerrous), run(redis, fromRedis));
      const truncated = fromRedis.slice(0, -1);
      expect(await ferrous.call('FUNCTION', 'RESTORE', truncated)).toBe(await redis.call('FUNCTION', 'RESTORE', truncated));
    } finally {
      ferrous.close();
      redis.close();
    }
  });
});
