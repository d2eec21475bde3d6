import { describe, it, expect } from 'vitest';
import { formatManifest, parseManifest } from './manifest';

describe('AOF manifest', () => {
  it('parses Redis 7.0 manifests (any key order/case, comments, extra pairs)', () => {
    const m = parseManifest(
      '# comment\nfile appendonly.aof.2.base.rdb seq 2 type b\nSEQ 3 TYPE i FILE appendonly.aof.3.incr.aof\nfile appendonly.aof.1.incr.aof seq 1 type h extra x\r\n',
    );
    expect(m.base).toEqual({ name: 'appendonly.aof.2.base.rdb', seq: 2, type: 'b' });
    expect(m.incrs).toEqual([{ name: 'appendonly.aof.3.incr.aof', seq: 3, type: 'i' }]);
    expect(m.history.map((f) => f.name)).toEqual(['appendonly.aof.1.incr.aof']);
  });

  it('round-trips names that need quoting', () => {
    const m = { base: { name: 'my file\n.aof', seq: 1, type: 'b' as const }, incrs: [{ name: 'x"y\\z.aof', seq: 4, type: 'i' as const }], history: [] };
    const text = formatManifest(m);
    expect(text).toBe('file "my file\\n.aof" seq 1 type b\nfile "x\\"y\\\\z.aof" seq 4 type i\n');
    expect(parseManifest(text)).toEqual(m);
  });

  it('rejects malformed manifests', () => {
    expect(() => parseManifest('')).toThrow(/empty/);
    expect(() => parseManifest('file a seq 1')).toThrow(/format/);
    expect(() => parseManifest('file a seq 1 type b\nfile b seq 2 type b\n')).toThrow(/duplicate base/);
    expect(() => parseManifest('file ../a seq 1 type i\n')).toThrow(/bare file name/);
    expect(() => parseManifest('file a seq 2 type i\nfile b seq 1 type i\n')).toThrow(/non-monotonic/);
    expect(() => parseManifest('file "a seq 1 type i\n')).toThrow(/unbalanced/);
    expect(() => parseManifest('file a seq 1 type z\n')).toThrow(/Unknown AOF file type/);
  });
});
