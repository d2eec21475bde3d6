import { describe, it, expect } from 'vitest';
import { seededRandom } from '../../test-random';
import { Deque } from './deque';

describe('Deque', () => {
  it('agrees with an array model through growth, shrinking and block boundaries', () => {
    const random = seededRandom(7);
    const deque = new Deque(['a', 'b', 'c']);
    const model = ['a', 'b', 'c'];
    // Phases that favour growth at either end, then draining, so the ends cross many blocks.
    for (let phase = 0; phase < 12; phase++) {
      const pushBias = phase % 3 === 2 ? 0.2 : 0.75;
      for (let step = 0; step < 1500; step++) {
        const r = random();
        const head = random() < 0.5;
        if (r < pushBias || model.length === 0) {
          const value = `v${phase}:${step}`;
          if (head) {
            deque.pushHead(value);
            model.unshift(value);
          } else {
            deque.pushTail(value);
            model.push(value);
          }
        } else if (r < 0.95) {
          expect(head ? deque.popHead() : deque.popTail()).toBe(head ? model.shift() : model.pop());
        } else {
          const i = Math.floor(random() * model.length);
          deque.setAt(i, `set${step}`);
          model[i] = `set${step}`;
        }
        expect(deque.length).toBe(model.length);
      }
      expect(deque.toArray()).toEqual(model);
      if (model.length > 0) expect(deque.at(model.length - 1)).toBe(model[model.length - 1]);
    }
  });

  it('empties completely from either end and refills', () => {
    const deque = new Deque();
    for (let i = 0; i < 1000; i++) deque.pushHead(String(i));
    for (let i = 0; i < 1000; i++) expect(deque.popTail()).toBe(String(i));
    expect(deque.length).toBe(0);
    for (let i = 0; i < 600; i++) deque.pushTail(String(i));
    for (let i = 0; i < 600; i++) expect(deque.popHead()).toBe(String(i));
    deque.pushHead('x');
    expect(deque.toArray()).toEqual(['x']);
  });

  it('serves as a long queue and a long stack at the head, crossing many blocks', () => {
    const deque = new Deque();
    // Queue: tail pushes run ahead of head pops, so emptied head blocks must be released as it goes.
    let next = 0;
    let expected = 0;
    for (let round = 0; round < 400; round++) {
      for (let i = 0; i < 300; i++) deque.pushTail(String(next++));
      for (let i = 0; i < 290; i++) expect(deque.popHead()).toBe(String(expected++));
    }
    expect(deque.length).toBe(next - expected);
    expect(deque.at(0)).toBe(String(expected));
    expect(deque.at(deque.length - 1)).toBe(String(next - 1));
    // Stack at the head: 50k pushes in front of what is there, then all of it back in order.
    const before = deque.toArray();
    for (let i = 0; i < 50_000; i++) deque.pushHead(`h${i}`);
    expect(deque.at(0)).toBe('h49999');
    expect(deque.at(50_000)).toBe(before[0]);
    for (let i = 49_999; i >= 0; i--) expect(deque.popHead()).toBe(`h${i}`);
    expect(deque.toArray()).toEqual(before);
  });
});
