import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { defaultConfig } from '../../config';
import { seededRandom } from '../../test-random';
import { ListValue } from './list';

const ctx = { config: defaultConfig(), random: seededRandom(1) };

describe('ListValue', () => {
  it('agrees with an array model across packed and deque forms', () => {
    const value = fc.constantFrom('a', 'b', 'c', 'x'.repeat(100));
    const op = fc.oneof(
      fc.tuple(fc.constant('push' as const), value, fc.boolean()),
      fc.tuple(fc.constant('pop' as const), fc.boolean()),
      fc.tuple(fc.constant('set' as const), fc.integer({ min: -50, max: 50 }), value),
      fc.tuple(fc.constant('insert' as const), value, value, fc.boolean()),
      fc.tuple(fc.constant('rem' as const), fc.integer({ min: -3, max: 3 }), value),
      fc.tuple(fc.constant('trim' as const), fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const l = new ListValue(ctx);
        let model: string[] = [];
        for (const o of ops) {
          switch (o[0]) {
            case 'push':
              l.push(o[1], o[2]);
              if (o[2]) model.unshift(o[1]);
              else model.push(o[1]);
              break;
            case 'pop':
              expect(l.pop(o[1])).toBe(o[1] ? model.shift() : model.pop());
              break;
            case 'set': {
              const i = o[1] < 0 ? o[1] + model.length : o[1];
              const ok = i >= 0 && i < model.length;
              expect(l.set(o[1], o[2])).toBe(ok);
              if (ok) model[i] = o[2];
              break;
            }
            case 'insert': {
              const i = model.indexOf(o[1]);
              expect(l.insert(o[1], o[2], o[3])).toBe(i < 0 ? -1 : model.length + 1);
              if (i >= 0) model.splice(o[3] ? i : i + 1, 0, o[2]);
              break;
            }
            case 'rem': {
              const limit = o[1] === 0 ? Infinity : Math.abs(o[1]);
              const idx = model.map((v, i) => (v === o[2] ? i : -1)).filter((i) => i >= 0);
              const chosen = new Set((o[1] < 0 ? idx.reverse() : idx).slice(0, limit === Infinity ? undefined : limit));
              model = model.filter((_, i) => !chosen.has(i));
              expect(l.remove(o[1], o[2])).toBe(chosen.size);
              break;
            }
            case 'trim': {
              const expected = l.range(o[1], o[2]);
              l.trim(o[1], o[2]);
              model = expected;
              break;
            }
          }
          expect(l.size).toBe(model.length);
        }
        expect(l.toArray()).toEqual(model);
        expect(l.range(0, -1)).toEqual(model);
        model.forEach((v, i) => expect(l.index(i)).toBe(v));
      }),
      { seed: 8, numRuns: 200 },
    );
  });

  it('LPOS with rank, count and maxlen', () => {
    const l = new ListValue(ctx);
    for (const v of ['a', 'b', 'c', 'b', 'a', 'b']) l.push(v, false);
    expect(l.pos('b', 1, 1, 0)).toEqual([1]);
    expect(l.pos('b', 2, 0, 0)).toEqual([3, 5]);
    expect(l.pos('b', -1, 2, 0)).toEqual([5, 3]);
    expect(l.pos('b', 1, 0, 2)).toEqual([1]);
    expect(l.pos('z', 1, 0, 0)).toEqual([]);
    expect(l.encoding).toBe('quicklist');
  });
});
