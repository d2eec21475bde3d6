// Redis's math.random (rand.c's 48-bit lrand48 and its patched lmathlib): one generator per
// server, shared by EVAL and functions, starting from rand.c's initial state and never reseeded
// behind the script's back (Redis 7 replicates effects, so scripts need no determinism).
import { luaError, LuaTable, type LuaValue } from '@ferrous/lua-vm';
import { checkInteger } from './lib/args';

const A = 0x5deece66dn;
const MASK48 = (1n << 48n) - 1n;
const LRAND48_MAX = 2147483647;

export class RedisRandom {
  /** rand.c's static initial state {X0, X1, X2}. */
  private x = 0x1234abcd330en;

  /** redisSrand48: the high 32 bits of the state from the seed, low 16 bits 0x330E. */
  seed(v: number): void {
    this.x = ((BigInt(v | 0) & 0xffffffffn) << 16n) | 0x330en;
  }

  /** redisLrand48: the next 31-bit value. */
  next(): number {
    this.x = (A * this.x + 0xbn) & MASK48;
    return Number(this.x >> 17n);
  }

  /** Installs math.random / math.randomseed on `math`. */
  install(math: LuaTable): void {
    const random = (...a: LuaValue[]): number => {
      const r = (this.next() % LRAND48_MAX) / LRAND48_MAX;
      if (a.length === 0) return r;
      if (a.length === 1) {
        const u = Number(checkInteger(a, 1, 'random'));
        if (u < 1) luaError("bad argument #1 to 'random' (interval is empty)");
        return Math.floor(r * u) + 1;
      }
      if (a.length === 2) {
        const l = Number(checkInteger(a, 1, 'random'));
        const u = Number(checkInteger(a, 2, 'random'));
        if (l > u) luaError("bad argument #2 to 'random' (interval is empty)");
        return Math.floor(r * (u - l + 1)) + l;
      }
      return luaError('wrong number of arguments');
    };
    const randomseed = (...a: LuaValue[]): void => {
      this.seed(Number(BigInt.asIntN(32, checkInteger(a, 1, 'randomseed'))));
    };
    math.setStr('random', random);
    math.setStr('randomseed', randomseed);
  }
}
