// SRANDMEMBER/HRANDFIELD/ZRANDMEMBER with a huge negative count repeat members without bound:
// redis-server builds the whole reply (14 GB for -2147483649), which a V8 heap cannot. Ferrous
// answers an error past RANDOM_REPLY_MAX elements and keeps serving (it used to die of OOM).
import { RawConnection } from '@ferrous/oracle';
import { createServer, type ServerHandle } from '@ferrous/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANDOM_REPLY_MAX } from '../src/commands/collection-args';

describe('random-member replies past the size cap', () => {
  let server: ServerHandle;
  let conn: RawConnection;
  beforeAll(async () => {
    server = await createServer({ port: 0, config: { save: '' } });
    conn = await RawConnection.open(server.port);
  });
  afterAll(async () => {
    conn?.close();
    await server?.close();
  });

  it('answer an error instead of building the reply; smaller ones and missing keys are unchanged', async () => {
    const tooMany = String(-(RANDOM_REPLY_MAX + 1));
    const error = `-ERR count is too large: at most ${RANDOM_REPLY_MAX} repeated random elements per reply\r\n`;
    expect(await conn.call('SADD', 's', 'a', 'b')).toBe(':2\r\n');
    expect(await conn.call('HSET', 'h', 'f', 'v')).toBe(':1\r\n');
    expect(await conn.call('ZADD', 'z', '1', 'm')).toBe(':1\r\n');
    expect(await conn.call('SRANDMEMBER', 's', '-2147483649')).toBe(error);
    expect(await conn.call('SRANDMEMBER', 's', tooMany)).toBe(error);
    expect(await conn.call('HRANDFIELD', 'h', tooMany, 'WITHVALUES')).toBe(error);
    expect(await conn.call('ZRANDMEMBER', 'z', tooMany)).toBe(error);
    expect(await conn.call('SRANDMEMBER', 'nokey', tooMany)).toBe('*0\r\n');
    expect(await conn.call('SRANDMEMBER', 'h', tooMany)).toMatch(/^-WRONGTYPE/);
    expect(await conn.call('SRANDMEMBER', 's', '-3')).toMatch(/^\*3\r\n(\$1\r\n[ab]\r\n){3}$/);
    expect(await conn.call('PING')).toBe('+PONG\r\n');
  });
});
