import { describe, expect, it } from 'vitest';
import { parseArguments, type DocArg } from './syntax';

/** A node with the flags left false, as the parser builds it. */
function node(fields: Partial<DocArg> & Pick<DocArg, 'name' | 'type'>): DocArg {
  return { optional: false, multiple: false, multipleToken: false, ...fields };
}

describe('command-docs syntax', () => {
  it('reads names, types and pure tokens', () => {
    expect(parseArguments('key:key value count:integer NX change=CH new_id="$" empty=""')).toEqual([
      node({ name: 'key', type: 'key', keySpecIndex: 0 }),
      node({ name: 'value', type: 'string' }),
      node({ name: 'count', type: 'integer' }),
      node({ name: 'nx', type: 'pure-token', token: 'NX' }),
      node({ name: 'change', type: 'pure-token', token: 'CH' }),
      node({ name: 'new_id', type: 'pure-token', token: '$' }),
      node({ name: 'empty', type: 'pure-token', token: '' }),
    ]);
  });

  it('keeps a colon in a name unless a type follows it', () => {
    expect(parseArguments('ip:port ip:port:string')).toEqual([node({ name: 'ip:port', type: 'string' }), node({ name: 'ip:port', type: 'string' })]);
  });

  it('gives a token to the argument right after it, and reads optional, multiple, since and deprecated', () => {
    expect(parseArguments('[EX seconds:integer@2.6.12] [GET pattern&...] old!2.8.12 member...')).toEqual([
      node({ name: 'seconds', type: 'integer', token: 'EX', since: '2.6.12', optional: true }),
      node({ name: 'pattern', type: 'string', token: 'GET', optional: true, multiple: true, multipleToken: true }),
      node({ name: 'old', type: 'string', deprecatedSince: '2.8.12' }),
      node({ name: 'member', type: 'string', multiple: true }),
    ]);
  });

  it('builds blocks and one-ofs, optional when written with square brackets', () => {
    const [pairs, where, condition, limit] = parseArguments(
      'pairs{field value}... where<LEFT | RIGHT> condition[NX | XX]@3.0.2 [LIMIT offset_count{offset:integer count:integer}]',
    );
    expect(pairs).toEqual(node({ name: 'pairs', type: 'block', multiple: true, args: [node({ name: 'field', type: 'string' }), node({ name: 'value', type: 'string' })] }));
    expect(where).toMatchObject({ name: 'where', type: 'oneof', optional: false, args: [{ token: 'LEFT' }, { token: 'RIGHT' }] });
    expect(condition).toMatchObject({ name: 'condition', type: 'oneof', optional: true, since: '3.0.2' });
    expect(limit).toMatchObject({ name: 'offset_count', type: 'block', token: 'LIMIT', optional: true, args: [{ name: 'offset' }, { name: 'count' }] });
  });

  it('numbers key specs in order, continuing after an explicit index', () => {
    const indexes = (source: string) => parseArguments(source).map((a) => a.keySpecIndex);
    expect(indexes('source:key destination:key')).toEqual([0, 1]);
    expect(indexes('key1:key key2:key#0')).toEqual([0, 0]);
    expect(indexes('key:key [BY pattern:pattern#1] [GET pattern:pattern#1&...] [STORE destination:key]')).toEqual([0, 1, 1, 2]);
  });

  it('rejects malformed declarations', () => {
    for (const bad of ['[a b]', 'x{a | b}', 'x<a>', 'x<a b | c>', 'x[a', 'a ]', 'a %', 'n=lower']) {
      expect(() => parseArguments(bad), bad).toThrow(/command docs/);
    }
  });
});
