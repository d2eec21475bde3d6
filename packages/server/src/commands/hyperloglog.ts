// HyperLogLog commands. An HLL is a plain string value in Redis's exact byte layout (see
// @ferrous/store's types/hll), so GET/SET/DUMP/RDB carry it unchanged; every update writes the
// new string back with the key's TTL kept, like Redis's in-place edit.
import { SimpleString, type Reply } from '@ferrous/resp';
import {
  HLL_DENSE,
  HLL_REGISTERS,
  HLL_SPARSE,
  HllBuffer,
  type Database,
  decodeSparse,
  denseRegisters,
  hllAdd,
  hllCount,
  hllMerge,
  hllSetRegister,
  isValidHll,
  rawCount,
  sparseToDense,
} from '@ferrous/store';
import type { Client } from '../client';
import type { CommandSpec } from '../dispatch/command-table';
import { rangeKeys } from '../dispatch/key-specs';
import { ErrorText, RedisError } from '../errors';
import { OK } from '../reply';

const NOT_HLL = 'WRONGTYPE Key is not a valid HyperLogLog string value.';
const INVALID_HLL = 'INVALIDOBJ Corrupted HLL object detected';

/** The HLL at `key` (undefined when missing); WRONGTYPE for non-strings and non-HLL strings. */
function lookupHll(db: Database, key: string, write: boolean): HllBuffer | undefined {
  const v = write ? db.lookupWrite(key) : db.lookupRead(key);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new RedisError(ErrorText.wrongType);
  if (!isValidHll(v)) throw new RedisError(NOT_HLL);
  return HllBuffer.fromString(v);
}

function store(db: Database, key: string, hll: HllBuffer): void {
  db.set(key, hll.toString(), { keepTtl: true, rawString: true });
}

function sparseMax(c: Client): number {
  return c.server.config.int('hll-sparse-max-bytes');
}

function pfaddCommand(c: Client, argv: string[]): Reply {
  const db = c.db;
  let hll = lookupHll(db, argv[1], true);
  let updated = 0;
  if (hll === undefined) {
    hll = HllBuffer.create();
    updated++;
  }
  const max = sparseMax(c);
  for (let i = 2; i < argv.length; i++) {
    const r = hllAdd(hll, argv[i], max);
    if (r === -1) throw new RedisError(INVALID_HLL);
    updated += r;
  }
  if (updated === 0) return 0;
  hll.invalidateCache();
  store(db, argv[1], hll);
  return 1;
}

function pfcountCommand(c: Client, argv: string[]): Reply {
  const db = c.db;
  if (argv.length > 2) {
    const max = new Uint8Array(HLL_REGISTERS);
    for (let i = 1; i < argv.length; i++) {
      const hll = lookupHll(db, argv[i], false);
      if (hll !== undefined && !hllMerge(max, hll)) throw new RedisError(INVALID_HLL);
    }
    return rawCount(max);
  }
  const hll = lookupHll(db, argv[1], false);
  if (hll === undefined) return 0;
  if (hll.cacheValid) return hll.cachedCount;
  const count = hllCount(hll);
  if (count === null) throw new RedisError(INVALID_HLL);
  hll.cachedCount = count;
  store(db, argv[1], hll);
  return count;
}

function pfmergeCommand(c: Client, argv: string[]): Reply {
  const db = c.db;
  const max = new Uint8Array(HLL_REGISTERS);
  let useDense = false;
  for (let i = 1; i < argv.length; i++) {
    const hll = lookupHll(db, argv[i], false);
    if (hll === undefined) continue;
    if (hll.encoding === HLL_DENSE) useDense = true;
    if (!hllMerge(max, hll)) throw new RedisError(INVALID_HLL);
  }
  const target = lookupHll(db, argv[1], true) ?? HllBuffer.create();
  if (useDense && !sparseToDense(target)) throw new RedisError(INVALID_HLL);
  const sparseMaxBytes = sparseMax(c);
  for (let j = 0; j < HLL_REGISTERS; j++) if (max[j] !== 0) hllSetRegister(target, j, max[j], sparseMaxBytes);
  target.invalidateCache();
  store(db, argv[1], target);
  return OK;
}

