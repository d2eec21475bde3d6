// string.dump and the loading of its output. A dump is not PUC bytecode but source:
// "\27Lua\xF5" (ESC "Lua" and a version byte PUC rejects), then the chunk name, NUL, a flag and
// the Lua text. A main chunk dumps as its whole source; a nested function as its own text
// `return function(params) body end`, padded with newlines so lines match the original, which
// the loader runs once to get the function back. Upvalues of a dumped function become globals
// (PUC gives them fresh nil upvalues).
import { chunkId } from '../compiler/load';
import { LuaError } from '../runtime/errors';
import type { LuaFunction } from '../runtime/value';

export const DUMP_SIGNATURE = '\x1bLua\xf5';

interface ChunkSource {
  source: string;
  chunkname: string;
}

/** Main functions of loaded chunks and their source (nested functions are found inside them). */
const chunkOf = new WeakMap<LuaFunction, ChunkSource>();
let mains: WeakRef<LuaFunction>[] = [];
/** Chunks by short_src (what stack frames know), for debug.getinfo on a stack level. */
const chunkById = new Map<string, ChunkSource>();

export function chunknameOf(shortSrc: string): string {
  return chunkById.get(shortSrc)?.chunkname ?? '=' + shortSrc;
}

/** lastlinedefined of the (first) function defined on `line` of a chunk; 0 for the main chunk. */
export function lastLineOf(shortSrc: string, line: number): number {
  const chunk = chunkById.get(shortSrc);
  if (line === 0 || chunk === undefined) return line === 0 ? 0 : -1;
  return functionText(chunk.source, line, 0, false)?.lastLine ?? -1;
}
let mainsCompactedAt = 0;

/** Called by LuaState.load for every chunk it compiles. */
export function recordChunk(main: LuaFunction, source: string, chunkname: string): void {
  chunkOf.set(main, { source, chunkname });
  if (chunkById.size >= 1024) chunkById.clear(); // a cache: loadstring-heavy code must not grow it
  chunkById.set(chunkId(chunkname), { source, chunkname });
  mains.push(new WeakRef(main));
  if (mains.length > 2 * mainsCompactedAt + 64) {
    mains = mains.filter((r) => r.deref() !== undefined);
    mainsCompactedAt = mains.length;
  }
}

/** Where a Lua function is defined: its chunk, and its text when it is not the main chunk. */
export interface FunctionOrigin {
  chunkname: string;
  source: string;
  /** 0 for a main chunk. */
  lineDefined: number;
  lastLineDefined: number;
  /** `return function(params) body end` (nested functions). */
  text?: string;
}

