import { describe, expect, it } from 'vitest';
import { ProtocolError } from './errors.js';
import { ReplyParser } from './reply-parser.js';
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

/** Parses `input` fed in the given pieces; returns the replies and the error message, if any. */
function parse(input: string | string[]): { replies: Reply[]; error: string | null } {
  const replies: Reply[] = [];
  let error: string | null = null;
  const parser = new ReplyParser({ onReply: (r) => replies.push(r), onError: (e) => (error = e.message) });
  for (const piece of typeof input === 'string' ? [input] : input) parser.feed(Buffer.from(piece, 'latin1'));
  return { replies, error };
}

const one = (input: string): Reply => {
  const { replies, error } = parse(input);
  expect(error).toBeNull();
  expect(replies).toHaveLength(1);
  return replies[0]!;
};

describe('ReplyParser: RESP2 types', () => {
  it('maps each type to its JS value', () => {
    expect(one('+OK\r\n')).toEqual(new SimpleString('OK'));
    expect(one('+hello world\r\n')).toEqual(new SimpleString('hello world'));
    expect(one('-ERR unknown command\r\n')).toEqual(new ErrorReply('ERR unknown command'));
    expect(one(':0\r\n')).toBe(0);
    expect(one(':-42\r\n')).toBe(-42);
    expect(one(':+7\r\n')).toBe(7);
    expect(one(':9007199254740991\r\n')).toBe(9007199254740991);
    expect(one(':9223372036854775807\r\n')).toBe(9223372036854775807n);
    expect(one(':-9223372036854775808\r\n')).toBe(-9223372036854775808n);
    expect(one('$5\r\nhe\r\nx\r\n')).toBe('he\r\nx');
    expect(one('$0\r\n\r\n')).toBe('');
    expect(one('$2\r\n\xff\x00\r\n')).toBe('\xff\x00');
    expect(one('$-1\r\n')).toBeNull();
    expect(one('*-1\r\n')).toBe(NullArrayReply.instance);
    expect(one('*0\r\n')).toEqual([]);
    expect(one('*3\r\n:1\r\n*1\r\n$1\r\na\r\n$-1\r\n')).toEqual([1, ['a'], null]);
  });

  it('reads integers of every digit count, alone, in a run and inside arrays', () => {
    const numbers = Array.from({ length: 17 }, (_, digits) => (digits === 0 ? 0 : Number('9876543210123456'.slice(0, digits))));
    const all = [...numbers, ...numbers.slice(1).map((n) => -n)];
    for (const n of all) expect(one(`:${n}\r\n`)).toBe(n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER ? BigInt(n) : n);
    const safe = all.filter((n) => Number.isSafeInteger(n));
    expect(parse(safe.map((n) => `:${n}\r\n`).join('')).replies).toEqual(safe);
    expect(one(`*${safe.length}\r\n${safe.map((n) => `:${n}\r\n`).join('')}`)).toEqual(safe);
    for (const bad of [':\r\n', ':12a4\r\n', ':1234x\r\n', ':--1\r\n']) expect(parse(bad).error).toBe('Protocol error: invalid integer');
  });
});

describe('ReplyParser: RESP3 types', () => {
  it('maps each type to its JS value', () => {
    expect(one('_\r\n')).toBeNull();
    expect(one(',1.5\r\n')).toEqual(new DoubleReply(1.5));
    expect(one(',-1e-05\r\n')).toEqual(new DoubleReply(-1e-5));
    expect(one(',inf\r\n')).toEqual(new DoubleReply(Infinity));
    expect(one(',-inf\r\n')).toEqual(new DoubleReply(-Infinity));
    expect((one(',nan\r\n') as DoubleReply).value).toBeNaN();
    expect(one('#t\r\n')).toEqual(new BooleanReply(true));
    expect(one('#f\r\n')).toEqual(new BooleanReply(false));
    expect(one('!21\r\nSYNTAX invalid syntax\r\n')).toEqual(new ErrorReply('SYNTAX invalid syntax'));
    expect(one('=15\r\ntxt:Some string\r\n')).toEqual(new VerbatimReply('txt', 'Some string'));
    expect(one('(3492890328409238509324850943850943825024385\r\n')).toEqual(
      new BigNumberReply(3492890328409238509324850943850943825024385n),
    );
    expect(one('%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n:2\r\n')).toEqual(
      new MapReply([new SimpleString('first'), 1, 'second', 2]),
    );
    expect(one('~2\r\n:1\r\n:2\r\n')).toEqual(new SetReply([1, 2]));
    expect(one('>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n')).toEqual(new PushReply(['message', 'ch', 'hi']));
    expect(one('%0\r\n')).toEqual(new MapReply([]));
  });

  it('wraps the reply that follows an attribute map, at any depth', () => {
    expect(one('|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*2\r\n:2039\r\n:9543\r\n')).toEqual(
      new AttributeReply([new SimpleString('key-popularity'), new MapReply(['a', new DoubleReply(0.19)])], [2039, 9543]),
    );
    expect(one('*2\r\n:1\r\n|1\r\n+ttl\r\n:3600\r\n:2\r\n')).toEqual([1, new AttributeReply([new SimpleString('ttl'), 3600], 2)]);
  });

  it('joins streamed strings and collects streamed aggregates', () => {
    expect(one('$?\r\n;4\r\nHell\r\n;5\r\no wor\r\n;1\r\nd\r\n;0\r\n')).toBe('Hello word');
    expect(one('*?\r\n:1\r\n:2\r\n*?\r\n.\r\n.\r\n')).toEqual([1, 2, []]);
    expect(one('%?\r\n+a\r\n:1\r\n.\r\n')).toEqual(new MapReply([new SimpleString('a'), 1]));
    expect(one('~?\r\n$?\r\n;1\r\nx\r\n;0\r\n.\r\n')).toEqual(new SetReply(['x']));
  });
});

