// Differential-test support for the Redis Lua libraries: the same Lua snippet runs as an EVAL
// body on a real redis-server and in a LuaState with these libraries open, and both sides
// render the results with the same Lua dumper, so the two replies must be equal byte for byte.
import { LuaState, openBit } from '@ferrous/lua-vm';
import { openCjson } from './cjson';
import { openCmsgpack } from './cmsgpack';
import { openStruct } from './struct';

/**
 * Renders any number of Lua values as one string: strings raw, numbers as %.17g, tables with
 * sorted entries (pair order differs between Lua implementations), cjson.null as `null`.
 * Error positions (`user_script:1: `) are dropped: see the libraries' `raise`.
 */
const DUMPER = `
local function D(...)
  local function d(v)
    local t = type(v)
    if t == 'string' then return 's"' .. string.gsub(v, '^user_script:%d+: ', '') .. '"' end
    if t == 'number' then
      if v ~= v then return 'nan' end
      return 'n' .. string.format('%.17g', v)
    end
    if t == 'table' then
      local items = {}
      for k, x in pairs(v) do items[#items + 1] = d(k) .. '=' .. d(x) end
      table.sort(items)
      return '{' .. table.concat(items, ',') .. '}'
    end
    if v == cjson.null then return 'null' end
    return tostring(v)
  end
  local out = {}
  for i = 1, select('#', ...) do out[i] = d((select(i, ...))) end
  return table.concat(out, ' ')
end
`;

/** Restores the settings a case may change: Redis keeps one cjson config for all scripts. */
const RESET = `cjson.encode_max_depth(1000) cjson.decode_max_depth(1000) cjson.encode_number_precision(14)
cjson.encode_sparse_array(false, 2, 10) cjson.encode_invalid_numbers(false) cjson.decode_invalid_numbers(true)
cjson.encode_keep_buffer(true)`;

/**
 * One script running several cases: each `body` is a Lua block ending in `return …`, run
 * under pcall; the script returns every dump, each prefixed by its length and a colon.
 */
export function batchScript(bodies: string[]): string {
  const runs = bodies.map((b, i) => `do local r = {pcall(function()\n${b}\nend)}\n${RESET}\nlocal d = D(unpack(r, 1, table.maxn(r))) out[${i + 1}] = #d .. ':' .. d end`);
  return `${DUMPER}\nlocal out = {}\n${runs.join('\n')}\nreturn table.concat(out)`;
}

/** Splits a batch script's result into its dumps (or returns the reply itself if it is not one). */
export function splitBatch(payload: string, n: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (out.length < n) {
    const colon = payload.indexOf(':', i);
    const len = Number(payload.slice(i, colon));
    if (colon < 0 || !Number.isInteger(len)) return new Array<string>(n).fill(payload);
    out.push(payload.slice(colon + 1, colon + 1 + len));
    i = colon + 1 + len;
  }
  return out;
}

/** What diffCases needs of the oracle's RawConnection. */
export interface RawLink {
  write(bytes: Buffer): void;
  read(n: number, timeoutMs?: number): Promise<string[]>;
}

/** Sends each script as `EVAL script 0` (pipelined) and returns the raw replies. */
export function evalVia(link: RawLink): (scripts: string[]) => Promise<string[]> {
  return async (scripts) => {
    const req = (s: string): string => `*3\r\n$4\r\nEVAL\r\n$${s.length}\r\n${s}\r\n$1\r\n0\r\n`;
    link.write(Buffer.from(scripts.map(req).join(''), 'latin1'));
    return link.read(scripts.length, 30_000);
  };
}

export interface CaseDiff {
  case: string;
  local: string;
  redis: string;
}

/**
 * Runs `cases` in batches on redis-server (through `evalAll`, which sends each script as an
 * EVAL and returns the raw replies) and locally; returns the cases whose dumps differ.
 */
export async function diffCases(evalAll: (scripts: string[]) => Promise<string[]>, cases: string[], batch = 25): Promise<CaseDiff[]> {
  const groups: string[][] = [];
  for (let i = 0; i < cases.length; i += batch) groups.push(cases.slice(i, i + batch));
  const scripts = groups.map(batchScript);
  const replies = await evalAll(scripts);
  const lua = newScriptState();
  const diffs: CaseDiff[] = [];
  groups.forEach((g, gi) => {
    const remote = splitBatch(bulkPayload(replies[gi]), g.length);
    const local = splitBatch(runLocal(lua, scripts[gi]), g.length);
    g.forEach((c, i) => {
      if (local[i] !== remote[i]) diffs.push({ case: c, local: local[i], redis: remote[i] });
    });
  });
  return diffs;
}

/** A LuaState with the libraries Redis loads. */
export function newScriptState(): LuaState {
  const lua = new LuaState();
  openBit(lua.globals);
  openCjson(lua);
  openCmsgpack(lua);
  openStruct(lua);
  return lua;
}

/** Runs a case script locally; an uncaught error is rendered like Redis's error reply. */
export function runLocal(lua: LuaState, script: string): string {
  try {
    const [r] = lua.execute(script, '@user_script');
    return String(r);
  } catch (e) {
    return `-ERR ${(e as Error).message}`;
  }
}

/** The payload of a RESP bulk reply, or the whole raw reply when it is not one. */
export function bulkPayload(reply: string): string {
  if (!reply.startsWith('$')) return reply;
  const nl = reply.indexOf('\r\n');
  const len = Number(reply.slice(1, nl));
  return len < 0 ? '(nil)' : reply.slice(nl + 2, nl + 2 + len);
}

/** A Lua string literal for a byte string (every byte as a decimal escape). */
export function luaString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += '\\' + s.charCodeAt(i);
  return out + '"';
}
