import { describe, expect, it } from 'vitest';
import { HLL_DENSE_SIZE, HllBuffer, decodeSparse, hllAdd, hllCount, isValidHll, rawCount, sparseToDense, HLL_REGISTERS } from './hyperloglog';

// Bytes of `PFADD h a b c` on redis-server 7.0 (before and after PFCOUNT caches the count).
const ABC = 'HYLL\x01\0\0\0\0\0\0\0\0\0\0\x80`\xf3\x80P\xb1\x84K\xfb\x80BZ';
const ABC_COUNTED = 'HYLL\x01\0\0\0\x03\0\0\0\0\0\0\0`\xf3\x80P\xb1\x84K\xfb\x80BZ';

describe('HyperLogLog', () => {
  it('starts as one XZERO opcode covering every register', () => {
    const h = HllBuffer.create();
    expect(h.toString()).toBe('HYLL\x01' + '\0'.repeat(11) + '\x7f\xff');
    expect(decodeSparse(h)).toBe('Z:16384');
    expect(hllCount(h)).toBe(0);
  });

  it('produces the sparse bytes Redis produces', () => {
    const h = HllBuffer.create();
    for (const e of ['a', 'b', 'c']) expect(hllAdd(h, e, 3000)).toBe(1);
    expect(hllAdd(h, 'a', 3000)).toBe(0);
    h.invalidateCache();
    expect(h.toString()).toBe(ABC);
    expect(hllCount(h)).toBe(3);
    h.cachedCount = 3;
    expect(h.toString()).toBe(ABC_COUNTED);
    expect(h.cacheValid).toBe(true);
  });

  it('counts the same in sparse and dense form', () => {
    const sparse = HllBuffer.create();
    for (let i = 0; i < 500; i++) hllAdd(sparse, `e${i}`, 1 << 20);
    const dense = HllBuffer.fromString(sparse.toString());
    expect(sparseToDense(dense)).toBe(true);
    expect(dense.length).toBe(HLL_DENSE_SIZE);
    expect(hllCount(dense)).toBe(hllCount(sparse));
    expect(Math.abs(hllCount(dense)! - 500)).toBeLessThan(25);
  });

  it('validates headers like isHLLObjectOrReply', () => {
    expect(isValidHll(ABC)).toBe(true);
    expect(isValidHll('HYLL')).toBe(false);
    expect(isValidHll('HYLX' + ABC.slice(4))).toBe(false);
    expect(isValidHll('HYLL\x00' + ABC.slice(5))).toBe(false);
  });

  it('reports corrupt sparse data', () => {
    const bad = HllBuffer.fromString(ABC.slice(0, -2));
    expect(hllCount(bad)).toBeNull();
    expect(sparseToDense(bad)).toBe(false);
  });

  it('estimates zero for empty raw registers', () => {
    expect(rawCount(new Uint8Array(HLL_REGISTERS))).toBe(0);
  });
});
