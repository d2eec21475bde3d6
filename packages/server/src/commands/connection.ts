// Connection commands: PING ECHO QUIT RESET AUTH HELLO SELECT and the CLIENT family.
import { MapReply, SimpleString, VerbatimReply, type Reply } from '@ferrous/resp';
import { ArgReader, int32Arg, intArg } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { ErrorText, RedisError, ServerError } from '../errors';
import { helpReply, OK, PONG } from '../reply';
import { REDIS_VERSION } from '../server';
import { pubsubOf } from '../pubsub/registry';
import { discardTransaction, queuedCount } from './transaction';
import { blockedClientsOf } from '../blocking/blocked-clients';
import { clientCachingCommand, clientGetredirCommand, clientTrackingCommand, clientTrackinginfoCommand, trackingFlags, trackingOf, trackingRedirect } from '../tracking';

// ---- argument checks ---------------------------------------------------------------------------

function onOff(text: string): boolean {
  const v = text.toUpperCase();
  if (v === 'ON') return true;
  if (v === 'OFF') return false;
  throw new RedisError(ErrorText.syntax);
}

/** Client names: printable ASCII without spaces. */
function checkClientName(name: string): void {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) throw new RedisError('ERR Client names cannot contain spaces, newlines or special characters.');
  }
}

function checkPassword(c: Client, user: string, pass: string): boolean {
  const required = c.server.config.str('requirepass');
  return user === 'default' && (required === '' || pass === required);
}

// ---- connection handlers -----------------------------------------------------------------------

function pingCommand(c: Client, argv: string[]): Reply {
  if (argv.length > 2) throw new RedisError(ServerError.wrongArity('ping'));
  if (c.resp === 2 && c.subscriptions + c.patternSubscriptions + c.shardSubscriptions > 0) return ['pong', argv[1] ?? ''];
  return argv.length === 2 ? argv[1] : PONG;
}

function echoCommand(_c: Client, argv: string[]): Reply {
  return argv[1];
}

function quitCommand(c: Client): Reply {
  c.flags.closeAfterReply = true;
  return OK;
}

function resetCommand(c: Client): Reply {
  c.db = c.server.store.db(0);
  c.resp = 2;
  c.name = '';
  c.replyMode = 'on';
  c.skipNext = false;
  c.flags.noEvict = false;
  discardTransaction(c);
  pubsubOf(c.server).forget(c);
  trackingOf(c.server).disable(c);
  if (c.flags.monitor) {
    c.flags.monitor = false;
    c.server.monitors.delete(c);
  }
  c.authenticated = c.server.config.str('requirepass') === '';
  c.user = 'default';
  return new SimpleString('RESET');
}

function authCommand(c: Client, argv: string[]): Reply {
  if (argv.length > 3) throw new RedisError(ErrorText.syntax);
  const user = argv.length === 3 ? argv[1] : 'default';
  const pass = argv[argv.length - 1];
  if (argv.length === 2 && c.server.config.str('requirepass') === '') throw new RedisError(ServerError.authNotSet);
  if (!checkPassword(c, user, pass)) throw new RedisError(ServerError.wrongPass);
  c.authenticated = true;
  c.user = user;
  return OK;
}

function helloCommand(c: Client, argv: string[]): Reply {
  let proto = c.resp as number;
  let i = 1;
  if (argv.length >= 2) {
    const v = intArg(argv[1], 'ERR Protocol version is not an integer or out of range');
    if (v < 2 || v > 3) throw new RedisError('NOPROTO unsupported protocol version');
    proto = v;
    i = 2;
  }
  let auth: [string, string] | null = null;
  let name: string | null = null;
  for (; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    const left = argv.length - i - 1;
    if (opt === 'AUTH' && left >= 2) {
      auth = [argv[i + 1], argv[i + 2]];
      i += 2;
    } else if (opt === 'SETNAME' && left >= 1) {
      name = argv[++i];
      checkClientName(name);
    } else {
      throw new RedisError(`ERR Syntax error in HELLO option '${argv[i]}'`);
    }
  }
  if (auth !== null) {
    if (!checkPassword(c, auth[0], auth[1])) throw new RedisError(ServerError.wrongPass);
    c.authenticated = true;
    c.user = auth[0];
  }
  if (!c.authenticated) {
    throw new RedisError(
      'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
    );
  }
  if (name !== null) c.name = name;
  c.resp = proto as 2 | 3;
  return new MapReply([
    'server', 'redis',
    'version', REDIS_VERSION,
    'proto', proto,
    'id', c.id,
    'mode', 'standalone',
    'role', 'master',
    'modules', [],
  ]);
}

