// EXEC propagation (what the AOF and replicas see) and CLIENT LIST / INFO bookkeeping, in process.
import { RawConnection } from '@ferrous/oracle';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Config } from '../config/config';
import { Server } from '../server';

let server: Server;
let conn: RawConnection;
const propagated: string[] = [];

beforeAll(async () => {
  const config = new Config();
  config.setText('save', '');
  server = new Server(config);
  server.hooks.propagate = (db, argv) => propagated.push(`${db} ${argv.join(' ')}`);
  await server.listen(true);
  conn = await RawConnection.open(server.tcpPort);
});
afterAll(async () => {
  conn.close();
  await server.close();
});

it('propagates a transaction with writes as MULTI … EXEC, and a read-only one not at all', async () => {
  for (const line of ['MULTI', 'SET a 1', 'GET a', 'INCR a', 'EXEC', 'MULTI', 'GET a', 'EXEC']) await conn.call(...line.split(' '));
  expect(propagated).toEqual(['0 MULTI', '0 SET a 1', '0 INCR a', '0 EXEC']);
});

it('reports queued commands in CLIENT LIST and subscriptions in INFO', async () => {
  await conn.call('MULTI');
  await conn.call('SET', 'b', '1');
  expect(await conn.call('CLIENT', 'LIST')).toBe('+QUEUED\r\n');
  await conn.call('DISCARD');
  expect(await conn.call('CLIENT', 'LIST')).toMatch(/ multi=-1 /);
  const sub = await RawConnection.open(server.tcpPort);
  await sub.call('SUBSCRIBE', 'x');
  await sub.call('PSUBSCRIBE', 'p*');
  await sub.call('SSUBSCRIBE', 's');
  const info = await conn.call('INFO', 'stats');
  sub.close();
  expect(info).toMatch(/pubsub_channels:1\r\npubsub_patterns:1\r\npubsubshard_channels:1\r\n/);
});