/** Finds a Lua function's chunk (undefined for natives and functions whose chunk is gone). */
export function functionOrigin(f: LuaFunction): FunctionOrigin | undefined {
  if (f.e === undefined) return undefined;
  const main = chunkOf.get(f);
  if (main !== undefined) return { ...main, lineDefined: 0, lastLineDefined: 0 };
  // Closures made inside resumable code exist only as their generator twin.
  const twinOnly = !/^function /.test(Function.prototype.toString.call(f));
  const code = Function.prototype.toString.call(twinOnly ? f.G : f);
  const line = /^function\*? [\w$]*\$L(\d+)\(/.exec(code);
  if (line === null) return undefined;
  for (const ref of mains) {
    const m = ref.deref();
    if (m === undefined) continue;
    const outer = Function.prototype.toString.call(m);
    const at = outer.indexOf(code);
    if (at < 0) continue;
    const chunk = chunkOf.get(m)!;
    const lineDefined = Number(line[1]);
    // Which of the functions defined on that line: plain versions appear once each, in order.
    const header = new RegExp(`function [\\w$]*\\$L${lineDefined}\\(`, 'g');
    const ordinal = twinOnly ? 0 : (outer.slice(0, at).match(header)?.length ?? 0);
    const found = functionText(chunk.source, lineDefined, ordinal, twinOnly);
    if (found === undefined) return undefined;
    return { ...chunk, lineDefined, lastLineDefined: found.lastLine, text: found.text };
  }
  return undefined;
}

/** string.dump(f); undefined when `f` is native or its chunk is gone. */
export function dumpFunction(f: LuaFunction): string | undefined {
  const o = functionOrigin(f);
  if (o === undefined) return undefined;
  if (o.text === undefined) return DUMP_SIGNATURE + o.chunkname + '\0' + 'm' + o.source;
  return DUMP_SIGNATURE + o.chunkname + '\0' + 'f' + '\n'.repeat(o.lineDefined - 1) + o.text;
}

/**
 * The loader's side: a dump → the chunk text to compile, its chunk name, and whether running it
 * once yields the function. PUC bytecode and other binary chunks raise lundump's error.
 */
export function undumpSource(binary: string): { source: string; chunkname: string; returnsFunction: boolean } {
  if (!binary.startsWith(DUMP_SIGNATURE)) {
    const why = binary.startsWith('\x1bLua') ? 'PUC Lua bytecode is not supported' : 'bad header';
    throw new LuaError(`binary string: ${why} in precompiled chunk`);
  }
  const nul = binary.indexOf('\0', DUMP_SIGNATURE.length);
  if (nul < 0) throw new LuaError('binary string: unexpected end in precompiled chunk');
  return {
    chunkname: binary.slice(DUMP_SIGNATURE.length, nul),
    returnsFunction: binary[nul + 1] === 'f',
    source: binary.slice(nul + 2),
  };
}

// ---- locating a function in its chunk's source ----

interface Word {
  w: string;
  line: number;
  start: number;
  end: number;
}

/** Words (names, keywords, numbers) of Lua source with their lines, skipping strings and comments. */
function* words(src: string): Generator<Word> {
  let line = 1;
  let i = 0;
  const longBracket = (at: number): number => {
    // `[[`, `[=[`, …: the level, or -1.
    let j = at + 1;
    while (src[j] === '=') j++;
    return src[j] === '[' ? j - at - 1 : -1;
  };
  const skipLong = (at: number, level: number): number => {
    const close = ']' + '='.repeat(level) + ']';
    const e = src.indexOf(close, at + level + 2);
    const stop = e < 0 ? src.length : e + close.length;
    for (let k = at; k < stop; k++) if (src[k] === '\n') line++;
    return stop;
  };
  if (src.startsWith('#')) while (i < src.length && src[i] !== '\n') i++;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '-' && src[i + 1] === '-') {
      const level = src[i + 2] === '[' ? longBracket(i + 2) : -1;
      if (level >= 0) i = skipLong(i + 2, level);
      else while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') {
          if (src[i + 1] === '\n') line++;
          i++;
        }
        i++;
      }
      i++;
    } else if (c === '[' && longBracket(i) >= 0) {
      i = skipLong(i, longBracket(i));
    } else if (/[A-Za-z_0-9]/.test(c)) {
      const start = i;
      while (i < src.length && /[A-Za-z_0-9]/.test(src[i])) i++;
      yield { w: src.slice(start, i), line, start, end: i };
    } else {
      i++;
    }
  }
}

const OPENERS = new Set(['function', 'do', 'if', 'repeat']);
const CLOSERS = new Set(['end', 'until']);

/**
 * `return function(params) body end` for the `ordinal`-th function defined on `line`; with
 * `mustBeOnly`, undefined unless it is the only one there.
 */
function functionText(src: string, line: number, ordinal: number, mustBeOnly: boolean): { text: string; lastLine: number } | undefined {
  const all = [...words(src)];
  const onLine = all.filter((w) => w.line === line && w.w === 'function');
  if (ordinal >= onLine.length || (mustBeOnly && onLine.length !== 1)) return undefined;
  const fn = onLine[ordinal];
  const open = src.indexOf('(', fn.end);
  const close = src.indexOf(')', open);
  if (open < 0 || close < 0) return undefined;
  let params = src.slice(open + 1, close);
  if (src.slice(fn.end, open).includes(':')) params = params.trim() === '' ? 'self' : `self, ${params}`;
  let depth = 1;
  for (const w of all) {
    if (w.start < close) continue;
    if (OPENERS.has(w.w)) depth++;
    else if (CLOSERS.has(w.w) && --depth === 0) {
      return { text: `return function(${params})${src.slice(close + 1, w.start)}end`, lastLine: w.line };
    }
  }
  return undefined;
}
