// Source → runnable Lua function: parse, generate JS, instantiate with `new Function` under a
// `lua:N` sourceURL whose line map lets errors and tracebacks name Lua positions.
import { parse } from '../parser';
import * as call from '../runtime/call';
import { yieldTwin } from '../runtime/coroutine';
import type { Ctx } from '../runtime/context';
import { registerChunk, releaseChunkWith } from '../runtime/errors';
import * as iter from '../runtime/iter';
import * as ops from '../runtime/ops';
import * as access from '../runtime/access';
import { LuaTable } from '../runtime/table';
import type { LuaFunction } from '../runtime/value';
import { generate, HELPERS } from './codegen';

const LUA_IDSIZE = 60;

/** The NaN an x86 FPU produces for 0/0 (sign bit set), which lua5.1 prints as `-nan`. */
function hardwareNaN(): number {
  const f = new Float64Array(1);
  new Uint32Array(f.buffer)[new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0] = 0xfff80000;
  return f[0];
}

/** luaO_chunkid: how a chunk name appears in messages (`=name`, `@file`, or `[string "…"]`). */
export function chunkId(source: string): string {
  if (source.startsWith('=')) return source.slice(1, LUA_IDSIZE);
  if (source.startsWith('@')) {
    const name = source.slice(1);
    const room = LUA_IDSIZE - 1 - 4;
    return name.length > room ? '...' + name.slice(name.length - room) : name;
  }
  const room = LUA_IDSIZE - 17;
  let len = source.search(/[\n\r]/);
  const truncated = len >= 0 || source.length > room;
  if (len < 0) len = source.length;
  if (len > room) len = room;
  return truncated ? `[string "${source.slice(0, len)}..."]` : `[string "${source}"]`;
}

const runtime: Record<string, unknown> = {
  ...call, ...ops, ...iter, ...access,
  tcall: call.tailCall,
  LuaTable,
  YIELD: yieldTwin,
  HWNAN: hardwareNaN(),
};

/** Compiles `source` into a Lua function whose environment is `env`. */
export function compileChunk(source: string, chunkname: string, env: LuaTable, ctx: Ctx): LuaFunction {
  const id = chunkId(chunkname);
  const { main } = parse(source, id);
  const gen = generate(main);
  const lines = gen.code.split('\n').map((l) => {
    const m = /^\/\*(\d+)\*\//.exec(l);
    return m ? Number(m[1]) : 0;
  });
  const url = registerChunk({ id, lines: [0, 0, 0, ...lines] });
  const S = gen.sites.map((s) => ops.site(id, s.line, s.a, s.b, s.r));
  const R: Record<string, unknown> = { ...runtime, CTX: ctx, S };
  for (const h of HELPERS) if (!(h in R)) throw new Error(`missing runtime helper ${h}`);
  const factory = new Function('R', `${gen.code}\n//# sourceURL=${url}`) as (r: unknown) => [LuaFunction, LuaFunction['G']];
  const [plain, twin] = factory(R);
  const f = call.mkfn(plain, twin, env);
  releaseChunkWith(f, url);
  return f;
}
