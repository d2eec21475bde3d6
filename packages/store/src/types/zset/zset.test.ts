import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { defaultConfig } from '../../config';
import { seededRandom } from '../../test-random';
import { ZSetValue, zsetCombine, type ZPair } from './zset';
import { parseLexRange, parseScoreRange, type ScoreRange } from './ranges';
import { SetValue } from '../set/set';

function ctx(entries: number) {
  return { config: { ...defaultConfig(), 'zset-max-listpack-entries': entries, 'zset-max-listpack-value': 8 }, random: seededRandom(1) };
}

function modelSorted(model: Map<string, number>): ZPair[] {
  return [...model].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function inRange(s: number, r: ScoreRange): boolean {
  return (r.minex ? s > r.min : s >= r.min) && (r.maxex ? s < r.max : s <= r.max);
}

const member = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'longmember-x', 'longmember-y', 'i', 'j');
const score = fc.constantFrom(-Infinity, -2, -1, 0, 0.5, 1, 1, 2, 3, Infinity);
const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), member, score }),
  fc.record({ kind: fc.constant('incr' as const), member, score: fc.constantFrom(-1, 1, 2.5) }),
  fc.record({ kind: fc.constant('rem' as const), member }),
  fc.record({ kind: fc.constant('remrank' as const), start: fc.integer({ min: -5, max: 5 }), stop: fc.integer({ min: -5, max: 5 }) }),
);