function selectCommand(c: Client, argv: string[]): Reply {
  const index = int32Arg(argv[1]);
  if (index < 0 || index >= c.server.store.databases) throw new RedisError(ErrorText.dbIndexOutOfRange);
  c.db = c.server.store.db(index);
  return OK;
}

// ---- CLIENT ------------------------------------------------------------------------------------

type ClientType = 'normal' | 'master' | 'replica' | 'pubsub';

function parseClientType(text: string): ClientType {
  const t = text.toLowerCase();
  if (t === 'normal' || t === 'master' || t === 'pubsub') return t;
  if (t === 'replica' || t === 'slave') return 'replica';
  throw new RedisError(`ERR Unknown client type '${text}'`);
}

function clientType(c: Client): ClientType {
  if (c.flags.master) return 'master';
  if (c.flags.replica) return 'replica';
  if (c.subscriptions + c.patternSubscriptions + c.shardSubscriptions > 0) return 'pubsub';
  return 'normal';
}

function clientFlagsText(c: Client): string {
  let f = '';
  if (c.flags.replica) f += c.flags.monitor ? 'O' : 'S';
  if (c.flags.master) f += 'M';
  if (c.subscriptions + c.patternSubscriptions + c.shardSubscriptions > 0) f += 'P';
  if (c.flags.multi) f += 'x';
  if (c.flags.blocked) f += 'b';
  f += trackingFlags(c);
  if (c.flags.closeAfterReply) f += 'c';
  if (c.flags.unixSocket) f += 'U';
  if (c.flags.readonly) f += 'r';
  if (c.flags.noEvict) f += 'e';
  return f || 'N';
}

/** One CLIENT LIST / CLIENT INFO line, fields in Redis 7.0's order. */
export function clientInfoLine(c: Client): string {
  const now = Date.now();
  const qbuf = c.queryBufferSize;
  const omem = c.outputSize;
  return [
    `id=${c.id}`,
    `addr=${c.addr}`,
    `laddr=${c.laddr}`,
    `fd=${c.fd}`,
    `name=${c.name}`,
    `age=${Math.floor((now - c.createdAt) / 1000)}`,
    `idle=${Math.floor((now - c.lastInteraction) / 1000)}`,
    `flags=${clientFlagsText(c)}`,
    `db=${c.dbIndex}`,
    `sub=${c.subscriptions}`,
    `psub=${c.patternSubscriptions}`,
    `ssub=${c.shardSubscriptions}`,
    `multi=${c.flags.multi ? queuedCount(c) : -1}`,
    `qbuf=${qbuf}`,
    `qbuf-free=${Math.max(0, 20474 - qbuf)}`,
    'argv-mem=0',
    'multi-mem=0',
    'rbs=16384',
    'rbp=0',
    `obl=${Math.min(omem, 16384)}`,
    `oll=${omem > 16384 ? 1 : 0}`,
    `omem=${omem}`,
    `tot-mem=${16384 + qbuf + omem + 2048}`,
    `events=r${omem > 0 ? 'w' : ''}`,
    `cmd=${c.lastCommand ? c.lastCommand.fullName : 'NULL'}`,
    `user=${c.user}`,
    `redir=${trackingRedirect(c)}`,
    `resp=${c.resp}`,
  ].join(' ');
}

function clientIdCommand(c: Client): Reply {
  return c.id;
}

