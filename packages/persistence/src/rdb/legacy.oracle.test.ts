// The encodings Redis 7.0 no longer writes but must still read (zipmap, ziplist, quicklist v1,
// plain LIST/SET/HASH, ZSET v1 text scores) and the 7.2 SET_LISTPACK: we build payloads by the
// format specs, and real redis-server's RESTORE is the oracle for what they decode to.
import { expect, it } from 'vitest';
import { RawConnection, describeWithOracle, startRedis } from '@ferrous/oracle';
import { Store } from '@ferrous/store';
import { crc64, readRdb, restoreValue } from '../index';
import { TestClient, canonicalValue, redisContents } from '../test-support';
import { ByteWriter } from './bytes';
import { RdbEncoder } from './writer';
import { encodeListpack } from './listpack';

/** A ziplist with Redis's entry encodings (integers in the narrowest form, like ziplistPush). */
function ziplist(entries: string[]): Buffer {
  const bodies: Buffer[] = [];
  let prev = 0;
  let tail = 10;
  let offset = 10;
  for (const e of entries) {
    const w = new ByteWriter(64);
    if (prev < 254) w.byte(prev);
    else {
      w.byte(0xfe);
      w.u32le(prev);
    }
    const asInt = /^(0|-?[1-9]\d{0,18})$/.test(e) ? BigInt(e) : null;
    if (asInt !== null && asInt >= -(2n ** 63n) && asInt < 2n ** 63n) {
      const v = Number(asInt);
      if (asInt >= 0n && asInt <= 12n) w.byte(0xf1 + v);
      else if (v >= -128 && v <= 127) {
        w.byte(0xfe);
        w.byte(v & 0xff);
      } else if (v >= -32768 && v <= 32767) {
        w.byte(0xc0);
        w.u16le(v & 0xffff);
      } else if (v >= -8388608 && v <= 8388607) {
        w.byte(0xf0);
        w.byte(v & 0xff);
        w.byte((v >> 8) & 0xff);
        w.byte((v >> 16) & 0xff);
      } else if (v >= -2147483648 && v <= 2147483647) {
        w.byte(0xd0);
        w.u32le(v);
      } else {
        w.byte(0xe0);
        w.i64le(asInt);
      }
    } else if (e.length < 64) {
      w.byte(e.length);
      w.latin1(e);
    } else if (e.length < 16384) {
      w.byte(0x40 | (e.length >> 8));
      w.byte(e.length & 0xff);
      w.latin1(e);
    } else {
      w.byte(0x80);
      w.u32be(e.length);
      w.latin1(e);
    }
    const body = w.take();
    bodies.push(body);
    tail = offset;
    offset += body.length;
    prev = body.length;
  }
  const total = offset + 1;
  const head = Buffer.alloc(10);
  head.writeUInt32LE(total, 0);
  head.writeUInt32LE(tail, 4);
  head.writeUInt16LE(entries.length, 8);
  return Buffer.concat([head, ...bodies, Buffer.from([0xff])]);
}

/** A zipmap (Redis < 2.6 small hashes). */
function zipmap(pairs: string[]): Buffer {
  const w = new ByteWriter(64);
  w.byte(pairs.length / 2);
  const len = (n: number) => {
    if (n < 254) w.byte(n);
    else {
      w.byte(254);
      w.u32le(n);
    }
  };
  for (let i = 0; i < pairs.length; i += 2) {
    len(pairs[i].length);
    w.latin1(pairs[i]);
    len(pairs[i + 1].length);
    w.byte(1); // one byte of free space after the value
    w.latin1(pairs[i + 1]);
    w.byte(0);
  }
  w.byte(0xff);
  return w.take();
}

/** type + payload + RDB version + CRC64: a DUMP payload. */
function payload(type: number, write: (e: RdbEncoder) => void, version = 9): Buffer {
  const w = new ByteWriter(256);
  const e = new RdbEncoder(w, { compression: true });
  w.byte(type);
  write(e);
  w.u16le(version);
  w.bytes(Buffer.alloc(8));
  const out = w.take();
  out.writeBigUInt64LE(crc64(out, 0, out.length - 8), out.length - 8);
  return out;
}

