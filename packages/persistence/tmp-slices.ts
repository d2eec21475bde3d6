import { Store } from '@ferrous/store';
import { bgsaveRdb, crc64 } from './src/index';
import { monitorEventLoopDelay } from 'node:perf_hooks';
const store = new Store();
for (let i = 0; i < 1_000_000; i++) store.db(0).set(`key:${i}`, `value:${i}`);
const b = Buffer.alloc(1 << 18, 7);
let t = performance.now(); for (let i = 0; i < 20; i++) crc64(b); console.log('crc64 256KiB ms', (performance.now() - t) / 20);
for (const chunk of [1 << 18, 1 << 16]) {
  const h = monitorEventLoopDelay({ resolution: 1 }); h.enable();
  t = performance.now();
  const { done } = bgsaveRdb(store, `/tmp/slices-${chunk}.rdb`, { chunkBytes: chunk });
  const r = await done; h.disable();
  console.log(chunk, 'ms', (performance.now() - t).toFixed(0), 'bytes', r.bytes, 'delay p50/p99/max', h.percentile(50) / 1e6, h.percentile(99) / 1e6, h.max / 1e6);
}