function pfdebugCommand(c: Client, argv: string[]): Reply {
  const sub = argv[1];
  const db = c.db;
  const key = argv[2];
  if (db.lookupWrite(key) === undefined) throw new RedisError('ERR The specified key does not exist');
  const hll = lookupHll(db, key, true)!;
  const name = sub.toLowerCase();
  switch (name) {
    case 'getreg':
    case 'todense': {
      const wasSparse = hll.encoding === HLL_SPARSE;
      if (wasSparse) {
        if (!sparseToDense(hll)) throw new RedisError(INVALID_HLL);
        store(db, key, hll);
      }
      return name === 'getreg' ? denseRegisters(hll) : wasSparse ? 1 : 0;
    }
    case 'decode':
      if (hll.encoding !== HLL_SPARSE) throw new RedisError('ERR HLL encoding is not sparse');
      return decodeSparse(hll);
    case 'encoding':
      return new SimpleString(hll.encoding === HLL_DENSE ? 'dense' : 'sparse');
    default:
      throw new RedisError(`ERR Unknown PFDEBUG subcommand '${sub}'`);
  }
}

/** PFSELFTEST: register packing round trip, and sparse and dense counting the same elements alike. */
function pfselftestCommand(): Reply {
  const dense = HllBuffer.create();
  sparseToDense(dense);
  const expected = new Uint8Array(HLL_REGISTERS);
  for (let i = 0; i < HLL_REGISTERS; i++) {
    expected[i] = (i * 7 + 3) % 64;
    hllSetRegister(dense, i, expected[i], 0);
  }
  const regs = denseRegisters(dense);
  for (let i = 0; i < HLL_REGISTERS; i++) {
    if (regs[i] !== expected[i]) throw new RedisError(`ERR TESTFAILED Register error at ${i}`);
  }
  const sparse = HllBuffer.create();
  const full = HllBuffer.create();
  sparseToDense(full);
  for (let i = 0; i < 2000; i++) {
    hllAdd(sparse, `selftest:${i}`, 3000);
    hllAdd(full, `selftest:${i}`, 0);
  }
  if (hllCount(sparse) !== hllCount(full)) throw new RedisError('ERR TESTFAILED sparse and dense counts differ');
  return OK;
}

const K1 = { first: 1, last: 1, step: 1 };

export const hyperloglogCommands: CommandSpec[] = [
  { name: 'pfadd', arity: -2, flags: ['write', 'denyoom', 'fast'], keys: K1, keyFlags: ['RW', 'insert'], acl: ['hyperloglog'], summary: 'Adds the specified elements to the specified HyperLogLog.', since: '2.8.9', run: pfaddCommand },
  { name: 'pfcount', arity: -2, flags: ['readonly'], keys: { first: 1, last: -1, step: 1 }, keySpecs: [{ ...rangeKeys(['RW', 'access'], 1, -1), notes: 'RW because it may change the internal representation of the key, and propagate to replicas' }], acl: ['hyperloglog'], summary: 'Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).', since: '2.8.9', run: pfcountCommand },
  { name: 'pfmerge', arity: -2, flags: ['write', 'denyoom'], keys: { first: 1, last: -1, step: 1 }, keySpecs: [rangeKeys(['RW', 'access', 'insert'], 1), rangeKeys(['RO', 'access'], 2, -1)], acl: ['hyperloglog'], summary: 'Merge N different HyperLogLogs into a single one.', since: '2.8.9', run: pfmergeCommand },
  { name: 'pfdebug', arity: 3, flags: ['write', 'denyoom', 'admin'], keys: { first: 2, last: 2, step: 1 }, keyFlags: ['RW', 'access'], acl: ['hyperloglog'], summary: 'Internal commands for debugging HyperLogLog values', since: '2.8.9', syscmd: true, run: pfdebugCommand },
  { name: 'pfselftest', arity: 1, flags: ['admin'], acl: ['hyperloglog'], summary: 'An internal command for testing HyperLogLog values', since: '2.8.9', syscmd: true, run: pfselftestCommand },
];
