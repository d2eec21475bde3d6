// INFO persistence: Redis 7.0's field names and order. Fork/COW fields report what an idle fork
// reports: Ferrous snapshots without forking.
import type { Server } from '../server';
import { persistenceOf } from './persistence';

export function persistenceInfo(s: Server): string[] {
  const p = persistenceOf(s);
  const now = Date.now();
  const aof = p.aof;
  const lines = [
    `loading:${s.loading ? 1 : 0}`,
    'async_loading:0',
    'current_cow_peak:0',
    'current_cow_size:0',
    'current_cow_size_age:0',
    'current_fork_perc:0.00',
    'current_save_keys_processed:0',
    'current_save_keys_total:0',
    `rdb_changes_since_last_save:${s.dirty}`,
    `rdb_bgsave_in_progress:${p.bgsave !== null ? 1 : 0}`,
    `rdb_last_save_time:${s.lastSave}`,
    `rdb_last_bgsave_status:${p.lastBgsaveOk ? 'ok' : 'err'}`,
    `rdb_last_bgsave_time_sec:${p.lastBgsaveSeconds}`,
    `rdb_current_bgsave_time_sec:${p.bgsave !== null ? Math.round((now - p.bgsaveStartedAt) / 1000) : -1}`,
    `rdb_saves:${p.rdbSaves}`,
    'rdb_last_cow_size:0',
    `rdb_last_load_keys_expired:${p.lastLoadExpired}`,
    `rdb_last_load_keys_loaded:${p.lastLoadKeys}`,
    `aof_enabled:${aof !== null ? 1 : 0}`,
    `aof_rewrite_in_progress:${p.rewriting ? 1 : 0}`,
    `aof_rewrite_scheduled:${p.rewriteScheduled ? 1 : 0}`,
    `aof_last_rewrite_time_sec:${p.lastRewriteSeconds}`,
    `aof_current_rewrite_time_sec:${p.rewriting ? Math.round((now - p.rewriteStartedAt) / 1000) : -1}`,
    `aof_last_bgrewrite_status:${p.lastRewriteOk ? 'ok' : 'err'}`,
    `aof_rewrites:${p.aofRewrites}`,
    `aof_rewrites_consecutive_failures:${p.lastRewriteOk ? 0 : 1}`,
    `aof_last_write_status:${aof?.writer.lastError ? 'err' : 'ok'}`,
    'aof_last_cow_size:0',
    'module_fork_in_progress:0',
    'module_fork_last_cow_size:0',
  ];
  if (aof !== null) lines.push(`aof_current_size:${aof.writer.size}`, 'aof_pending_rewrite:0', 'aof_delayed_fsync:0');
  return lines;
}
