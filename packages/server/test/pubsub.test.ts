// Pub/Sub against redis-server: subscribe/unsubscribe confirmations, message/pmessage/smessage in
// RESP2 and RESP3, the RESP2 subscribed context and its error text, PUBSUB introspection; and the
// pubsub output-buffer limit cutting off a subscriber that does not read.
import { once } from 'node:events';
import net from 'node:net';
import { describeWithOracle, RawConnection, encodeRequest } from '@ferrous/oracle';
import { createServer } from '@ferrous/server';
import { describe, expect, it } from 'vitest';
import { usePair } from './harness';
import { runScenario, send, type ScenarioStep } from './scenario';

/** HELLO's map differs (server name, version, id); everything else must match byte for byte. */
const normalize = (line: string) => line.replace(/"%7\\r\\n.*"\]$/, '<hello>"]');

describeWithOracle(['redis-server'], 'pub/sub vs redis-server', () => {
  const pair = usePair();
  const same = async (connections: number, steps: ScenarioStep[]) => {
    const [candidate, reference] = await Promise.all([
      runScenario(pair.ferrous.port, connections, steps),
      runScenario(pair.redis.port, connections, steps),
    ]);
    expect(candidate.map(normalize)).toEqual(reference.map(normalize));
  };

  it('RESP2: confirmations, messages, patterns and the subscribed context', async () => {
    await same(2, [
      send(0, 'SUBSCRIBE a b', 2),
      send(0, 'PSUBSCRIBE n* a?', 2),
      send(0, 'SUBSCRIBE a', 1),
      send(0, 'GET x'),
      send(0, 'SET x 1'),
      send(0, 'PUBLISH a m'),
      send(0, 'MULTI'),
      send(0, 'PING'),
      send(0, 'PING hello'),
      send(1, 'PUBLISH a hello'),
      { c: 0, read: 1 },
      send(1, 'PUBLISH news flash'),
      { c: 0, read: 1 },
      send(1, 'PUBLISH ab both'),
      { c: 0, read: 1 },
      send(1, 'PUBLISH b ok'),
      { c: 0, read: 1 },
      send(1, 'PUBLISH nobody x'),
      send(1, ['PUBLISH', 'a', 'bin\x00\xff\r\nary']),
      { c: 0, read: 1 },
      send(1, 'PUBSUB NUMSUB a b c'),
      send(1, 'PUBSUB NUMSUB'),
      send(1, 'PUBSUB NUMPAT'),
      send(1, 'PUBSUB CHANNELS b'),
      send(1, 'PUBSUB CHANNELS z*'),
      send(0, 'UNSUBSCRIBE a nosuch', 2),
      send(0, 'UNSUBSCRIBE', 1),
      send(0, 'PUNSUBSCRIBE n*', 1),
      send(0, 'PUNSUBSCRIBE', 1),
      send(0, 'UNSUBSCRIBE', 1),
      send(0, 'PUNSUBSCRIBE', 1),
      send(0, 'GET x'),
      send(0, 'PING'),
      { c: 0, quiet: 50 },
    ]);
  });

  it('RESP3: push messages, any command while subscribed, messages to the publisher itself', async () => {
    await same(2, [
      send(0, 'HELLO 3'),
      send(0, 'SUBSCRIBE a', 1),
      send(0, 'PSUBSCRIBE *', 1),
      send(0, 'GET x'),
      send(0, 'PING'),
      send(1, 'PUBLISH a hi'),
      { c: 0, read: 2 },
      send(0, 'PUBLISH a self', 3),
      send(0, 'UNSUBSCRIBE', 1),
      send(0, 'PUNSUBSCRIBE', 1),
      send(0, 'UNSUBSCRIBE', 1),
      send(0, 'PING'),
    ]);
  });

  it('shard channels: SSUBSCRIBE, SPUBLISH, SUNSUBSCRIBE, PUBSUB SHARD*', async () => {
    await same(2, [
      send(0, 'SSUBSCRIBE s1 s2', 2),
      send(0, 'SUBSCRIBE c', 1),
      send(0, 'PING'),
      send(1, 'SPUBLISH s1 m'),
      { c: 0, read: 1 },
      send(1, 'PUBLISH s1 not-shard'),
      send(1, 'SPUBLISH c not-plain'),
      send(1, 'PUBSUB SHARDNUMSUB s1 s2 s3'),
      send(1, 'PUBSUB SHARDCHANNELS s1'),
      send(1, 'PUBSUB SHARDCHANNELS x*'),
      send(1, 'PUBSUB NUMSUB s1'),
      send(0, 'SUNSUBSCRIBE s1', 1),
      send(0, 'SUNSUBSCRIBE', 1),
      send(0, 'SUNSUBSCRIBE', 1),
      send(0, 'UNSUBSCRIBE', 1),
      send(0, 'SSUBSCRIBE s1', 1),
      send(0, 'RESET'),
      send(1, 'SPUBLISH s1 gone'),
      send(0, 'GET x'),
    ]);
  });

  it('errors and help', async () => {
    await same(1, [
      send(0, 'SUBSCRIBE'),
      send(0, 'PSUBSCRIBE'),
      send(0, 'PUBLISH a'),
      send(0, 'PUBSUB'),
      send(0, 'PUBSUB NOSUCH'),
      send(0, 'PUBSUB CHANNELS a b'),
      send(0, 'PUBSUB SHARDCHANNELS a b'),
      send(0, 'PUBSUB NUMPAT x'),
      send(0, 'PUBSUB HELP'),
      send(0, 'UNSUBSCRIBE a'),
      send(0, 'PUNSUBSCRIBE'),
      send(0, 'SUNSUBSCRIBE'),
      send(0, 'PSUBSCRIBE p'),
      send(0, 'PUBSUB HELP'),
      send(0, 'QUIT'),
    ]);
  });
});

describe('pub/sub output buffer limit', () => {
  it('disconnects a subscriber that does not read', async () => {
    const server = await createServer({ port: 0, config: { save: '', 'client-output-buffer-limit': 'pubsub 256kb 0 0' } });
    const sub = net.connect(server.port, '127.0.0.1');
    sub.on('error', () => undefined);
    const pub = await RawConnection.open(server.port);
    try {
      sub.write(encodeRequest(['SUBSCRIBE', 'c']));
      const [confirmation] = (await once(sub, 'data')) as Buffer[];
      expect(confirmation.toString('latin1')).toBe('*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n');
      sub.pause();
      const message = 'x'.repeat(64 * 1024);
      let disconnected = false;
      // Bounded: the kernel's socket buffers absorb a few MB before the server sees any backlog.
      for (let round = 0; round < 400 && !disconnected; round++) {
        pub.write(Buffer.concat(Array.from({ length: 10 }, () => encodeRequest(['PUBLISH', 'c', message]))));
        const replies = await pub.read(10);
        disconnected = replies.some((r) => r === ':0\r\n');
      }
      expect(disconnected).toBe(true);
      expect(await pub.call('PUBSUB', 'NUMSUB', 'c')).toBe('*2\r\n$1\r\nc\r\n:0\r\n');
      expect(await pub.call('INFO', 'stats')).toMatch(/client_output_buffer_limit_disconnections:1\r\n/);
    } finally {
      sub.destroy();
      pub.close();
      await server.close();
    }
  });
});
