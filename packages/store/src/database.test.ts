import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Store, type KeyEvent } from './store';
import { HashValue } from './types/hash/hash';
import { seededRandom } from './test-random';

function makeStore(extra: ConstructorParameters<typeof Store>[0] = {}) {
  let clock = 1_700_000_000_000;
  const store = new Store({ now: () => clock, random: seededRandom(5), ...extra });
  return { store, db: store.db(0), advance: (ms: number) => (clock += ms) };
}

describe('Database basics', () => {
  it('sets, reads, deletes and reports every change', () => {
    const { store, db } = makeStore();
    const events: Array<[number, string | null, KeyEvent]> = [];
    store.onKeyChange((d, k, e) => events.push([d, k, e]));
    db.set('a', '1');
    expect(db.lookupRead('a')).toBe('1');
    expect(db.size).toBe(1);
    expect(db.delete('a')).toBe(true);
    expect(db.delete('a')).toBe(false);
    store.db(1).set('b', 'x');
    store.swapDb(0, 1);
    expect(db.lookupRead('b')).toBe('x');
    store.flushAll();
    expect(events).toEqual([
      [0, 'a', 'set'],
      [0, 'a', 'delete'],
      [1, 'b', 'set'],
      [0, null, 'swapdb'],
      [1, null, 'swapdb'],
      ...Array.from({ length: 16 }, (_, i) => [i, null, 'flush']),
    ]);
    expect(store.usedMemory).toBe(0);
  });

  it('expires lazily in ms and keeps or clears TTL on overwrite', () => {
    const { store, db, advance } = makeStore();
    const events: KeyEvent[] = [];
    store.onKeyChange((_d, _k, e) => events.push(e));
    db.set('k', 'v');
    const now = store.now();
    db.setExpire('k', now + 100);
    expect(db.getExpire('k')).toBe(now + 100);
    db.set('k', 'w', { keepTtl: true });
    expect(db.getExpire('k')).toBe(now + 100);
    advance(100);
    expect(db.lookupRead('k')).toBe('w'); // expired only when now > when
    advance(1);
    expect(db.lookupRead('k')).toBeUndefined();
    expect(events.at(-1)).toBe('expired');
    expect(store.stats.expiredKeys).toBe(1);
    db.set('p', 'v');
    db.setExpire('p', now + 10_000);
    expect(db.persist('p')).toBe(true);
    expect(db.getExpire('p')).toBe(-1);
    db.setExpire('p', now + 10_000);
    db.set('p', 'x');
    expect(db.getExpire('p')).toBe(-1);
  });

  it('reports string encodings like Redis', () => {
    const { db } = makeStore();
    const cases: Array<[string, string]> = [
      ['123', 'int'], ['-9223372036854775808', 'int'], ['9223372036854775808', 'embstr'], ['01', 'embstr'],
      [' 1', 'embstr'], ['x'.repeat(44), 'embstr'], ['x'.repeat(45), 'raw'],
    ];
    for (const [value, encoding] of cases) {
      db.set('s', value);
      expect(db.objectEncoding('s')).toBe(encoding);
    }
    db.set('s', '12', { rawString: true });
    expect(db.objectEncoding('s')).toBe('raw');
  });

  it('throws WRONGTYPE and deletes emptied collections on signalModified', () => {
    const { store, db } = makeStore();
    db.set('s', 'x');
    expect(() => db.readTyped('s', 'hash')).toThrow('WRONGTYPE Operation against a key holding the wrong kind of value');
    const h = new HashValue(store);
    h.set('f', 'v');
    db.set('h', h);
    const w = db.writeTyped('h', 'hash')!;
    w.delete('f');
    db.signalModified('h');
    expect(db.exists('h')).toBe(false);
  });

  it('renames, moves and copies with TTLs', () => {
    const { store, db } = makeStore();
    db.set('a', 'v');
    db.setExpire('a', store.now() + 5000);
    expect(db.rename('a', 'b')).toBe(true);
    expect(db.exists('a')).toBe(false);
    expect(db.getExpire('b')).toBe(store.now() + 5000);
    expect(() => db.rename('zz', 'y')).toThrow('ERR no such key');
    db.set('c', 'other');
    expect(db.rename('b', 'c', true)).toBe(false);
    const h = new HashValue(store);
    h.set('f', '1');
    db.set('h', h);
    expect(db.copy('h', store.db(2), 'h2')).toBe(true);
    (store.db(2).lookupWrite('h2') as HashValue).set('f', '2');
    expect((db.lookupRead('h') as HashValue).get('f')).toBe('1');
    expect(db.move('c', store.db(3))).toBe(true);
    expect(store.db(3).lookupRead('c')).toBe('other');
  });

  it('tracks LRU idle time and LFU counters', () => {
    const { store, db, advance } = makeStore();
    db.set('k', 'v');
    advance(5000);
    expect(db.objectIdleTime('k')).toBe(5);
    db.lookupRead('k');
    expect(db.objectIdleTime('k')).toBe(0);
    store.config['maxmemory-policy'] = 'allkeys-lfu';
    store.policyChanged();
    expect(db.objectFreq('k')).toBe(5);
    for (let i = 0; i < 100; i++) db.lookupRead('k');
    expect(db.objectFreq('k')).toBeGreaterThan(5);
    const before = db.objectFreq('k')!;
    advance(3 * 60_000);
    expect(db.objectFreq('k')).toBe(before - 3);
  });

  it('keeps the memory estimate in step with writes', () => {
    const { store, db } = makeStore();
    db.set('a', 'x'.repeat(100));
    const one = store.usedMemory;
    expect(one).toBeGreaterThan(100);
    db.set('a', 'x'.repeat(200));
    expect(store.usedMemory).toBe(one + 100);
    db.delete('a');
    expect(store.usedMemory).toBe(0);
  });
});