const items = ['a', '0', '12', '13', '-1', '127', '-300', '40000', '-8000000', '2000000000', '-9223372036854775808', 'x'.repeat(100), 'y'.repeat(17000), '3.14'];
const pairs = ['f1', 'v1', 'n', '-77', 'long', 'z'.repeat(300), 'empty', ''];
const zpairs = ['m2', '-2.5', 'm4', '0.1', 'm1', '1', 'm3', '1e10']; // sorted by score, as Redis writes them

const cases: Array<[string, Buffer]> = [
  ['LIST (1)', payload(1, (e) => { e.length(items.length); for (const s of items) e.string(s); })],
  ['SET (2)', payload(2, (e) => { e.length(4); for (const s of ['a', 'b', '1', '-5']) e.string(s); })],
  ['ZSET v1 text scores (3)', payload(3, (e) => {
    e.length(5);
    for (const [m, s] of [['a', '1.5'], ['b', '-3'], ['c', '1e300']]) { e.string(m); e.w.byte(s.length); e.w.latin1(s); }
    e.string('top'); e.w.byte(254);
    e.string('bottom'); e.w.byte(255);
  })],
  ['HASH (4)', payload(4, (e) => { e.length(pairs.length / 2); for (const s of pairs) e.string(s); })],
  ['HASH_ZIPMAP (9)', payload(9, (e) => e.blob(zipmap(pairs)))],
  ['LIST_ZIPLIST (10)', payload(10, (e) => e.blob(ziplist(items)))],
  ['ZSET_ZIPLIST (12)', payload(12, (e) => e.blob(ziplist(zpairs)))],
  ['HASH_ZIPLIST (13)', payload(13, (e) => e.blob(ziplist(pairs)))],
  ['LIST_QUICKLIST (14)', payload(14, (e) => { e.length(2); e.blob(ziplist(items.slice(0, 5))); e.blob(ziplist(items.slice(5))); })],
  ['LIST_QUICKLIST_2 with a PLAIN node (18)', payload(18, (e) => { e.length(2); e.length(1); e.string('plain node'); e.length(2); e.blob(encodeListpack(['p', '1'])); }, 10)],
];

describeWithOracle(['redis-server'], 'legacy RDB encodings decode like redis-server decodes them', () => {
  it('every legacy payload restores to the value Redis restores it to', async () => {
    const redis = await startRedis();
    const client = TestClient.wrap(await RawConnection.open(redis.port));
    try {
      const store = new Store();
      for (const [name, p] of cases) {
        expect(await client.call('RESTORE', name, '0', p.latin1Slice()), name).toBe('OK');
      }
      const expected = (await redisContents(client))[0];
      for (const [name, p] of cases) {
        const { type, value } = canonicalValue(restoreValue(p, store));
        expect({ name, type, value }).toEqual({ name, type: expected[name].type, value: expected[name].value });
      }
    } finally {
      client.close();
      await redis.stop();
    }
  });

  it('reads a whole version-9 file of legacy records with second-resolution expires', () => {
    const w = new ByteWriter(1024);
    const e = new RdbEncoder(w);
    w.latin1('REDIS0009');
    w.byte(0xfe);
    e.length(0);
    w.byte(0xfd); // EXPIRETIME in seconds
    w.u32le(4000000000);
    w.byte(10);
    e.string('zl');
    e.blob(ziplist(['1', 'two']));
    w.byte(0xf8); // IDLE
    e.length(100);
    w.byte(0);
    e.string('s');
    e.string('v');
    w.byte(0xff);
    w.bytes(Buffer.alloc(8));
    const contents = readRdb(w.take(), new Store());
    expect(contents.version).toBe(9);
    expect(contents.databases[0].keys).toEqual(['zl', 's']);
    expect(contents.databases[0].expires).toEqual([4000000000000, -1]);
  });

  it('reads a 7.2 SET_LISTPACK (20) payload', () => {
    const p = payload(20, (e) => e.blob(encodeListpack(['a', '1', 'bee'])), 11);
    expect(canonicalValue(restoreValue(p, new Store()))).toEqual({ type: 'set', value: ['1', 'a', 'bee'] });
  });
});
