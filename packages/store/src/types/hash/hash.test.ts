import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { defaultConfig } from '../../config';
import { seededRandom } from '../../test-random';
import { HashValue } from './hash';

const ctx = (entries = 128, value = 64) => ({
  config: { ...defaultConfig(), 'hash-max-listpack-entries': entries, 'hash-max-listpack-value': value },
  random: seededRandom(3),
});

describe('HashValue', () => {
  for (const entries of [128, 3]) {
    it(`agrees with a Map (listpack up to ${entries} entries)`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd', 'e', '\u00ff\u0000'), fc.string({ maxLength: 4 })), { maxLength: 40 }), (ops) => {
          const h = new HashValue(ctx(entries));
          const model = new Map<string, string>();
          for (const [isSet, f, v] of ops) {
            if (isSet) {
              expect(h.set(f, v)).toBe(!model.has(f));
              model.set(f, v);
            } else expect(h.delete(f)).toBe(model.delete(f));
          }
          expect(h.size).toBe(model.size);
          for (const [f, v] of model) expect(h.get(f)).toBe(v);
          const flat = h.toArray();
          expect(new Map(flat.flatMap((x, i) => (i % 2 ? [] : [[x, flat[i + 1]] as [string, string]])))).toEqual(model);
          if (model.size > entries) expect(h.encoding).toBe('hashtable');
        }),
        { seed: 11, numRuns: 200 },
      );
    });
  }

  it('converts on long values and never back', () => {
    const h = new HashValue(ctx(128, 4));
    h.set('f', 'short');
    expect(h.encoding).toBe('hashtable');
    h.delete('f');
    expect(h.encoding).toBe('hashtable');
  });

  it('increments with Redis errors', () => {
    const h = new HashValue(ctx());
    expect(h.incrBy('n', 5n)).toBe('5');
    expect(h.incrByFloat('n', '0.5')).toBe('5.5');
    h.set('s', 'abc');
    expect(() => h.incrBy('s', 1n)).toThrow('ERR hash value is not an integer');
    expect(() => h.incrByFloat('s', '1')).toThrow('ERR hash value is not a float');
    h.set('big', '9223372036854775807');
    expect(() => h.incrBy('big', 1n)).toThrow('ERR increment or decrement would overflow');
  });

  it('HSCAN returns every stable field despite conversion and concurrent writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 60 }), (n, writes) => {
        const h = new HashValue(ctx(8));
        for (let i = 0; i < n; i++) h.set('f' + i, 'v');
        const stable = new Set(Array.from({ length: n }, (_, i) => 'f' + i));
        const seen = new Set<string>();
        let cursor = 0;
        let w = 0;
        let calls = 0;
        do {
          const [next, items] = h.scan(cursor, 3);
          for (let i = 0; i < items.length; i += 2) seen.add(items[i]);
          cursor = next;
          for (let k = 0; k < 2 && w < writes.length; k++, w++) {
            const f = 'f' + writes[w];
            if (writes[w] % 3 === 0) {
              h.delete(f);
              stable.delete(f);
            } else h.set(f, 'x');
          }
        } while (cursor !== 0 && ++calls < 1000);
        for (const f of stable) expect(seen.has(f)).toBe(true);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('HRANDFIELD distinct and with repetition', () => {
    const h = new HashValue(ctx());
    for (let i = 0; i < 10; i++) h.set('f' + i, 'v' + i);
    const distinct = h.randomFields(5);
    expect(new Set(distinct.map((p) => p[0])).size).toBe(5);
    expect(h.randomFields(50).length).toBe(10);
    expect(h.randomFields(-30).length).toBe(30);
    for (const [f, v] of h.randomFields(-30)) expect(h.get(f)).toBe(v);
  });
});
