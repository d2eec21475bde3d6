import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SlotIndex, hashString } from './slot-index';

/** A dense key array with swap-remove, indexed by a SlotIndex: the way the keyspace uses it. */
class DenseKeys {
  readonly keys: string[] = [];
  readonly index = new SlotIndex(this.keys, 1);

  add(key: string): void {
    this.keys.push(key);
    this.index.add(key, this.keys.length - 1);
  }

  remove(key: string): void {
    const slot = this.index.find(key);
    const last = this.keys.length - 1;
    this.index.remove(key);
    if (slot !== last) {
      this.keys[slot] = this.keys[last];
      this.index.move(this.keys[slot], slot);
    }
    this.keys.pop();
  }
}

describe('hashString', () => {
  it('is a function of the content, not of the string object', () => {
    const s = 'key:000000012345';
    expect(hashString(Buffer.from(s, 'latin1').toString('latin1'))).toBe(hashString(s));
    expect(hashString('ab' + 'cd'.repeat(3))).toBe(hashString('abcdcdcd'));
  });

  it('separates strings that differ in any byte or in length', () => {
    const seen = new Set<number>();
    for (let len = 0; len <= 9; len++) seen.add(hashString('\0'.repeat(len)));
    expect(seen.size).toBe(10);
    const base = 'abcdefghij';
    const variants = new Set<number>();
    for (let i = 0; i < base.length; i++) variants.add(hashString(base.slice(0, i) + '\xff' + base.slice(i + 1)));
    expect(variants.size).toBe(base.length);
  });
});

describe('SlotIndex', () => {
  it('keeps every key findable across reserve() before and during a bulk insert', () => {
    const dense = new DenseKeys();
    for (let i = 0; i < 100; i++) dense.add(`early${i}`);
    dense.index.reserve(50_000);
    for (let i = 0; i < 50_000; i++) dense.add(`bulk${i}`);
    dense.index.reserve(10);
    for (let i = 0; i < 100; i++) expect(dense.index.find(`early${i}`)).toBe(i);
    for (let i = 0; i < 50_000; i += 997) expect(dense.index.find(`bulk${i}`)).toBe(100 + i);
    expect(dense.index.find('bulk50000')).toBe(-1);
    expect(dense.index.size).toBe(50_100);
  });

  it('finds every key at its slot through growth, removal and shrinking', () => {
    const d = new DenseKeys();
    for (let i = 0; i < 5000; i++) d.add(`k${i}`);
    for (let i = 0; i < 5000; i += 2) d.remove(`k${i}`);
    expect(d.index.size).toBe(2500);
    for (let i = 0; i < 5000; i++) {
      const slot = d.index.find(`k${i}`);
      if (i % 2 === 0) expect(slot).toBe(-1);
      else expect(d.keys[slot]).toBe(`k${i}`);
    }
    for (let i = 1; i < 5000; i += 2) d.remove(`k${i}`);
    expect(d.index.size).toBe(0);
    expect(d.index.find('k1')).toBe(-1);
  });

  it('keys in a strided owner array', () => {
    const cells: unknown[] = [];
    const index = new SlotIndex(cells, 3);
    for (let i = 0; i < 100; i++) {
      cells.push(`k${i}`, i, 'x');
      index.add(`k${i}`, i);
    }
    for (let i = 0; i < 100; i++) expect(index.find(`k${i}`)).toBe(i);
    expect(index.find('k100')).toBe(-1);
    index.clear();
    expect(index.find('k1')).toBe(-1);
  });

  it('agrees with a Map model under random adds and removes (colliding short keys)', () => {
    const op = fc.tuple(fc.boolean(), fc.string({ unit: fc.constantFrom('a', 'b', '\0', '\xff'), maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const d = new DenseKeys();
        const model = new Set<string>();
        for (const [add, key] of ops) {
          if (add && !model.has(key)) {
            d.add(key);
            model.add(key);
          } else if (!add && model.has(key)) {
            d.remove(key);
            model.delete(key);
          }
          for (const k of model) expect(d.keys[d.index.find(k)]).toBe(k);
          expect(d.index.size).toBe(model.size);
        }
        expect(d.index.find('zzz')).toBe(-1);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
