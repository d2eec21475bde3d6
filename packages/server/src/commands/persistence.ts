// Persistence commands: SAVE BGSAVE BGREWRITEAOF (the work lives in persistence/persistence.ts) and
// DUMP / RESTORE (payloads in Redis's DUMP format from @ferrous/persistence). LASTSAVE is in server.ts.
import { SimpleString, type Reply } from '@ferrous/resp';
import { dumpValue, restoreValue } from '@ferrous/persistence';
import { ArgReader } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { ErrorText, RedisError } from '../errors';
import { persistenceOf } from '../persistence/persistence';
import { OK } from '../reply';

// ---- SAVE, BGSAVE, BGREWRITEAOF ------------------------------------------------------------------

function saveCommand(c: Client): Reply {
  const p = persistenceOf(c.server);
  if (p.bgsave !== null) throw new RedisError('ERR Background save already in progress');
  if (!p.save()) throw new RedisError('ERR');
  return OK;
}

function bgsaveCommand(c: Client, argv: string[]): Reply {
  const schedule = argv.length === 2 && argv[1].toLowerCase() === 'schedule';
  if (argv.length > 1 && !schedule) throw new RedisError(ErrorText.syntax);
  const p = persistenceOf(c.server);
  if (p.bgsave !== null) throw new RedisError('ERR Background save already in progress');
  if (p.rewriting || c.flags.multi) {
    if (!schedule && !c.flags.multi) {
      throw new RedisError("ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
    }
    p.bgsaveScheduled = true;
    return new SimpleString('Background saving scheduled');
  }
  p.startBgsave();
  return new SimpleString('Background saving started');
}

function bgrewriteaofCommand(c: Client): Reply {
  const p = persistenceOf(c.server);
  if (p.rewriting) throw new RedisError('ERR Background append only file rewriting already in progress');
  if (p.bgsave !== null || c.flags.multi) {
    p.rewriteScheduled = true;
    return new SimpleString('Background append only file rewriting scheduled');
  }
  p.startRewrite();
  return new SimpleString('Background append only file rewriting started');
}

// ---- DUMP, RESTORE -------------------------------------------------------------------------------

function dumpCommand(c: Client, argv: string[]): Reply {
  const value = c.db.lookupRead(argv[1]);
  if (value === undefined) return null;
  return dumpValue(value, { compression: c.server.config.bool('rdbcompression') }).latin1Slice();
}

/** RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME s] [FREQ f], checked in Redis's order. */
function restoreCommand(c: Client, argv: string[]): Reply {
  const key = argv[1];
  let replace = false;
  let absttl = false;
  let idle = -1;
  let freq = -1;
  const r = new ArgReader(argv, 4);
  while (r.more) {
    const opt = r.token();
    if (opt === 'REPLACE') replace = true;
    else if (opt === 'ABSTTL') absttl = true;
    else if (opt === 'IDLETIME' && r.left >= 1 && freq === -1) {
      idle = r.int();
      if (idle < 0) r.fail('ERR Invalid IDLETIME value, must be >= 0');
    } else if (opt === 'FREQ' && r.left >= 1 && idle === -1) {
      freq = r.int();
      if (freq < 0 || freq > 255) r.fail('ERR Invalid FREQ value, must be >= 0 and <= 255');
    } else r.fail(ErrorText.syntax);
  }
  r.check();
  const db = c.db;
  if (!replace && db.lookupWrite(key) !== undefined) throw new RedisError('BUSYKEY Target key name already exists.');
  const ttlReader = new ArgReader(argv, 2);
  let ttl = ttlReader.int();
  ttlReader.check();
  if (ttl < 0) throw new RedisError('ERR Invalid TTL value, must be >= 0');
  const value = restoreValue(argv[3], c.server.store);
  if (ttl > 0 && !absttl) ttl += Date.now();
  if (ttl > 0 && ttl <= Date.now()) {
    if (replace) db.delete(key);
    return OK;
  }
  db.set(key, value);
  if (ttl > 0) db.setExpire(key, ttl);
  // Each applies only under its kind of policy (LRU idle time, LFU counter), as in Redis.
  if (idle >= 0) db.setIdleTime(key, idle);
  if (freq >= 0) db.setFreq(key, freq);
  return OK;
}

const ADMIN: CommandSpec['flags'] = ['admin', 'noscript', 'no_async_loading'];

export const persistenceCommands: CommandSpec[] = [
  { name: 'save', arity: 1, flags: [...ADMIN, 'no_multi'], group: 'server', summary: 'Synchronously save the dataset to disk', since: '1.0.0', run: saveCommand },
  { name: 'bgsave', arity: -1, flags: ADMIN, group: 'server', summary: 'Asynchronously save the dataset to disk', since: '1.0.0', run: bgsaveCommand },
  { name: 'bgrewriteaof', arity: 1, flags: ADMIN, group: 'server', summary: 'Asynchronously rewrite the append-only file', since: '1.0.0', run: bgrewriteaofCommand },
  { name: 'dump', arity: 2, flags: ['readonly'], keys: { first: 1, last: 1, step: 1 }, acl: ['keyspace'], group: 'generic', summary: 'Return a serialized version of the value stored at the specified key.', since: '2.6.0', tips: ['nondeterministic_output'], run: dumpCommand },
  { name: 'restore', arity: -4, flags: ['write', 'denyoom'], keys: { first: 1, last: 1, step: 1 }, keyFlags: ['OW', 'update'], acl: ['keyspace', 'dangerous'], group: 'generic', summary: 'Create a key using the provided serialized value, previously obtained using DUMP.', since: '2.6.0', run: restoreCommand },
];

/** DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE] (dispatched from DEBUG in server.ts). */
export function debugReloadCommand(c: Client, options: string[]): Reply {
  let save = true;
  let flush = true;
  let merge = false;
  for (const option of options) {
    const o = option.toUpperCase();
    if (o === 'MERGE') merge = true;
    else if (o === 'NOFLUSH') flush = false;
    else if (o === 'NOSAVE') save = false;
    else throw new RedisError('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
  }
  const error = persistenceOf(c.server).reload({ save, flush, merge });
  if (error !== null) throw new RedisError(error);
  return OK;
}