describe('persistence accessors', () => {
  it('peek has no side effects: no expiry, no stamp, no stats, no events', () => {
    const { store, db, advance } = makeStore();
    db.set('k', 'v');
    db.setExpire('k', 1_700_000_001_000);
    advance(5000);
    const events: KeyEvent[] = [];
    store.onKeyChange((_d, _k, e) => events.push(e));
    expect(db.peek('k')).toBe('v');
    expect(db.peek('missing')).toBeUndefined();
    expect(db.peekIdleTime('k')).toBe(5);
    expect(db.size).toBe(1);
    expect(events).toEqual([]);
    expect(store.stats).toEqual({ expiredKeys: 0, evictedKeys: 0, keyspaceHits: 0, keyspaceMisses: 0 });
    expect(db.lookupRead('k')).toBeUndefined(); // the normal path still expires it
  });

  it('reads and restores LRU idle time and LFU counters (RDB IDLE/FREQ)', () => {
    const { store, db } = makeStore();
    db.set('k', 'v', { rawString: true });
    expect(db.setIdleTime('k', 1234)).toBe(true);
    expect(db.peekIdleTime('k')).toBe(1234);
    expect(db.objectIdleTime('k')).toBe(1234);
    expect(db.objectEncoding('k')).toBe('raw');
    expect(db.setFreq('k', 77)).toBe(false); // LRU policy: FREQ is ignored, like Redis
    store.config['maxmemory-policy'] = 'allkeys-lfu';
    store.policyChanged();
    expect(db.setFreq('k', 77)).toBe(true);
    expect(db.peekFreq('k')).toBe(77);
    expect(db.setIdleTime('k', 5)).toBe(false);
    expect(db.setFreq('missing', 1)).toBe(false);
  });

  it('loadSet inserts without events, keeps TTLs and accounts memory like set', () => {
    const a = makeStore();
    const b = makeStore();
    const events: KeyEvent[] = [];
    a.store.onKeyChange((_d, _k, e) => events.push(e));
    a.db.loadSet('s', 'value');
    a.db.loadSet('t', 'x', 1_700_000_100_000, { rawString: true });
    a.db.loadSet('s', 'replaced', 1_700_000_200_000);
    a.db.loadSet('s', 'again');
    b.db.set('s', 'again');
    b.db.set('t', 'x');
    b.db.setExpire('t', 1_700_000_100_000);
    expect(events).toEqual([]);
    expect(a.db.lookupRead('s')).toBe('again');
    expect(a.db.getExpire('s')).toBe(-1);
    expect(a.db.getExpire('t')).toBe(1_700_000_100_000);
    expect(a.db.objectEncoding('t')).toBe('raw');
    expect(a.db.volatileSize).toBe(1);
    expect(a.store.usedMemory).toBe(b.store.usedMemory);
  });

  it('loadMany loads like loadSet per key, and the keyspace stays right past its unused reserve', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.option(fc.integer({ min: 1, max: 1000 }), { nil: -1 })), { maxLength: 80 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 90 })), { maxLength: 80 }),
        (loaded, later) => {
          const bulk = makeStore();
          const single = makeStore();
          bulk.db.set('before', 'x');
          single.db.set('before', 'x');
          const keys = loaded.map(([k]) => `k${k}`);
          const values = loaded.map(([k], i) => `v${k}:${i}`);
          const expires = loaded.map(([, t]) => (t < 0 ? -1 : 1_700_000_000_000 + t));
          bulk.db.loadMany(keys, values, expires); // duplicates leave part of the reserve unused
          keys.forEach((k, i) => single.db.loadSet(k, values[i], expires[i]));
          const model = new Map<string, string>([['before', 'x']]);
          keys.forEach((k, i) => model.set(k, values[i]));
          expect(bulk.store.usedMemory).toBe(single.store.usedMemory);
          expect(bulk.db.volatileSize).toBe(single.db.volatileSize);
          for (const [add, k] of later) {
            if (add) bulk.db.set(`k${k}`, 'new');
            else bulk.db.delete(`k${k}`);
            if (add) model.set(`k${k}`, 'new');
            else model.delete(`k${k}`);
            expect(bulk.db.size).toBe(model.size);
          }
          expect(bulk.db.keys('*').sort()).toEqual([...model.keys()].sort());
          for (const [k, v] of model) expect(bulk.db.peek(k)).toBe(v);
          if (model.size > 0) expect(model.has(bulk.db.randomKey()!)).toBe(true);
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });
});

