import { describe, it, expect } from 'vitest';
import { HashValue, ListValue, Store } from '@ferrous/store';
import { encodeRdb, readRdb, dumpValue } from '../index';
import { ByteWriter } from './bytes';
import { RdbEncoder } from './writer';

const hex = (write: (e: RdbEncoder) => void) => {
  const w = new ByteWriter(64);
  write(new RdbEncoder(w));
  return w.take().toString('hex');
};

describe('RDB writer', () => {
  it('encodes lengths and integer strings like Redis', () => {
    expect(hex((e) => e.length(63))).toBe('3f');
    expect(hex((e) => e.length(16383))).toBe('7fff');
    expect(hex((e) => e.length(16384))).toBe('8000004000');
    expect(hex((e) => e.length(2 ** 32))).toBe('810000000100000000');
    expect(hex((e) => e.string('-1'))).toBe('c0ff');
    expect(hex((e) => e.string('1000'))).toBe('c1e803');
    expect(hex((e) => e.string('100000'))).toBe('c2a0860100');
    expect(hex((e) => e.string('3000000000'))).toBe('0a33303030303030303030'); // beyond int32: raw
    expect(hex((e) => e.string('01'))).toBe('023031'); // not canonical: raw
  });

  it('compresses long repetitive strings only', () => {
    expect(hex((e) => e.string('a'.repeat(21))).startsWith('c3')).toBe(true);
    expect(hex((e) => e.string('a'.repeat(20))).startsWith('14')).toBe(true);
  });

  it('round-trips compressed strings of growing and shrinking sizes (reused LZF buffers)', () => {
    const store = new Store();
    const sizes = [21, 5000, 30, 100_000, 64, 9000, 25];
    const value = (i: number, size: number) => `${i}:${'xyz'.repeat(size)}`.slice(0, size) + String.fromCharCode(200 + i);
    sizes.forEach((size, i) => store.db(0).set(`k${i}`, value(i, size)));
    const target = new Store();
    const contents = readRdb(encodeRdb(store), target);
    const loaded = new Map(contents.databases[0].keys.map((k, i) => [k, contents.databases[0].values[i]]));
    sizes.forEach((size, i) => expect(loaded.get(`k${i}`)).toBe(value(i, size)));
  });

  it('writes the AUX fields of Redis 7.0, including replication state', () => {
    const store = new Store();
    store.db(2).set('k', 'v');
    const contents = readRdb(encodeRdb(store, { repl: { replStreamDb: 0, replId: 'a'.repeat(40), replOffset: 1234 } }), store);
    expect([...contents.aux.keys()]).toEqual(['redis-ver', 'redis-bits', 'ctime', 'used-mem', 'repl-stream-db', 'repl-id', 'repl-offset', 'aof-base']);
    expect(contents.aux.get('repl-offset')).toBe('1234');
    expect(contents.databases.map((d) => d.index)).toEqual([2]);
  });

  it('picks the type byte from the encoding', () => {
    const store = new Store({ config: { 'hash-max-listpack-entries': 1 } });
    const small = new HashValue(store);
    small.set('f', 'v');
    const big = new HashValue(store);
    big.set('a', '1');
    big.set('b', '2');
    const list = new ListValue(store);
    list.push('x', false);
    expect(dumpValue(small)[0]).toBe(16);
    expect(dumpValue(big)[0]).toBe(4);
    expect(dumpValue(list)[0]).toBe(18);
    expect(dumpValue('s')[0]).toBe(0);
  });
});
