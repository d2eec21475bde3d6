import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeadlineHeap } from './deadline-heap';

describe('DeadlineHeap', () => {
  it('pops only due items, earliest first', () => {
    const h = new DeadlineHeap<string>();
    h.push(30, 'c');
    h.push(10, 'a');
    h.push(20, 'b');
    expect(h.earliest).toBe(10);
    expect(h.popDue(5)).toBeUndefined();
    expect(h.popDue(20)).toBe('a');
    expect(h.popDue(20)).toBe('b');
    expect(h.popDue(20)).toBeUndefined();
    expect(h.earliest).toBe(30);
  });

  it('keeps heap order through pushes, pops and compaction', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 200 }), fc.integer({ min: 0, max: 1000 }), (deadlines, cut) => {
        const h = new DeadlineHeap<number>();
        deadlines.forEach((d, i) => h.push(d, i));
        h.compact((i) => i % 3 !== 0);
        const kept = deadlines.filter((_d, i) => i % 3 !== 0);
        const out: number[] = [];
        for (let i = h.popDue(cut); i !== undefined; i = h.popDue(cut)) out.push(deadlines[i]);
        expect(out).toEqual(kept.filter((d) => d <= cut).sort((a, b) => a - b));
        expect(h.size).toBe(kept.filter((d) => d > cut).length);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
