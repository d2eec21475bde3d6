// Math library (lmathlib.c). random is a seedable xorshift generator: C rand() sequences are
// platform-specific, so only the ranges and errors follow lua5.1.
import { luaError } from '../runtime/errors';
import { LuaTable } from '../runtime/table';
import { argError, checkInt, checkNumber, register, type Lib } from './lib';

export function openMath(G: LuaTable): void {
  let seed = 0x2545f491;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const n1 = (name: string) => (x: unknown) => checkNumber(x as number, 1, name);
  const lib: Lib = {
    abs(x) { return Math.abs(n1('abs')(x)); },
    ceil(x) { return Math.ceil(n1('ceil')(x)); },
    floor(x) { return typeof x === 'number' ? Math.floor(x) : Math.floor(n1('floor')(x)); },
    sqrt(x) { return typeof x === 'number' ? Math.sqrt(x) : Math.sqrt(n1('sqrt')(x)); },
    sin(x) { return Math.sin(n1('sin')(x)); },
    cos(x) { return Math.cos(n1('cos')(x)); },
    tan(x) { return Math.tan(n1('tan')(x)); },
    asin(x) { return Math.asin(n1('asin')(x)); },
    acos(x) { return Math.acos(n1('acos')(x)); },
    atan(x) { return Math.atan(n1('atan')(x)); },
    atan2(y, x) { return Math.atan2(checkNumber(y, 1, 'atan2'), checkNumber(x, 2, 'atan2')); },
    sinh(x) { return Math.sinh(n1('sinh')(x)); },
    cosh(x) { return Math.cosh(n1('cosh')(x)); },
    tanh(x) { return Math.tanh(n1('tanh')(x)); },
    exp(x) { return Math.exp(n1('exp')(x)); },
    log(x) { return Math.log(n1('log')(x)); },
    log10(x) { return Math.log10(n1('log10')(x)); },
    pow(x, y) { return Math.pow(checkNumber(x, 1, 'pow'), checkNumber(y, 2, 'pow')); },
    fmod(x, y) { return checkNumber(x, 1, 'fmod') % checkNumber(y, 2, 'fmod'); },
    modf(x) {
      const n = n1('modf')(x);
      const ip = n >= 0 ? Math.floor(n) : Math.ceil(n);
      return [ip, Number.isFinite(n) ? n - ip : 0];
    },
    frexp(x) {
      const n = n1('frexp')(x);
      if (n === 0 || !Number.isFinite(n)) return [n, 0];
      let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(n))) + 1);
      let m = n * Math.pow(2, -e);
      while (Math.abs(m) < 0.5) { m *= 2; e--; }
      while (Math.abs(m) >= 1) { m /= 2; e++; }
      return [m, e];
    },
    ldexp(m, e) { return checkNumber(m, 1, 'ldexp') * Math.pow(2, checkInt(e, 2, 'ldexp')); },
    deg(x) { return n1('deg')(x) * (180 / Math.PI); },
    rad(x) { return n1('rad')(x) * (Math.PI / 180); },
    min(...a) {
      let m = checkNumber(a[0], 1, 'min', a.length);
      for (let i = 1; i < a.length; i++) {
        const v = checkNumber(a[i], i + 1, 'min');
        if (v < m) m = v;
      }
      return m;
    },
    max(...a) {
      let m = checkNumber(a[0], 1, 'max', a.length);
      for (let i = 1; i < a.length; i++) {
        const v = checkNumber(a[i], i + 1, 'max');
        if (v > m) m = v;
      }
      return m;
    },
    random(...a) {
      const r = rand();
      if (a.length === 0) return r;
      const lo = a.length === 1 ? 1 : checkInt(a[0], 1, 'random');
      const hi = checkInt(a.length === 1 ? a[0] : a[1], a.length === 1 ? 1 : 2, 'random');
      if (a.length > 2) luaError('wrong number of arguments');
      if (lo > hi) argError(a.length === 1 ? 1 : 2, 'random', 'interval is empty');
      return Math.floor(r * (hi - lo + 1)) + lo;
    },
    randomseed(x) {
      seed = (checkInt(x, 1, 'randomseed') | 0) || 0x2545f491;
      return undefined;
    },
  };
  const math = register(new LuaTable(), lib);
  math.setStr('pi', Math.PI);
  math.setStr('huge', Infinity);
  math.setStr('mod', math.getStr('fmod'));
  G.setStr('math', math);
}