describe('SCAN guarantee', () => {
  it('returns every key present for the whole iteration, under concurrent inserts and deletes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.tuple(fc.constantFrom('add', 'del', 'del'), fc.integer({ min: 0, max: 400 })), { maxLength: 300 }),
        fc.integer({ min: 1, max: 20 }),
        (initial, mutations, count) => {
          const { db } = makeStore();
          for (let i = 0; i < initial; i++) db.set('k' + i, 'v');
          const stable = new Set(Array.from({ length: initial }, (_, i) => 'k' + i));
          const seen = new Set<string>();
          let cursor = 0;
          let m = 0;
          let calls = 0;
          do {
            const [next, keys] = db.scan(cursor, { count });
            expect(keys.length).toBeLessThanOrEqual(count);
            keys.forEach((k) => seen.add(k));
            cursor = next;
            for (let j = 0; j < 3 && m < mutations.length; j++, m++) {
              const [kind, n] = mutations[m];
              if (kind === 'add') db.set('k' + n, 'v');
              else {
                db.delete('k' + n);
                stable.delete('k' + n);
              }
            }
            calls++;
          } while (cursor !== 0 && calls < 10_000);
          for (const k of stable) expect(seen.has(k)).toBe(true);
        },
      ),
      { seed: 17, numRuns: 200 },
    );
  });

  it('filters by MATCH and TYPE', () => {
    const { store, db } = makeStore();
    db.set('user:1', 'a');
    db.set('user:2', 'b');
    db.set('other', 'c');
    db.set('user:h', new HashValue(store));
    const [, keys] = db.scan(0, { count: 100, match: 'user:*', type: 'string' });
    expect(keys.sort()).toEqual(['user:1', 'user:2']);
  });
});

