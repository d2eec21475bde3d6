// Loading keeps stream nodes packed after scanStreamNode validated them, so the scanner must never
// accept a node that decodeNode refuses, and must sum it up exactly as decoding would. And a
// stream loaded that way (or saved, which keeps each node's listpack) must behave and save exactly
// like one built entry by entry, through reads, appends, deletes, trims and clones (fixed seeds).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Store, StreamValue, MAX_ID, MIN_ID, type StreamId, type StreamNodeImage } from '@ferrous/store';
import { dumpValue, restoreValue } from '../dump';
import { ByteWriter } from './bytes';
import { decodeNode, encodeNode } from './stream';
import { scanStreamNode } from './stream-scan';

const LIMITS = { maxBytes: 4096, maxEntries: 8 };

type Op = { kind: 'add'; msStep: number; seq: number; fields: string[] } | { kind: 'del'; pick: number } | { kind: 'trim'; maxlen: number; approx: boolean };

// Mostly what the scanner handles, sometimes what only decodeNode does (64-bit integers, strings
// of 4096+ bytes).
const text = fc.oneof(
  { weight: 10, arbitrary: fc.string({ maxLength: 12 }).map((s) => Buffer.from(s, 'utf8').latin1Slice()) },
  { weight: 10, arbitrary: fc.integer({ min: -100000, max: 100000 }).map(String) },
  { weight: 3, arbitrary: fc.constantFrom('0', '-1', '127', '128', '4095', '-4096', '2147483647', '007', ' 1', 'x'.repeat(70)) },
  { weight: 1, arbitrary: fc.constantFrom('2147483648', '-9223372036854775808', 'y'.repeat(5000)) },
);
const fieldNames = fc.constantFrom('name', 'attempts', '1', '-7', 'x');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('add' as const), msStep: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(70000, 2 ** 33) }), seq: fc.integer({ min: 0, max: 3 }), fields: fc.array(fc.tuple(fieldNames, text), { minLength: 1, maxLength: 3 }).map((pairs) => pairs.flat()) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('del' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('trim' as const), maxlen: fc.nat({ max: 30 }), approx: fc.boolean() }) },
);

/** Applies `ops` to `s`; IDs grow from `start` ms (high ones take the scanner's 64-bit fallback). */
function apply(s: StreamValue, ops: Op[], start: bigint): void {
  for (const o of ops) {
    if (o.kind === 'add') {
      const last = s.lastId === MIN_ID ? (start << 64n) : s.lastId;
      const ms = (last >> 64n) + BigInt(o.msStep);
      const id = o.msStep === 0 ? last + 1n + BigInt(o.seq) : (ms << 64n) | BigInt(o.seq);
      s.append(id, o.fields, LIMITS);
    } else if (o.kind === 'del') {
      const all = s.range(MIN_ID, MAX_ID);
      if (all.length > 0) s.delete(all[o.pick % all.length].id);
    } else s.trim({ strategy: 'maxlen', maxlen: o.maxlen, minid: MIN_ID, approx: o.approx, limit: 0 });
  }
}

function build(ops: Op[], start: bigint): StreamValue {
  const s = new StreamValue();
  apply(s, ops, start);
  return s;
}

/** What StreamValue.loadNode adds to the memory estimate for a node. */
function dataBytes(image: StreamNodeImage): number {
  let n = 0;
  image.fields.forEach((f, i) => {
    if (!image.deleted[i]) n += 8 + f.reduce((sum, x) => sum + x.length + 2, 0);
  });
  return n;
}

const opsArb = fc.array(op, { minLength: 1, maxLength: 40 });
const startArb = fc.constantFrom(1n, 1_700_000_000_000n, 1_700_000_000_000n, 2n ** 52n - 3n, 2n ** 63n);

