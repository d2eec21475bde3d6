import { describe, expect, it } from 'vitest';
import { constructorSize, pucOrder, strHash } from './puc-order';

describe('PUC 5.1 hash order', () => {
  it('hashes strings like luaS_hash', () => {
    // Values computed by hand from lstring.c's loop (seed = length).
    expect(strHash('')).toBe(0);
    expect(strHash('a')).toBe((1 ^ ((1 << 5) + (1 >>> 2) + 97)) >>> 0);
  });

  it('rounds constructor sizes as OP_NEWTABLE encodes them', () => {
    expect([0, 3, 8, 15, 16, 17, 100].map(constructorSize)).toEqual([0, 3, 8, 15, 16, 18, 104]);
  });

  it('keeps every key exactly once whatever the growth path', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    for (const initial of [0, 1, 7, 100]) expect(pucOrder(keys, initial).sort()).toEqual([...keys].sort());
  });
});
