// The command line against the `lua5.1` binary: the same arguments, environment and stdin must
// give the same stdout, stderr and exit status (the program name aside: `ferrous-lua` for
// `lua5.1`). runCli runs in-process with captured streams; os.exit needs a real process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithOracle } from '@ferrous/oracle';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../lua-cli';

interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

const SCRIPTS: Record<string, string> = {
  'args.lua': 'print(...)\nfor i = -3, #arg do print(i, arg[i]) end\n',
  'syntax.lua': 'x = = 1\n',
  'runtime.lua': 'local function f() error("boom") end\nf()\n',
  'table-error.lua': 'error({})\n',
  'number-error.lua': 'error(42)\n',
  'nil-error.lua': 'error(nil)\n',
  'tostring-error.lua': 'error(setmetatable({}, {__tostring = function() return "custom" end}))\n',
  'init.lua': 'print("init from file")\n',
  'shebang.lua': '#!/usr/bin/lua\nprint("after shebang")\n',
  'io.lua': 'io.write("a", 1, "\\n") print("b") io.stdout:write("c\\n")\n',
  'gc-at-exit.lua': 'local u = newproxy(true)\ngetmetatable(u).__gc = function() print("finalized at exit") end\nkeep = u\nprint("end of script")\n',
};

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferrous-cli-'));
  for (const [name, src] of Object.entries(SCRIPTS)) writeFileSync(join(dir, name), src);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Script names in arguments become absolute paths (the in-process run has another cwd). */
function resolveArgs(args: string[]): string[] {
  return args.map((a) => (a in SCRIPTS ? join(dir, a) : a.startsWith('@') && a.slice(1) in SCRIPTS ? '@' + join(dir, a.slice(1)) : a));
}

function oracle(args: string[], env: Record<string, string>, stdin: string): Run {
  const r = spawnSync('lua5.1', resolveArgs(args), {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env },
    input: Buffer.from(stdin, 'latin1'),
    timeout: 20_000,
  });
  return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), status: r.status };
}

function here(args: string[], env: Record<string, string>, stdin: string): Run {
  let stdout = '';
  let stderr = '';
  let input = stdin;
  const status = runCli(resolveArgs(args), {
    write: (fd, s) => (fd === 1 ? (stdout += s) : (stderr += s)),
    env,
    stdinIsTty: () => false,
    readStdinLine: () => {
      if (input === '') return undefined;
      const nl = input.indexOf('\n');
      const line = nl < 0 ? input : input.slice(0, nl);
      input = nl < 0 ? '' : input.slice(nl + 1);
      return line;
    },
    readStdinAll: () => {
      const all = input;
      input = '';
      return all;
    },
    onExit: () => undefined,
  });
  const name = (s: string): string => s.replaceAll('ferrous-lua', 'lua5.1');
  return { stdout: name(stdout), stderr: name(stderr), status };
}

