// EVAL / EVALSHA / SCRIPT against redis-server: a corpus of scripts covering both conversion
// directions in RESP2 and RESP3, error texts and positions, the sandbox, read-only rules,
// shebang flags and the SCRIPT subcommands, compared reply by reply.
import { describe, expect, it } from 'vitest';
import { describeWithOracle, RawConnection } from '@ferrous/oracle';
import { expectSame, usePair } from './harness';

/** Renders a Lua value as text with sorted table keys, so hash order cannot differ. */
const DUMP = `local function D(v)
  local t = type(v)
  if t == 'table' then
    local items = {}
    for k, x in pairs(v) do items[#items + 1] = D(k) .. '=' .. D(x) end
    table.sort(items)
    return '{' .. table.concat(items, ',') .. '}'
  end
  if t == 'string' then return '"' .. v .. '"' end
  if t == 'number' then return string.format('%.17g', v) end
  return tostring(v)
end
`;

const evals = (...scripts: string[]): string[][] => scripts.map((s) => ['EVAL', s, '0']);
/** A script that runs `body` (a Lua expression list) and returns the dump of its values. */
const dumped = (...bodies: string[]): string[][] => bodies.map((b) => ['EVAL', `${DUMP} return D({${b}})`, '0']);
/** The same, after redis.setresp(3). */
const dumped3 = (...bodies: string[]): string[][] => bodies.map((b) => ['EVAL', `${DUMP} redis.setresp(3) return D({${b}})`, '0']);
/** HELLO's reply carries server-specific fields. */
const hidingHello = (r: string): string => (r.startsWith('%7\r\n') ? '<hello>' : r);

