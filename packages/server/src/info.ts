// INFO: Redis 7.0's sections and field names (what monitoring tools parse), plus ferrous_version.
// Values Ferrous has no equivalent for (jemalloc, forks, io-threads) are reported as Redis reports
// them when the feature is idle.
import os from 'node:os';
import type { Server } from './server';
import { pubsubOf } from './pubsub/registry';
import { trackingOf } from './tracking';
import { FERROUS_VERSION, REDIS_VERSION } from './server';
import { persistenceInfo } from './persistence/info';
import { scriptingStats } from './scripting/scripting';

const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace'];
const ALL_SECTIONS = [...DEFAULT_SECTIONS.slice(0, 8), 'commandstats', 'errorstats', 'latencystats', 'cluster', 'keyspace'];
const TITLES: Record<string, string> = {
  server: 'Server',
  clients: 'Clients',
  memory: 'Memory',
  persistence: 'Persistence',
  stats: 'Stats',
  replication: 'Replication',
  cpu: 'CPU',
  modules: 'Modules',
  commandstats: 'Commandstats',
  errorstats: 'Errorstats',
  latencystats: 'Latencystats',
  cluster: 'Cluster',
  keyspace: 'Keyspace',
};

/** Bytes a fresh server reports as used (Redis's used_memory_startup is about this much). */
const STARTUP_MEMORY = 862_000;

/** Which sections `INFO [section ...]` asks for, in Redis's output order. */
export function selectSections(args: string[]): string[] {
  if (args.length === 0) return DEFAULT_SECTIONS;
  const wanted = new Set<string>();
  for (const a of args.map((x) => x.toLowerCase())) {
    if (a === 'default') DEFAULT_SECTIONS.forEach((s) => wanted.add(s));
    else if (a === 'all' || a === 'everything') ALL_SECTIONS.forEach((s) => wanted.add(s));
    else wanted.add(a);
  }
  return ALL_SECTIONS.filter((s) => wanted.has(s));
}

export function infoText(server: Server, sections: string[]): string {
  const parts: string[] = [];
  for (const s of sections) {
    const lines = SECTION_BUILDERS[s]?.(server) ?? [];
    parts.push(`# ${TITLES[s]}\r\n${lines.map((l) => l + '\r\n').join('')}`);
  }
  return parts.join('\r\n');
}

