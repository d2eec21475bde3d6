// The redis.conf options Ferrous knows, with Redis 7.0's names, aliases, defaults and limits.
// Options we accept but do not act on (TLS, io-threads, cpu lists, …) are kept so that existing
// redis.conf files load and CONFIG GET answers like Redis.
import {
  boolType,
  bufferLimitType,
  enumType,
  intType,
  listType,
  memoryType,
  notifyType,
  octalType,
  saveType,
  stringType,
  ConfigValueError,
  type OptionType,
} from './option-types';

export type OptionFlag = 'immutable' | 'protected';

export interface OptionSpec {
  name: string;
  aliases?: string[];
  type: OptionType;
  /** Default in redis.conf syntax, parsed by `type` at startup. */
  default: string;
  flags?: OptionFlag[];
}

const INT_MAX = 2147483647;
const LONG_MAX = Number.MAX_SAFE_INTEGER;

const opt = (name: string, type: OptionType, def: string, flags?: OptionFlag[], aliases?: string[]): OptionSpec => ({
  name,
  type: type as OptionType,
  default: def,
  flags,
  aliases,
});
const bool = (name: string, def: boolean, flags?: OptionFlag[], aliases?: string[]) => opt(name, boolType as OptionType, def ? 'yes' : 'no', flags, aliases);
const int = (name: string, def: number, min: number, max: number, flags?: OptionFlag[], aliases?: string[]) =>
  opt(name, intType(min, max) as OptionType, String(def), flags, aliases);
const mem = (name: string, def: number, min = 0, max = LONG_MAX, flags?: OptionFlag[], aliases?: string[]) =>
  opt(name, memoryType(min, max) as OptionType, String(def), flags, aliases);
const str = (name: string, def: string, flags?: OptionFlag[], aliases?: string[]) => opt(name, stringType as OptionType, def, flags, aliases);
const oneOf = (name: string, values: string[], def: string, flags?: OptionFlag[]) => opt(name, enumType(values) as OptionType, def, flags);
const I: OptionFlag[] = ['immutable'];
const P: OptionFlag[] = ['protected'];

