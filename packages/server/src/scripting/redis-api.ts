// The `redis` table scripts see (script_lua.c's luaRegisterRedisAPI): call/pcall, replies,
// sha1hex, log, setresp, set_repl, version fields and the debugger no-ops.
import { createHash } from 'node:crypto';
import { ErrorReply } from '@ferrous/resp';
import { LuaError, LuaTable, type LuaValue } from '@ferrous/lua-vm';
import { formatG } from './lib/c-number';
import { fieldTable, replyToLua } from './convert';
import { errorField, scriptCall, type RunContext } from './script-call';
import type { LogLevel, Server } from '../server';
import { REDIS_VERSION } from '../server';

export const REPL = { NONE: 0, AOF: 1, REPLICA: 2, ALL: 3 } as const;
const LOG_LEVELS: LogLevel[] = ['debug', 'verbose', 'notice', 'warning'];

export const sha1hex = (s: string): string => createHash('sha1').update(s, 'latin1').digest('hex');

/** Raises a Redis error table (luaPushError + luaError): `{err = 'ERR …'}` or the given code. */
export function raiseError(message: string): never {
  throw new LuaError(fieldTable('err', errorField(message)));
}

/** The version fields and logging both engines share (also offered while loading libraries). */
export function installCommonApi(redis: LuaTable, server: Server): void {
  redis.setStr('LOG_DEBUG', 0);
  redis.setStr('LOG_VERBOSE', 1);
  redis.setStr('LOG_NOTICE', 2);
  redis.setStr('LOG_WARNING', 3);
  redis.setStr('REDIS_VERSION', REDIS_VERSION);
  const [maj, min, patch] = REDIS_VERSION.split('.').map(Number);
  redis.setStr('REDIS_VERSION_NUM', (maj << 16) | (min << 8) | patch);
  redis.setStr('log', function log(...a: LuaValue[]) {
    if (a.length < 2) raiseError('redis.log() requires two arguments or more.');
    if (typeof a[0] !== 'number') raiseError('First argument must be a number (log level).');
    const level = a[0];
    if (level < 0 || level > 3) raiseError('Invalid debug level.');
    const parts = a.slice(1).map((v) => (typeof v === 'string' ? v : typeof v === 'number' ? formatG(v, 14) : ''));
    server.log(LOG_LEVELS[Math.trunc(level)], parts.join(' '));
  });
}

/** Everything `redis.*` offers while a script runs; `current` is the running script. */
export function installRunApi(redis: LuaTable, current: () => RunContext): void {
  const command = (a: LuaValue[], raise: boolean): LuaValue => {
    const run = current();
    if (a.length === 0) return fail('Please specify at least one argument for this redis lib call', raise);
    const argv: string[] = new Array<string>(a.length);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v === 'string') argv[i] = v;
      else if (typeof v === 'number') argv[i] = numberArg(v);
      else return fail('Lua redis lib command arguments must be strings or integers', raise);
    }
    const reply = scriptCall(run, argv);
    if (reply instanceof ErrorReply) {
      // The command already counted this error in the error stats.
      const err = fieldTable('err', errorField('-' + reply.message));
      err.setStr('ignore_error_stats_update', true);
      if (raise) throw new LuaError(err);
      return err;
    }
    return replyToLua(reply, run.client.resp);
  };
  redis.setStr('call', function call(...a: LuaValue[]) {
    return command(a, true);
  });
  redis.setStr('pcall', function pcall(...a: LuaValue[]) {
    return command(a, false);
  });
  redis.setStr('sha1hex', function sha1hexFn(...a: LuaValue[]) {
    if (a.length !== 1) throw new LuaError('wrong number of arguments');
    const v = a[0];
    return sha1hex(typeof v === 'string' ? v : typeof v === 'number' ? formatG(v, 14) : '');
  });
  redis.setStr('error_reply', function errorReply(...a: LuaValue[]) {
    if (a.length !== 1 || typeof a[0] !== 'string') return fieldTable('err', 'ERR wrong number or type of arguments');
    return fieldTable('err', errorField(a[0].startsWith('-') ? a[0] : '-' + a[0]));
  });
  redis.setStr('status_reply', function statusReply(...a: LuaValue[]) {
    if (a.length !== 1 || typeof a[0] !== 'string') return fieldTable('err', 'ERR wrong number or type of arguments');
    return fieldTable('ok', a[0]);
  });
  redis.setStr('setresp', function setresp(...a: LuaValue[]) {
    if (a.length !== 1) raiseError('redis.setresp() requires one argument.');
    const resp = typeof a[0] === 'number' ? Math.trunc(a[0]) : NaN;
    if (resp !== 2 && resp !== 3) raiseError('RESP version must be 2 or 3.');
    current().client.resp = resp;
  });
  redis.setStr('set_repl', function setRepl(...a: LuaValue[]) {
    if (a.length !== 1) raiseError('redis.set_repl() requires two arguments.');
    const flags = typeof a[0] === 'number' ? Math.trunc(a[0]) : 0;
    if ((flags & ~REPL.ALL) !== 0) raiseError('Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.');
    current().repl = flags;
  });
  redis.setStr('REPL_NONE', REPL.NONE);
  redis.setStr('REPL_AOF', REPL.AOF);
  redis.setStr('REPL_SLAVE', REPL.REPLICA);
  redis.setStr('REPL_REPLICA', REPL.REPLICA);
  redis.setStr('REPL_ALL', REPL.ALL);
  redis.setStr('replicate_commands', function replicateCommands() {
    return true;
  });
  redis.setStr('breakpoint', function breakpoint() {
    return false;
  });
  redis.setStr('debug', function debug() {
    return undefined;
  });
  redis.setStr('acl_check_cmd', function aclCheckCmd(...a: LuaValue[]) {
    if (a.length === 0) raiseError('Please specify at least one argument for this redis lib call');
    const name = a[0];
    if (typeof name !== 'string' || current().server.lookupCommand(name) === undefined) raiseError('Invalid command passed to redis.acl_check_cmd()');
    return true;
  });
}

/** A number argument as Redis formats it (%.17g); integers below 2^53 print as themselves. */
function numberArg(n: number): string {
  return Number.isSafeInteger(n) && !Object.is(n, -0) ? String(n) : formatG(n, 17);
}

/** redis.call raises the error table, redis.pcall returns it. */
function fail(message: string, raise: boolean): LuaValue {
  if (raise) raiseError(message);
  return fieldTable('err', errorField(message));
}
