// The fork-less snapshot is a point-in-time copy: writes made while it runs (mutations, deletes,
// new keys, TTL changes, FLUSHDB, SWAPDB) never show in the dump, and the walk really yields.
import { describe, it, expect } from 'vitest';
import { ListValue, Store, type HashValue } from '@ferrous/store';
import { PassThrough } from 'node:stream';
import { BufferSink, StreamSink, bgsaveRdb, readRdb, applyRdb } from './index';
import { datasetCommands, populate, storeContents } from './test-support';

function bigStore(): Store {
  const store = new Store();
  populate(store, datasetCommands());
  for (const db of [0, 3, 4]) for (let i = 0; i < 2000; i++) store.db(db).set(`k${i}`, `v${i}-${db}`);
  return store;
}

describe('Snapshot (BGSAVE without fork)', () => {
  it('captures the dataset as of its start while writes keep happening', async () => {
    const store = bigStore();
    const expected = structuredClone(storeContents(store));
    const sink = new BufferSink();
    const { done } = bgsaveRdb(store, sink, { sliceMs: 0, chunkBytes: 4096 });
    let finished = false;
    done.then(() => (finished = true), () => (finished = true));
    const writes: Array<(n: number) => void> = [
      () => store.db(0).delete('k1999'),
      () => store.db(0).set('k0', 'changed'),
      () => store.db(0).set('brand-new', 'x'),
      () => {
        const list = store.db(0).lookupWrite('list:big') as ListValue;
        list.push('appended', false);
        store.db(0).signalModified('list:big');
      },
      () => {
        const h = store.db(3).lookupWrite('hash:small') as HashValue | undefined;
        if (h === undefined) return; // swapped away
        h.set('f1', 'mutated');
        store.db(3).signalModified('hash:small');
      },
      () => store.db(0).setExpire('k1500', Date.now() + 1000),
      () => store.db(0).persist('str:expiring'),
      () => store.db(15).flush(),
      () => store.swapDb(3, 4),
      (n) => store.db(0).exists(`k${n}`) && store.db(0).rename(`k${n}`, `renamed${n}`),
      (n) => store.db(0).set(`k${(n * 37) % 2000}`, 'overwritten'),
    ];
    let steps = 0;
    while (!finished) {
      writes[steps % writes.length](steps);
      steps++;
      await new Promise((r) => setImmediate(r));
    }
    const result = await done;
    expect(steps).toBeGreaterThan(writes.length);
    expect(result.copiedOnWrite).toBeGreaterThan(0);
    const back = new Store();
    applyRdb(back, readRdb(sink.result, back));
    expect(storeContents(back)).toEqual(expected);
    expect(store.beforeWrite).toBeNull();
  });

  it('a cancelled snapshot rejects, discards its output and unhooks', async () => {
    const store = bigStore();
    const sink = new BufferSink();
    const { snapshot, done } = bgsaveRdb(store, sink, { sliceMs: 0 });
    snapshot.cancel();
    await expect(done).rejects.toThrow(/cancelled/);
    expect(store.beforeWrite).toBeNull();
  });

  it('streams to a slow consumer with backpressure (replication full sync)', async () => {
    const store = bigStore();
    const expected = structuredClone(storeContents(store));
    const stream = new PassThrough({ highWaterMark: 1024 });
    const received: Buffer[] = [];
    let pauses = 0;
    const consume = async () => {
      for await (const chunk of stream) {
        received.push(chunk as Buffer);
        pauses++;
        await new Promise((r) => setTimeout(r, 1));
      }
    };
    const reading = consume();
    const { done } = bgsaveRdb(store, new StreamSink(stream, true), { sliceMs: 0, chunkBytes: 2048 });
    store.db(0).set('k1', 'changed during the transfer');
    await done;
    await reading;
    expect(pauses).toBeGreaterThan(10);
    const back = new Store();
    applyRdb(back, readRdb(Buffer.concat(received), back));
    expect(storeContents(back)).toEqual(expected);
  });
});