export function humanBytes(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(2)}${units[i]}`;
}

/** used_memory: the deterministic estimate (startup + dataset + client buffers). */
export function usedMemory(server: Server): number {
  let clients = 0;
  for (const c of server.clients.values()) clients += c.outputSize + c.queryBufferSize + 1024;
  return STARTUP_MEMORY + server.store.usedMemory + clients;
}

let peakMemory = 0;

const SECTION_BUILDERS: Record<string, (s: Server) => string[]> = {
  server(s) {
    const now = Date.now();
    const uptime = Math.floor((now - s.startTime) / 1000);
    return [
      `redis_version:${REDIS_VERSION}`,
      `ferrous_version:${FERROUS_VERSION}`,
      'redis_git_sha1:00000000',
      'redis_git_dirty:0',
      'redis_build_id:0',
      'redis_mode:standalone',
      `os:${os.type()} ${os.release()} ${os.arch() === 'x64' ? 'x86_64' : os.arch()}`,
      'arch_bits:64',
      'monotonic_clock:POSIX clock_gettime',
      'multiplexing_api:epoll',
      'atomicvar_api:c11-builtin',
      'gcc_version:0.0.0',
      `node_version:${process.versions.node}`,
      `process_id:${process.pid}`,
      'process_supervised:no',
      `run_id:${s.runId}`,
      `tcp_port:${s.tcpPort}`,
      `server_time_usec:${now * 1000}`,
      `uptime_in_seconds:${uptime}`,
      `uptime_in_days:${Math.floor(uptime / 86400)}`,
      `hz:${s.config.int('hz')}`,
      `configured_hz:${s.config.int('hz')}`,
      `lru_clock:${Math.floor(now / 1000) & 0xffffff}`,
      `executable:${process.argv[1] ?? process.execPath}`,
      `config_file:${s.config.configFile ?? ''}`,
      'io_threads_active:0',
    ];
  },
  clients(s) {
    let maxIn = 0;
    let maxOut = 0;
    for (const c of s.clients.values()) {
      maxIn = Math.max(maxIn, c.queryBufferSize);
      maxOut = Math.max(maxOut, c.outputSize);
    }
    return [
      `connected_clients:${s.clients.size}`,
      'cluster_connections:0',
      `maxclients:${s.config.int('maxclients')}`,
      `client_recent_max_input_buffer:${maxIn}`,
      `client_recent_max_output_buffer:${maxOut}`,
      `blocked_clients:${s.blockedClients}`,
      `tracking_clients:${trackingOf(s).clients}`,
      'clients_in_timeout_table:0',
    ];
  },
  memory(s) {
    const used = usedMemory(s);
    peakMemory = Math.max(peakMemory, used);
    const rss = process.memoryUsage().rss;
    const maxmemory = s.config.int('maxmemory');
    const dataset = s.store.usedMemory;
    const total = os.totalmem();
    const scripts = scriptingStats(s);
    let clientMem = 0;
    for (const c of s.clients.values()) clientMem += c.outputSize + c.queryBufferSize;
    return [
      `used_memory:${used}`,
      `used_memory_human:${humanBytes(used)}`,
      `used_memory_rss:${rss}`,
      `used_memory_rss_human:${humanBytes(rss)}`,
      `used_memory_peak:${peakMemory}`,
      `used_memory_peak_human:${humanBytes(peakMemory)}`,
      `used_memory_peak_perc:${((used / peakMemory) * 100).toFixed(2)}%`,
      `used_memory_overhead:${used - dataset}`,
      `used_memory_startup:${STARTUP_MEMORY}`,
      `used_memory_dataset:${dataset}`,
      `used_memory_dataset_perc:${used > STARTUP_MEMORY ? ((dataset * 100) / (used - STARTUP_MEMORY)).toFixed(2) : '0.00'}%`,
      `allocator_allocated:${used}`,
      `allocator_active:${used}`,
      `allocator_resident:${rss}`,
      `total_system_memory:${total}`,
      `total_system_memory_human:${humanBytes(total)}`,
      // The Lua VMs live in the JS heap with everything else: their own size is not measurable,
      // so the VM fields keep Redis's empty-VM figures; scripts and libraries are counted.
      'used_memory_lua:31744',
      'used_memory_vm_eval:31744',
      'used_memory_lua_human:31.00K',
      `used_memory_scripts_eval:${scripts.scriptBytes}`,
      `number_of_cached_scripts:${scripts.scripts}`,
      `number_of_functions:${scripts.functions}`,
      `number_of_libraries:${scripts.libraries}`,
      'used_memory_vm_functions:32768',
      'used_memory_vm_total:64512',
      'used_memory_vm_total_human:63.00K',
      `used_memory_functions:${scripts.functionBytes}`,
      `used_memory_scripts:${scripts.scriptBytes + scripts.functionBytes}`,
      `used_memory_scripts_human:${humanBytes(scripts.scriptBytes + scripts.functionBytes)}`,
      `maxmemory:${maxmemory}`,
      `maxmemory_human:${humanBytes(maxmemory)}`,
      `maxmemory_policy:${s.config.str('maxmemory-policy')}`,
      'allocator_frag_ratio:1.00',
      'allocator_frag_bytes:0',
      `allocator_rss_ratio:${(rss / used).toFixed(2)}`,
      `allocator_rss_bytes:${rss - used}`,
      'rss_overhead_ratio:1.00',
      'rss_overhead_bytes:0',
      `mem_fragmentation_ratio:${(rss / used).toFixed(2)}`,
      `mem_fragmentation_bytes:${rss - used}`,
      'mem_not_counted_for_evict:0',
      'mem_replication_backlog:0',
      'mem_total_replication_buffers:0',
      'mem_clients_slaves:0',
      `mem_clients_normal:${clientMem}`,
      'mem_cluster_links:0',
      'mem_aof_buffer:0',
      'mem_allocator:v8',
      'active_defrag_running:0',
      'lazyfree_pending_objects:0',
      'lazyfreed_objects:0',
    ];
  },
  persistence: persistenceInfo,
  stats(s) {
    const st = s.stats;
    const store = s.store.stats;
    return [
      `total_connections_received:${st.totalConnections}`,
      `total_commands_processed:${st.totalCommands}`,
      `instantaneous_ops_per_sec:${Math.round(s.opsPerSec.value)}`,
      `total_net_input_bytes:${st.netInputBytes}`,
      `total_net_output_bytes:${st.netOutputBytes}`,
      'total_net_repl_input_bytes:0',
      'total_net_repl_output_bytes:0',
      `instantaneous_input_kbps:${s.inputKbps.value.toFixed(2)}`,
      `instantaneous_output_kbps:${s.outputKbps.value.toFixed(2)}`,
      'instantaneous_input_repl_kbps:0.00',
      'instantaneous_output_repl_kbps:0.00',
      `rejected_connections:${st.rejectedConnections}`,
      'sync_full:0',
      'sync_partial_ok:0',
      'sync_partial_err:0',
      `expired_keys:${store.expiredKeys}`,
      'expired_stale_perc:0.00',
      'expired_time_cap_reached_count:0',
      `expire_cycle_cpu_milliseconds:${Math.round(st.expireCycleMs)}`,
      `evicted_keys:${store.evictedKeys}`,
      'evicted_clients:0',
      'total_eviction_exceeded_time:0',
      'current_eviction_exceeded_time:0',
      `keyspace_hits:${store.keyspaceHits}`,
      `keyspace_misses:${store.keyspaceMisses}`,
      `pubsub_channels:${pubsubOf(s).subscribers.channel.size}`,
      `pubsub_patterns:${pubsubOf(s).subscribers.pattern.size}`,
      `pubsubshard_channels:${pubsubOf(s).subscribers.shard.size}`,
      'latest_fork_usec:0',
      'total_forks:0',
      'migrate_cached_sockets:0',
      'slave_expires_tracked_keys:0',
      'active_defrag_hits:0',
      'active_defrag_misses:0',
      'active_defrag_key_hits:0',
      'active_defrag_key_misses:0',
      'total_active_defrag_time:0',
      'current_active_defrag_time:0',
      `tracking_total_keys:${trackingOf(s).table.size}`,
      `tracking_total_items:${trackingOf(s).totalItems}`,
      `tracking_total_prefixes:${trackingOf(s).prefixTable.size}`,
      'unexpected_error_replies:0',
      `total_error_replies:${st.errorReplies}`,
      'dump_payload_sanitizations:0',
      `total_reads_processed:${st.netInputBytes > 0 ? st.totalCommands : 0}`,
      `total_writes_processed:${st.netOutputBytes > 0 ? st.totalCommands : 0}`,
      'io_threaded_reads_processed:0',
      'io_threaded_writes_processed:0',
      `client_query_buffer_limit_disconnections:${st.clientQueryBufferLimitDisconnections}`,
      `client_output_buffer_limit_disconnections:${st.clientOutputBufferLimitDisconnections}`,
      'reply_buffer_shrinks:0',
      'reply_buffer_expands:0',
    ];
  },
  replication(s) {
    return [
      'role:master',
      'connected_slaves:0',
      'master_failover_state:no-failover',
      `master_replid:${s.runId}`,
      'master_replid2:0000000000000000000000000000000000000000',
      'master_repl_offset:0',
      'second_repl_offset:-1',
      'repl_backlog_active:0',
      `repl_backlog_size:${s.config.int('repl-backlog-size')}`,
      'repl_backlog_first_byte_offset:0',
      'repl_backlog_histlen:0',
    ];
  },
  cpu() {
    const u = process.cpuUsage();
    const sys = (u.system / 1e6).toFixed(6);
    const user = (u.user / 1e6).toFixed(6);
    return [`used_cpu_sys:${sys}`, `used_cpu_user:${user}`, 'used_cpu_sys_children:0.000000', 'used_cpu_user_children:0.000000', `used_cpu_sys_main_thread:${sys}`, `used_cpu_user_main_thread:${user}`];
  },
  modules: () => [],
  commandstats(s) {
    const out: string[] = [];
    for (const cmd of allCommands(s)) {
      const st = cmd.stats;
      if (st.calls === 0 && st.rejectedCalls === 0 && st.failedCalls === 0) continue;
      const per = st.calls ? (st.usec / st.calls).toFixed(2) : '0.00';
      out.push(`cmdstat_${cmd.fullName}:calls=${st.calls},usec=${st.usec},usec_per_call=${per},rejected_calls=${st.rejectedCalls},failed_calls=${st.failedCalls}`);
    }
    return out;
  },
  errorstats(s) {
    return [...s.stats.errorCodes].map(([code, n]) => `errorstat_${code}:count=${n}`);
  },
  latencystats(s) {
    if (!s.config.bool('latency-tracking')) return [];
    const percentiles = (s.config.get('latency-tracking-info-percentiles') as string[]).map(Number);
    const out: string[] = [];
    for (const cmd of allCommands(s)) {
      if (cmd.stats.calls === 0) continue;
      const values = percentiles.map((p) => `p${formatPercentile(p)}=${percentileOf(cmd.histogram, p).toFixed(3)}`);
      out.push(`latency_percentiles_usec_${cmd.fullName}:${values.join(',')}`);
    }
    return out;
  },
  cluster: () => ['cluster_enabled:0'],
  keyspace(s) {
    const out: string[] = [];
    for (let i = 0; i < s.store.databases; i++) {
      const db = s.store.db(i);
      if (db.size === 0) continue;
      out.push(`db${i}:keys=${db.size},expires=${db.volatileSize},avg_ttl=${Math.round(db.avgTtl)}`);
    }
    return out;
  },
};

function* allCommands(s: Server) {
  for (const cmd of s.commands.values()) {
    if (cmd.subcommands) yield* cmd.subcommands.values();
    else yield cmd;
  }
}

function formatPercentile(p: number): string {
  return String(p);
}

/** Upper bound (µs) of the power-of-two bucket holding the p-th percentile call. */
export function percentileOf(histogram: Float64Array, p: number): number {
  let total = 0;
  for (const n of histogram) total += n;
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= rank) return 2 ** i;
  }
  return 2 ** (histogram.length - 1);
}