const CASES: { args: string[]; env?: Record<string, string>; stdin?: string }[] = [
  { args: ['args.lua', 'a', 'b'] },
  { args: ['args.lua'] },
  { args: ['-e', 'print(1)', 'args.lua', 'x'] },
  { args: ['-eprint(5)', 'args.lua'] },
  { args: ['--', 'args.lua', '-x'] },
  { args: ['args.lua', '--', '-e', 'x'] },
  { args: ['-e', 'print(arg)'] },
  { args: ['-e', 'a = 1', '-e', 'print(a + 1)'] },
  { args: ['-l', 'bit', '-e', 'print(bit.band(6, 3))'] },
  { args: ['-lbit', '-e', 'print(type(bit))'] },
  { args: ['-v'] },
  { args: ['-v', '-e', 'print(1)'] },
  { args: ['-i'] },
  { args: ['-i'], stdin: 'x = 5\n=x, x * 2\nfor i = 1, 2 do\nprint(i)\nend\nerror("oops")\n= = 1\nprint(select("#"))\n' },
  { args: ['-'], stdin: 'print("from stdin", ...)' },
  { args: ['-', 'a', 'b'], stdin: 'print(...) print(arg[0], arg[-1])' },
  { args: ['--', '-', 'x'] },
  { args: [], stdin: 'print("no arguments: stdin is the script")' },
  { args: ['-'], stdin: 'x = = 1\n' },
  { args: ['syntax.lua'] },
  { args: ['runtime.lua'] },
  { args: ['table-error.lua'] },
  { args: ['number-error.lua'] },
  { args: ['nil-error.lua'] },
  { args: ['tostring-error.lua'] },
  { args: ['shebang.lua'] },
  { args: ['io.lua'] },
  { args: ['gc-at-exit.lua'] },
  { args: ['nofile.lua'] },
  { args: ['-e', 'x ='] },
  { args: ['-e', 'error("no position", 0)'] },
  { args: ['-e', 'error()'] },
  { args: ['-e', 'os.exit(true)'] },
  { args: ['-e', 'error("stops here")', '-e', 'print("not reached")'] },
  { args: ['-x'] },
  { args: ['-e'] },
  { args: ['-vx'] },
  { args: ['-l'] },
  { args: ['-e', 'print("init ran first")'], env: { LUA_INIT: 'print("init")' } },
  { args: ['args.lua'], env: { LUA_INIT: '@init.lua' } },
  { args: ['-e', 'print(1)'], env: { LUA_INIT: 'error("bad init")' } },
  { args: ['-e', 'print(1)'], env: { LUA_INIT: 'x = = 1' } },
];

describeWithOracle(['lua5.1'], 'ferrous-lua vs lua5.1 (command line)', () => {
  for (const c of CASES) {
    const title = [c.env ? `LUA_INIT=${c.env.LUA_INIT}` : '', ...c.args.map((a) => JSON.stringify(a)), c.stdin !== undefined ? '< stdin' : ''].filter(Boolean).join(' ');
    it(title || '(no arguments)', () => {
      const env = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, resolveArgs([v])[0]]));
      const stdin = c.stdin ?? '';
      const ours = here(c.args, env, stdin);
      const ref = oracle(c.args, env, stdin);
      // lua5.1's readline echoes each line it reads from a pipe after the prompt.
      if (c.args.includes('-i')) {
        let at = 0;
        for (const line of stdin.split('\n').slice(0, -1)) {
          const echo = ref.stdout.indexOf(line + '\n', at);
          if (echo < 0) break;
          ref.stdout = ref.stdout.slice(0, echo) + ref.stdout.slice(echo + line.length + 1);
          at = echo;
        }
      }
      expect(ours).toEqual(ref);
    });
  }

  /** The real CLI in a child process (what in-process runs cannot do: exit, read fd 0). */
  function spawnOurs(args: string[], stdin: string): Run {
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(import.meta.dirname, '..', 'cli.ts'), ...args], {
      cwd: dir,
      input: Buffer.from(stdin, 'latin1'),
      timeout: 60_000,
    });
    return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1').replaceAll('ferrous-lua', 'lua5.1'), status: r.status };
  }

  it('os.exit(n) ends the process with status n, flushing output', () => {
    const code = 'io.write("buffered ") print("out") os.exit(3)';
    expect(spawnOurs(['-e', code], '')).toEqual(oracle(['-e', code], {}, ''));
  }, 90_000);

  it('io.read, io.lines and io.stdin read the process stdin', () => {
    const code = [
      'local a, b = io.read("*n", "*n")',
      'print(a, b, io.read("*l"), io.read())',
      'print(io.stdin:read(3), io.read(0))',
      'local n = 0 for l in io.lines() do n = n + 1 last = l end',
      'print(n, last, io.read(), io.read("*a"), io.read(0))',
    ].join(' ');
    const stdin = '12 3.5e1 tail\nsecond\nthird\nfourth\nfifth\nlast without newline';
    expect(spawnOurs(['-e', code], stdin)).toEqual(oracle(['-e', code], {}, stdin));
  }, 90_000);
});
