// Stream payloads in the older and newer layouts: a 6.2 (STREAM_LISTPACKS, RDB 9) payload loads into
// Ferrous exactly as redis-server 7.0 upgrades it (first ID, entries-added and each group's
// entries-read reconstructed), a 7.2 (STREAM_LISTPACKS_3) payload loads like the 7.0 one, and
// damaged payloads are refused with Redis's error rather than crashing. The 7.0 layout itself is
// covered end to end in packages/server/test/stream-persistence.test.ts.
import { expect, it } from 'vitest';
import { RawConnection, describeWithOracle, startRedis } from '@ferrous/oracle';
import { Store, StreamValue } from '@ferrous/store';
import { BAD_DATA_FORMAT, dumpValue, restoreValue } from '../dump';
import { ByteWriter } from './bytes';
import { RdbType } from './constants';
import { Crc64 } from './crc64';
import { encodeNode, encodeStream } from './stream';
import { RdbEncoder } from './writer';

/** A DUMP payload of `s` in the layout of `type`, claiming RDB `version`. */
function payloadAs(s: StreamValue, type: number, version: number): Buffer {
  const w = new ByteWriter(256);
  w.byte(type);
  encodeStream(new RdbEncoder(w), s, type);
  w.u16le(version);
  w.bytes(new Crc64().update(w.buf, 0, w.pos).bytes());
  return w.take();
}

/** The bulk string of a raw `$n\r\n…\r\n` frame. */
const bulk = (frame: string): string => frame.slice(frame.indexOf('\r\n') + 2, -2);

const SETUP: string[][] = [
  ['XADD', 'full', '1-0', 'a', '1'],
  ['XADD', 'full', '2-0', 'a', '2', 'b', 'x'],
  ['XADD', 'full', '3-0', 'a', '3'],
  ['XADD', 'full', '4-0', 'a', '4'],
  ['XDEL', 'full', '1-0', '3-0'],
  ['XGROUP', 'CREATE', 'full', 'at-start', '0'],
  ['XGROUP', 'CREATE', 'full', 'at-first', '2-0'],
  ['XGROUP', 'CREATE', 'full', 'at-last', '$'],
  ['XGROUP', 'CREATE', 'full', 'middle', '3-0'],
  ['XREADGROUP', 'GROUP', 'at-start', 'c1', 'COUNT', '1', 'STREAMS', 'full', '>'],
  ['XADD', 'drained', '5-0', 'f', 'v'],
  ['XDEL', 'drained', '5-0'],
  ['XGROUP', 'CREATE', 'drained', 'g', '0'],
  ['XGROUP', 'CREATE', 'fresh', 'g', '$', 'MKSTREAM'],
];

describeWithOracle(['redis-server'], 'stream payloads of Redis 6.2 and 7.2', () => {
  it('a 6.2 payload upgrades like redis-server 7.0 upgrades it; a 7.2 payload loads like the 7.0 one', async () => {
    const redis = await startRedis();
    const conn = await RawConnection.open(redis.port);
    try {
      for (const argv of SETUP) expect(await conn.call(...argv), argv.join(' ')).not.toMatch(/^-/);
      const store = new Store();
      for (const key of ['full', 'drained', 'fresh']) {
        const v2 = Buffer.from(bulk(await conn.call('DUMP', key)), 'latin1');
        const stream = restoreValue(v2, store) as StreamValue;
        expect(dumpValue(stream, { compression: false })).toEqual(v2);
        // The restored nodes keep Redis's listpacks; our encoder must produce the same bytes.
        for (let i = 0; i < stream.nodeCount; i++) expect(encodeNode(stream.nodeImage(i), new ByteWriter())).toEqual(stream.nodePacked(i));
        // 7.2's layout (RDB 11) reads back to the same stream.
        expect(dumpValue(restoreValue(payloadAs(stream, RdbType.STREAM_LISTPACKS_3, 11), store), { compression: false })).toEqual(v2);
        // 6.2's layout: Redis restores it under `old`, ours goes back as `mine`; both must agree.
        const v1 = payloadAs(stream, RdbType.STREAM_LISTPACKS, 9);
        expect(await conn.call('RESTORE', `${key}:old`, '0', v1.latin1Slice())).toBe('+OK\r\n');
        const upgraded = dumpValue(restoreValue(v1, store), { compression: false });
        expect(await conn.call('RESTORE', `${key}:mine`, '0', upgraded.latin1Slice())).toBe('+OK\r\n');
        expect(await conn.call('XINFO', 'STREAM', `${key}:mine`, 'FULL')).toBe(await conn.call('XINFO', 'STREAM', `${key}:old`, 'FULL'));
        expect(await conn.call('XINFO', 'GROUPS', `${key}:mine`)).toBe(await conn.call('XINFO', 'GROUPS', `${key}:old`));
      }
    } finally {
      conn.close();
      await redis.stop();
    }
  });
});

it('damaged stream payloads are refused with Bad data format, never a crash', () => {
  const store = new Store();
  const s = new StreamValue();
  const limits = { maxBytes: 4096, maxEntries: 2 };
  for (let i = 1; i <= 5; i++) s.append(BigInt(i) << 64n, ['field', `value${i}`, 'n', String(i * 100)], limits);
  s.delete(2n << 64n);
  const good = payloadAs(s, RdbType.STREAM_LISTPACKS_2, 10);
  expect((restoreValue(good, store) as StreamValue).size).toBe(4);
  const body = good.subarray(0, good.length - 10);
  const reseal = (b: Buffer): Buffer => {
    const w = new ByteWriter(b.length + 10);
    w.bytes(b);
    w.u16le(10);
    w.bytes(new Crc64().update(w.buf, 0, w.pos).bytes());
    return w.take();
  };
  let refused = 0;
  for (let at = 1; at < body.length; at++) {
    for (const damaged of [body.subarray(0, at), Buffer.from(body).fill(body[at] ^ 0x5a, at, at + 1)]) {
      try {
        restoreValue(reseal(damaged), store);
      } catch (err) {
        expect((err as Error).message).toBe(BAD_DATA_FORMAT);
        refused++;
      }
    }
  }
  expect(refused).toBeGreaterThan(body.length);
});