describe('scanStreamNode', () => {
  it('accepts only what decodeNode accepts, and sums it up the same way', () => {
    // Undamaged nodes, and how many of them the scanner took.
    let clean = 0;
    let scanned = 0;
    fc.assert(
      fc.property(opsArb, startArb, fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }), (ops, start, damaged, flips) => {
        const images = build(ops, start).nodeImages();
        let after: StreamId | null = null;
        for (const [n, image] of images.entries()) {
          const lp = encodeNode(image, new ByteWriter());
          const intact = n !== damaged % images.length || flips.length === 0;
          if (!intact) for (const [pos, mask] of flips) lp[pos % lp.length] ^= mask;
          const scan = scanStreamNode(lp, image.master, after);
          let decoded: StreamNodeImage | null = null;
          try {
            decoded = decodeNode(image.master, lp, 0, after);
          } catch {
            expect(scan).toBeNull();
          }
          if (intact) clean++;
          if (scan !== null && decoded !== null) {
            if (intact) scanned++;
            const dead = decoded.deleted.filter(Boolean).length;
            expect(scan).toEqual({ masterFields: decoded.masterFields, live: decoded.ids.length - dead, deleted: dead, lastId: decoded.ids.at(-1), dataBytes: dataBytes(decoded) });
          }
          after = image.ids.at(-1)!;
        }
      }),
      { seed: 7, numRuns: 300 },
    );
    // Two starts in five and a few values are out of its range on purpose; the rest must scan.
    expect(scanned).toBeGreaterThan(clean / 3);
  });

  it('refuses entries before the master ID or not after the previous node', () => {
    const node = (master: bigint, ids: bigint[]): Buffer =>
      encodeNode({ master: master << 64n, masterFields: ['a'], ids: ids.map((ms) => ms << 64n), fields: ids.map(() => ['a', '1']), deleted: ids.map(() => false) }, new ByteWriter());
    expect(scanStreamNode(node(5n, [5n, 6n]), 5n << 64n, 4n << 64n)).not.toBeNull();
    expect(scanStreamNode(node(5n, [4n, 6n]), 5n << 64n, null)).toBeNull();
    expect(() => decodeNode(5n << 64n, node(5n, [4n, 6n]), 0, null)).toThrow(/entry before its master ID/);
    expect(scanStreamNode(node(5n, [5n, 6n]), 5n << 64n, 5n << 64n)).toBeNull();
    expect(() => decodeNode(5n << 64n, node(5n, [5n, 6n]), 0, 5n << 64n)).toThrow(/out of order/);
    expect(scanStreamNode(node(5n, [6n, 6n]), 5n << 64n, null)).toBeNull();
  });
});

describe('streams loaded packed or saved', () => {
  it('behave, and save, like streams built entry by entry', () => {
    const ctx = new Store();
    fc.assert(
      fc.property(opsArb, opsArb, startArb, (before, after, start) => {
        const saved = build(before, start);
        const payload = dumpValue(saved, { compression: true });
        const loaded = restoreValue(payload, ctx) as StreamValue;
        const copy = loaded.clone();
        for (const s of [loaded, copy, saved]) {
          const fresh = build(before, start);
          for (const compression of [true, false, true]) expect(dumpValue(s, { compression })).toEqual(dumpValue(fresh, { compression }));
          expect(s.memoryUsage()).toBe(fresh.memoryUsage());
          expect(s.range(MIN_ID, MAX_ID)).toEqual(fresh.range(MIN_ID, MAX_ID));
        }
        // Changes after a load or a save: reads and saves see them, the other copies do not.
        for (const [i, o] of after.entries()) {
          const prefix = after.slice(0, i + 1);
          for (const s of [loaded, copy, saved]) {
            apply(s, [o], start);
            const fresh = build([...before, ...prefix], start);
            expect(s.range(MIN_ID, MAX_ID)).toEqual(fresh.range(MIN_ID, MAX_ID));
            expect(dumpValue(s, { compression: true })).toEqual(dumpValue(fresh, { compression: true }));
          }
        }
        expect(dumpValue(restoreValue(payload, ctx), { compression: true })).toEqual(payload);
      }),
      { seed: 11, numRuns: 60 },
    );
  });
});
