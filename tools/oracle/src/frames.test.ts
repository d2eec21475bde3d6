import { describe, expect, it } from 'vitest';
import { respFrameEnd } from './frames';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('respFrameEnd', () => {
  it('finds the end of simple, bulk and nested frames', () => {
    expect(respFrameEnd(b('+OK\r\n:1\r\n'), 0)).toBe(5);
    expect(respFrameEnd(b('$3\r\nfoo\r\n+x'), 0)).toBe(9);
    expect(respFrameEnd(b('$-1\r\n'), 0)).toBe(5);
    expect(respFrameEnd(b('*2\r\n$1\r\na\r\n*1\r\n:5\r\n'), 0)).toBe(19);
    expect(respFrameEnd(b('%1\r\n+k\r\n+v\r\n'), 0)).toBe(12);
    expect(respFrameEnd(b('|1\r\n+a\r\n+b\r\n:1\r\n'), 0)).toBe(16);
  });

  it('reports incomplete frames as -1', () => {
    expect(respFrameEnd(b('$3\r\nfo'), 0)).toBe(-1);
    expect(respFrameEnd(b('*2\r\n:1\r\n'), 0)).toBe(-1);
    expect(respFrameEnd(b('+OK'), 0)).toBe(-1);
    expect(respFrameEnd(b(''), 0)).toBe(-1);
  });

  it('handles RESP3 streamed strings and aggregates', () => {
    expect(respFrameEnd(b('$?\r\n;2\r\nab\r\n;0\r\n'), 0)).toBe(16);
    expect(respFrameEnd(b('*?\r\n:1\r\n:2\r\n.\r\n'), 0)).toBe(15);
    expect(respFrameEnd(b('*?\r\n:1\r\n'), 0)).toBe(-1);
  });
});