describe('ZSetValue against a naive model', () => {
  for (const entries of [128, 4]) {
    it(`ranks and ranges agree (listpack up to ${entries})`, () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.boolean(), (ops, lo, hi, minex, maxex) => {
          const z = new ZSetValue(ctx(entries));
          const model = new Map<string, number>();
          for (const o of ops) {
            if (o.kind === 'add') {
              z.add(o.member, o.score);
              model.set(o.member, o.score);
            } else if (o.kind === 'incr') {
              const next = (model.get(o.member) ?? 0) + o.score;
              if (Number.isNaN(next)) expect(() => z.add(o.member, o.score, { incr: true })).toThrow('NaN');
              else {
                expect(z.add(o.member, o.score, { incr: true })!.score).toBe(next);
                model.set(o.member, next);
              }
            } else if (o.kind === 'rem') {
              expect(z.remove(o.member)).toBe(model.delete(o.member));
            } else {
              const removed = z.rangeByRank(o.start, o.stop);
              expect(z.removeRangeByRank(o.start, o.stop)).toBe(removed.length);
              for (const [m] of removed) model.delete(m);
            }
            expect(z.size).toBe(model.size);
          }
          const sorted = modelSorted(model);
          expect(z.entries()).toEqual(sorted);
          if (model.size > entries) expect(z.encoding).toBe('skiplist');
          sorted.forEach(([m], i) => {
            expect(z.rank(m)).toBe(i);
            expect(z.rank(m, true)).toBe(sorted.length - 1 - i);
          });
          expect(z.rangeByRank(lo, hi, true)).toEqual([...sorted].reverse().slice(...rankSlice(lo, hi, sorted.length)));
          const range: ScoreRange = { min: lo, max: hi, minex, maxex };
          const expected = sorted.filter(([, s]) => inRange(s, range));
          expect(z.rangeByScore(range)).toEqual(expected);
          expect(z.rangeByScore(range, true)).toEqual([...expected].reverse());
          expect(z.rangeByScore(range, false, 1, 2)).toEqual(expected.slice(1, 3));
          expect(z.rangeByScore(range, true, 1, 2)).toEqual([...expected].reverse().slice(1, 3));
          expect(z.countByScore(range)).toBe(expected.length);
        }),
        { seed: 1234, numRuns: 300 },
      );
    });
  }

  it('lex ranges agree when all scores are equal', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 30 }), fc.string({ maxLength: 2 }), fc.string({ maxLength: 2 }), fc.constantFrom('[', '('), fc.constantFrom('[', '('), (members, a, b, ca, cb) => {
        const z = new ZSetValue(ctx(8));
        for (const m of members) z.add(m, 0);
        const sorted = [...members].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        const range = parseLexRange(ca + a, cb + b);
        const ok = (m: string) => (ca === '[' ? m >= a : m > a) && (cb === '[' ? m <= b : m < b);
        expect(z.rangeByLex(range).map((p) => p[0])).toEqual(sorted.filter(ok));
        expect(z.countByLex(range)).toBe(sorted.filter(ok).length);
        expect(z.rangeByLex(parseLexRange('-', '+')).length).toBe(members.length);
      }),
      { seed: 99, numRuns: 200 },
    );
  });

  it('parses score ranges like Redis', () => {
    expect(parseScoreRange('(1', '+inf')).toEqual({ min: 1, max: Infinity, minex: true, maxex: false });
    expect(() => parseScoreRange('x', '1')).toThrow('ERR min or max is not a float');
    expect(() => parseLexRange('a', '+')).toThrow('ERR min or max not valid string range item');
  });

  it('ZADD flags NX/XX/GT/LT', () => {
    const z = new ZSetValue(ctx(128));
    expect(z.add('a', 1)).toEqual({ added: true, updated: false, score: 1 });
    expect(z.add('a', 2, { nx: true })).toBeNull();
    expect(z.add('b', 2, { xx: true })).toBeNull();
    expect(z.add('a', 0, { gt: true })).toBeNull();
    expect(z.add('a', 5, { gt: true })).toEqual({ added: false, updated: true, score: 5 });
    expect(z.add('a', 7, { lt: true })).toBeNull();
  });

  it('a -0 score: the skiplist keeps it, the listpack stores 0 (both as Redis 7.0)', () => {
    for (const entries of [128, 0]) {
      const z = new ZSetValue(ctx(entries));
      z.add('a', -0);
      z.add('b', 0);
      const negative = entries === 0;
      expect(Object.is(z.score('a'), -0)).toBe(negative);
      expect(Object.is(z.score('b'), 0)).toBe(true);
      expect(z.add('a', 0)).toEqual({ added: false, updated: false, score: negative ? -0 : 0 }); // 0 == -0: no change
      expect(z.entries().map(([m]) => m)).toEqual(['a', 'b']);
      expect(z.entries().map(([, s]) => Object.is(s, -0))).toEqual([negative, false]);
    }
  });

  it('skiplist score updates, ranks and ranges agree with a model at scale', () => {
    const random = seededRandom(9);
    const z = new ZSetValue(ctx(0));
    const model = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const m = 'm' + Math.floor(random() * 800);
      const s = Math.floor(random() * 50);
      if (random() < 0.2) {
        z.remove(m);
        model.delete(m);
      } else {
        z.add(m, s);
        model.set(m, s);
      }
    }
    const sorted = modelSorted(model);
    expect(z.entries()).toEqual(sorted);
    expect(z.rangeByRank(0, 9, true)).toEqual(sorted.slice(-10).reverse());
    expect(z.rangeByRank(-10, -1, true)).toEqual(sorted.slice(0, 10).reverse());
    sorted.forEach(([m], i) => expect(z.rank(m)).toBe(i));
    const r = parseScoreRange('(10', '20');
    expect(z.rangeByScore(r, true, 3, 5)).toEqual(sorted.filter(([, s]) => inRange(s, r)).reverse().slice(3, 8));
  });

  it('ZDIFF with a plain set first is ordered by (score, member)', () => {
    const c = ctx(128);
    const s = SetValue.fromMembers(c, ['d', 'b', 'a', 'c', '10', '2']);
    const z = ZSetValue.fromPairs(c, [['c', 5]]);
    expect(zsetCombine('diff', [{ value: s, weight: 1 }, { value: z, weight: 1 }])).toEqual([['10', 1], ['2', 1], ['a', 1], ['b', 1], ['d', 1]]);
  });

  it('union/inter/diff with weights and aggregates', () => {
    const c = ctx(128);
    const z1 = ZSetValue.fromPairs(c, [['a', 1], ['b', 2]]);
    const z2 = ZSetValue.fromPairs(c, [['b', 3], ['c', 4]]);
    const s = SetValue.fromMembers(c, ['a', 'c']);
    expect(zsetCombine('union', [{ value: z1, weight: 1 }, { value: z2, weight: 2 }])).toEqual([['a', 1], ['c', 8], ['b', 8]].sort((x, y) => (x[1] as number) - (y[1] as number) || (x[0] < y[0] ? -1 : 1)));
    expect(zsetCombine('inter', [{ value: z1, weight: 1 }, { value: z2, weight: 1 }], 'max')).toEqual([['b', 3]]);
    expect(zsetCombine('inter', [{ value: z1, weight: 1 }, { value: s, weight: 1 }])).toEqual([['a', 2]]);
    expect(zsetCombine('diff', [{ value: z1, weight: 1 }, { value: z2, weight: 1 }])).toEqual([['a', 1]]);
    expect(zsetCombine('inter', [{ value: z1, weight: 1 }, { value: undefined, weight: 1 }])).toEqual([]);
    expect(zsetCombine('union', [{ value: ZSetValue.fromPairs(c, [['x', Infinity]]), weight: 0 }])).toEqual([['x', 0]]);
  });
});

/** Slice bounds of ZRANGE start..stop over n elements. */
function rankSlice(start: number, stop: number, n: number): [number, number] {
  if (start < 0) start += n;
  if (stop < 0) stop += n;
  if (start < 0) start = 0;
  if (start > stop || start >= n) return [0, 0];
  if (stop >= n) stop = n - 1;
  return [start, stop + 1];
}
