import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { AofWriter } from './writer';
import { parseAofCommands } from './loader';

describe('AofWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ferrous-aofw-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const commandsIn = (path: string) => parseAofCommands(readFileSync(path), 0, path).commands;

  it('appendfsync always: flush resolves once the batch is written and synced (group commit)', async () => {
    const path = join(dir, 'a.aof');
    const w = new AofWriter(path, { appendfsync: 'always' });
    w.appendCommand(0, ['SET', 'a', '1']);
    w.appendCommand(0, ['SET', 'b', '2']);
    expect(readFileSync(path).length).toBe(0); // queued, not yet written
    const first = w.flush();
    w.appendCommand(2, ['SET', 'c', '3']);
    const second = w.flush();
    await Promise.all([first, second]);
    expect(commandsIn(path)).toEqual([['SELECT', '0'], ['SET', 'a', '1'], ['SET', 'b', '2'], ['SELECT', '2'], ['SET', 'c', '3']]);
    await w.close();
  });

  it('writes #TS annotations once per second when enabled, and re-selects after a file switch', async () => {
    let now = 1_700_000_000_000;
    const w = new AofWriter(join(dir, 'a.aof'), { timestamps: true, now: () => now, appendfsync: 'no' });
    w.appendCommand(0, ['SET', 'a', '1']);
    w.appendCommand(0, ['SET', 'b', '1']);
    now += 1000;
    w.appendCommand(0, ['SET', 'c', '1']);
    w.switchTo(join(dir, 'b.aof'));
    w.appendCommand(0, ['DEL', 'a']);
    expect(w.size).toBeGreaterThan(0);
    await w.close();
    const first = readFileSync(join(dir, 'a.aof'), 'latin1');
    expect(first.match(/#TS:\d+\r\n/g)).toEqual(['#TS:1700000000\r\n', '#TS:1700000001\r\n']);
    expect(commandsIn(join(dir, 'b.aof'))).toEqual([['SELECT', '0'], ['DEL', 'a']]);
  });
});
