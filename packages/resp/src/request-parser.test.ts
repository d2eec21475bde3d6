import { describe, expect, it } from 'vitest';
import { describeWithOracle, RawConnection, startRedis } from '@ferrous/oracle';
import { ProtocolError } from './errors.js';
import { RequestParser, splitArgs, type RequestParserOptions } from './request-parser.js';

/** Feeds `input` in the given pieces; returns the commands and the error, if any. */
function parse(input: string | string[], options?: RequestParserOptions): { argvs: string[][]; error: string | null } {
  const parser = new RequestParser(options);
  const argvs: string[][] = [];
  let error: ProtocolError | null = null;
  for (const piece of typeof input === 'string' ? [input] : input) {
    error = parser.feed(Buffer.from(piece, 'latin1'), (argv) => argvs.push(argv));
  }
  return { argvs, error: error?.message ?? null };
}

const split = (line: string): string[] | null => splitArgs(Buffer.from(line, 'latin1'), 0, line.length);

describe('RequestParser: multibulk', () => {
  it('parses pipelined commands, binary-safe and latin1', () => {
    const input = '*2\r\n$3\r\nGET\r\n$1\r\na\r\n*3\r\n$3\r\nSET\r\n$3\r\nk\r\n\r\n$2\r\n\xff\x00\r\n';
    expect(parse(input)).toEqual({ argvs: [['GET', 'a'], ['SET', 'k\r\n', '\xff\x00']], error: null });
  });

  it('gives the same commands for every split of the input into two and into single bytes', () => {
    const input = '*3\r\n$3\r\nSET\r\n$10\r\nkey:123456\r\n$0\r\n\r\nPING\r\n*1\r\n$4\r\nPING\r\n';
    const expected = parse(input);
    for (let i = 0; i <= input.length; i++) expect(parse([input.slice(0, i), input.slice(i)])).toEqual(expected);
    expect(parse([...input])).toEqual(expected);
  });

  it('fills argv of every size, small counts sized from the header and large ones grown', () => {
    for (const n of [1, 3, 1024, 1025, 3000]) {
      const args = Array.from({ length: n }, (_, i) => `a${i}`);
      const input = `*${n}\r\n` + args.map((a) => `$${a.length}\r\n${a}\r\n`).join('') + '*1\r\n$4\r\nPING\r\n';
      const half = input.length >> 1;
      const { argvs, error } = parse([input.slice(0, half), input.slice(half)]);
      expect(error).toBeNull();
      expect(argvs).toEqual([args, ['PING']]);
      expect(argvs[0]!.length).toBe(n);
    }
  });

  it('does not preallocate an absurd announced count', () => {
    const parser = new RequestParser();
    expect(parser.feed(Buffer.from('*2000000000\r\n$4\r\nPING\r\n'), () => undefined)).toBeNull();
    expect(parser.bufferedBytes).toBe(4);
  });

  it('skips *0 and negative counts like Redis', () => {
    expect(parse('*0\r\n*-1\r\n*-5\r\n*1\r\n$4\r\nPING\r\n').argvs).toEqual([['PING']]);
  });

  it('skips the two bytes after a header and after bulk data without checking them', () => {
    expect(parse('*1\rX$4\rXPINGxx').argvs).toEqual([['PING']]);
  });

  it('keeps a large argument that arrives in many chunks without re-copying it', () => {
    const value = 'x'.repeat(100_000);
    const input = `*2\r\n$3\r\nGET\r\n$${value.length}\r\n${value}\r\n`;
    const pieces: string[] = [];
    for (let i = 0; i < input.length; i += 777) pieces.push(input.slice(i, i + 777));
    expect(parse(pieces).argvs).toEqual([['GET', value]]);
  });

  it('does not allocate an announced bulk before its bytes arrive', () => {
    const parser = new RequestParser();
    const before = process.memoryUsage().arrayBuffers;
    expect(parser.feed(Buffer.from('*1\r\n$536870912\r\nabc'), () => undefined)).toBeNull();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
    expect(parser.bufferedBytes).toBe(3);
  });

  it('counts buffered bytes of an incomplete command', () => {
    const parser = new RequestParser();
    parser.feed(Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nab'), () => undefined);
    expect(parser.bufferedBytes).toBe(3 + 1 + 2);
    parser.feed(Buffer.from('cde\r\n'), () => undefined);
    expect(parser.bufferedBytes).toBe(0);
  });
});

describe('RequestParser: inline', () => {
  it('splits like sdssplitargs and skips empty lines', () => {
    expect(parse('PING\r\n\r\n\n  \r\nSET a "b c"\nGET \'x y\'\r\n').argvs).toEqual([['PING'], ['SET', 'a', 'b c'], ['GET', 'x y']]);
  });

  it('handles quoting and escapes as redis-cli does', () => {
    expect(split('"\\x41\\x4g\\n\\r\\t\\b\\a\\"\\q"')).toEqual(['Ax4g\n\r\t\b\x07"q']);
    expect(split("'it\\'s' '\\n'")).toEqual(["it's", '\\n']);
    expect(split('a"b c"d')).toBeNull();
    expect(split('a"b c" d')).toEqual(['ab c', 'd']);
    expect(split('"abc"def')).toBeNull();
    expect(split('"abc')).toBeNull();
    expect(split("'abc")).toBeNull();
    expect(split('a\x0bb \x0b c')).toEqual(['a\x0bb', 'c']);
    expect(split('""')).toEqual(['']);
  });

  it('joins a long line split across chunks (longer than the joining head)', () => {
    const value = 'v'.repeat(5000);
    expect(parse(['SET k ', `${value}\r\nPING\r\n`]).argvs).toEqual([['SET', 'k', value], ['PING']]);
    const big = `*2\r\n$3\r\nGET\r\n$${value.length}\r\n${value}\r\n`;
    for (const cut of [1, 3, 4, 10, 13]) expect(parse([big.slice(0, cut), big.slice(cut)]).argvs).toEqual([['GET', value]]);
  });

  it('waits for the end of the line across chunks', () => {
    expect(parse(['SET a', ' b\r', '\nGET a\n'])).toEqual({ argvs: [['SET', 'a', 'b'], ['GET', 'a']], error: null });
  });
});

describe('RequestParser: protocol errors', () => {
  const cases: [string, string][] = [
    ['*abc\r\n', 'Protocol error: invalid multibulk length'],
    ['*01\r\n', 'Protocol error: invalid multibulk length'],
    ['*2147483648\r\n', 'Protocol error: invalid multibulk length'],
    ['*-0\r\n', 'Protocol error: invalid multibulk length'],
    ['*1\r\n$-1\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$536870913\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n+3\r\n', "Protocol error: expected '$', got '+'"],
    ['*2\r\n$1\r\na\r\n:1\r\n', "Protocol error: expected '$', got ':'"],
    ['SET a "b\r\n', 'Protocol error: unbalanced quotes in request'],
    ['x'.repeat(65 * 1024), 'Protocol error: too big inline request'],
    [`*${'1'.repeat(65 * 1024)}`, 'Protocol error: too big mbulk count string'],
    [`*1\r\n$${'1'.repeat(65 * 1024)}`, 'Protocol error: too big bulk count string'],
  ];
  it.each(cases.map(([input, message]) => [JSON.stringify(input.slice(0, 24)), input, message]))('%s -> error', (_, input, message) => {
    expect(parse(input!).error).toBe(message);
  });

  it('honours configured limits', () => {
    expect(parse('*1\r\n$11\r\n', { maxBulkLen: 10 }).error).toBe('Protocol error: invalid bulk length');
    expect(parse('*4\r\n', { maxMultibulkLen: 3 }).error).toBe('Protocol error: invalid multibulk length');
    expect(parse('PING PING', { maxInlineLen: 4 }).error).toBe('Protocol error: too big inline request');
  });

  it('delivers the commands before the error, then refuses further input', () => {
    const parser = new RequestParser();
    const argvs: string[][] = [];
    const error = parser.feed(Buffer.from('PING\r\n*x\r\n'), (argv) => argvs.push(argv));
    expect(argvs).toEqual([['PING']]);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error?.reply.message).toBe('ERR Protocol error: invalid multibulk length');
    expect(parser.feed(Buffer.from('PING\r\n'), (argv) => argvs.push(argv))).toBe(error);
    expect(argvs).toHaveLength(1);
  });

  it('treats a NUL before the line end like Redis (strchr): the line is not complete yet', () => {
    expect(parse('PING\x00\r\n')).toEqual({ argvs: [], error: null });
    expect(parse('*1\x00\r\n')).toEqual({ argvs: [], error: null });
  });
});

