import { describe, expect, it } from 'vitest';
import type { Expr, Stat } from './ast';
import { parse } from './parser';

const body = (src: string): Stat[] => parse(src, 'p').main.body;
const ret = (src: string): Expr => (body(`return ${src}`)[0] as Extract<Stat, { k: 'Return' }>).exprs[0];

function shape(e: Expr): unknown {
  switch (e.k) {
    case 'Bin': return [e.op, shape(e.a), shape(e.b)];
    case 'Un': return [e.op, shape(e.a)];
    case 'Num': return e.v;
    case 'Global': return e.name;
    case 'Paren': return shape(e.e);
    default: return e.k;
  }
}

describe('parser', () => {
  it('applies 5.1 precedence and right associativity of .. and ^', () => {
    expect(shape(ret('1 + 2 * 3'))).toEqual(['+', 1, ['*', 2, 3]]);
    expect(shape(ret('a .. b .. c'))).toEqual(['..', 'a', ['..', 'b', 'c']]);
    expect(shape(ret('2 ^ 3 ^ 2'))).toEqual(['^', 2, ['^', 3, 2]]);
    expect(shape(ret('-x ^ 2'))).toEqual(['-', ['^', 'x', 2]]);
    expect(shape(ret('not a == b'))).toEqual(['==', ['not', 'a'], 'b']);
    expect(shape(ret('a or b and c'))).toEqual(['or', 'a', ['and', 'b', 'c']]);
  });

  it('resolves locals, upvalues and globals', () => {
    const [local, fn] = body('local x = 1 function f() return x, y end');
    expect(local.k).toBe('Local');
    const f = (fn as Extract<Stat, { k: 'Assign' }>).exprs[0] as Extract<Expr, { k: 'Func' }>;
    const [x, y] = (f.f.body[0] as Extract<Stat, { k: 'Return' }>).exprs;
    expect(x).toMatchObject({ k: 'Local', up: true });
    expect(y).toMatchObject({ k: 'Global', name: 'y' });
  });

  it('parses call sugar and method definitions', () => {
    const [s1, s2, s3] = body('f"x" g{1} a.b:c(1)');
    expect(s1).toMatchObject({ k: 'CallStat', call: { k: 'Call', args: [{ k: 'Str', v: 'x' }] } });
    expect(s2).toMatchObject({ k: 'CallStat', call: { k: 'Call', args: [{ k: 'Table' }] } });
    expect(s3).toMatchObject({ k: 'CallStat', call: { k: 'Method', name: 'c' } });
  });

  it('reports syntax errors with PUC wording and positions', () => {
    expect(() => body('x = ')).toThrow("p:1: unexpected symbol near '<eof>'");
    expect(() => body('local function f()\nreturn 1')).toThrow("p:2: 'end' expected (to close 'function' at line 1) near '<eof>'");
    expect(() => body('f\n(g)')).toThrow('p:2: ambiguous syntax (function call x new statement)');
    expect(() => body('function f() return ... end')).toThrow("cannot use '...' outside a vararg function near '...'");
    expect(() => body('x y')).toThrow("p:1: '=' expected near 'y'");
  });
});
