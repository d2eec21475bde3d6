// processCommand: the one ordered pipeline every request goes through, like Redis's:
// lookup → arity → protected → auth → (ACL) → OOM → (MISCONF, READONLY replica) → pub/sub context
// → LOADING → BUSY → pause → MULTI queue or call. call() runs the handler, records stats, slowlog
// and latency, feeds MONITOR and hands changed-dataset commands to the propagate seam.
// Imported, not the global: the global `performance` is an accessor, a slow load on every call.
import { performance } from 'node:perf_hooks';
import { ErrorReply, type Reply } from '@ferrous/resp';
import { RedisError, ErrorText } from '@ferrous/store';
import type { Client } from '../client';
import { ServerError } from '../errors';
import { F, type Command } from './command-table';
import { queueCommand, rejectInTransaction } from '../commands/transaction';
import { persistenceOf } from '../persistence/persistence';
import { runHandler } from '../notify';
import { BlockedReply, blockedClientsOf, handleClientsBlockedOnKeys } from '../blocking/blocked-clients';
import { enterCommand, leaveCommand, trackingOf } from '../tracking';
import { busyErrorOf } from '../scripting/scripting';
import { DEFERRED_REPLY } from '../scripting/runner';
import { CountedErrorReply } from '../scripting/convert';

/** Commands allowed in RESP2 subscribed context. */
const PUBSUB_ALLOWED = new Set(['ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset']);
/** Commands that run (instead of being queued) inside MULTI. */
const MULTI_IMMEDIATE = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

export function processCommand(client: Client, argv: string[]): void {
  const server = client.server;
  const name = argv[0];
  let cmd = server.lookupCommand(name);
  if (cmd === undefined) return reject(client, null, ServerError.unknownCommand(name, argv.slice(1)));
  if (cmd.subcommands !== null && argv.length >= 2) {
    const sub = cmd.subcommands.get(argv[1].toLowerCase());
    if (sub === undefined) return reject(client, null, ServerError.unknownSubcommand(argv[1], name));
    cmd = sub;
  }
  const arity = cmd.arity;
  if ((arity > 0 && argv.length !== arity) || argv.length < -arity) {
    return reject(client, cmd, ServerError.wrongArity(cmd.fullName));
  }
  const bits = cmd.bits;
  if (bits & F.protected) {
    const why = server.protectedCommandDenied(client, cmd);
    if (why !== null) return reject(client, cmd, why);
  }
  if (!client.authenticated && !(bits & F.noAuth)) return reject(client, cmd, ServerError.noAuth);
  if (server.maxmemoryEnabled && !server.store.evictIfNeeded() && bits & F.denyoom) {
    return reject(client, cmd, ErrorText.oom);
  }
  const misconf = persistenceOf(server).writeDenied(cmd);
  if (misconf !== null) return reject(client, cmd, misconf);
  if (client.resp === 2 && client.subscriptions + client.patternSubscriptions + client.shardSubscriptions > 0 && !PUBSUB_ALLOWED.has(cmd.fullName)) {
    return reject(client, cmd, ServerError.pubsubContext(cmd.fullName));
  }
  if (server.loading && !(bits & F.loading)) return reject(client, cmd, ServerError.loading);
  if (server.busy && !(bits & F.allowBusy)) return reject(client, cmd, busyErrorOf(server));
  if (server.pause !== null && !client.flags.replica && (server.pause.all || bits & (F.write | F.mayReplicate))) {
    server.postpone(client, argv);
    return;
  }
  if (client.flags.multi && !MULTI_IMMEDIATE.has(cmd.name)) {
    if (bits & F.noMulti) return reject(client, cmd, 'ERR Command not allowed inside a transaction');
    return queueCommand(client, cmd, argv);
  }
  const outer = enterCommand(client);
  call(client, cmd, argv);
  leaveCommand(client, cmd, outer);
  // Keys this command (EXEC, a script: as a whole) made ready serve their blocked clients now
  // (a script still running in the background serves them when it ends).
  if (!server.busy) handleClientsBlockedOnKeys(server);
}

/** Runs a command and records everything Redis's call() records; `collect` takes the reply instead of the client (EXEC). */
export function call(client: Client, cmd: Command, argv: string[], collect?: Reply[]): void {
  // Keys expire against one time for the outermost command and the commands nested in it (EXEC's queue).
  const store = client.server.store;
  store.fixCommandTime();
  try {
    callAtCommandTime(client, cmd, argv, collect);
  } finally {
    store.releaseCommandTime();
  }
}

function callAtCommandTime(client: Client, cmd: Command, argv: string[], collect?: Reply[]): void {
  const server = client.server;
  const dirtyBefore = server.dirty;
  const start = performance.now();
  let reply: Reply;
  try {
    reply = runHandler(client, cmd, argv);
  } catch (e) {
    reply = errorReplyOf(client, e);
  }
  const usec = Math.round((performance.now() - start) * 1000);
  client.lastCommand = cmd;
  const stats = cmd.stats;
  stats.calls++;
  stats.usec += usec;
  if (reply instanceof ErrorReply) {
    stats.failedCalls++;
    if (!(reply instanceof CountedErrorReply)) server.countError(reply.message);
  }
  if (collect) collect.push(reply);
  else if (reply instanceof BlockedReply) blockedClientsOf(server).block(client, cmd, argv, reply.request);
  else if (reply !== DEFERRED_REPLY) client.reply(reply);
  // Client-side caching: a tracking client may now cache the keys this read-only command read.
  if (client.flags.tracking && cmd.bits & F.readonly) trackingOf(server).remember(client, cmd, argv);
  if (client.skipNext && cmd.fullName !== 'client|reply') client.skipNext = false;
  server.stats.totalCommands++;
  server.afterCommand(client, cmd, argv, usec, server.dirty !== dirtyBefore);
}

function reject(client: Client, cmd: Command | null, message: string): void {
  const server = client.server;
  if (cmd !== null) cmd.stats.rejectedCalls++;
  server.stats.totalCommands++;
  message = rejectInTransaction(client, cmd, message);
  server.countError(message);
  client.reply(new ErrorReply(message));
}

/** A thrown RedisError becomes its reply; anything else is a bug: logged, answered with -ERR. */
function errorReplyOf(client: Client, e: unknown): ErrorReply {
  if (e instanceof RedisError) return new ErrorReply(e.message);
  const err = e instanceof Error ? e : new Error(String(e));
  if (err instanceof RangeError && /call stack/.test(err.message)) return new ErrorReply('ERR stack overflow');
  client.server.log('warning', `Unexpected error in command: ${err.stack ?? err.message}`);
  return new ErrorReply(`ERR ${err.message.replace(/[\r\n]/g, ' ')}`);
}