describe('ReplyParser: chunking', () => {
  const input =
    '+OK\r\n:123456789012345678\r\n$10\r\n0123456789\r\n*2\r\n%1\r\n+k\r\n~1\r\n,2.5\r\n$-1\r\n' +
    '|1\r\n+a\r\n#t\r\n$?\r\n;3\r\nabc\r\n;0\r\n*?\r\n(12\r\n=7\r\ntxt:hey\r\n.\r\n-ERR x\r\n>1\r\n_\r\n';
  const expected = parse(input);

  it('parses the sample without errors', () => {
    expect(expected.error).toBeNull();
    expect(expected.replies).toHaveLength(8);
  });

  it('gives the same replies for every split into two pieces and into single bytes', () => {
    for (let i = 0; i <= input.length; i++) expect(parse([input.slice(0, i), input.slice(i)])).toEqual(expected);
    expect(parse([...input])).toEqual(expected);
  });

  it('joins lines split across chunks when the rest is longer than the joining head', () => {
    const text = 'a'.repeat(5010);
    expect(parse([`+${text.slice(0, 10)}`, `${text.slice(10)}\r\n:1\r\n`]).replies).toEqual([new SimpleString(text), 1]);
    const bulk = `*2\r\n$${text.length}\r\n${text}\r\n:7\r\n`;
    for (const cut of [1, 3, 4, 7, 9]) expect(parse([bulk.slice(0, cut), bulk.slice(cut)]).replies).toEqual([[text, 7]]);
  });

  it('cuts small bulks from the current bytes only, also when the caller refills its Buffer', () => {
    // Lengths around the 16-byte and 256-byte thresholds, binary content; 120 values span several
    // windows, the first 8 lie in one.
    const values = Array.from({ length: 120 }, (_, i) =>
      Array.from({ length: [17, 13, 16, 64, 255, 256, 257][i % 7]! }, (_, j) => String.fromCharCode((i * 31 + j * 7) % 256)).join(''),
    );
    const reversed = values.map((v) => [...v].reverse().join(''));
    const wire = (vs: string[]): Buffer => Buffer.from(vs.map((v) => `$${v.length}\r\n${v}\r\n`).join(''), 'latin1');
    for (const count of [8, 120]) {
      const replies: Reply[] = [];
      const parser = new ReplyParser({ onReply: (r) => replies.push(r) });
      const reused = wire(values.slice(0, count));
      expect(parser.feed(reused)).toBeNull();
      wire(reversed.slice(0, count)).copy(reused);
      expect(parser.feed(reused)).toBeNull();
      expect(replies).toEqual([...values.slice(0, count), ...reversed.slice(0, count)]);
    }
  });

  it('does not allocate an announced bulk or aggregate before its bytes arrive', () => {
    const before = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
    expect(parse('$536870912\r\nabc').replies).toEqual([]);
    expect(parse('*268435455\r\n:1\r\n').replies).toEqual([]);
    expect(process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('ReplyParser: protocol errors', () => {
  const cases: [string, string][] = [
    ['?x\r\n', 'Protocol error, got "?" as reply type byte'],
    [':12a\r\n', 'Protocol error: invalid integer'],
    ['$abc\r\n', 'Protocol error: invalid length'],
    ['$-2\r\n', 'Protocol error: invalid length'],
    ['$3\r\nabcde', 'Protocol error: expected CRLF'],
    ['+OK\rx', 'Protocol error: expected CRLF'],
    [',1.2.3\r\n', 'Protocol error: invalid double'],
    ['#x\r\n', 'Protocol error: invalid boolean'],
    ['(1x\r\n', 'Protocol error: invalid big number'],
    ['_x\r\n', 'Protocol error: invalid null'],
    ['=3\r\ntxt\r\n', 'Protocol error: invalid verbatim string'],
    [';3\r\nabc\r\n', 'Protocol error: unexpected streamed string chunk'],
    ['$?\r\n:1\r\n', 'Protocol error: unexpected streamed string chunk'],
    ['.\r\n', "Protocol error: '.' outside a streamed aggregate"],
    ['*1\r\n.\r\n', "Protocol error: '.' outside a streamed aggregate"],
  ];
  it.each(cases)('%j -> %s', (input, message) => {
    expect(parse(input).error).toBe(message);
  });

  it('delivers replies before the error, then refuses further input', () => {
    const replies: Reply[] = [];
    const parser = new ReplyParser({ onReply: (r) => replies.push(r) });
    const error = parser.feed(Buffer.from('+OK\r\n?'));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(parser.feed(Buffer.from('+OK\r\n'))).toBe(error);
    expect(replies).toHaveLength(1);
  });
});
