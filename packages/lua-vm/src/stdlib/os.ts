// OS library (loslib.c): time, clock, date (strftime.ts), getenv, exit, remove, rename.
import { renameSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { luaError } from '../runtime/errors';
import { LuaTable } from '../runtime/table';
import type { LuaValue } from '../runtime/value';
import { checkNumber, checkString, checkTable, optNumber, optString, register, type Lib } from './lib';
import { osDate, osTime } from './strftime';


function field(t: LuaTable, k: string, def?: number): number {
  const v = t.getStr(k);
  if (typeof v === 'number') return v;
  if (v === undefined && def !== undefined) return def;
  if (v === undefined) luaError(`field '${k}' missing in date table`);
  return checkNumber(v, 1, 'time');
}

export function openOs(G: LuaTable): void {
  const lib: Lib = {
    time(t) {
      if (t === undefined) return Math.floor(Date.now() / 1000);
      const tt = checkTable(t, 1, 'time');
      const isdst = tt.getStr('isdst');
      return osTime({
        year: field(tt, 'year'), month: field(tt, 'month'), day: field(tt, 'day'),
        hour: field(tt, 'hour', 12), min: field(tt, 'min', 0), sec: field(tt, 'sec', 0),
        isdst: isdst === undefined ? undefined : isdst !== false,
      }) ?? undefined;
    },
    clock() {
      // C clock(): processor time of this process, not wall time.
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    },
    date(fmt, t) {
      const r = osDate(optString(fmt, 1, 'date', '%c'), optNumber(t, 2, 'date', Date.now() / 1000));
      if (r === null || typeof r === 'string') return r ?? undefined;
      const out = new LuaTable();
      for (const [k, v] of Object.entries(r)) out.setStr(k, v as LuaValue);
      return out;
    },
    difftime(a, b) {
      return checkNumber(a, 1, 'difftime') - optNumber(b, 2, 'difftime', 0);
    },
    getenv(name) {
      return process.env[checkString(name, 1, 'getenv')];
    },
    exit(code) {
      process.exit(code === undefined || code === true ? 0 : code === false ? 1 : checkNumber(code, 1, 'exit'));
    },
    remove(name) {
      const p = checkString(name, 1, 'remove');
      try {
        unlinkSync(p);
        return true;
      } catch (e) {
        return [undefined, `${p}: ${(e as Error).message}`];
      }
    },
    rename(a, b) {
      const from = checkString(a, 1, 'rename');
      try {
        renameSync(from, checkString(b, 2, 'rename'));
        return true;
      } catch (e) {
        return [undefined, `${from}: ${(e as Error).message}`];
      }
    },
    tmpname() {
      return `${tmpdir()}/lua_${process.pid}_${Math.random().toString(36).slice(2)}`;
    },
    setlocale() {
      return 'C';
    },
  };
  G.setStr('os', register(new LuaTable(), lib));
}
