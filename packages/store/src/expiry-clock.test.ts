import { describe, expect, it } from 'vitest';
import { Store } from './store';

function makeStore() {
  let clock = 1_700_000_000_000;
  const store = new Store({ now: () => clock });
  const db = store.db(0);
  db.set('k', 'v');
  db.setExpire('k', clock + 10);
  return { store, db, advance: (ms: number) => (clock += ms) };
}

describe('the time expiry is judged against', () => {
  it('reads the live clock outside commands and scripts', () => {
    const { store, db, advance } = makeStore();
    expect(store.expiryNow()).toBe(store.now());
    advance(11);
    expect(db.exists('k')).toBe(false);
  });

  it('holds one time through nested commands, read at its first use or when pinned', () => {
    const { store, db, advance } = makeStore();
    store.fixCommandTime();
    const pinned = store.now();
    store.pinCommandTime();
    advance(5);
    store.fixCommandTime();
    advance(20);
    expect(store.expiryNow()).toBe(pinned);
    expect(db.exists('k')).toBe(true);
    store.releaseCommandTime();
    expect(db.exists('k')).toBe(true);
    store.releaseCommandTime();
    expect(store.expiryNow()).toBe(store.now());
    expect(db.exists('k')).toBe(false);
  });

  it('reads a command time lazily: the first expiry check of the command fixes it', () => {
    const { store, db, advance } = makeStore();
    store.fixCommandTime();
    advance(5);
    expect(db.exists('k')).toBe(true);
    advance(20);
    expect(db.exists('k')).toBe(true);
    store.releaseCommandTime();
    store.fixCommandTime();
    expect(db.exists('k')).toBe(false);
    store.releaseCommandTime();
  });

  it('a script start wins over the command time, and the command time holds again after it', () => {
    const { store, db, advance } = makeStore();
    store.fixCommandTime();
    const commandStart = store.now();
    store.pinCommandTime();
    advance(20);
    const scriptStart = store.now();
    store.fixScriptTime();
    store.fixCommandTime();
    advance(100);
    expect(store.expiryNow()).toBe(scriptStart);
    expect(db.exists('k')).toBe(false);
    db.set('k2', 'v');
    db.setExpire('k2', store.now() - 50);
    expect(db.exists('k2')).toBe(true);
    store.releaseCommandTime();
    store.releaseScriptTime();
    expect(store.expiryNow()).toBe(commandStart);
    store.releaseCommandTime();
    expect(db.exists('k2')).toBe(false);
  });

  it('a script time outlives the commands around it (a busy script between event-loop turns)', () => {
    const { store, db, advance } = makeStore();
    store.fixScriptTime();
    advance(50);
    store.fixCommandTime();
    store.releaseCommandTime();
    expect(db.exists('k')).toBe(true);
    store.releaseScriptTime();
    expect(db.exists('k')).toBe(false);
  });
});
