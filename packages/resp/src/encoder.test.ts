import { describe, expect, it } from 'vitest';
import { describeWithOracle, RawConnection, startRedis } from '@ferrous/oracle';
import { encodeCommand, encodeReply, formatDouble, OK_REPLY, ReplyBuffer } from './encoder.js';
import {
  AttributeReply,
  BigNumberReply,
  BooleanReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  NullArrayReply,
  PushReply,
  SetReply,
  SimpleString,
  VerbatimReply,
  type Reply,
} from './types.js';

const wire = (reply: Reply, proto: 2 | 3): string => encodeReply(reply, proto).toString('latin1');

describe('encodeReply', () => {
  const cases: [string, Reply, string, string][] = [
    ['status', OK_REPLY, '+OK\r\n', '+OK\r\n'],
    ['other status', new SimpleString('QUEUED'), '+QUEUED\r\n', '+QUEUED\r\n'],
    ['error', new ErrorReply('ERR bad\r\nthing'), '-ERR bad  thing\r\n', '-ERR bad  thing\r\n'],
    ['small integer', 1, ':1\r\n', ':1\r\n'],
    ['integer', -12345678901, ':-12345678901\r\n', ':-12345678901\r\n'],
    ['first integer past the shared ones', 1024, ':1024\r\n', ':1024\r\n'],
    ['largest safe integer', Number.MAX_SAFE_INTEGER, ':9007199254740991\r\n', ':9007199254740991\r\n'],
    ['smallest safe integer', -Number.MAX_SAFE_INTEGER, ':-9007199254740991\r\n', ':-9007199254740991\r\n'],
    ['bigint', 2n ** 64n, ':18446744073709551616\r\n', ':18446744073709551616\r\n'],
    ['bulk', 'h\xe9\r\n', '$4\r\nh\xe9\r\n\r\n', '$4\r\nh\xe9\r\n\r\n'],
    ['empty bulk', '', '$0\r\n\r\n', '$0\r\n\r\n'],
    ['Buffer bulk', Buffer.from([0, 255]), '$2\r\n\x00\xff\r\n', '$2\r\n\x00\xff\r\n'],
    ['null', null, '$-1\r\n', '_\r\n'],
    ['null array', NullArrayReply.instance, '*-1\r\n', '_\r\n'],
    ['array', [1, 'a', [null]], '*3\r\n:1\r\n$1\r\na\r\n*1\r\n$-1\r\n', '*3\r\n:1\r\n$1\r\na\r\n*1\r\n_\r\n'],
    ['empty array', [], '*0\r\n', '*0\r\n'],
    ['double', new DoubleReply(1.1), '$18\r\n1.1000000000000001\r\n', ',1.1000000000000001\r\n'],
    ['inf', new DoubleReply(-Infinity), '$4\r\n-inf\r\n', ',-inf\r\n'],
    ['preformatted double', new DoubleReply(0.25, '0.25000'), '$7\r\n0.25000\r\n', ',0.25000\r\n'],
    ['boolean', new BooleanReply(true), ':1\r\n', '#t\r\n'],
    ['false', new BooleanReply(false), ':0\r\n', '#f\r\n'],
    ['big number', new BigNumberReply(-(10n ** 30n)), '$32\r\n-1000000000000000000000000000000\r\n', '(-1000000000000000000000000000000\r\n'],
    ['verbatim', new VerbatimReply('txt', 'hi'), '$2\r\nhi\r\n', '=6\r\ntxt:hi\r\n'],
    ['map', new MapReply(['a', 1]), '*2\r\n$1\r\na\r\n:1\r\n', '%1\r\n$1\r\na\r\n:1\r\n'],
    ['set', new SetReply(['x']), '*1\r\n$1\r\nx\r\n', '~1\r\n$1\r\nx\r\n'],
    ['push', new PushReply(['message']), '*1\r\n$7\r\nmessage\r\n', '>1\r\n$7\r\nmessage\r\n'],
    ['attribute', new AttributeReply(['ttl', 5], 'v'), '$1\r\nv\r\n', '|1\r\n$3\r\nttl\r\n:5\r\n$1\r\nv\r\n'],
  ];
  it.each(cases)('%s in RESP2 and RESP3', (_, reply, resp2, resp3) => {
    expect(wire(reply, 2)).toBe(resp2);
    expect(wire(reply, 3)).toBe(resp3);
  });
});