function clientInfoCommand(c: Client): Reply {
  return new VerbatimReply('txt', clientInfoLine(c) + '\n');
}

function clientListCommand(c: Client, argv: string[]): Reply {
  let clients = [...c.server.clients.values()];
  const r = new ArgReader(argv, 2);
  while (r.more) {
    const opt = r.token();
    if (opt === 'TYPE' && r.left >= 1) {
      const type = parseClientType(r.value());
      clients = clients.filter((x) => clientType(x) === type);
    } else if (opt === 'ID' && r.left >= 1) {
      const ids = new Set<number>();
      while (r.left > 0) {
        const id = intArg(r.value(), 'ERR Invalid client ID');
        if (id <= 0) throw new RedisError('ERR Invalid client ID');
        ids.add(id);
      }
      clients = clients.filter((x) => ids.has(x.id));
    } else {
      r.fail(ErrorText.syntax);
    }
  }
  r.check();
  return new VerbatimReply('txt', clients.map((x) => clientInfoLine(x) + '\n').join(''));
}

function clientKillCommand(c: Client, argv: string[]): Reply {
  const server = c.server;
  if (argv.length === 3) {
    const target = [...server.clients.values()].find((x) => x.addr === argv[2]);
    if (!target) throw new RedisError('ERR No such client');
    killClient(c, target);
    return OK;
  }
  if (argv.length % 2 !== 0) throw new RedisError(ErrorText.syntax);
  const filters: ((x: Client) => boolean)[] = [];
  let skipMe = true;
  for (let i = 2; i < argv.length; i += 2) {
    const opt = argv[i].toUpperCase();
    const value = argv[i + 1];
    if (opt === 'ID') {
      const id = intArg(value, 'ERR client-id should be greater than 0');
      if (id <= 0) throw new RedisError('ERR client-id should be greater than 0');
      filters.push((x) => x.id === id);
    } else if (opt === 'TYPE') {
      const type = parseClientType(value);
      filters.push((x) => clientType(x) === type);
    } else if (opt === 'ADDR') {
      filters.push((x) => x.addr === value);
    } else if (opt === 'LADDR') {
      filters.push((x) => x.laddr === value);
    } else if (opt === 'USER') {
      if (value !== 'default') throw new RedisError(`ERR No such user '${value}'`);
      filters.push((x) => x.user === value);
    } else if (opt === 'SKIPME') {
      const v = value.toLowerCase();
      if (v !== 'yes' && v !== 'no') throw new RedisError(ErrorText.syntax);
      skipMe = v === 'yes';
    } else {
      throw new RedisError(ErrorText.syntax);
    }
  }
  let killed = 0;
  for (const x of [...server.clients.values()]) {
    if (skipMe && x === c) continue;
    if (filters.every((f) => f(x))) {
      killClient(c, x);
      killed++;
    }
  }
  return killed;
}

/** Kills `target`; killing oneself closes after this reply is written. */
function killClient(self: Client, target: Client): void {
  if (target === self) self.flags.closeAfterReply = true;
  else target.close();
}

function clientSetnameCommand(c: Client, argv: string[]): Reply {
  checkClientName(argv[2]);
  c.name = argv[2];
  return OK;
}

function clientGetnameCommand(c: Client): Reply {
  return c.name === '' ? null : c.name;
}

function clientPauseCommand(c: Client, argv: string[]): Reply {
  const ms = intArg(argv[2], ServerError.timeoutNotInteger);
  if (ms < 0) throw new RedisError('ERR timeout is negative');
  let all = true;
  if (argv.length === 4) {
    const mode = argv[3].toUpperCase();
    if (mode === 'WRITE') all = false;
    else if (mode !== 'ALL') throw new RedisError(ErrorText.syntax);
  } else if (argv.length > 4) {
    throw new RedisError(ErrorText.syntax);
  }
  c.server.pauseClients(all, ms);
  return OK;
}

