// Server commands: INFO TIME LASTSAVE SHUTDOWN MONITOR DEBUG and the SLOWLOG, LATENCY and MEMORY
// containers.
import { DoubleReply, ErrorReply, MapReply, SetReply, SimpleString, VerbatimReply, type Reply, AttributeReply, BigNumberReply, BooleanReply, PushReply } from '@ferrous/resp';
import { ArgReader, floatArg, intArg } from '../args';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { ErrorText, RedisError } from '../errors';
import { infoText, selectSections, usedMemory, humanBytes } from '../info';
import { helpReply, OK } from '../reply';
import { debugReloadCommand } from './persistence';

// ---- INFO, TIME, LASTSAVE ------------------------------------------------------------------------

function infoCommand(c: Client, argv: string[]): Reply {
  return new VerbatimReply('txt', infoText(c.server, selectSections(argv.slice(1))));
}

function timeCommand(): Reply {
  const us = Date.now() * 1000 + Math.floor((performance.now() % 1) * 1000);
  return [String(Math.floor(us / 1e6)), String(us % 1e6)];
}

function lastsaveCommand(c: Client): Reply {
  return c.server.lastSave;
}

// ---- SHUTDOWN, MONITOR -----------------------------------------------------------------------------

function shutdownCommand(c: Client, argv: string[]): Reply {
  const opts = { save: false, nosave: false, now: false, force: false, abort: false };
  for (let i = 1; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    if (opt === 'NOSAVE') opts.nosave = true;
    else if (opt === 'SAVE') opts.save = true;
    else if (opt === 'NOW') opts.now = true;
    else if (opt === 'FORCE') opts.force = true;
    else if (opt === 'ABORT') opts.abort = true;
    else throw new RedisError(ErrorText.syntax);
  }
  if ((opts.abort && argv.length > 2) || (opts.save && opts.nosave)) throw new RedisError(ErrorText.syntax);
  if (opts.abort) throw new RedisError('ERR No shutdown in progress.');
  const error = c.server.shutdown(opts);
  if (error !== null) throw new RedisError(error);
  c.skipNext = true; // a successful SHUTDOWN closes the connection without a reply
  return OK;
}

function monitorCommand(c: Client): Reply {
  if (c.flags.monitor) return OK;
  c.flags.monitor = true;
  c.server.monitors.add(c);
  return OK;
}

// ---- DEBUG ---------------------------------------------------------------------------------------

/** Blocks the event loop like Redis's DEBUG SLEEP blocks the server. */
function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function debugPopulate(c: Client, argv: string[]): Reply {
  const count = intArg(argv[2]);
  if (count < 0) throw new RedisError('ERR count must be a non-negative number');
  const prefix = argv[3] ?? 'key';
  const size = argv.length > 4 ? intArg(argv[4]) : 0;
  const db = c.db;
  for (let i = 0; i < count; i++) {
    const key = `${prefix}:${i}`;
    if (db.exists(key)) continue;
    let value = `value:${i}`;
    if (size > 0) value = value.length >= size ? value.slice(0, size) : value + '\0'.repeat(size - value.length);
    db.set(key, value);
  }
  return OK;
}

function debugObject(c: Client, key: string): Reply {
  const v = c.db.lookupRead(key, true);
  if (v === undefined) throw new RedisError(ErrorText.noSuchKey);
  const encoding = c.db.objectEncoding(key);
  const len = typeof v === 'string' ? v.length : v.size;
  return new SimpleString(
    `Value at:0x0 refcount:1 encoding:${encoding} serializedlength:${len} lru:${Math.floor(Date.now() / 1000) & 0xffffff} lru_seconds_idle:${c.db.objectIdleTime(key) ?? 0}`,
  );
}

