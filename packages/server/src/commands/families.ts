// Every command family's table, with the COMMAND DOCS group its entries default to.
import type { CommandSpec } from '../dispatch/command-table';
import { bitmapCommands } from './bitmap';
import { commandCommands } from './command';
import { configCommands } from './config';
import { connectionCommands } from './connection';
import { keyspaceCommands } from './keyspace';
import { serverCommands } from './server';
import { stringCommands } from './string';
import { listCommands } from './list';
import { hashCommands } from './hash';
import { setCommands } from './set';
import { zsetCommands } from './zset';
import { hyperloglogCommands } from './hyperloglog';
import { geoCommands } from './geo';
import { transactionCommands } from './transaction';
import { pubsubCommands } from './pubsub';
import { persistenceCommands } from './persistence';
import { scriptingCommands } from './scripting';
import { streamCommands } from './stream';

export const COMMAND_FAMILIES: { group: string; commands: CommandSpec[] }[] = [
  { group: 'string', commands: stringCommands },
  { group: 'bitmap', commands: bitmapCommands },
  { group: 'generic', commands: keyspaceCommands },
  { group: 'connection', commands: connectionCommands },
  { group: 'server', commands: [...serverCommands, ...configCommands, ...commandCommands] },
  { group: 'list', commands: listCommands },
  { group: 'hash', commands: hashCommands },
  { group: 'set', commands: setCommands },
  { group: 'sorted-set', commands: zsetCommands },
  { group: 'hyperloglog', commands: hyperloglogCommands },
  { group: 'geo', commands: geoCommands },
  { group: 'stream', commands: streamCommands },
  { group: 'transactions', commands: transactionCommands },
  { group: 'pubsub', commands: pubsubCommands },
  { group: 'server', commands: persistenceCommands },
  { group: 'scripting', commands: scriptingCommands },
];