describe('active expiry', () => {
  it('collects expired keys by sampling and stops when few are stale', () => {
    const { store, db, advance } = makeStore();
    const now = store.now();
    for (let i = 0; i < 1000; i++) {
      db.set('k' + i, 'v');
      db.setExpire('k' + i, now + (i < 900 ? 10 : 1_000_000));
    }
    advance(100);
    const expired = store.activeExpireCycle(25);
    // 90% stale: the cycle keeps sampling until the stale share drops to about 10%.
    expect(expired).toBeGreaterThan(700);
    expect(db.size).toBeGreaterThanOrEqual(100);
    let stale = 0;
    db.forEach((_k, _v, when) => (stale += when < store.now() ? 1 : 0));
    expect(stale / db.size).toBeLessThan(0.5);
    // Non-expired keys are never collected.
    while (store.activeExpireCycle(25) > 0);
    expect(db.size).toBe(100);
    expect(db.avgTtl).toBeGreaterThan(0);
  });
});

describe('eviction', () => {
  function fill(policy: Parameters<typeof setPolicy>[1]) {
    const t = makeStore();
    setPolicy(t.store, policy);
    for (let i = 0; i < 200; i++) {
      t.db.set('k' + i, 'x'.repeat(100));
      if (i % 2 === 0) t.db.setExpire('k' + i, t.store.now() + 1_000_000 + i * 1000);
    }
    return t;
  }
  function setPolicy(store: Store, policy: Store['config']['maxmemory-policy']) {
    store.config['maxmemory-policy'] = policy;
    store.config['maxmemory-samples'] = 10;
  }

  it('noeviction refuses once over the limit', () => {
    const { store } = fill('noeviction');
    store.config.maxmemory = store.usedMemory - 1;
    expect(store.evictIfNeeded()).toBe(false);
    store.config.maxmemory = store.usedMemory;
    expect(store.evictIfNeeded()).toBe(true);
  });

  for (const policy of ['allkeys-random', 'allkeys-lru', 'allkeys-lfu', 'volatile-random', 'volatile-lru', 'volatile-lfu', 'volatile-ttl'] as const) {
    it(`${policy} gets under maxmemory and picks the right keys`, () => {
      const { store, db, advance } = fill(policy);
      // Make the first half "old" and the second half recently/frequently used.
      advance(60_000 * 5);
      for (let round = 0; round < 20; round++) for (let i = 100; i < 200; i++) db.lookupRead('k' + i);
      const limit = Math.floor(store.usedMemory * 0.75);
      store.config.maxmemory = limit;
      expect(store.evictIfNeeded()).toBe(true);
      expect(store.usedMemory).toBeLessThanOrEqual(limit);
      expect(store.stats.evictedKeys).toBeGreaterThan(0);
      const alive = (i: number) => db.exists('k' + i);
      if (policy.startsWith('volatile-')) for (let i = 1; i < 200; i += 2) expect(alive(i)).toBe(true);
      if (policy === 'allkeys-lru' || policy === 'allkeys-lfu') {
        let oldAlive = 0;
        let hotAlive = 0;
        for (let i = 0; i < 100; i++) oldAlive += alive(i) ? 1 : 0;
        for (let i = 100; i < 200; i++) hotAlive += alive(i) ? 1 : 0;
        expect(hotAlive).toBeGreaterThan(90);
        expect(oldAlive).toBeLessThan(hotAlive);
      }
      if (policy === 'volatile-ttl') {
        // Shortest TTLs (lowest even indices) go first.
        expect(alive(0)).toBe(false);
        expect(alive(198)).toBe(true);
      }
    });
  }

  it('volatile policies fail when no key has a TTL', () => {
    const { store, db } = makeStore();
    store.config['maxmemory-policy'] = 'volatile-lru';
    db.set('a', 'x'.repeat(1000));
    store.config.maxmemory = 10;
    expect(store.evictIfNeeded()).toBe(false);
  });
});