function clientUnpauseCommand(c: Client): Reply {
  c.server.unpauseClients();
  return OK;
}

function clientReplyCommand(c: Client, argv: string[]): Reply {
  const mode = argv[2].toUpperCase();
  if (mode === 'ON') {
    c.replyMode = 'on';
    c.skipNext = false;
    return OK;
  }
  if (mode === 'OFF') c.replyMode = 'off';
  else if (mode === 'SKIP') c.skipNext = true;
  else throw new RedisError(ErrorText.syntax);
  return OK; // dropped: OFF and SKIP silence their own reply
}

function clientNoEvictCommand(c: Client, argv: string[]): Reply {
  c.flags.noEvict = onOff(argv[2]);
  return OK;
}

function clientUnblockCommand(c: Client, argv: string[]): Reply {
  const id = intArg(argv[2]);
  let withError = false;
  if (argv.length === 4) {
    const mode = argv[3].toUpperCase();
    if (mode !== 'TIMEOUT' && mode !== 'ERROR') throw new RedisError('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
    withError = mode === 'ERROR';
  }
  // Only clients in a blocking command (BLPOP, …) are unblockable; paused clients are not.
  const target = c.server.clients.get(id);
  return target !== undefined && blockedClientsOf(c.server).unblockClient(target, withError) ? 1 : 0;
}

function clientHelpCommand(): Reply {
  return helpReply('client', [
    'CACHING (YES|NO)',
    '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
    'GETREDIR',
    '    Return the client ID we are redirecting to when tracking is enabled.',
    'GETNAME',
    '    Return the name of the current connection.',
    'ID',
    '    Return the ID of the current connection.',
    'INFO',
    '    Return information about the current client connection.',
    'KILL <ip:port>',
    '    Kill connection made from <ip:port>.',
    'KILL <option> <value> [<option> <value> [...]]',
    '    Kill connections. Options are:',
    '    * ADDR (<ip:port>|<unixsocket>:0)',
    '      Kill connections made from the specified address',
    '    * LADDR (<ip:port>|<unixsocket>:0)',
    '      Kill connections made to specified local address',
    '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
    '      Kill connections by type.',
    '    * USER <username>',
    '      Kill connections authenticated by <username>.',
    '    * SKIPME (YES|NO)',
    '      Skip killing current connection (default: yes).',
    'LIST [options ...]',
    '    Return information about client connections. Options:',
    '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
    '      Return clients of specified type.',
    'UNPAUSE',
    '    Stop the current client pause, resuming traffic.',
    'PAUSE <timeout> [WRITE|ALL]',
    '    Suspend all, or just write, clients for <timeout> milliseconds.',
    'REPLY (ON|OFF|SKIP)',
    '    Control the replies sent to the current connection.',
    'SETNAME <name>',
    '    Assign the name <name> to the current connection.',
    'UNBLOCK <clientid> [TIMEOUT|ERROR]',
    '    Unblock the specified blocked client.',
    'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
    '         [OPTIN] [OPTOUT] [NOLOOP]',
    '    Control server assisted client side caching.',
    'TRACKINGINFO',
    '    Report tracking status for the current connection.',
    'NO-EVICT (ON|OFF)',
    '    Protect current client connection from eviction.',
  ]);
}

// ---- table -------------------------------------------------------------------------------------

const CONN: CommandSpec['flags'] = ['noscript', 'loading', 'stale'];

export const connectionCommands: CommandSpec[] = [
  { name: 'ping', arity: -1, flags: ['fast', 'sentinel'], acl: ['connection'], summary: 'Ping the server', since: '1.0.0', tips: ['request_policy:all_shards', 'response_policy:all_succeeded'], run: pingCommand },
  { name: 'echo', arity: 2, flags: ['loading', 'stale', 'fast'], acl: ['connection'], summary: 'Echo the given string', since: '1.0.0', run: echoCommand },
  { name: 'quit', arity: -1, flags: ['allow_busy', 'noscript', 'loading', 'stale', 'fast', 'no_auth'], acl: ['connection'], summary: 'Close the connection', since: '1.0.0', run: quitCommand },
  { name: 'reset', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'], acl: ['connection'], summary: 'Reset the connection', since: '6.2.0', run: resetCommand },
  { name: 'auth', arity: -2, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'sentinel', 'allow_busy'], acl: ['connection'], summary: 'Authenticate to the server', since: '1.0.0', run: authCommand },
  { name: 'hello', arity: -1, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'sentinel', 'allow_busy'], acl: ['connection'], summary: 'Handshake with Redis', since: '6.0.0', run: helloCommand },
  { name: 'select', arity: 2, flags: ['loading', 'stale', 'fast'], acl: ['connection'], summary: 'Change the selected database for the current connection', since: '1.0.0', run: selectCommand },
  {
    name: 'client',
    arity: -2,
    flags: [],
    summary: 'A container for client connection commands',
    since: '2.4.0',
    subcommands: [
      { name: 'id', arity: 2, flags: CONN, acl: ['connection'], summary: 'Returns the client ID for the current connection', since: '5.0.0', run: clientIdCommand },
      { name: 'info', arity: 2, flags: CONN, acl: ['connection'], summary: 'Returns information about the current client connection.', since: '6.2.0', tips: ['nondeterministic_output'], run: clientInfoCommand },
      { name: 'list', arity: -2, flags: ['admin', ...CONN], acl: ['connection'], summary: 'Get the list of client connections', since: '2.4.0', tips: ['nondeterministic_output'], run: clientListCommand },
      { name: 'kill', arity: -3, flags: ['admin', ...CONN], acl: ['connection'], summary: 'Kill the connection of a client', since: '2.4.0', run: clientKillCommand },
      { name: 'setname', arity: 3, flags: CONN, acl: ['connection'], summary: 'Set the current connection name', since: '2.6.9', run: clientSetnameCommand },
      { name: 'getname', arity: 2, flags: CONN, acl: ['connection'], summary: 'Get the current connection name', since: '2.6.9', run: clientGetnameCommand },
      { name: 'pause', arity: -3, flags: ['admin', ...CONN], acl: ['connection'], summary: 'Stop processing commands from clients for some time', since: '2.9.50', run: clientPauseCommand },
      { name: 'unpause', arity: 2, flags: ['admin', ...CONN], acl: ['connection'], summary: 'Resume processing of clients that were paused', since: '6.2.0', run: clientUnpauseCommand },
      { name: 'reply', arity: 3, flags: CONN, acl: ['connection'], summary: 'Instruct the server whether to reply to commands', since: '3.2.0', run: clientReplyCommand },
      { name: 'no-evict', arity: 3, flags: ['admin', ...CONN], acl: ['connection'], summary: 'Set client eviction mode for the current connection', since: '7.0.0', run: clientNoEvictCommand },
      { name: 'unblock', arity: -3, flags: ['admin', ...CONN], acl: ['connection'], summary: 'Unblock a client blocked in a blocking command from a different connection', since: '5.0.0', run: clientUnblockCommand },
      { name: 'tracking', arity: -3, flags: CONN, acl: ['connection'], summary: 'Enable or disable server assisted client side caching support', since: '6.0.0', run: clientTrackingCommand },
      { name: 'caching', arity: 3, flags: CONN, acl: ['connection'], summary: 'Instruct the server about tracking or not keys in the next request', since: '6.0.0', run: clientCachingCommand },
      { name: 'trackinginfo', arity: 2, flags: CONN, acl: ['connection'], summary: 'Return information about server assisted client side caching for the current connection', since: '6.2.0', run: clientTrackinginfoCommand },
      { name: 'getredir', arity: 2, flags: CONN, acl: ['connection'], summary: 'Get tracking notifications redirection client ID if any', since: '6.0.0', run: clientGetredirCommand },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], acl: ['connection'], summary: 'Show helpful text about the different subcommands', since: '5.0.0', run: clientHelpCommand },
    ],
  },
];

