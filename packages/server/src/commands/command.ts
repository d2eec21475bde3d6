// COMMAND and its subcommands, answered entirely from the command table.
import { globMatch } from '@ferrous/store';
import { MapReply, SetReply, SimpleString, type Reply } from '@ferrous/resp';
import type { Client } from '../client';
import type { Command, CommandSpec } from '../dispatch/command-table';
import { ErrorText, RedisError } from '../errors';
import { helpReply } from '../reply';

// ---- table views -----------------------------------------------------------------------------

function status(items: string[]): SetReply {
  return new SetReply(items.map((s) => new SimpleString(s)));
}

/** The key-spec flags Redis declares, derived from the command's read/write nature. */
function keySpecFlags(cmd: Command): string[] {
  if (cmd.spec.keyFlags) return cmd.spec.keyFlags;
  const flags = cmd.spec.flags;
  if (flags.includes('write')) return ['RW', 'update'];
  return ['RO', 'access'];
}

function keySpecs(cmd: Command): Reply[] {
  const ks = cmd.spec.keys;
  if (!ks || ks.first === 0) return [];
  const lastkey = ks.last < 0 ? ks.last : ks.last - ks.first;
  return [
    new MapReply([
      'flags', status(keySpecFlags(cmd)),
      'begin_search', new MapReply(['type', 'index', 'spec', new MapReply(['index', ks.first])]),
      'find_keys', new MapReply(['type', 'range', 'spec', new MapReply(['lastkey', lastkey, 'keystep', ks.step, 'limit', 0])]),
    ]),
  ];
}

/** One COMMAND INFO entry (10 elements, Redis 7.0). */
function commandInfo(cmd: Command): Reply {
  const ks = cmd.spec.keys;
  return [
    cmd.fullName,
    cmd.arity,
    status(cmd.flagNames),
    ks?.first ?? 0,
    ks?.last ?? 0,
    ks?.step ?? 0,
    status(cmd.categories.map((c) => `@${c}`)),
    status(cmd.spec.tips ?? []),
    keySpecs(cmd),
    cmd.subcommands ? [...cmd.subcommands.values()].map(commandInfo) : [],
  ];
}

/** One COMMAND DOCS entry (a map). */
function commandDocs(cmd: Command): Reply {
  const s = cmd.spec;
  const entries: Reply[] = ['summary', s.summary ?? '', 'since', s.since ?? '1.0.0', 'group', s.group ?? 'generic'];
  if (s.complexity) entries.push('complexity', s.complexity);
  if (cmd.subcommands) {
    const subs: Reply[] = [];
    for (const sub of cmd.subcommands.values()) subs.push(sub.fullName, commandDocs(sub));
    entries.push('subcommands', new MapReply(subs));
  }
  return new MapReply(entries);
}

/** A command by `name` or `container|sub`, or undefined. */
function lookup(c: Client, name: string): Command | undefined {
  const [base, sub] = name.toLowerCase().split('|', 2);
  const cmd = c.server.commands.get(base);
  if (sub === undefined) return cmd;
  return cmd?.subcommands?.get(sub);
}

function* everyCommand(c: Client): Generator<Command> {
  for (const cmd of c.server.commands.values()) {
    yield cmd;
    if (cmd.subcommands) yield* cmd.subcommands.values();
  }
}

/** The command an argv for GETKEYS names, checked like Redis does. */
function getkeysTarget(c: Client, argv: string[]): { cmd: Command; args: string[] } {
  const args = argv.slice(2);
  let cmd = c.server.commands.get(args[0].toLowerCase());
  if (cmd?.subcommands && args.length >= 2) cmd = cmd.subcommands.get(args[1].toLowerCase()) ?? cmd;
  if (!cmd) throw new RedisError('ERR Invalid command specified');
  if ((cmd.arity > 0 && cmd.arity !== args.length) || args.length < -cmd.arity) {
    throw new RedisError('ERR Invalid number of arguments specified for command');
  }
  return { cmd, args };
}

// ---- handlers --------------------------------------------------------------------------------

function commandCommand(c: Client): Reply {
  return [...c.server.commands.values()].map(commandInfo);
}

function commandCountCommand(c: Client): Reply {
  return c.server.commands.size;
}

function commandInfoCommand(c: Client, argv: string[]): Reply {
  if (argv.length === 2) return [...c.server.commands.values()].map(commandInfo);
  return argv.slice(2).map((name) => {
    const cmd = lookup(c, name);
    return cmd ? commandInfo(cmd) : null;
  });
}

