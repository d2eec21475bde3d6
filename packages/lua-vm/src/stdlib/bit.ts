// The LuaBitOp `bit` library (not opened by default: lua5.1 loads it with require 'bit').
import { LuaTable } from '../runtime/table';
import * as bitop from './bitop';
import { checkNumber, optInt, register, type Lib } from './lib';

export function openBit(G: LuaTable): void {
  const n = (v: unknown, i: number, name: string): number => checkNumber(v as number, i, name);
  const all = (a: unknown[], name: string): number[] => a.map((v, i) => n(v, i + 1, name));
  const lib: Lib = {
    tobit(x) { return bitop.tobit(n(x, 1, 'tobit')); },
    tohex(x, k) { return bitop.tohex(n(x, 1, 'tohex'), k === undefined ? undefined : optInt(k, 2, 'tohex', 8)); },
    bnot(x) { return bitop.bnot(n(x, 1, 'bnot')); },
    band(...a) { return bitop.band(...all(a, 'band')); },
    bor(...a) { return bitop.bor(...all(a, 'bor')); },
    bxor(...a) { return bitop.bxor(...all(a, 'bxor')); },
    lshift(x, k) { return bitop.lshift(n(x, 1, 'lshift'), n(k, 2, 'lshift')); },
    rshift(x, k) { return bitop.rshift(n(x, 1, 'rshift'), n(k, 2, 'rshift')); },
    arshift(x, k) { return bitop.arshift(n(x, 1, 'arshift'), n(k, 2, 'arshift')); },
    rol(x, k) { return bitop.rol(n(x, 1, 'rol'), n(k, 2, 'rol')); },
    ror(x, k) { return bitop.ror(n(x, 1, 'ror'), n(k, 2, 'ror')); },
    bswap(x) { return bitop.bswap(n(x, 1, 'bswap')); },
  };
  G.setStr('bit', register(new LuaTable(), lib));
}