const bindList = listType((items) => {
  if (items.length > 16) throw new ConfigValueError('Too many bind addresses specified.');
});
const percentiles = listType((items) => {
  for (const p of items) {
    const n = Number(p);
    if (p === '' || !Number.isFinite(n)) throw new ConfigValueError('latency-tracking-info-percentiles parameters should be a list of numbers');
    if (n < 0 || n > 100) throw new ConfigValueError('latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
  }
});
const oomValues = listType((items) => {
  if (items.length !== 3) throw new ConfigValueError('wrong number of arguments');
  for (const v of items) {
    const n = Number(v);
    if (!/^-?[0-9]+$/.test(v) || n < -2000 || n > 2000) throw new ConfigValueError('Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
  }
});
const replicaOf = listType((items) => {
  if (items.length === 1 && items[0] === '') return;
  if (items.length !== 2) throw new ConfigValueError('wrong number of arguments');
});

export const OPTIONS: OptionSpec[] = [
  // Networking
  opt('bind', bindList as OptionType, '127.0.0.1 -::1'),
  str('bind-source-addr', ''),
  int('port', 6379, 0, 65535),
  int('tcp-backlog', 511, 0, INT_MAX, I),
  str('unixsocket', '', I),
  opt('unixsocketperm', octalType as OptionType, '0', I),
  int('timeout', 0, 0, INT_MAX),
  int('tcp-keepalive', 300, 0, INT_MAX),
  bool('protected-mode', true),
  int('maxclients', 10000, 1, INT_MAX),
  int('socket-mark-id', 0, 0, INT_MAX),
  // TLS (accepted, not implemented)
  int('tls-port', 0, 0, 65535),
  str('tls-cert-file', ''),
  str('tls-key-file', ''),
  str('tls-key-file-pass', ''),
  str('tls-client-cert-file', ''),
  str('tls-client-key-file', ''),
  str('tls-client-key-file-pass', ''),
  str('tls-dh-params-file', ''),
  str('tls-ca-cert-file', ''),
  str('tls-ca-cert-dir', ''),
  str('tls-protocols', ''),
  str('tls-ciphers', ''),
  str('tls-ciphersuites', ''),
  oneOf('tls-auth-clients', ['no', 'yes', 'optional'], 'yes'),
  bool('tls-replication', false),
  bool('tls-cluster', false),
  bool('tls-prefer-server-ciphers', false),
  bool('tls-session-caching', true),
  int('tls-session-cache-size', 20480, 0, INT_MAX),
  int('tls-session-cache-timeout', 300, 0, INT_MAX),
  // General
  bool('daemonize', false, I),
  oneOf('supervised', ['upstart', 'systemd', 'auto', 'no'], 'no', I),
  str('pidfile', '', I),
  oneOf('loglevel', ['debug', 'verbose', 'notice', 'warning'], 'notice'),
  str('logfile', '', I),
  bool('syslog-enabled', false, I),
  str('syslog-ident', 'redis', I),
  oneOf('syslog-facility', ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'], 'local0', I),
  bool('crash-log-enabled', true),
  bool('crash-memcheck-enabled', true),
  int('databases', 16, 1, INT_MAX, I),
  bool('always-show-logo', false, I),
  bool('set-proc-title', true, I),
  str('proc-title-template', '{title} {listen-addr} {server-mode}'),
  str('ignore-warnings', ''),
  oneOf('enable-protected-configs', ['no', 'yes', 'local'], 'no', I),
  oneOf('enable-debug-command', ['no', 'yes', 'local'], 'no', I),
  oneOf('enable-module-command', ['no', 'yes', 'local'], 'no', I),
  // Snapshotting
  opt('save', saveType as OptionType, '3600 1 300 100 60 10000'),
  bool('stop-writes-on-bgsave-error', true),
  bool('rdbcompression', true),
  bool('rdbchecksum', true),
  oneOf('sanitize-dump-payload', ['no', 'yes', 'clients'], 'no'),
  str('dbfilename', 'dump.rdb', P),
  bool('rdb-del-sync-files', false),
  str('dir', './', P),
  // Replication
  opt('replicaof', replicaOf as OptionType, '', undefined, ['slaveof']),
  str('masterauth', ''),
  str('masteruser', ''),
  bool('replica-serve-stale-data', true, undefined, ['slave-serve-stale-data']),
  bool('replica-read-only', true, undefined, ['slave-read-only']),
  bool('repl-diskless-sync', true),
  int('repl-diskless-sync-delay', 5, 0, INT_MAX),
  int('repl-diskless-sync-max-replicas', 0, 0, INT_MAX),
  oneOf('repl-diskless-load', ['disabled', 'on-empty-db', 'swapdb'], 'disabled'),
  int('repl-ping-replica-period', 10, 1, INT_MAX, undefined, ['repl-ping-slave-period']),
  int('repl-timeout', 60, 1, INT_MAX),
  bool('repl-disable-tcp-nodelay', false),
  mem('repl-backlog-size', 1024 * 1024, 1),
  int('repl-backlog-ttl', 3600, 0, INT_MAX),
  int('replica-priority', 100, 0, INT_MAX, undefined, ['slave-priority']),
  bool('replica-announced', true),
  int('min-replicas-to-write', 0, 0, INT_MAX, undefined, ['min-slaves-to-write']),
  int('min-replicas-max-lag', 10, 0, INT_MAX, undefined, ['min-slaves-max-lag']),
  str('replica-announce-ip', '', undefined, ['slave-announce-ip']),
  int('replica-announce-port', 0, 0, 65535, undefined, ['slave-announce-port']),
  bool('replica-ignore-maxmemory', true, undefined, ['slave-ignore-maxmemory']),
  bool('replica-lazy-flush', false, undefined, ['slave-lazy-flush']),
  bool('replica-ignore-disk-write-errors', false),
  oneOf('propagation-error-behavior', ['ignore', 'panic', 'panic-on-replicas'], 'ignore'),
  // Keys tracking
  int('tracking-table-max-keys', 1000000, 0, LONG_MAX),
  // Security
  int('acllog-max-len', 128, 0, LONG_MAX),
  str('aclfile', '', I),
  str('requirepass', ''),
  oneOf('acl-pubsub-default', ['allchannels', 'resetchannels'], 'resetchannels'),
  // Clients and memory
  mem('maxmemory', 0),
  oneOf('maxmemory-policy', ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'], 'noeviction'),
  int('maxmemory-samples', 5, 1, 64),
  int('maxmemory-eviction-tenacity', 10, 0, 100),
  opt('maxmemory-clients', memoryType(0, LONG_MAX, true) as OptionType, '0'),
  int('active-expire-effort', 1, 1, 10),
  // Lazy freeing
  bool('lazyfree-lazy-eviction', false),
  bool('lazyfree-lazy-expire', false),
  bool('lazyfree-lazy-server-del', false),
  bool('lazyfree-lazy-user-del', false),
  bool('lazyfree-lazy-user-flush', false),
  // Threads and kernel
  int('io-threads', 1, 1, 128, I),
  bool('io-threads-do-reads', false, I),
  oneOf('oom-score-adj', ['no', 'yes', 'relative', 'absolute'], 'no'),
  opt('oom-score-adj-values', oomValues as OptionType, '0 200 800'),
  bool('disable-thp', true),
  str('server_cpulist', '', I),
  str('bio_cpulist', '', I),
  str('aof_rewrite_cpulist', '', I),
  str('bgsave_cpulist', '', I),
  bool('jemalloc-bg-thread', true),
  // Append only file
  bool('appendonly', false),
  str('appendfilename', 'appendonly.aof', I),
  str('appenddirname', 'appendonlydir', I),
  oneOf('appendfsync', ['always', 'everysec', 'no'], 'everysec'),
  bool('no-appendfsync-on-rewrite', false),
  int('auto-aof-rewrite-percentage', 100, 0, INT_MAX),
  mem('auto-aof-rewrite-min-size', 64 * 1024 * 1024),
  bool('aof-load-truncated', true),
  bool('aof-use-rdb-preamble', true),
  bool('aof-timestamp-enabled', false),
  bool('aof-rewrite-incremental-fsync', true),
  bool('rdb-save-incremental-fsync', true),
  bool('aof-disable-auto-gc', false),
  // Shutdown and scripting
  int('shutdown-timeout', 10, 0, INT_MAX),
  oneOf('shutdown-on-sigint', ['default', 'save', 'nosave', 'now', 'force'], 'default'),
  oneOf('shutdown-on-sigterm', ['default', 'save', 'nosave', 'now', 'force'], 'default'),
  int('busy-reply-threshold', 5000, 0, LONG_MAX, undefined, ['lua-time-limit']),
  // Cluster
  bool('cluster-enabled', false, I),
  str('cluster-config-file', 'nodes.conf', I),
  int('cluster-node-timeout', 15000, 0, LONG_MAX),
  int('cluster-port', 0, 0, 65535, I),
  int('cluster-replica-validity-factor', 10, 0, INT_MAX, undefined, ['cluster-slave-validity-factor']),
  int('cluster-migration-barrier', 1, 0, INT_MAX),
  bool('cluster-allow-replica-migration', true),
  bool('cluster-require-full-coverage', true),
  bool('cluster-replica-no-failover', false, undefined, ['cluster-slave-no-failover']),
  bool('cluster-allow-reads-when-down', false),
  bool('cluster-allow-pubsubshard-when-down', true),
  str('cluster-announce-ip', ''),
  str('cluster-announce-hostname', ''),
  int('cluster-announce-port', 0, 0, 65535),
  int('cluster-announce-bus-port', 0, 0, 65535),
  int('cluster-announce-tls-port', 0, 0, 65535),
  oneOf('cluster-preferred-endpoint-type', ['ip', 'hostname', 'unknown-endpoint'], 'ip'),
  mem('cluster-link-sendbuf-limit', 0),
  // Monitoring
  int('slowlog-log-slower-than', 10000, -1, LONG_MAX),
  int('slowlog-max-len', 128, 0, LONG_MAX),
  int('latency-monitor-threshold', 0, 0, LONG_MAX),
  bool('latency-tracking', true),
  opt('latency-tracking-info-percentiles', percentiles as OptionType, '50 99 99.9'),
  opt('notify-keyspace-events', notifyType as OptionType, ''),
  // Data structure encodings
  mem('hash-max-listpack-entries', 512, 0, LONG_MAX, undefined, ['hash-max-ziplist-entries']),
  mem('hash-max-listpack-value', 64, 0, LONG_MAX, undefined, ['hash-max-ziplist-value']),
  int('list-max-listpack-size', -2, -5, INT_MAX, undefined, ['list-max-ziplist-size']),
  int('list-compress-depth', 0, 0, INT_MAX),
  mem('set-max-intset-entries', 512),
  mem('zset-max-listpack-entries', 128, 0, LONG_MAX, undefined, ['zset-max-ziplist-entries']),
  mem('zset-max-listpack-value', 64, 0, LONG_MAX, undefined, ['zset-max-ziplist-value']),
  mem('hll-sparse-max-bytes', 3000),
  mem('stream-node-max-bytes', 4096),
  int('stream-node-max-entries', 100, 0, LONG_MAX),
  bool('activerehashing', true),
  // Limits
  opt('client-output-buffer-limit', bufferLimitType as OptionType, 'normal 0 0 0 slave 256mb 64mb 60 pubsub 32mb 8mb 60'),
  mem('client-query-buffer-limit', 1024 * 1024 * 1024, 1024 * 1024),
  mem('proto-max-bulk-len', 512 * 1024 * 1024, 1024 * 1024),
  opt('hz', intType(1, 500, true) as OptionType, '10'),
  bool('dynamic-hz', true),
  // Eviction tuning and defragmentation
  int('lfu-log-factor', 10, 0, INT_MAX),
  int('lfu-decay-time', 1, 0, INT_MAX),
  bool('activedefrag', false),
  mem('active-defrag-ignore-bytes', 100 * 1024 * 1024, 1),
  int('active-defrag-threshold-lower', 10, 0, 1000),
  int('active-defrag-threshold-upper', 100, 0, 1000),
  int('active-defrag-cycle-min', 1, 1, 99),
  int('active-defrag-cycle-max', 25, 1, 99),
  int('active-defrag-max-scan-fields', 1000, 1, LONG_MAX),
];