function commandDocsCommand(c: Client, argv: string[]): Reply {
  const out: Reply[] = [];
  const cmds = argv.length === 2 ? [...c.server.commands.values()] : argv.slice(2).map((n) => lookup(c, n));
  for (const cmd of cmds) if (cmd) out.push(cmd.fullName, commandDocs(cmd));
  return new MapReply(out);
}

function commandListCommand(c: Client, argv: string[]): Reply {
  const names: string[] = [];
  let filter: (cmd: Command) => boolean = () => true;
  if (argv.length > 2) {
    if (argv.length !== 5 || argv[2].toUpperCase() !== 'FILTERBY') throw new RedisError(ErrorText.syntax);
    const kind = argv[3].toUpperCase();
    const value = argv[4];
    if (kind === 'MODULE') filter = () => false;
    else if (kind === 'ACLCAT') filter = (cmd) => (cmd.categories as string[]).includes(value.toLowerCase());
    else if (kind === 'PATTERN') filter = (cmd) => globMatch(value.toLowerCase(), cmd.fullName);
    else throw new RedisError(ErrorText.syntax);
  }
  for (const cmd of everyCommand(c)) if (filter(cmd)) names.push(cmd.fullName);
  return names;
}

function commandGetkeysCommand(c: Client, argv: string[]): Reply {
  const { cmd, args } = getkeysTarget(c, argv);
  const keys = cmd.keyPositions(args);
  if (keys.length === 0) throw new RedisError('ERR The command has no key arguments');
  return keys.map((i) => args[i]);
}

function commandGetkeysandflagsCommand(c: Client, argv: string[]): Reply {
  const { cmd, args } = getkeysTarget(c, argv);
  const keys = cmd.keyPositions(args);
  if (keys.length === 0) throw new RedisError('ERR The command has no key arguments');
  return keys.map((i) => [args[i], status(keySpecFlags(cmd))]);
}

function commandHelpCommand(): Reply {
  return helpReply('command', [
    '(no subcommand)',
    "    Return details about all Redis commands.",
    'COUNT',
    '    Return the total number of commands in this Redis server.',
    'LIST',
    '    Return a list of all commands in this Redis server.',
    'INFO [<command-name> ...]',
    '    Return details about multiple Redis commands.',
    '    If no command names are given, documentation details for all',
    '    commands are returned.',
    'DOCS [<command-name> ...]',
    '    Return documentation details about multiple Redis commands.',
    '    If no command names are given, documentation details for all',
    '    commands are returned.',
    'GETKEYS <full-command>',
    '    Return the keys from a full Redis command.',
    'GETKEYSANDFLAGS <full-command>',
    '    Return the keys and the access flags from a full Redis command.',
  ]);
}

// ---- table -------------------------------------------------------------------------------------

const F: CommandSpec['flags'] = ['loading', 'stale'];

export const commandCommands: CommandSpec[] = [
  {
    name: 'command',
    arity: -1,
    flags: F,
    acl: ['connection'],
    summary: 'Get array of Redis command details',
    since: '2.8.13',
    tips: ['nondeterministic_output_order'],
    run: commandCommand,
    subcommands: [
      { name: 'count', arity: 2, flags: F, acl: ['connection'], summary: 'Get total number of Redis commands', since: '2.8.13', run: commandCountCommand },
      { name: 'info', arity: -2, flags: F, acl: ['connection'], summary: 'Get array of specific Redis command details, or all when no argument is given.', since: '2.8.13', tips: ['nondeterministic_output_order'], run: commandInfoCommand },
      { name: 'docs', arity: -2, flags: F, acl: ['connection'], summary: 'Get array of specific Redis command documentation', since: '7.0.0', tips: ['nondeterministic_output_order'], run: commandDocsCommand },
      { name: 'list', arity: -2, flags: F, acl: ['connection'], summary: 'Get an array of Redis command names', since: '7.0.0', tips: ['nondeterministic_output_order'], run: commandListCommand },
      { name: 'getkeys', arity: -4, flags: F, acl: ['connection'], summary: 'Extract keys given a full Redis command', since: '2.8.13', run: commandGetkeysCommand },
      { name: 'getkeysandflags', arity: -4, flags: F, acl: ['connection'], summary: 'Extract keys and access flags given a full Redis command', since: '7.0.0', run: commandGetkeysandflagsCommand },
      { name: 'help', arity: 2, flags: F, acl: ['connection'], summary: 'Show helpful text about the different subcommands', since: '5.0.0', run: commandHelpCommand },
    ],
  },
];
