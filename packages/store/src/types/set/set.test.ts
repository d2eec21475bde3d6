import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { defaultConfig } from '../../config';
import { seededRandom } from '../../test-random';
import { SetValue, setDifference, setIntersection, setUnion } from './set';

const ctx = (intsetEntries = 512) => ({ config: { ...defaultConfig(), 'set-max-intset-entries': intsetEntries }, random: seededRandom(9) });

describe('SetValue', () => {
  it('agrees with a Set across intset and hashtable encodings', () => {
    const member = fc.oneof(fc.integer({ min: -50, max: 50 }).map(String), fc.constantFrom('a', 'b', '01', '9223372036854775807', '-9223372036854775808', '9007199254740993'));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), member), { maxLength: 60 }), fc.constantFrom(4, 512), (ops, limit) => {
        const s = new SetValue(ctx(limit));
        const model = new Set<string>();
        for (const [add, m] of ops) {
          if (add) {
            expect(s.add(m)).toBe(!model.has(m));
            model.add(m);
          } else expect(s.remove(m)).toBe(model.delete(m));
        }
        expect(s.size).toBe(model.size);
        expect(new Set(s.members())).toEqual(model);
        for (const m of model) expect(s.has(m)).toBe(true);
        const allInts = [...model].every((m) => /^(0|-?[1-9]\d*)$/.test(m) && BigInt(m) <= 9223372036854775807n && BigInt(m) >= -9223372036854775808n);
        if (allInts && model.size <= limit && !ops.some(([add, m]) => add && !/^(0|-?[1-9]\d*)$/.test(m))) expect(s.encoding).toBe('intset');
      }),
      { seed: 21, numRuns: 300 },
    );
  });

  it('keeps intsets sorted and exact beyond 2^53', () => {
    const s = SetValue.fromMembers(ctx(), ['3', '-1', '9223372036854775807', '9007199254740993', '9007199254740992']);
    expect(s.encoding).toBe('intset');
    expect(s.members()).toEqual(['-1', '3', '9007199254740992', '9007199254740993', '9223372036854775807']);
    expect(s.has('9007199254740993')).toBe(true);
  });

  it('does set algebra with missing keys and limits', () => {
    const c = ctx();
    const a = SetValue.fromMembers(c, ['1', '2', '3', 'x']);
    const b = SetValue.fromMembers(c, ['2', '3', '4']);
    expect(setIntersection([a, b]).sort()).toEqual(['2', '3']);
    expect(setIntersection([a, b], 1).length).toBe(1);
    expect(setIntersection([a, undefined])).toEqual([]);
    expect(setUnion([a, undefined, b]).sort()).toEqual(['1', '2', '3', '4', 'x']);
    expect(setDifference([a, b]).sort()).toEqual(['1', 'x']);
  });

  it('pops and samples distinct members', () => {
    const s = SetValue.fromMembers(ctx(), Array.from({ length: 20 }, (_, i) => 'm' + i));
    expect(new Set(s.randomMembers(10)).size).toBe(10);
    expect(s.randomMembers(-40).length).toBe(40);
    const popped = s.pop(5);
    expect(new Set(popped).size).toBe(5);
    expect(s.size).toBe(15);
    for (const m of popped) expect(s.has(m)).toBe(false);
  });
});
