// collectgarbage("collect") on the JS heap: a synchronous full V8 GC after which weak-table
// entries and userdata that became unreachable are gone and their __gc has run.
//
// V8 keeps every WeakRef target created or deref'ed during the current job alive until the job
// ends (the KeepDuringJob set), so a gc() inside one synchronous Lua run could not clear a weak
// entry made earlier in that run. A microtask checkpoint clears that set: running an empty
// script in a vm context with its own microtask queue ('afterEvaluate') performs one
// synchronously. Pending promise jobs of the main queue are not run by it.
import type { Context, Script } from 'node:vm';
import { collectDead, runFinalizers } from './finalizer';
import { v8, vm } from './lazy-node';

let gcFn: (() => void) | null = null;
let checkpoint: { script: Script; context: Context } | null = null;

function v8Gc(): () => void {
  if (gcFn === null) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') {
      gcFn = exposed;
    } else {
      v8().setFlagsFromString('--expose-gc');
      try {
        gcFn = vm().runInNewContext('gc') as () => void;
      } catch {
        // A node that ignores the flag: weak entries then go when V8 collects on its own.
        gcFn = () => undefined;
      }
    }
  }
  return gcFn;
}

/** Ends the "kept during job" lifetime of WeakRef targets (see the file comment). */
function clearKeptObjects(): void {
  checkpoint ??= { script: new (vm().Script)('0'), context: vm().createContext({}, { microtaskMode: 'afterEvaluate' }) };
  checkpoint.script.runInContext(checkpoint.context);
}

/** A full collection; then the finalizers of collected userdata run (newest first). */
export function fullGc(): void {
  clearKeptObjects();
  v8Gc()();
  collectDead();
  runFinalizers();
}

/** collectgarbage("count"): the JS heap in use, in KB. */
export function heapKb(): number {
  return v8().getHeapStatistics().used_heap_size / 1024;
}
