#!/usr/bin/env node
// ferrous-lua's process: real stdin/stdout/stderr and exit status around runCli (lua-cli.ts).
import { writeSync } from 'node:fs';
import { runCli } from './lua-cli';
import { tty } from './runtime/lazy-node';
import { processStdin } from './stdlib/file';

function writeAll(fd: 1 | 2, s: string): void {
  const buf = Buffer.from(s, 'latin1');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}

// Every write is synchronous, so the process may end as soon as the run does, without node
// tearing the heap down and draining V8's background tasks first.
const status = runCli(process.argv.slice(2), {
  write: writeAll,
  env: process.env,
  stdinIsTty: () => tty().isatty(0),
  // The same stdin buffer as io.read's, as lua.c and the io library share C's stdin.
  readStdinLine: () => processStdin().readLine(),
  readStdinAll: () => processStdin().readAll(),
  onExit: (flush) => process.on('exit', flush),
});
process.exit(status);