describe('ReplyBuffer', () => {
  it('coalesces small replies into one chunk and passes large Buffers through uncopied', () => {
    const out = new ReplyBuffer();
    expect(out.isEmpty).toBe(true);
    const big = Buffer.alloc(100_000, 120);
    out.append(OK_REPLY, 2);
    out.append(7, 2);
    out.append(big, 3);
    out.append('small', 3);
    expect(out.size).toBe(5 + 4 + (9 + 100_000 + 2) + 11);
    const chunks = out.flush();
    expect(out.isEmpty).toBe(true);
    expect(chunks).toHaveLength(3);
    expect(chunks[1]).toBe(big);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(`+OK\r\n:7\r\n$100000\r\n${'x'.repeat(100_000)}\r\n$5\r\nsmall\r\n`);
  });

  it('keeps large raw messages by reference and copies small ones', () => {
    const out = new ReplyBuffer();
    const shared = encodeReply(['message', 'ch', 'y'.repeat(10_000)], 2);
    out.appendRaw(Buffer.from('+a\r\n'));
    out.appendRaw(shared);
    const chunks = out.flush();
    expect(chunks).toHaveLength(2);
    expect(chunks[1]).toBe(shared);
  });

  it('never rewrites bytes it has handed out', () => {
    const out = new ReplyBuffer();
    out.append('first', 2);
    const [first] = out.flush();
    for (let i = 0; i < 5000; i++) out.append(i, 2);
    out.flush();
    expect(first!.toString('latin1')).toBe('$5\r\nfirst\r\n');
  });
});

describe('encodeCommand', () => {
  it('encodes strings and Buffers as an array of bulk strings', () => {
    expect(encodeCommand(['SET', 'k\xe9', Buffer.from('\x00v')]).toString('latin1')).toBe(
      '*3\r\n$3\r\nSET\r\n$2\r\nk\xe9\r\n$2\r\n\x00v\r\n',
    );
    expect(encodeCommand(['SET', 'x'.repeat(100)]).toString('latin1')).toBe(`*2\r\n$3\r\nSET\r\n$100\r\n${'x'.repeat(100)}\r\n`);
  });
});

describe('formatDouble', () => {
  it.each([
    [1.1, '1.1000000000000001'],
    [0.1, '0.10000000000000001'],
    [1, '1'],
    [-2.5, '-2.5'],
    [-0, '-0'],
    [1e20, '1e+20'],
    [1e-5, '1.0000000000000001e-05'],
    [0.0001, '0.0001'],
    [123456789012345680000, '1.2345678901234568e+20'],
    [1e16, '10000000000000000'],
    [22259894806102728, '22259894806102728'],
    [-(2 ** 53) - 2, '-9007199254740994'],
    [1e17, '1e+17'],
    [5e-324, '4.9406564584124654e-324'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ])('%s -> %s', (n, text) => {
    expect(formatDouble(n)).toBe(text);
  });
});

describeWithOracle(['redis-server'], 'formatDouble matches redis-server (ZSCORE in RESP2)', () => {
  it('prints scores exactly as Redis 7.0 does', async () => {
    const redis = await startRedis();
    const conn = await RawConnection.open(redis.port);
    try {
      const scores = ['1.1', '0.1', '3', '1e20', '1e-5', '123.456', '3.14159265358979', '1e300', '-7.7e-300', '2.5e-5', '1e17', '99999999999999999', '22259894806102728', '-44519789612205456', '9007199254740993'];
      for (const [i, score] of scores.entries()) {
        expect(await conn.call('ZADD', 'z', score, `m${i}`)).toBe(':1\r\n');
        const theirs = await conn.call('ZSCORE', 'z', `m${i}`);
        expect(theirs).toBe(wire(new DoubleReply(Number(score)), 2));
      }
    } finally {
      conn.close();
      await redis.stop();
    }
  });
});