describeWithOracle(['redis-server'], 'RequestParser errors match redis-server byte for byte', () => {
  const inputs = [
    '*abc\r\n',
    '*2147483648\r\n',
    '*-0\r\n',
    '*1\r\n$-1\r\n',
    '*1\r\n$536870913\r\n',
    '*1\r\n$1x\r\n',
    '*1\r\n+3\r\n',
    '*2\r\n$3\r\nGET\r\n*1\r\n',
    'SET a "b\r\n',
    "SET a 'b'c\r\n",
    'x'.repeat(70 * 1024),
    `*${'1'.repeat(70 * 1024)}`,
    `*1\r\n$${'1'.repeat(70 * 1024)}`,
    'PING\r\n*x\r\n',
  ];

  it('sends each bad input to redis-server and compares the replies', async () => {
    const redis = await startRedis();
    try {
      for (const input of inputs) {
        const conn = await RawConnection.open(redis.port);
        conn.write(input);
        await conn.waitClosed(2000);
        const theirs = (await conn.read(10, 100)).join('');
        conn.close();
        const parser = new RequestParser();
        let ours = '';
        const error = parser.feed(Buffer.from(input, 'latin1'), () => (ours += '+PONG\r\n'));
        ours += `-${error!.reply.message}\r\n`;
        expect({ input: input.slice(0, 40), reply: theirs }).toEqual({ input: input.slice(0, 40), reply: ours });
      }
    } finally {
      await redis.stop();
    }
  });
});