/** DEBUG PROTOCOL <type>: a sample of each reply type (client tests rely on it). */
function debugProtocol(c: Client, type: string): Reply {
  switch (type.toLowerCase()) {
    case 'string':
      return 'Hello World';
    case 'integer':
      return 12345;
    case 'double':
      return new DoubleReply(3.141);
    case 'bignum':
      return new BigNumberReply(1234567999999999999999999999999999999n);
    case 'null':
      return null;
    case 'array':
      return [0, 1, 2];
    case 'set':
      return new SetReply([0, 1, 2]);
    case 'map':
      return new MapReply([0, new BooleanReply(false), 1, new BooleanReply(true), 2, new BooleanReply(false)]);
    case 'attrib':
      return new AttributeReply(['key-popularity', ['key:123', 90]], 'Some real reply following the attribute');
    case 'push':
      // Like Redis: the push arrives first, then the command's own reply.
      c.reply(new PushReply(['server-cpu-usage', 42]));
      return 'Some real reply following the push reply';
    case 'verbatim':
      return new VerbatimReply('txt', 'This is a verbatim\nstring');
    case 'true':
      return new BooleanReply(true);
    case 'false':
      return new BooleanReply(false);
    default:
      throw new RedisError('ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false');
  }
}

function debugCommand(c: Client, argv: string[]): Reply {
  const sub = argv[1].toLowerCase();
  const n = argv.length;
  if (sub === 'help') return helpReply('debug', DEBUG_HELP);
  if (sub === 'sleep' && n === 3) {
    sleepSync(floatArg(argv[2]) * 1000);
    return OK;
  }
  if (sub === 'populate' && n >= 3 && n <= 5) return debugPopulate(c, argv);
  if (sub === 'reload') return debugReloadCommand(c, argv.slice(2));
  if (sub === 'object' && n === 3) return debugObject(c, argv[2]);
  if (sub === 'set-active-expire' && n === 3) {
    c.server.activeExpire = intArg(argv[2]) !== 0;
    return OK;
  }
  if (sub === 'error' && n === 3) return new ErrorReply(argv[2]);
  if (sub === 'log' && n === 3) {
    c.server.log('warning', `DEBUG LOG: ${argv[2]}`);
    return OK;
  }
  if (sub === 'protocol' && n === 3) return debugProtocol(c, argv[2]);
  if (sub === 'jmap' || sub === 'quicklist-packed-threshold' || sub === 'change-repl-id' || sub === 'replybuffer' || sub === 'pause-cron') return OK;
  throw new RedisError(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try DEBUG HELP.`);
}

const DEBUG_HELP = [
  'ERROR <string>',
  '    Return a Redis protocol error with <string> as message. Useful for clients',
  '    unit tests to simulate Redis errors.',
  'LOG <message>',
  '    Write <message> to the server log.',
  'OBJECT <key>',
  '    Show low level info about `key` and associated value.',
  'POPULATE <count> [<prefix>] [<size>]',
  '    Create <count> string keys named key:<num>. If <prefix> is specified then',
  '    it is used instead of the \'key\' prefix.',
  'PROTOCOL <type>',
  '    Reply with a test value of the specified type. <type> can be: string,',
  '    integer, double, bignum, null, array, set, map, attrib, push, verbatim,',
  '    true, false.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
];

// ---- SLOWLOG -------------------------------------------------------------------------------------

function slowlogGetCommand(c: Client, argv: string[]): Reply {
  let count = 10;
  if (argv.length === 3) {
    count = intArg(argv[2], 'ERR count should be greater than or equal to -1');
    if (count < -1) throw new RedisError('ERR count should be greater than or equal to -1');
  }
  return c.server.slowlog.get(count).map((e) => [e.id, e.time, e.durationUs, e.argv, e.addr, e.name]);
}

function slowlogLenCommand(c: Client): Reply {
  return c.server.slowlog.length;
}

function slowlogResetCommand(c: Client): Reply {
  c.server.slowlog.reset();
  return OK;
}

function slowlogHelpCommand(): Reply {
  return helpReply('slowlog', [
    'GET [<count>]',
    '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
    '    Entries are made of:',
    '    id, timestamp, time in microseconds, arguments array, client IP and port,',
    '    client name',
    'LEN',
    '    Return the length of the slowlog.',
    'RESET',
    '    Reset the slowlog.',
  ]);
}

// ---- LATENCY -------------------------------------------------------------------------------------

function latencyLatestCommand(c: Client): Reply {
  return [...c.server.latency.events].map(([name, e]) => {
    const last = e.samples[e.samples.length - 1];
    return [name, last.time, last.ms, e.max];
  });
}

function latencyHistoryCommand(c: Client, argv: string[]): Reply {
  const e = c.server.latency.events.get(argv[2].toLowerCase());
  return e ? e.samples.map((s) => [s.time, s.ms]) : [];
}

function latencyResetCommand(c: Client, argv: string[]): Reply {
  return c.server.latency.reset(argv.slice(2));
}

function latencyGraphCommand(c: Client, argv: string[]): Reply {
  const name = argv[2].toLowerCase();
  if (!c.server.latency.events.has(name)) throw new RedisError(`ERR No samples available for event '${argv[2]}'`);
  return new VerbatimReply('txt', c.server.latency.graph(name));
}

function latencyDoctorCommand(c: Client): Reply {
  const server = c.server;
  if (server.config.int('latency-monitor-threshold') === 0 && server.latency.events.size === 0) {
    return new VerbatimReply(
      'txt',
      `I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use "CONFIG SET latency-monitor-threshold <milliseconds>." in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n`,
    );
  }
  if (server.latency.events.size === 0) {
    return new VerbatimReply('txt', 'Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sleep tonight.\n');
  }
  let text = 'Dave, I have observed latency spikes in this Redis instance. You don\'t mind talking about it, do you Dave?\n\n';
  let i = 1;
  for (const [name, e] of server.latency.events) {
    const avg = e.samples.reduce((a, s) => a + s.ms, 0) / e.samples.length;
    text += `${i++}. ${name}: ${e.samples.length} latency spikes (average ${Math.round(avg)}ms, mean deviation 0ms, period 0 sec). Worst all time event ${e.max}ms.\n`;
  }
  text += '\nI have a few advices for you:\n\n- Check your slow commands with SLOWLOG GET and avoid O(N) commands on large data sets.\n';
  return new VerbatimReply('txt', text);
}

function latencyHistogramCommand(c: Client, argv: string[]): Reply {
  const out: Reply[] = [];
  const want = argv.length > 2 ? new Set(argv.slice(2).map((a) => a.toLowerCase())) : null;
  for (const cmd of c.server.commands.values()) {
    for (const x of cmd.subcommands ? cmd.subcommands.values() : [cmd]) {
      if (x.stats.calls === 0 || (want && !want.has(x.fullName))) continue;
      const buckets: Reply[] = [];
      let cumulative = 0;
      x.histogram.forEach((n, i) => {
        if (n === 0) return;
        cumulative += n;
        buckets.push(2 ** i, cumulative);
      });
      out.push(x.fullName, new MapReply(['calls', x.stats.calls, 'histogram_usec', new MapReply(buckets)]));
    }
  }
  return new MapReply(out);
}

function latencyHelpCommand(): Reply {
  return helpReply('latency', [
    'DOCTOR',
    '    Return a human readable latency analysis report.',
    'GRAPH <event>',
    '    Return an ASCII latency graph for the <event> class.',
    'HISTORY <event>',
    '    Return time-latency samples for the <event> class.',
    'LATEST',
    '    Return the latest latency samples for all events.',
    'RESET [<event> ...]',
    '    Reset latency data of one or more <event> classes.',
    '    (default: reset all data for all event classes)',
    'HISTOGRAM [COMMAND ...]',
    '    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.',
    '    If no commands are specified then all histograms are replied.',
  ]);
}

// ---- MEMORY --------------------------------------------------------------------------------------

function memoryUsageCommand(c: Client, argv: string[]): Reply {
  const r = new ArgReader(argv, 3);
  while (r.more) {
    const opt = r.token();
    if (opt === 'SAMPLES' && r.left > 0) r.int();
    else r.fail(ErrorText.syntax);
  }
  r.check();
  return c.db.memoryUsage(argv[2]) ?? null;
}

function memoryStatsCommand(c: Client): Reply {
  const server = c.server;
  const used = usedMemory(server);
  const dataset = server.store.usedMemory;
  let keys = 0;
  const dbs: Reply[] = [];
  for (let i = 0; i < server.store.databases; i++) {
    const db = server.store.db(i);
    if (db.size === 0) continue;
    keys += db.size;
    dbs.push(`db.${i}`, new MapReply(['overhead.hashtable.main', db.size * 72, 'overhead.hashtable.expires', db.volatileSize * 48]));
  }
  const rss = process.memoryUsage().rss;
  return new MapReply([
    'peak.allocated', used,
    'total.allocated', used,
    'startup.allocated', 862000,
    'replication.backlog', 0,
    'clients.slaves', 0,
    'clients.normal', used - dataset - 862000,
    'cluster.links', 0,
    'aof.buffer', 0,
    'lua.caches', 0,
    'functions.caches', 0,
    ...dbs,
    'overhead.total', used - dataset,
    'keys.count', keys,
    'keys.bytes-per-key', keys ? Math.floor((used - 862000) / keys) : 0,
    'dataset.bytes', dataset,
    'dataset.percentage', new DoubleReply(used > 862000 ? (dataset * 100) / (used - 862000) : 0),
    'peak.percentage', new DoubleReply(100),
    'allocator.allocated', used,
    'allocator.active', used,
    'allocator.resident', rss,
    'allocator-fragmentation.ratio', new DoubleReply(1),
    'allocator-fragmentation.bytes', 0,
    'allocator-rss.ratio', new DoubleReply(rss / used),
    'allocator-rss.bytes', rss - used,
    'rss-overhead.ratio', new DoubleReply(1),
    'rss-overhead.bytes', 0,
    'fragmentation', new DoubleReply(rss / used),
    'fragmentation.bytes', rss - used,
  ]);
}

function memoryDoctorCommand(c: Client): Reply {
  const used = usedMemory(c.server);
  if (used < 5 * 1024 * 1024) {
    return new VerbatimReply(
      'txt',
      "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.",
    );
  }
  return new VerbatimReply('txt', `Hi Sam, I can't find any memory issue in your instance (${humanBytes(used)} used). I can only account for what occurs on this base.`);
}

function memoryMallocStatsCommand(): Reply {
  return new VerbatimReply('txt', 'Stats not supported for the current allocator');
}

function memoryPurgeCommand(): Reply {
  return OK;
}

function memoryHelpCommand(): Reply {
  return helpReply('memory', [
    'DOCTOR',
    '    Return memory problems reports.',
    'MALLOC-STATS',
    '    Return internal statistics report from the memory allocator.',
    'PURGE',
    '    Attempt to purge dirty pages for reclamation by the allocator.',
    'STATS',
    '    Return information about the memory usage of the server.',
    'USAGE <key> [SAMPLES <count>]',
    '    Return memory in bytes used by <key> and its value. Nested values are',
    '    sampled up to <count> times (default: 5, 0 means sample all).',
  ]);
}

// ---- table ---------------------------------------------------------------------------------------

const ADMIN: CommandSpec['flags'] = ['admin', 'noscript', 'loading', 'stale'];

export const serverCommands: CommandSpec[] = [
  { name: 'info', arity: -1, flags: ['loading', 'stale'], acl: ['dangerous'], summary: 'Get information and statistics about the server', since: '1.0.0', tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'], run: infoCommand },
  { name: 'time', arity: 1, flags: ['loading', 'stale', 'fast'], summary: 'Return the current server time', since: '2.6.0', tips: ['nondeterministic_output'], run: timeCommand },
  { name: 'lastsave', arity: 1, flags: ['loading', 'stale', 'fast'], acl: ['admin', 'dangerous'], summary: 'Get the UNIX time stamp of the last successful save to disk', since: '1.0.0', tips: ['nondeterministic_output'], run: lastsaveCommand },
  { name: 'shutdown', arity: -1, flags: ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'sentinel', 'allow_busy'], summary: 'Synchronously save the dataset to disk and then shut down the server', since: '1.0.0', run: shutdownCommand },
  { name: 'monitor', arity: 1, flags: ADMIN, summary: 'Listen for all requests received by the server in real time', since: '1.0.0', run: monitorCommand },
  { name: 'debug', arity: -2, flags: ['admin', 'noscript', 'loading', 'stale', 'protected'], summary: 'A container for debugging commands', since: '1.0.0', syscmd: true, run: debugCommand },
  {
    name: 'slowlog',
    arity: -2,
    flags: [],
    summary: 'A container for slow log commands',
    since: '2.2.12',
    subcommands: [
      { name: 'get', arity: -2, flags: ['admin', 'loading', 'stale'], summary: 'Get the slow log\'s entries', since: '2.2.12', tips: ['request_policy:all_nodes', 'nondeterministic_output'], run: slowlogGetCommand },
      { name: 'len', arity: 2, flags: ['admin', 'loading', 'stale'], summary: 'Get the slow log\'s length', since: '2.2.12', tips: ['request_policy:all_nodes', 'response_policy:agg_sum', 'nondeterministic_output'], run: slowlogLenCommand },
      { name: 'reset', arity: 2, flags: ['admin', 'loading', 'stale'], summary: 'Clear all entries from the slow log', since: '2.2.12', tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'], run: slowlogResetCommand },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], summary: 'Show helpful text about the different subcommands', since: '6.2.0', run: slowlogHelpCommand },
    ],
  },
  {
    name: 'latency',
    arity: -2,
    flags: [],
    summary: 'A container for latency diagnostics commands',
    since: '2.8.13',
    subcommands: [
      { name: 'latest', arity: 2, flags: ADMIN, summary: 'Return the latest latency samples for all events.', since: '2.8.13', tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'], run: latencyLatestCommand },
      { name: 'history', arity: 3, flags: ADMIN, summary: 'Return timestamp-latency samples for the event.', since: '2.8.13', tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'], run: latencyHistoryCommand },
      { name: 'reset', arity: -2, flags: ADMIN, summary: 'Reset latency data for one or more events.', since: '2.8.13', tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'], run: latencyResetCommand },
      { name: 'graph', arity: 3, flags: ADMIN, summary: 'Return a latency graph for the event.', since: '2.8.13', tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'], run: latencyGraphCommand },
      { name: 'doctor', arity: 2, flags: ADMIN, summary: 'Return a human readable latency analysis report.', since: '2.8.13', tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'], run: latencyDoctorCommand },
      { name: 'histogram', arity: -2, flags: ADMIN, summary: 'Return the cumulative distribution of latencies of a subset of commands or all.', since: '7.0.0', tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'], run: latencyHistogramCommand },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], summary: 'Show helpful text about the different subcommands.', since: '2.8.13', run: latencyHelpCommand },
    ],
  },
  {
    name: 'memory',
    arity: -2,
    flags: [],
    summary: 'A container for memory diagnostics commands',
    since: '4.0.0',
    subcommands: [
      { name: 'usage', arity: -3, flags: ['readonly'], keys: { first: 2, last: 2, step: 1 }, keyFlags: ['RO'], summary: 'Estimate the memory usage of a key', since: '4.0.0', run: memoryUsageCommand },
      { name: 'stats', arity: 2, flags: [], summary: 'Show memory usage details', since: '4.0.0', tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'], run: memoryStatsCommand },
      { name: 'doctor', arity: 2, flags: [], summary: 'Outputs memory problems report', since: '4.0.0', tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'], run: memoryDoctorCommand },
      { name: 'malloc-stats', arity: 2, flags: [], summary: 'Show allocator internal stats', since: '4.0.0', tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'], run: memoryMallocStatsCommand },
      { name: 'purge', arity: 2, flags: [], summary: 'Ask the allocator to release memory', since: '4.0.0', tips: ['request_policy:all_shards', 'response_policy:all_succeeded'], run: memoryPurgeCommand },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], summary: 'Show helpful text about the different subcommands', since: '4.0.0', run: memoryHelpCommand },
    ],
  },
];
