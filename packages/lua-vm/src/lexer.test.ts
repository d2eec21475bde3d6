import { describe, expect, it } from 'vitest';
import { Lexer, type Token } from './lexer';

function tokens(src: string): Token[] {
  const lx = new Lexer(src, 'test');
  const out: Token[] = [];
  while (lx.current.type !== 'eof') {
    out.push(lx.current);
    lx.next();
  }
  return out;
}

describe('lexer', () => {
  it('reads numbers in every 5.1 form', () => {
    expect(tokens('3 3.0 .5 3e2 3E-2 0xff 0XA').map((t) => t.value)).toEqual([3, 3, 0.5, 300, 0.03, 255, 10]);
  });

  it('processes escapes and long strings with levels', () => {
    expect(tokens(`"a\\tb\\65\\0\\\n" [==[x]]y]==] [[\nfirst newline skipped]]`).map((t) => t.value)).toEqual([
      'a\tbA\0\n',
      'x]]y',
      'first newline skipped',
    ]);
  });

  it('skips comments and counts lines across long brackets', () => {
    const ts = tokens('--[[ a\nb ]] x --[==[\n]==] y -- tail\nz');
    expect(ts.map((t) => [t.value, t.line])).toEqual([['x', 2], ['y', 3], ['z', 4]]);
  });

  it('raises PUC lexical errors', () => {
    expect(() => tokens('x = 3x')).toThrow("test:1: malformed number near '3x'");
    expect(() => tokens('x = "abc')).toThrow("test:1: unfinished string near '<eof>'");
    expect(() => tokens('x = "ab\ncd"')).toThrow(`test:1: unfinished string near '"ab'`);
    expect(() => tokens('x = [==[ abc')).toThrow("test:1: unfinished long string near '<eof>'");
    expect(() => tokens('"\\256"')).toThrow(`test:1: escape sequence too large near '"'`);
  });
});
