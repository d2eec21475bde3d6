import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { encodeCommand } from '@ferrous/resp';
import { Store } from '@ferrous/store';
import { loadAof, parseAofCommands, AofError } from './loader';

const resp = (...cmds: string[][]) => Buffer.concat(cmds.map((c) => encodeCommand(c)));

describe('AOF loader', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ferrous-aof-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('parses commands, skipping #TS annotations', () => {
    const buf = Buffer.concat([Buffer.from('#TS:1700000000\r\n'), resp(['SET', 'a', '1'], ['SELECT', '2'])]);
    const p = parseAofCommands(buf, 0, 'x');
    expect(p.commands).toEqual([['SET', 'a', '1'], ['SELECT', '2']]);
    expect(p.truncated).toBe(false);
  });

  it('reports bad formats with the file and offset', () => {
    expect(() => parseAofCommands(Buffer.from('*1\r\n$3\r\nfoo\r\nXYZ'), 0, 'f.aof')).toThrow(/f\.aof: expected '\*', got 0x58 at offset 13/);
    expect(() => parseAofCommands(Buffer.from('*1\r\n$3\r\nfooxx'), 0, 'f.aof')).toThrow(/not followed by CRLF/);
    expect(() => parseAofCommands(Buffer.from('*x\r\n'), 0, 'f.aof')).toThrow(/invalid length/);
    expect(parseAofCommands(Buffer.from('*9999999999\r\n$1\r\na\r\n'), 0, 'f.aof').truncated).toBe(true);
  });

  function writeAof(files: Record<string, Buffer | string>, manifest: string) {
    mkdirSync(join(dir, 'appendonlydir'));
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, 'appendonlydir', name), body);
    writeFileSync(join(dir, 'appendonlydir', 'appendonly.aof.manifest'), manifest);
  }

  it('loads base then incrs in order; a truncated last file is cut back (aof-load-truncated)', () => {
    const incr2 = Buffer.concat([resp(['SET', 'c', '3'], ['MULTI'], ['SET', 'd', '4']), Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\ne')]);
    writeAof(
      { 'appendonly.aof.1.base.aof': resp(['SET', 'a', '1']), 'appendonly.aof.1.incr.aof': resp(['SET', 'b', '2']), 'appendonly.aof.2.incr.aof': incr2 },
      'file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n',
    );
    const seen: string[][] = [];
    const result = loadAof({ dir }, new Store(), { command: (argv) => seen.push(argv) });
    // The unfinished MULTI block is dropped with the partial command.
    expect(seen).toEqual([['SET', 'a', '1'], ['SET', 'b', '2'], ['SET', 'c', '3']]);
    expect(result.truncated?.validLength).toBe(resp(['SET', 'c', '3']).length);
    expect(readFileSync(join(dir, 'appendonlydir', 'appendonly.aof.2.incr.aof'))).toEqual(resp(['SET', 'c', '3']));
  });

  it('refuses a truncated file without aof-load-truncated, and a truncated file that is not last', () => {
    writeAof(
      { 'appendonly.aof.1.incr.aof': Buffer.from('*2\r\n$3\r\nGET'), 'appendonly.aof.2.incr.aof': resp(['SET', 'b', '2']) },
      'file appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n',
    );
    const seen: string[][] = [];
    expect(() => loadAof({ dir }, new Store(), { command: (a) => seen.push(a) })).toThrow(AofError);
    expect(seen).toEqual([]);
    writeFileSync(join(dir, 'appendonlydir', 'appendonly.aof.manifest'), 'file appendonly.aof.1.incr.aof seq 1 type i\n');
    expect(() => loadAof({ dir, loadTruncated: false }, new Store(), { command: (a) => seen.push(a) })).toThrow(/Unexpected end of file/);
    expect(seen).toEqual([]);
  });

  it('reports a missing file and returns none without any AOF', () => {
    expect(loadAof({ dir }, new Store(), { command: () => undefined }).status).toBe('none');
    writeAof({}, 'file appendonly.aof.1.incr.aof seq 1 type i\n');
    expect(() => loadAof({ dir }, new Store(), { command: () => undefined })).toThrow(/doesn't exist/);
  });

  it('never crashes on truncated or damaged input (fast-check)', () => {
    const cmds = [['SET', 'key', 'value'], ['MULTI'], ['RPUSH', 'l', 'a', 'b'], ['EXEC'], ['DEL', 'key']];
    const valid = resp(...cmds);
    const boundaries = new Set([0]);
    cmds.reduce((end, c) => (boundaries.add(end + resp(c).length), end + resp(c).length), 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length }), fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 255 }), (cut, pos, mask) => {
        const truncated = parseAofCommands(valid.subarray(0, cut), 0, 'f');
        expect(truncated.truncated).toBe(!boundaries.has(cut));
        const bad = Buffer.from(valid);
        bad[pos] ^= mask;
        try {
          parseAofCommands(bad, 0, 'f');
        } catch (err) {
          expect(err).toBeInstanceOf(AofError);
          expect((err as Error).message).toMatch(/at offset \d+$/);
        }
      }),
      { seed: 6, numRuns: 500 },
    );
  });
});
