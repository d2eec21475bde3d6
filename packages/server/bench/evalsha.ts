// EVALSHA cost against redis-server in the same run: a small script doing two redis.call()s (the
// shape of a rate limiter or a lock), driven by redis-benchmark with 50 clients at pipeline 1 and
// 16. The number is each server's own CPU time (utime+stime from /proc) per call, best of
// alternating rounds, as ../shared/tools/server-bench.py measures plain commands.
// Needs `pnpm build` first (runs apps/server/dist/main.js) and redis-benchmark on PATH.
//   npx tsx packages/server/bench/evalsha.ts [calls] [rounds]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const calls = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const SCRIPT = "redis.call('SET', KEYS[1], ARGV[1]) return redis.call('INCR', KEYS[2])";
const root = fileURLToPath(new URL('../../..', import.meta.url));
const basePort = 7400 + (process.pid % 500);

/** utime + stime of a process in µs (the fields count 10 ms clock ticks). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(')').pop()!.trim().split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 1e4;
}

function cli(port: number, ...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

async function start(cmd: string, args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(cmd, args, { cwd: root, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if (cli(port, 'PING') === 'PONG') return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${cmd} did not start on port ${port}`);
}

/** One redis-benchmark run: [calls per second, server CPU µs per call]. */
function run(port: number, pid: number, sha: string, pipeline: number): [number, number] {
  const before = cpuMicros(pid);
  const out = execFileSync('redis-benchmark', [
    '-p', String(port), '-n', String(calls), '-c', '50', '-P', String(pipeline), '-r', '100000', '--csv', '-q',
    'EVALSHA', sha, '2', 'lim:__rand_int__', 'hits:__rand_int__', 'v',
  ], { encoding: 'latin1' });
  const cpu = cpuMicros(pid) - before;
  const rps = Number(out.trim().split('\n').pop()!.split(',')[1].replace(/"/g, ''));
  return [rps, cpu / calls];
}

const servers = [
  { name: 'ferrous', port: basePort, cmd: 'node', args: ['apps/server/dist/main.js', '--port', String(basePort), '--save', ''] },
  { name: 'redis', port: basePort + 1, cmd: 'redis-server', args: ['--port', String(basePort + 1), '--save', '', '--appendonly', 'no'] },
];
const children = await Promise.all(servers.map((s) => start(s.cmd, s.args, s.port)));
try {
  const shas = servers.map((s) => cli(s.port, 'SCRIPT', 'LOAD', SCRIPT));
  if (shas[0] !== shas[1]) throw new Error(`SCRIPT LOAD disagrees: ${shas.join(' vs ')}`);
  console.log(`EVALSHA of \`${SCRIPT}\`, ${calls} calls, 50 clients, best of ${rounds} rounds`);
  for (const pipeline of [1, 16]) {
    const best = servers.map(() => ({ rps: 0, cpu: Infinity }));
    for (let r = 0; r < rounds; r++) {
      servers.forEach((s, i) => {
        const [rps, cpu] = run(s.port, children[i].pid!, shas[0], pipeline);
        best[i].rps = Math.max(best[i].rps, rps);
        best[i].cpu = Math.min(best[i].cpu, cpu);
      });
    }
    const [f, r] = best;
    console.log(
      `P=${String(pipeline).padEnd(3)} ferrous ${f.rps.toFixed(0).padStart(8)} calls/s ${f.cpu.toFixed(2)} µs/call | ` +
        `redis ${r.rps.toFixed(0).padStart(8)} calls/s ${r.cpu.toFixed(2)} µs/call | cpu ratio ${(r.cpu / f.cpu).toFixed(2)}`,
    );
  }
} finally {
  for (const child of children) child.kill('SIGKILL');
}
