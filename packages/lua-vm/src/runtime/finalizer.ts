// __gc for userdata. A userdata with a metatable is watched: once the JS GC has collected it,
// its `__gc` runs with a stand-in userdata (same data, metatable and address; the original is
// gone, so nothing can tell them apart). Deaths are noticed synchronously by collectgarbage
// (which scans the watch list after a full GC) and otherwise by a FinalizationRegistry whose
// callbacks only queue: finalizers run at the next collectgarbage or host → Lua call, never
// from an unrelated JS task.
import { call } from './call';
import { ctx, setCtx, type Ctx } from './context';
import type { LuaTable } from './table';
import { addressNumber, LuaUserdata } from './value';

interface Watch {
  ref: WeakRef<LuaUserdata>;
  data: unknown;
  mt: LuaTable;
  address: number;
  /** Creation order: 5.1 runs finalizers in reverse order of creation. */
  seq: number;
  /** The state the userdata was created in (its finalizer runs there). */
  ctx: Ctx;
  /** Queued or run already. */
  done: boolean;
}

const byUserdata = new WeakMap<LuaUserdata, Watch>();
let watched: Watch[] = [];
/** watched.length after the last compaction (the list is compacted when it doubles). */
let compactedAt = 0;
let nextSeq = 0;
const ready: Watch[] = [];
const registry = new FinalizationRegistry<Watch>(queue);

function queue(w: Watch): void {
  if (w.done) return;
  w.done = true;
  ready.push(w);
}

/** Called when a userdata gets a metatable (its __gc is looked up when it dies). */
export function watchFinalizer(u: LuaUserdata, mt: LuaTable): void {
  const known = byUserdata.get(u);
  if (known !== undefined) {
    known.mt = mt;
    return;
  }
  const w: Watch = { ref: new WeakRef(u), data: u.data, mt, address: addressNumber(u), seq: nextSeq++, ctx, done: false };
  byUserdata.set(u, w);
  registry.register(u, w, w);
  watched.push(w);
  if (watched.length > 2 * compactedAt + 64) {
    watched = watched.filter((x) => !x.done);
    compactedAt = watched.length;
  }
}

/** After a full GC: queues every watched userdata that is gone (the registry may lag behind). */
export function collectDead(): void {
  const alive: Watch[] = [];
  const dead: Watch[] = [];
  for (const w of watched) {
    if (w.done) continue;
    if (w.ref.deref() === undefined) dead.push(w);
    else alive.push(w);
  }
  watched = alive;
  compactedAt = alive.length;
  dead.sort((a, b) => b.seq - a.seq);
  for (const w of dead) {
    registry.unregister(w);
    queue(w);
  }
}

export function hasPendingFinalizers(): boolean {
  return ready.length > 0;
}

/** Runs queued finalizers (an error in one propagates; the rest stay queued). */
export function runFinalizers(): void {
  while (ready.length > 0) {
    const w = ready.shift()!;
    runGc(w, LuaUserdata.resurrect(w.data, w.mt, w.address));
  }
}

/** lua_close: finalizes every userdata of state `c` still alive (newest first), then the queued ones. */
export function finalizeAll(c: Ctx): void {
  const live = watched.filter((w) => !w.done && w.ctx === c).sort((a, b) => b.seq - a.seq);
  for (const w of live) {
    w.done = true;
    registry.unregister(w);
    const u = w.ref.deref();
    runGc(w, u ?? LuaUserdata.resurrect(w.data, w.mt, w.address));
  }
  runFinalizers();
}

function runGc(w: Watch, u: LuaUserdata): void {
  const h = w.mt.getStr('__gc');
  if (h === undefined) return;
  const prev = setCtx(w.ctx);
  try {
    call(h, u);
  } finally {
    setCtx(prev);
  }
}
