import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clientIo, type ClientIo } from './client-io';

interface Ends {
  server: net.Server;
  accepted: net.Socket;
  io: ClientIo;
  received: Buffer[];
  peer: net.Socket;
}

const open: Ends[] = [];

/** A loopback pair: the accepted side wrapped by clientIo, the peer a plain socket. */
async function connect(): Promise<Ends> {
  const received: Buffer[] = [];
  let resolveAccepted!: (pair: { accepted: net.Socket; io: ClientIo }) => void;
  const accepted = new Promise<{ accepted: net.Socket; io: ClientIo }>((res) => (resolveAccepted = res));
  const server = net.createServer((socket) => resolveAccepted({ accepted: socket, io: clientIo(socket, (chunk) => received.push(chunk)) }));
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const peer = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  const ends = { server, peer, received, ...(await accepted) };
  open.push(ends);
  return ends;
}

const waitFor = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((res) => setTimeout(res, 5));
  }
};

afterEach(async () => {
  for (const e of open.splice(0)) {
    e.peer.destroy();
    e.accepted.destroy();
    await new Promise((res) => e.server.close(res));
  }
});

describe('clientIo', () => {
  it('uses the handle path on a TCP socket and the stream path on a socket without a handle', async () => {
    const { io } = await connect();
    expect(io.constructor.name).toBe('HandleIo');
    expect(clientIo(new net.Socket(), () => undefined).constructor.name).toBe('StreamIo');
  });

  it('delivers every byte in order and writes several chunks as one ordered stream', async () => {
    const { io, peer, received } = await connect();
    const sent = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join(''));
    for (let at = 0; at < sent.length; at += 777) peer.write(sent.subarray(at, at + 777));
    await waitFor(() => Buffer.concat(received).length === sent.length);
    expect(Buffer.concat(received).equals(sent)).toBe(true);

    const got: Buffer[] = [];
    peer.on('data', (d: Buffer) => got.push(d));
    io.write([Buffer.from('one '), Buffer.from('two '), Buffer.from('three')]);
    io.write([Buffer.from(' four')]);
    await waitFor(() => Buffer.concat(got).toString() === 'one two three four');
  });

  it('counts a write the kernel cannot take at once as pending until it drains', async () => {
    const { io, peer } = await connect();
    peer.pause();
    const big = Buffer.alloc(32 * 1024 * 1024, 120);
    io.write([big]);
    expect(io.pendingBytes).toBeGreaterThan(0);
    expect(io.pendingBytes).toBeLessThanOrEqual(big.length);
    let got = 0;
    peer.on('data', (d: Buffer) => (got += d.length));
    peer.resume();
    await waitFor(() => got === big.length && io.pendingBytes === 0, 30_000);
  });

  it('delivers nothing while paused and everything after resume', async () => {
    const { io, peer, received } = await connect();
    io.pause();
    peer.write('held back');
    await new Promise((res) => setTimeout(res, 100));
    expect(received).toEqual([]);
    io.resume();
    await waitFor(() => Buffer.concat(received).toString() === 'held back');
  });

  it('still notices a peer that disconnects while paused', async () => {
    const { io, accepted, peer, received } = await connect();
    io.pause();
    peer.write('never delivered');
    const closed = new Promise((res) => accepted.on('close', res));
    peer.end();
    await closed;
    expect(received).toEqual([]);
  });

  it('stops reading a paused client after 1 MB and resumes with every byte in order', async () => {
    const { io, peer, received } = await connect();
    io.pause();
    const sent = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < sent.length; i++) sent[i] = i % 251;
    peer.write(sent);
    await new Promise((res) => setTimeout(res, 200));
    expect(received).toEqual([]);
    io.resume();
    await waitFor(() => Buffer.concat(received).length === sent.length);
    expect(Buffer.concat(received).equals(sent)).toBe(true);
  });

  it("closes the accepted socket when the peer ends, like any socket ('end' then 'close')", async () => {
    const { accepted, peer } = await connect();
    const events: string[] = [];
    accepted.on('end', () => events.push('end'));
    const closed = new Promise((res) => accepted.on('close', res));
    peer.end();
    await closed;
    expect(events).toEqual(['end']);
  });

  it('ignores writes after the socket is destroyed', async () => {
    const { io, accepted } = await connect();
    accepted.destroy();
    expect(() => io.write([Buffer.from('late')])).not.toThrow();
    expect(io.pendingBytes).toBe(0);
  });
});
