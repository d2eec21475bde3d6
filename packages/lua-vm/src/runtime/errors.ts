// Lua errors and positions. Compiled chunks run under a `lua:N` sourceURL with a JS-line →
// Lua-line map, so error levels and tracebacks are read off the JS stack only when needed:
// the fast path carries no line bookkeeping at all.
import type { LuaValue } from './value';

/** A Lua error: `value` is the Lua error object (usually a string with a position prefix). */
export class LuaError extends Error {
  override name = 'LuaError';
  /** `stack traceback:` text captured where the error was raised (filled in lazily by hosts). */
  luaTraceback: string | undefined;

  constructor(readonly value: LuaValue, traceback?: string) {
    super(typeof value === 'string' ? value : typeof value === 'number' ? String(value) : `(error object is a ${valueKind(value)} value)`);
    this.luaTraceback = traceback;
  }
}

/** A compile error (`[string "…"]:1: '=' expected near 'x'`). */
export class LuaSyntaxError extends LuaError {
  override name = 'LuaSyntaxError';
}

function valueKind(v: unknown): string {
  if (v === undefined) return 'nil';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'function') return 'function';
  return 'table';
}

/** What the stack walker needs to know about one compiled chunk. */
export interface ChunkInfo {
  /** luaO_chunkid form: `test.lua`, `[string "x = 1"]`. */
  id: string;
  /** Lua line of each generated JS line (index = JS line number as V8 reports it). */
  lines: number[];
}

const chunks = new Map<string, ChunkInfo>();
const unregister = new FinalizationRegistry<string>((url) => chunks.delete(url));
let nextChunk = 0;

/** Registers a chunk's line map; it is forgotten when `owner` (its main function) is collected. */
export function registerChunk(info: ChunkInfo): string {
  const url = `lua:${nextChunk++}`;
  chunks.set(url, info);
  return url;
}

export function releaseChunkWith(owner: object, url: string): void {
  unregister.register(owner, url);
}

/** Names of Lua-visible native functions: they count as `[C]` levels when walking the stack. */
export const nativeNames = new Set<string>();

export interface Frame {
  /** Lua frame (chunk set) or native `[C]` frame. */
  chunk: ChunkInfo | null;
  line: number;
  /** JS function name: `name$line` for Lua functions (see compiler), the native's name for C. */
  name: string;
}

type CallSite = { getScriptNameOrSourceURL(): string | null; getFileName(): string | null; getLineNumber(): number | null; getFunctionName(): string | null };

function callSites(from: object | null, limit: number): CallSite[] {
  const prepare = Error.prepareStackTrace;
  const oldLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_e, cs) => cs;
  Error.stackTraceLimit = limit;
  try {
    if (from) {
      const st = (from as { stack?: unknown }).stack;
      return Array.isArray(st) ? (st as CallSite[]) : [];
    }
    const holder: { stack?: CallSite[] } = {};
    Error.captureStackTrace(holder, callSites);
    return holder.stack ?? [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = oldLimit;
  }
}

/** Lua-level frames of the current JS stack (or of `err`'s), innermost first. */
export function luaFrames(limit = 100, err: object | null = null): Frame[] {
  const out: Frame[] = [];
  for (const cs of callSites(err, limit)) {
    const file = cs.getScriptNameOrSourceURL();
    const name = cs.getFunctionName() ?? '';
    // A coroutine has a stack of its own: the resumer's frames are not part of it.
    if (name === 'enterLua' || name === 'enterRun') break;
    if (name === 'resumeWith' || name === 'resumeTwin') break;
    if (typeof file === 'string' && file.startsWith('lua:')) {
      const chunk = chunks.get(file);
      if (chunk) out.push({ chunk, line: chunk.lines[cs.getLineNumber() ?? 0] ?? 0, name });
    } else if (nativeNames.has(name) && file !== null) {
      // (file === null: a builtin such as Generator#next, which `yield*` and drivers call.)
      const last = out[out.length - 1];
      // A native's own helpers may share its name (e.g. gsub): one level.
      if (!last || last.chunk !== null || last.name !== name) out.push({ chunk: null, line: -1, name });
    }
  }
  return out;
}

/** luaL_where(level): `chunk:line: ` for a Lua frame at `level` (0 = the running native). */
export function where(level: number): string {
  const f = luaFrames(level + 30)[level];
  return f && f.chunk ? `${f.chunk.id}:${f.line}: ` : '';
}

/** Throws a Lua error raised by a native, positioned like luaL_error (level 1). */
export function luaError(msg: string, level = 1): never {
  throw new LuaError(level > 0 ? where(level) + msg : msg);
}

/** Turns anything thrown while running Lua into a LuaError (host stack overflow → Lua's). */
export function toLuaError(e: unknown): LuaError {
  if (e instanceof LuaError) return e;
  if (e instanceof RangeError && /call stack/.test(e.message)) {
    const top = luaFrames(20, e).find((f) => f.chunk !== null);
    return new LuaError(`${top ? `${top.chunk!.id}:${top.line}: ` : ''}stack overflow`);
  }
  return new LuaError(e instanceof Error ? e.message : String(e));
}

/** `stack traceback:` text in lua5.1's format; a coroutine's stack has no host `[C]: ?` base. */
export function formatTraceback(frames: Frame[], inCoroutine = false): string {
  const lines = ['stack traceback:'];
  for (const f of frames) {
    if (!f.chunk) {
      lines.push(`\t[C]: in function '${f.name}'`);
      continue;
    }
    const sep = f.name.lastIndexOf('$');
    const base = sep >= 0 ? f.name.slice(0, sep) : f.name;
    const defLine = sep >= 0 ? f.name.slice(sep + 2) : '';
    let what: string;
    if (defLine === '0') what = 'main chunk';
    else if (base !== '') what = `function '${base}'`;
    else what = `function <${f.chunk.id}:${defLine}>`;
    lines.push(`\t${f.chunk.id}:${f.line}: in ${what}`);
  }
  if (!inCoroutine) lines.push('\t[C]: ?');
  return lines.join('\n');
}
