// Node built-ins that only some Lua programs need, loaded on first use. child_process, tty, v8
// and vm pull in streams, sockets and heap utilities (os: a native binding): a script that never
// calls io.popen, os.execute or collectgarbage (or a CLI run with a script) should not pay for
// them at startup.
import { createRequire } from 'node:module';
import type * as ChildProcess from 'node:child_process';
import type * as Os from 'node:os';
import type * as Tty from 'node:tty';
import type * as V8 from 'node:v8';
import type * as Vm from 'node:vm';

const nodeRequire = createRequire(import.meta.url);

export const childProcess = (): typeof ChildProcess => nodeRequire('node:child_process') as typeof ChildProcess;
export const os = (): typeof Os => nodeRequire('node:os') as typeof Os;
export const tty = (): typeof Tty => nodeRequire('node:tty') as typeof Tty;
export const v8 = (): typeof V8 => nodeRequire('node:v8') as typeof V8;
export const vm = (): typeof Vm => nodeRequire('node:vm') as typeof Vm;