describeWithOracle(['redis-server'], 'EVAL vs redis-server', () => {
  const pair = usePair();
  const same = (commands: string[][], resp3 = false): Promise<string[]> =>
    expectSame(pair, resp3 ? [['HELLO', '3'], ...commands] : commands, hidingHello);

  describe('Lua values to replies', () => {
    const scripts = evals(
      'return 1',
      'return -1.9',
      'return 3.99',
      'return 1e20',
      'return -1e20',
      'return 2^53 + 1',
      'return 0/0',
      'return 1/0',
      "return 'bulk'",
      "return ''",
      'return true',
      'return false',
      'return nil',
      'return {}',
      "return {1, 'two', {3, {4}}, false, 5}",
      "return {1, nil, 3}",
      "return {a = 1, 2, 3}",
      "return {ok = 'fine'}",
      "return {ok = 'a\\r\\nb'}",
      "return {err = 'ERR custom'}",
      "return {err = 'no code here'}",
      "return {err = 'multi\\nline'}",
      "return {err = 5}",
      "return {ok = 5}",
      "return {double = 3.5}",
      "return {double = 1/0}",
      "return {double = '3'}",
      "return {big_number = '123456789012345678901234567890'}",
      "return {map = {a = 1}}",
      "return {set = {x = true}}",
      "return {{ok = 'nested'}, {err = 'ERR nested'}}",
      "return redis.status_reply('STATUS')",
      "return redis.error_reply('MY error')",
      "return redis.error_reply('-MY error')",
      "return redis.error_reply('noSpace')",
      "return redis.error_reply('')",
      'return redis.error_reply()',
      'return redis.status_reply(1)',
      'return print',
      'return cjson.null',
      "return 1, 2",
      'local t = {} local c = t for i = 1, 500 do c[1] = {i} c = c[1] end return t',
    );

    it('RESP2', async () => {
      await same(scripts);
    });

    it('RESP3', async () => {
      await same(scripts, true);
    });

    it('RESP3 types after redis.setresp(3)', async () => {
      const resp3 = evals(
        'redis.setresp(3) return true',
        'redis.setresp(3) return false',
        "redis.setresp(3) return {double = 2.5}",
        "redis.setresp(3) return {double = -0.1}",
        "redis.setresp(3) return {big_number = '-12345678901234567890'}",
        "redis.setresp(3) return {map = {k = 'v'}}",
        "redis.setresp(3) return {map = {[1] = {2, 3}}}",
        "redis.setresp(3) return {set = {a = true}}",
        'redis.setresp(3) return {true, false, 1}',
        'redis.setresp(3) return nil',
      );
      await same(resp3);
      await same(resp3, true);
    });
  });

  describe('replies to Lua values', () => {
    const setup = [
      ['FLUSHALL'],
      ['SET', 's', 'v'],
      ['RPUSH', 'l', 'a', 'b', 'c'],
      ['HSET', 'h', 'f', '1'],
      ['SADD', 'set', 'm'],
      ['ZADD', 'z', '1.5', 'x', '2', 'y'],
    ];
    const calls = [
      "redis.call('get', 's')",
      "redis.call('get', 'missing')",
      "redis.call('incr', 'n')",
      "redis.call('set', 'k', 'v')",
      "redis.call('lrange', 'l', 0, -1)",
      "redis.call('hgetall', 'h')",
      "redis.call('smembers', 'set')",
      "redis.call('zscore', 'z', 'x')",
      "redis.call('zrange', 'z', 0, -1, 'WITHSCORES')",
      "redis.call('zrandmember', 'missing')",
      "redis.call('exists', 's', 'l')",
      "redis.call('ping')",
      "redis.call('type', 'h')",
      "redis.pcall('lpush', 's', 'x')",
      "redis.pcall('nosuch')",
      "redis.pcall('get')",
      "redis.pcall('incr', 's')",
      "redis.call('hrandfield', 'h', 1, 'WITHVALUES')",
      "redis.call('lpos', 'l', 'zz')",
      "redis.call('set', 'n1', 3.5), redis.call('get', 'n1')",
      "redis.call('set', 'n2', 1e20), redis.call('get', 'n2')",
      "redis.call('set', 'n3', 1/3), redis.call('get', 'n3')",
      "redis.call('set', 'n4', -0.0), redis.call('get', 'n4')",
      "redis.call('select', 1), redis.call('dbsize')",
      "redis.call('object', 'encoding', 'l')",
      "redis.call('config', 'get', 'maxmemory')",
    ];

    it('RESP2', async () => {
      await same([...setup, ...dumped(...calls)]);
    });

    it('RESP3 (redis.setresp(3))', async () => {
      await same([...setup, ...dumped3(...calls)]);
      await same([...setup, ...dumped3(...calls)], true);
    });

    it('scripts returning command replies directly', async () => {
      await same([
        ...setup,
        ...evals(
          "return redis.call('hgetall', 'h')",
          "redis.setresp(3) return redis.call('hgetall', 'h')",
          "redis.setresp(3) return redis.call('smembers', 'set')",
          "redis.setresp(3) return redis.call('zscore', 'z', 'x')",
          "redis.setresp(3) return redis.call('get', 'missing')",
          "return redis.call('ping')",
          "return redis.pcall('incr', 's')",
        ),
      ], true);
    });
  });

  describe('errors', () => {
    it('runtime errors, redis.call errors and positions', async () => {
      await same([
        ['SET', 'str', 'x'],
        ...evals(
          "error('boom')",
          "error('boom', 0)",
          'error()',
          'error(true)',
          "error({err = 'CODE with table'})",
          "error({err = 'ERR a\\r\\nb'})",
          "error('a\\nb', 0)",
          '\n\nlocal a = nil + 1',
          'local function f()\n  local t = nil\n  return t.x\nend\nreturn f()',
          "return redis.call('incr', 'str')",
          "return redis.call('lpush', 'str', 'a')",
          '\nreturn redis.call()',
          "return redis.call({})",
          "return redis.call('get', {})",
          "return redis.call('get', nil)",
          "return redis.call('nosuch')",
          "return redis.call('config')",
          "return redis.call('config', 'nosuch')",
          "return redis.call('get')",
          "return redis.call('eval', 'return 1', 0)",
          "return redis.call('multi')",
          "return redis.call('blpop', 'l', 0)",
          "return redis.call('subscribe', 'c')",
          'return redis.setresp()',
          'return redis.setresp(4)',
          'return redis.set_repl()',
          'return redis.set_repl(8)',
          'return redis.sha1hex()',
          "return redis.log(1)",
          "return redis.log('x', 'y')",
          'return redis.log(9, "x")',
          "return redis.acl_check_cmd('nosuch')",
          "return redis.acl_check_cmd()",
          "local ok, e = pcall(redis.call, 'nosuch') return {tostring(ok), e.err}",
          "local ok, e = pcall(error, 'x') return {tostring(ok), e}",
          "return {pcall(function() error({err = 'inner'}) end)}",
          'local t = setmetatable({}, {__index = function() error("idx") end}) return t.x',
          'return 1 +',
          'return "unterminated',
          'x = = 1',
          'local function f() return f() + 1 end return f()',
        ),
      ]);
    });

    it('EVAL / EVALSHA argument errors', async () => {
      await same([
        ['EVAL', 'return 1', '-1'],
        ['EVAL', 'return 1', '2', 'a'],
        ['EVAL', 'return 1', 'x'],
        ['EVAL', 'return 1', '1.5'],
        ['EVAL', 'return 1'],
        ['EVALSHA', 'abc', '0'],
        ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0'],
        ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', 'x'],
        ['EVAL_RO', 'return 1', '-5'],
      ]);
    });
  });

  describe('sandbox', () => {
    it('globals are read-only and limited to what Redis offers', async () => {
      await same([
        ...evals(
          'return x',
          'x = 1',
          'local t = _G t.y = 1',
          'rawset(_G, "z", 1)',
          'string.x = 1',
          'cjson.encode = nil',
          'redis.call = nil',
          'setmetatable(_G, nil)',
          'return setmetatable({}, {}) ~= nil',
          'return getmetatable(_G) ~= nil',
          'KEYS[1] = "x" return KEYS[1]',
          'return type(loadstring), type(load), type(os), type(io)',
          'local out = {} for w in string.gfind("a b", "%a") do out[#out + 1] = w end return out',
          'return print',
          'return dofile',
          'return loadfile',
          'return require',
          'return module',
          'return getfenv',
          'return setfenv',
          'return newproxy',
          'return debug',
          'return package',
          'return _VERSION',
          'return tostring(cjson.null)',
          'return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM}',
          'return {redis.REPL_NONE, redis.REPL_AOF, redis.REPL_REPLICA, redis.REPL_SLAVE, redis.REPL_ALL}',
          'return {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}',
          'return redis.sha1hex("")',
          'return redis.sha1hex("abc")',
          'return redis.sha1hex(12)',
          'return {redis.breakpoint(), redis.replicate_commands(), redis.debug("x")}',
          'redis.set_repl(redis.REPL_ALL) return redis.acl_check_cmd("get")',
          'return redis.log(redis.LOG_WARNING, "from", "script", 1)',
          'local co = coroutine.wrap(function() coroutine.yield(1) coroutine.yield(2) end) return {co(), co()}',
          "return loadstring('return 1 + 1')()",
          "return {loadstring('x = = 1')}",
          "local f = loadstring('return x') return pcall(f)",
          "return load(function() return nil end) ~= nil",
          'return collectgarbage("count") > 0',
          'return gcinfo() > 0',
          'return {string.format("%d %s %5.2f", 3, "x", 1/3)}',
          'return {tostring(nil), tostring(true), tostring(12), tostring(1e100), tostring(-0.0)}',
          'return unpack({1, 2, 3})',
          'return select("#", 1, nil, 3)',
          'return table.concat({1, 2, 3}, ",")',
          'return string.rep("ab", 3)',
          'return {math.huge == 1/0, math.pi > 3}',
          "return {bit.band(0xff, 0x0f), bit.tohex(255), bit.bxor(5, 3)}",
          "return {struct.pack('>I2', 258), struct.unpack('>I2', '\\1\\2')}",
          "return cmsgpack.unpack(cmsgpack.pack({1, 2, {a = 1}}))",
          "return cjson.encode({a = {1, 2}, b = cjson.null})",
          "return cjson.decode('[1, {\"x\": null}]')[2].x == cjson.null",
        ),
        ...dumped(
          "(function() local out = {} for k, v in pairs(_G) do out[#out + 1] = k .. ':' .. type(v) end table.sort(out) return table.concat(out, ' ') end)()",
          "(function() local out = {} for _, lib in ipairs({'redis', 'string', 'table', 'math', 'bit', 'cjson', 'cmsgpack', 'struct', 'coroutine'}) do local keys = {} for k in pairs(_G[lib]) do keys[#keys + 1] = k end table.sort(keys) out[#out + 1] = lib .. '=' .. table.concat(keys, ',') end return table.concat(out, ' ') end)()",
        ),
      ]);
    });

    it('math.random continues one server-wide sequence', async () => {
      await same([
        ...dumped('math.random(100), math.random(), math.random(5, 10)', 'math.random(1000)'),
        ['SCRIPT', 'FLUSH'],
        ...dumped('math.random(1000)'),
        ...dumped('math.randomseed(7), math.random(1000)'),
        ...dumped('math.random(1000)'),
        ...evals('return math.random(0)', 'return math.random(3, 1)', 'return math.random(1, 2, 3)'),
      ]);
    });

    it('KEYS and ARGV', async () => {
      await same([
        ['EVAL', 'return {KEYS, ARGV}', '0'],
        ['EVAL', 'return {#KEYS, #ARGV, KEYS[1], ARGV[2]}', '2', 'k1', 'k2', 'a1', 'a2'],
        ['EVAL', 'return ARGV', '0', '\x00\xff', ''],
        ['EVAL', 'return KEYS', '0'],
      ]);
    });
  });

  describe('read-only rules and shebang flags', () => {
    it('EVAL_RO and flags', async () => {
      await same([
        ['SET', 'k', 'v'],
        ['EVAL_RO', "return redis.call('get', KEYS[1])", '1', 'k'],
        ['EVAL_RO', "return redis.call('set', KEYS[1], 'x')", '1', 'k'],
        ['EVAL_RO', "return redis.pcall('del', 'k')", '0'],
        ['EVAL_RO', "return redis.pcall('publish', 'ch', 'm')", '0'],
        ['EVAL', "#!lua flags=no-writes\nreturn redis.call('set', 'k', 'x')", '0'],
        ['EVAL', "#!lua flags=no-writes\nreturn redis.call('get', 'k')", '0'],
        ['EVAL', "#!lua\nreturn redis.call('set', 'k', 'y')", '0'],
        ['EVAL_RO', "#!lua\nreturn 1", '0'],
        ['EVAL_RO', "#!lua flags=no-writes,allow-oom\nreturn 2", '0'],
        ['EVAL', '#!lua flags=bad\nreturn 1', '0'],
        ['EVAL', '#!lua x\nreturn 1', '0'],
        ['EVAL', '#!lua name=x\nreturn 1', '0'],
        ['EVAL', '#!luax\nreturn 1', '0'],
        ['EVAL', '#! lua\nreturn 1', '0'],
        ['EVAL', '#!lua', '0'],
        ['EVAL', '#!lua flags=\nreturn 3', '0'],
        ['EVAL', '#!lua\r\nreturn 5', '0'],
        ['EVAL', '#!lua\tflags=no-writes\r\nreturn 6', '0'],
        ['EVAL', "#!lua\nerror('line two')", '0'],
        ['EVAL', '#!lua flags=allow-stale,no-cluster,allow-cross-slot-keys\nreturn 4', '0'],
        ['GET', 'k'],
      ]);
    });
  });

  it('MONITOR shows EVAL, then its commands from `lua`', async () => {
    const watch = async (port: number): Promise<string[]> => {
      const m = await RawConnection.open(port);
      const c = await RawConnection.open(port);
      try {
        await m.call('MONITOR');
        await c.call('EVAL', "redis.call('set', 'mon', '1') return redis.call('get', KEYS[1])", '1', 'mon');
        await c.call('EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0');
        await c.call('PING');
        // Timestamps and the caller's port differ between the servers.
        return (await m.read(5)).map((l) => l.replace(/^\+\d+\.\d+ /, '+').replace(/\[0 127\.0\.0\.1:\d+\]/, '[0 client]'));
      } finally {
        m.close();
        c.close();
      }
    };
    expect(await watch(pair.ferrous.port)).toEqual(await watch(pair.redis.port));
  });

  it('errors raised by commands are counted once in INFO errorstats', async () => {
    const errorstats = (r: string): string => (r.includes('# Errorstats') ? r.split('\r\n').filter((l) => l.startsWith('errorstat_')).sort().join(',') : r);
    await expectSame(
      pair,
      [
        ['CONFIG', 'RESETSTAT'],
        ['SET', 'es', 'x'],
        ...evals(
          "return redis.call('incr', 'es')",
          "return redis.pcall('incr', 'es')",
          "error('x')",
          "return redis.call('nosuch')",
          "return {err = 'MY x'}",
          "return redis.error_reply('E2 y')",
          "local e = redis.pcall('incr', 'es') return 1",
          "local ok, e = pcall(redis.call, 'incr', 'es') return e",
        ),
        ['INFO', 'errorstats'],
      ],
      errorstats,
    );
  });

  it('INFO memory counts cached scripts, functions and libraries', async () => {
    const counts = (r: string): string =>
      r.includes('# Memory') ? r.split('\r\n').filter((l) => /^number_of_(cached_scripts|functions|libraries):/.test(l)).join(',') : r;
    await expectSame(
      pair,
      [
        ['SCRIPT', 'FLUSH'],
        ['FUNCTION', 'FLUSH'],
        ['INFO', 'memory'],
        ['SCRIPT', 'LOAD', 'return 1'],
        ['EVAL', 'return 2', '0'],
        ['EVAL', 'return 2', '0'],
        ['FUNCTION', 'LOAD', "#!lua name=infolib\nredis.register_function('f1', function() return 1 end)\nredis.register_function('f2', function() return 2 end)"],
        ['INFO', 'memory'],
        ['SCRIPT', 'FLUSH'],
        ['FUNCTION', 'FLUSH'],
        ['INFO', 'memory'],
      ],
      counts,
    );
  });

  it('client tracking remembers the keys a script read for its caller', async () => {
    const track = async (port: number): Promise<string[]> => {
      const c = await RawConnection.open(port);
      const w = await RawConnection.open(port);
      try {
        const out = [await c.call('HELLO', '3').then(() => 'hello'), await c.call('CLIENT', 'TRACKING', 'ON')];
        out.push(await c.call('EVAL', "return redis.call('get', KEYS[1])", '1', 'tracked'));
        out.push(await w.call('SET', 'tracked', 'v'));
        out.push(...(await c.read(1)));
        return out;
      } finally {
        c.close();
        w.close();
      }
    };
    expect(await track(pair.ferrous.port)).toEqual(await track(pair.redis.port));
  });

  describe('maxmemory', () => {
    it('OOM rules for scripts and their commands', async () => {
      await same([
        ['SET', 'pre', 'x'],
        ['CONFIG', 'SET', 'maxmemory', '1'],
        ['EVAL', "return redis.call('get', 'pre')", '0'],
        ['EVAL', "return redis.call('set', 'k', 'v')", '0'],
        ['EVAL', "return redis.pcall('del', 'pre')", '0'],
        ['EVAL', "redis.call('del', 'nosuch') return redis.call('set', 'k', 'v')", '0'],
        ['EVAL', "#!lua\nreturn 1", '0'],
        ['EVAL', "#!lua flags=allow-oom\nreturn redis.call('set', 'k2', 'v')", '0'],
        ['EVAL', "#!lua flags=no-writes\nreturn redis.call('get', 'pre')", '0'],
        ['CONFIG', 'SET', 'maxmemory', '0'],
        ['MGET', 'pre', 'k', 'k2'],
      ]);
    });
  });

  describe('SCRIPT', () => {
    it('LOAD, EXISTS, EVALSHA, FLUSH', async () => {
      await same([
        ['SCRIPT', 'FLUSH'],
        ['SCRIPT', 'LOAD', 'return 1'],
        ['SCRIPT', 'LOAD', 'return +'],
        ['SCRIPT', 'LOAD', '#!lua flags=nope\nreturn 1'],
        ['SCRIPT', 'EXISTS', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', 'E0E1F9FABFC9D4800C877A703B823AC0578FF8DB', 'nope'],
        ['EVALSHA', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', '0'],
        ['EVALSHA', 'E0E1F9FABFC9D4800C877A703B823AC0578FF8DB', '0'],
        ['EVALSHA_RO', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', '0'],
        ['EVAL', 'return 2', '0'],
        ['SCRIPT', 'EXISTS', '7f923f79fe76194c868d7e1d0820de36700eb649'],
        ['SCRIPT', 'FLUSH', 'ASYNC'],
        ['SCRIPT', 'EXISTS', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db'],
        ['SCRIPT', 'FLUSH', 'SYNC'],
        ['EVAL', 'cjson.encode_number_precision(3) return cjson.encode(1/3)', '0'],
        ['EVAL', 'return cjson.encode(1/3)', '0'],
        ['SCRIPT', 'FLUSH'],
        ['EVAL', 'return cjson.encode(1/3)', '0'],
        ['SCRIPT', 'FLUSH', 'bad'],
        ['SCRIPT', 'FLUSH', 'SYNC', 'x'],
        ['SCRIPT', 'EXISTS'],
        ['SCRIPT', 'KILL'],
        ['SCRIPT', 'KILL', 'x'],
        ['SCRIPT', 'DEBUG', 'NO'],
        ['SCRIPT', 'HELP'],
        ['SCRIPT', 'NOSUCH'],
        ['SCRIPT'],
      ]);
    });

    it('DEBUG outside the debugger', async () => {
      // Redis refuses SCRIPT DEBUG inside a pipeline, so each goes alone.
      await same([['SCRIPT', 'DEBUG', 'NO']]);
      await same([['SCRIPT', 'DEBUG', 'maybe']]);
    });

    it('scripts inside MULTI and commands the dispatcher refuses', async () => {
      await same([
        ['MULTI'],
        ['EVAL', "return redis.call('incr', 'ctr')", '0'],
        ['EVAL', "return redis.call('incr', 'ctr')", '0'],
        ['EXEC'],
        ['EVAL', 'return 1'],
        ['EVALSHA'],
      ]);
    });
  });
});
