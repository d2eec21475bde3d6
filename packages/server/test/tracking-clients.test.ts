// Client-side caching with real clients: ioredis (RESP2, invalidations redirected to a
// `__redis__:invalidate` subscriber) and node-redis's built-in RESP3 client-side cache.
import { Redis } from 'ioredis';
import { BasicClientSideCache, createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ServerHandle } from '@ferrous/server';

let server: ServerHandle;
beforeAll(async () => {
  server = await createServer({ port: 0, config: { save: '' } });
});
afterAll(() => server.close());

describe('tracking with real clients', () => {
  it('ioredis: a RESP2 client redirects invalidations to a subscriber', async () => {
    const subscriber = new Redis(server.port, '127.0.0.1');
    const reader = new Redis(server.port, '127.0.0.1');
    const writer = new Redis(server.port, '127.0.0.1');
    try {
      const subscriberId = (await subscriber.client('ID')) as number;
      const invalidated = new Promise<string>((resolve) => {
        // The payload is an array of keys; ioredis hands a message over as a string.
        subscriber.on('message', (channel: string, keys: string) => {
          if (channel === '__redis__:invalidate') resolve(keys);
        });
      });
      await subscriber.subscribe('__redis__:invalidate');
      expect(await reader.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(subscriberId))).toBe('OK');
      await writer.set('csc:a', '1');
      expect(await reader.get('csc:a')).toBe('1');
      await writer.set('csc:a', '2');
      expect(await invalidated).toBe('csc:a');
    } finally {
      subscriber.disconnect();
      reader.disconnect();
      writer.disconnect();
    }
  });

  it('node-redis: the RESP3 client-side cache is invalidated by another client\'s write', async () => {
    const cache = new BasicClientSideCache({ ttl: 0, maxEntries: 0 });
    const cached = createClient({ socket: { port: server.port, host: '127.0.0.1' }, RESP: 3, clientSideCache: cache });
    const writer = createClient({ socket: { port: server.port, host: '127.0.0.1' } });
    await Promise.all([cached.connect(), writer.connect()]);
    try {
      await writer.set('csc:b', 'one');
      expect(await cached.get('csc:b')).toBe('one');
      expect(await cached.get('csc:b')).toBe('one');
      expect(cache.stats().hitCount).toBe(1);
      await writer.set('csc:b', 'two');
      // The invalidation push arrives asynchronously; the next read must see the new value.
      const deadline = Date.now() + 2000;
      let value = await cached.get('csc:b');
      while (value !== 'two' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
        value = await cached.get('csc:b');
      }
      expect(value).toBe('two');
      expect(cache.stats().missCount).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all([cached.quit(), writer.quit()]);
    }
  });
});
