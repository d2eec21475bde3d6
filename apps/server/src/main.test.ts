// The built-in-process app: starts from argv like redis-server, logs like it, stops on SIGTERM.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, RawConnection } from '@ferrous/oracle';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

function launch(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe('ferrous-server', () => {
  it('starts from --port, logs like Redis and shuts down on SIGTERM', async () => {
    const port = await freePort();
    const app = launch(['--port', String(port), '--save', '']);
    const deadline = Date.now() + 15000;
    while (!app.output().includes('Ready to accept connections') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(app.output()).toMatch(/\d+:M \d\d \w{3} \d{4} [\d:.]+ \* Ready to accept connections/);
    const conn = await RawConnection.open(port);
    expect(await conn.call('CONFIG', 'GET', 'save')).toBe('*2\r\n$4\r\nsave\r\n$0\r\n\r\n');
    conn.close();
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain('Received SIGTERM scheduling shutdown...');
  });

  it('rejects a bad option with the FATAL CONFIG FILE ERROR block', async () => {
    const app = launch(['--port', 'abc']);
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("*** FATAL CONFIG FILE ERROR");
    expect(app.output()).toContain(">>> 'port abc'");
    expect(app.output()).toContain("argument couldn't be parsed into an integer");
  });
});
