// COMMAND and its subcommands, answered entirely from the command table.
import { globMatch } from '@ferrous/store';
import { MapReply, SetReply, SimpleString, type Reply } from '@ferrous/resp';
import type { Client } from '../client';
import { docsFor, type DocArg } from '../command-docs';
import type { Command, CommandSpec } from '../dispatch/command-table';
import { keyFlagsByPosition, orderedFlags, rangeKeys, specFlags, type KeySpec } from '../dispatch/key-specs';
import { ErrorText, RedisError } from '../errors';
import { helpReply } from '../reply';

// ---- table views -----------------------------------------------------------------------------

function status(items: string[]): SetReply {
  return new SetReply(items.map((s) => new SimpleString(s)));
}

/** The command's key specs: declared in full, or one range derived from its legacy key range. */
function keySpecsOf(cmd: Command): KeySpec[] {
  const s = cmd.spec;
  if (s.keySpecs) return s.keySpecs;
  const ks = s.keys;
  if (!ks || ks.first === 0) return [];
  const flags = s.keyFlags ?? (s.flags.includes('write') ? ['RW', 'update'] : ['RO', 'access']);
  return [rangeKeys(flags, ks.first, ks.last < 0 ? ks.last : ks.last - ks.first, ks.step)];
}

function beginSearchReply(b: KeySpec['begin']): Reply {
  if (b === 'unknown') return new MapReply(['type', 'unknown', 'spec', new MapReply([])]);
  if ('index' in b) return new MapReply(['type', 'index', 'spec', new MapReply(['index', b.index])]);
  return new MapReply(['type', 'keyword', 'spec', new MapReply(['keyword', b.keyword, 'startfrom', b.startfrom])]);
}

function findKeysReply(f: KeySpec['find']): Reply {
  if (f === 'unknown') return new MapReply(['type', 'unknown', 'spec', new MapReply([])]);
  if ('lastkey' in f) return new MapReply(['type', 'range', 'spec', new MapReply(['lastkey', f.lastkey, 'keystep', f.keystep, 'limit', f.limit])]);
  return new MapReply(['type', 'keynum', 'spec', new MapReply(['keynumidx', f.keynumidx, 'firstkey', f.firstkey, 'keystep', f.keystep])]);
}

function keySpecReply(spec: KeySpec): Reply {
  const entries: Reply[] = spec.notes === undefined ? [] : ['notes', spec.notes];
  entries.push('flags', status(orderedFlags(spec)), 'begin_search', beginSearchReply(spec.begin), 'find_keys', findKeysReply(spec.find));
  return new MapReply(entries);
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
    new SetReply(cmd.spec.tips ?? []),
    new SetReply(keySpecsOf(cmd).map(keySpecReply)),
    // Redis replies an empty set when there are no subcommands, an array otherwise.
    cmd.subcommands ? [...cmd.subcommands.values()].map(commandInfo) : new SetReply([]),
  ];
}

/** One node of COMMAND DOCS' `arguments`, fields in Redis's order. */
function argumentReply(arg: DocArg): Reply {
  const entries: Reply[] = ['name', arg.name, 'type', arg.type];
  if (arg.keySpecIndex !== undefined) entries.push('key_spec_index', arg.keySpecIndex);
  if (arg.token !== undefined) entries.push('token', arg.token);
  if (arg.since) entries.push('since', arg.since);
  if (arg.deprecatedSince) entries.push('deprecated_since', arg.deprecatedSince);
  const flags = [...(arg.optional ? ['optional'] : []), ...(arg.multiple ? ['multiple'] : []), ...(arg.multipleToken ? ['multiple_token'] : [])];
  if (flags.length > 0) entries.push('flags', status(flags));
  if (arg.args) entries.push('arguments', arg.args.map(argumentReply));
  return new MapReply(entries);
}

/** One COMMAND DOCS entry (a map): the table's fields plus the command-docs declarations. */
function commandDocs(cmd: Command): Reply {
  const s = cmd.spec;
  const docs = docsFor(cmd.fullName);
  const entries: Reply[] = ['summary', s.summary ?? '', 'since', s.since ?? '1.0.0', 'group', s.group ?? 'generic'];
  const complexity = docs?.complexity ?? s.complexity;
  if (complexity) entries.push('complexity', complexity);
  const docFlags = [...(s.deprecated ? ['deprecated'] : []), ...(s.syscmd ? ['syscmd'] : [])];
  if (docFlags.length > 0) entries.push('doc_flags', status(docFlags));
  if (s.deprecated) entries.push('deprecated_since', s.deprecated.since, 'replaced_by', s.deprecated.replacedBy);
  if (docs?.history) entries.push('history', new SetReply(docs.history.map(([version, change]) => [version, change])));
  if (docs?.args) entries.push('arguments', docs.args.map(argumentReply));
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

/**
 * The keys of a full command with their flags, as Redis's getKeysFromCommandWithSpecs gives them:
 * positions from the table, flags from the spec that locates each key (keys no spec can locate,
 * like SORT's STORE key, take the last 'unknown' spec's); channels (not_key) are left out.
 */
function keysWithFlags(c: Client, argv: string[]): { key: string; flags: string[] }[] {
  const { cmd, args } = getkeysTarget(c, argv);
  const specs = keySpecsOf(cmd);
  const located = keyFlagsByPosition(specs, args);
  const unlocated = specs.findLast((s) => s.begin === 'unknown') ?? specs[0];
  const keys: { key: string; flags: string[] }[] = [];
  for (const i of cmd.keyPositions(args)) {
    const flags = located.get(i) ?? (unlocated ? specFlags(unlocated, args) : []);
    if (!flags.includes('not_key')) keys.push({ key: args[i], flags });
  }
  if (keys.length === 0) throw new RedisError('ERR The command has no key arguments');
  return keys;
}

function commandGetkeysCommand(c: Client, argv: string[]): Reply {
  return keysWithFlags(c, argv).map((k) => k.key);
}

function commandGetkeysandflagsCommand(c: Client, argv: string[]): Reply {
  return keysWithFlags(c, argv).map((k) => [k.key, status(k.flags)]);
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
