// Corrupt input never crashes the reader and never loads half a file: truncations, flipped
// bytes, wrong checksums and bad lengths all end in an RdbError naming the offset (fixed seeds).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RedisError, Store } from '@ferrous/store';
import { RdbError, dumpValue, encodeRdb, readRdb, restoreValue, crc64 } from '../index';
import { datasetCommands, populate, storeContents } from '../test-support';

function sample(): Buffer {
  const store = new Store();
  populate(store, datasetCommands().slice(0, 26).filter((c) => c[1] !== 'str:big'));
  return encodeRdb(store);
}

/** Parses, and requires that any failure is a clean RdbError from a check (not a caught crash). */
function parseOrReject(bytes: Buffer, verifyChecksum = true): 'ok' | 'rejected' {
  try {
    readRdb(bytes, new Store(), { verifyChecksum });
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(RdbError);
    expect((err as RdbError).message).toMatch(/at offset \d+$/);
    expect((err as RdbError).reason).not.toMatch(/^malformed data/);
    return 'rejected';
  }
}

describe('corrupt RDB files', () => {
  const valid = sample();

  it('the sample itself loads', () => {
    expect(parseOrReject(valid)).toBe('ok');
  });

  it('every truncation is rejected', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 1 }), (n) => parseOrReject(valid.subarray(0, n)) === 'rejected'),
      { seed: 1, numRuns: 200 },
    );
  });

  it('every flipped byte is rejected (checksum or structure)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 }), (pos, mask) => {
        const bad = Buffer.from(valid);
        bad[pos] ^= mask;
        return parseOrReject(bad) === 'rejected';
      }),
      { seed: 2, numRuns: 200 },
    );
  });

  it('with checksums off, flipped bytes still never crash the parser', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 9, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const bad = Buffer.from(valid);
        for (const [pos, mask] of flips) bad[pos] ^= mask;
        parseOrReject(bad, false);
        return true;
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('names the problem: checksum, version, signature, bad lengths', () => {
    const bad = Buffer.from(valid);
    bad[bad.length - 1] ^= 1;
    expect(() => readRdb(bad, new Store())).toThrow(/RDB checksum mismatch .* at offset \d+/);
    const zeroed = Buffer.from(valid);
    zeroed.fill(0, zeroed.length - 8);
    expect(readRdb(zeroed, new Store()).databases.length).toBe(1); // all-zero trailer = not computed
    expect(() => readRdb(Buffer.from('REDIS0012\xff', 'latin1'), new Store())).toThrow(/unsupported RDB version 0012 at offset 5/);
    expect(() => readRdb(Buffer.from('RADIS0010\xff', 'latin1'), new Store())).toThrow(/not an RDB file/);
    // A string claiming 4 GiB.
    const huge = Buffer.concat([Buffer.from('REDIS0010\x00\x01k\x80', 'latin1'), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from('v')]);
    expect(() => readRdb(huge, new Store())).toThrow(/unexpected end of data \(need 4294967295 bytes\) at offset 17/);
    // An LZF string claiming an absurd uncompressed size.
    const lzf = Buffer.from('REDIS0010\x00\x01k\xc3\x02\x80\x7f\xff\xff\xff\x00a', 'latin1');
    expect(() => readRdb(lzf, new Store())).toThrow(/LZF string claims/);
    // An LZF string whose first item is a back-reference, and one cut short.
    const backRef = Buffer.from('REDIS0010\x00\x01k\xc3\x02\x0a\x20\x05', 'latin1');
    expect(() => readRdb(backRef, new Store())).toThrow(/corrupt LZF string \(LZF back-reference before the start\) at offset 12/);
    const cut = Buffer.from('REDIS0010\x00\x01k\xc3\x05\x0a\x04abc', 'latin1');
    expect(() => readRdb(cut, new Store())).toThrow(/unexpected end of data/);
    expect(() => readRdb(Buffer.from('REDIS0010\xfe\x20\xff', 'latin1'), new Store())).toThrow(/SELECTDB 32 but only 16 databases/);
    expect(() => readRdb(Buffer.from('REDIS0010\x0f\x01k', 'latin1'), new Store())).toThrow(/unexpected end of data/);
  });

  it('a failed load leaves the target store untouched', async () => {
    const { loadRdbFile } = await import('../index');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ferrous-corrupt-'));
    try {
      const store = new Store();
      store.db(0).set('keep', 'me');
      const path = join(dir, 'bad.rdb');
      writeFileSync(path, valid.subarray(0, valid.length - 100));
      expect(() => loadRdbFile(path, store)).toThrow(RdbError);
      expect(storeContents(store)).toEqual({ 0: { keep: { type: 'string', value: 'me', expireAt: -1 } } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('corrupt DUMP payloads', () => {
  const store = new Store();
  populate(store, datasetCommands().slice(0, 26).filter((c) => c[1] !== 'str:big'));
  const payloads = store.db(0).keys('*').map((k) => dumpValue(store.db(0).lookupRead(k)!));

  it('round-trip, and refuse wrong versions or checksums', () => {
    for (const p of payloads) expect(dumpValue(restoreValue(p, store))).toEqual(p);
    const newer = Buffer.from(payloads[0]);
    newer.writeUInt16LE(12, newer.length - 10);
    expect(() => restoreValue(newer, store)).toThrow('ERR DUMP payload version or checksum are wrong');
    expect(() => restoreValue(Buffer.from('short'), store)).toThrow('ERR DUMP payload version or checksum are wrong');
  });

  it('damaged bodies with a valid checksum are Bad data format, never a crash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: payloads.length - 1 }), fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 255 }), (which, where, mask) => {
        const p = Buffer.from(payloads[which]);
        const body = p.length - 10;
        p[where % body] ^= mask;
        p.writeBigUInt64LE(crc64(p, 0, body + 2), body + 2);
        try {
          restoreValue(p, store);
        } catch (err) {
          expect(err).toBeInstanceOf(RedisError);
          expect((err as Error).message).toBe('ERR Bad data format');
        }
        return true;
      }),
      { seed: 4, numRuns: 400 },
    );
  });
});
