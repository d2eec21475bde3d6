// FileSink's asynchronous writes: the file holds every chunk in order, the walk never has more
// than `maxInFlight` chunks pending, and an aborted sink leaves no temp file.
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSink } from './sink';

function chunks(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => Buffer.alloc(4096 + i, i & 0xff));
}

describe('FileSink', () => {
  it('writes chunks in order with bounded writes in flight, then renames into place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferrous-sink-'));
    try {
      const sink = new FileSink(join(dir, 'dump.rdb'), undefined, 2);
      const data = chunks(50);
      let waits = 0;
      for (const c of data) {
        const ready = sink.ready();
        if (ready !== undefined) {
          waits++;
          await ready;
        }
        expect(sink.ready()).toBeUndefined();
        sink.write(c);
      }
      expect(existsSync(join(dir, 'dump.rdb'))).toBe(false);
      await sink.end();
      expect(waits).toBeGreaterThan(0);
      expect(readFileSync(join(dir, 'dump.rdb')).equals(Buffer.concat(data))).toBe(true);
      expect(readdirSync(dir)).toEqual(['dump.rdb']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('abort with writes in flight removes the temp file and never creates the target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferrous-sink-'));
    try {
      const sink = new FileSink(join(dir, 'dump.rdb'));
      for (const c of chunks(8)) sink.write(c);
      sink.abort();
      await new Promise((r) => setTimeout(r, 50));
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SAVE path: writeSync then endSync', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferrous-sink-'));
    try {
      const sink = new FileSink(join(dir, 'dump.rdb'));
      const data = chunks(3);
      for (const c of data) sink.writeSync(c);
      sink.endSync();
      expect(readFileSync(join(dir, 'dump.rdb')).equals(Buffer.concat(data))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
