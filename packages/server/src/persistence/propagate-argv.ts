// The argv a write is propagated with: relative TTLs become absolute (PEXPIREAT / PXAT / ABSTTL), as
// Redis rewrites them, so that replaying the AOF later gives keys the deadline they had, not a new one.
// Read after the command ran: the key's expire time in the store is the truth to record.
import type { Database } from '@ferrous/store';

const SET_TTL_OPTIONS = new Set(['ex', 'px', 'exat', 'pxat']);
const GETEX_TTL_OPTIONS = new Set(['ex', 'px', 'exat', 'pxat', 'persist']);

/** `argv` itself unless it carries a TTL that must be made absolute. */
export function propagatedArgv(db: Database, argv: string[]): string[] {
  switch (argv[0].toLowerCase()) {
    case 'expire':
    case 'pexpire':
    case 'expireat':
      return expireArgv(db, argv[1]);
    case 'setex':
    case 'psetex':
      return withPxat(db, ['SET', argv[1], argv[3]], argv[1]);
    case 'set': {
      const at = argv.findIndex((a, i) => i >= 3 && SET_TTL_OPTIONS.has(a.toLowerCase()));
      if (at < 0) return argv;
      return withPxat(db, [...argv.slice(0, at), ...argv.slice(at + 2)], argv[1]);
    }
    case 'getex':
      return argv.slice(2).some((a) => GETEX_TTL_OPTIONS.has(a.toLowerCase())) ? expireArgv(db, argv[1]) : argv;
    case 'restore': {
      const when = db.getExpire(argv[1]);
      if (when < 0 || argv.some((a, i) => i >= 4 && a.toLowerCase() === 'absttl')) return argv;
      return ['RESTORE', argv[1], String(when), ...argv.slice(3), 'ABSTTL'];
    }
    default:
      return argv;
  }
}

/** What an EXPIRE-like command did: a deadline, a removed TTL, or a deleted key. */
function expireArgv(db: Database, key: string): string[] {
  if (!db.exists(key)) return ['DEL', key];
  const when = db.getExpire(key);
  return when < 0 ? ['PERSIST', key] : ['PEXPIREAT', key, String(when)];
}

function withPxat(db: Database, argv: string[], key: string): string[] {
  const when = db.getExpire(key);
  return when < 0 ? argv : [...argv, 'PXAT', String(when)];
}
