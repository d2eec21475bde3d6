// OS library (loslib.c): time, clock, date (strftime.ts), getenv, exit, remove, rename.
import { renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { luaError } from '../runtime/errors';
import { childProcess, os } from '../runtime/lazy-node';
import { LuaTable } from '../runtime/table';
import type { LuaValue } from '../runtime/value';
import { checkNumber, checkString, checkTable, optInt, optNumber, optString, register, type Lib } from './lib';
import { SysError } from './errno';
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
    execute(cmd) {
      // system(3): the raw wait status (exit code * 256), or whether a shell exists.
      if (cmd === undefined) return 1;
      const r = childProcess().spawnSync('/bin/sh', ['-c', checkString(cmd, 1, 'execute')], { stdio: 'inherit' });
      if (r.error) return -1;
      return r.status !== null ? r.status * 256 : ((os().constants.signals as Record<string, number>)[r.signal ?? ''] ?? 0);
    },
    exit(code) {
      process.exit(optInt(code, 1, 'exit', 0));
    },
    remove(...a) {
      const p = checkString(a[0], 1, 'remove', a.length);
      try {
        // remove(3) also removes empty directories.
        if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) rmdirSync(p);
        else unlinkSync(p);
        return true;
      } catch (e) {
        return SysError.from(e).result(p);
      }
    },
    rename(...a) {
      const from = checkString(a[0], 1, 'rename', a.length);
      const to = checkString(a[1], 2, 'rename', a.length);
      try {
        renameSync(from, to);
        return true;
      } catch (e) {
        return SysError.from(e).result(from);
      }
    },
    tmpname() {
      return `${os().tmpdir()}/lua_${process.pid}_${Math.random().toString(36).slice(2)}`;
    },
    setlocale() {
      return 'C';
    },
  };
  G.setStr('os', register(new LuaTable(), lib));
}
