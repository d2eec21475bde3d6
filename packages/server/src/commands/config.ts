// CONFIG GET/SET/RESETSTAT/REWRITE/HELP over the live config table.
import { globMatch } from '@ferrous/store';
import { MapReply, type Reply } from '@ferrous/resp';
import type { Client } from '../client';
import { ConfigSetError } from '../config/config';
import { rewriteConfigFile } from '../config/rewrite';
import type { CommandSpec } from '../dispatch/command-table';
import { RedisError, ServerError } from '../errors';
import { helpReply, OK } from '../reply';

function configGetCommand(c: Client, argv: string[]): Reply {
  const pairs = c.server.config.matching(argv.slice(2), (pattern, name) => globMatch(pattern, name));
  return new MapReply(pairs.flat());
}

function configSetCommand(c: Client, argv: string[]): Reply {
  if (argv.length % 2 !== 0) throw new RedisError(ServerError.wrongArity('config|set'));
  const pairs: [string, string][] = [];
  for (let i = 2; i < argv.length; i += 2) pairs.push([argv[i], argv[i + 1]]);
  const allowProtected = c.server.config.str('enable-protected-configs');
  const local = c.flags.unixSocket || /^(127\.|::1|\[::1\])/.test(c.addr);
  try {
    c.server.config.set(pairs, allowProtected === 'yes' || (allowProtected === 'local' && local));
  } catch (e) {
    if (e instanceof ConfigSetError) throw new RedisError(e.message);
    throw e;
  }
  return OK;
}

function configResetstatCommand(c: Client): Reply {
  c.server.resetStats();
  return OK;
}

function configRewriteCommand(c: Client): Reply {
  const file = c.server.config.configFile;
  if (file === undefined) throw new RedisError('ERR The server is running without a config file');
  try {
    rewriteConfigFile(file, c.server.config);
  } catch (e) {
    c.server.log('warning', `CONFIG REWRITE failed: ${(e as Error).message}`);
    throw new RedisError(`ERR Rewriting config file: ${(e as Error).message}`);
  }
  c.server.log('notice', 'CONFIG REWRITE executed with success.');
  return OK;
}

function configHelpCommand(): Reply {
  return helpReply('config', [
    'GET <pattern>',
    '    Return parameters matching the glob-like <pattern> and their values.',
    'SET <directive> <value>',
    '    Set the configuration <directive> to <value>.',
    'RESETSTAT',
    '    Reset statistics reported by the INFO command.',
    'REWRITE',
    '    Rewrite the configuration file.',
  ]);
}

const F: CommandSpec['flags'] = ['admin', 'noscript', 'loading', 'stale'];

export const configCommands: CommandSpec[] = [
  {
    name: 'config',
    arity: -2,
    flags: [],
    summary: 'A container for server configuration commands',
    since: '2.0.0',
    subcommands: [
      { name: 'get', arity: -3, flags: F, summary: 'Get the values of configuration parameters', since: '2.0.0', run: configGetCommand },
      { name: 'set', arity: -4, flags: F, summary: 'Set configuration parameters to the given values', since: '2.0.0', tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'], run: configSetCommand },
      { name: 'resetstat', arity: 2, flags: F, summary: 'Reset the stats returned by INFO', since: '2.0.0', run: configResetstatCommand },
      { name: 'rewrite', arity: 2, flags: F, summary: 'Rewrite the configuration file with the in memory configuration', since: '2.8.0', run: configRewriteCommand },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], summary: 'Show helpful text about the different subcommands', since: '5.0.0', run: configHelpCommand },
    ],
  },
];
