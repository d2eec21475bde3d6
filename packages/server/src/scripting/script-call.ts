// redis.call / redis.pcall: a command run on the script's behalf through the real dispatch path
// (call()), after the checks Redis's scriptCall makes, in its order and with its texts.
import { ErrorReply, type Reply } from '@ferrous/resp';
import type { Client } from '../client';
import { call } from '../dispatch/process-command';
import { F } from '../dispatch/command-table';
import { persistenceOf } from '../persistence/persistence';
import { trackingOf } from '../tracking';
import type { Server } from '../server';

/** What one running script knows about itself (Redis's scriptRunCtx). */
export interface RunContext {
  readonly server: Server;
  /** The client that sent EVAL/FCALL. */
  readonly caller: Client;
  /** The caller's EVAL/FCALL command line (FUNCTION STATS). */
  readonly argv: string[];
  /** The script's own client (the `lua` client): its db and protocol are the script's. */
  readonly client: Client;
  /** `f_<sha>`'s sha for EVAL, the function name for FCALL (error texts). */
  readonly name: string;
  readonly isEval: boolean;
  /** *_RO command, or a script declaring `no-writes`. */
  readonly readOnly: boolean;
  readonly allowOom: boolean;
  /** The server was over maxmemory when the script started. */
  readonly oomAtStart: boolean;
  /** The script ran a write command (SCRIPT KILL refuses then). */
  wrote: boolean;
  /** redis.set_repl flags (REPL_ALL = 3). */
  repl: number;
  killed: boolean;
}

const OOM_TEXT = "OOM command not allowed when used memory > 'maxmemory'.";

/** Runs `argv` for the script; a refused command comes back as an ErrorReply (counted as rejected). */
export function scriptCall(run: RunContext, argv: string[]): Reply {
  const server = run.server;
  let cmd = server.lookupCommand(argv[0]);
  if (cmd !== undefined && cmd.subcommands !== null && argv.length >= 2) cmd = cmd.subcommands.get(argv[1].toLowerCase());
  if (cmd === undefined) return rejected(server, null, 'ERR Unknown Redis command called from script');
  const arity = cmd.arity;
  let refusal: string | null = null;
  if ((arity > 0 && argv.length !== arity) || argv.length < -arity) refusal = 'ERR Wrong number of args calling Redis command from script';
  else if (cmd.bits & F.noscript) refusal = 'ERR This Redis command is not allowed from script';
  else if (run.readOnly && cmd.bits & (F.write | F.mayReplicate)) refusal = 'ERR Write commands are not allowed from read-only scripts.';
  else if (cmd.bits & F.write && !run.wrote) refusal = persistenceOf(server).writeDenied(cmd);
  if (refusal === null && !run.allowOom && server.maxmemoryEnabled && !run.wrote && run.oomAtStart && cmd.bits & F.denyoom) refusal = OOM_TEXT;
  if (refusal !== null) return rejected(server, cmd, refusal);
  if (cmd.bits & F.write) run.wrote = true;
  const out: Reply[] = [];
  call(run.client, cmd, argv, out);
  // Client-side caching: the keys a script read are the caller's to track.
  if (run.caller.flags.tracking && cmd.bits & F.readonly) trackingOf(server).remember(run.caller, cmd, argv);
  return out[0];
}

function rejected(server: Server, cmd: { stats: { rejectedCalls: number } } | null, message: string): ErrorReply {
  if (cmd !== null) cmd.stats.rejectedCalls++;
  server.countError(message);
  return new ErrorReply(message);
}

/**
 * luaPushErrorBuff: the `err` field for an error text. `-CODE message` (a reply as on the wire)
 * keeps its code; anything else is a message under the generic ERR code.
 */
export function errorField(text: string): string {
  const trimmed = text.replace(/[\r\n]+$/, '');
  if (!trimmed.startsWith('-')) return `ERR ${trimmed}`;
  return trimmed.includes(' ') ? trimmed.slice(1) : `ERR ${trimmed.slice(1)}`;
}
