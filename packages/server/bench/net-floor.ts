// The floor under server-bench's numbers: a bare Node TCP server that answers every request with
// `:1` and does nothing else — no parsing beyond counting `*`, no dispatch, no store. Its CPU per
// request is what Node's socket path (libuv, streams, the read callback, one write per read) costs
// before Ferrous does any work; compare it with redis-server's whole cost per request:
//   npx tsx packages/server/bench/net-floor.ts 7403 &
//   redis-server --port 7402 --save '' --appendonly no &
//   python3 ../shared/tools/server-bench.py 7403 7402 --tests sadd,lpush --pipes 1,16
// (every test gets the same `:1` replies, so only the per-request transport cost is compared).
import net from 'node:net';

const port = Number(process.argv[2] ?? 7403);
const ONE = Buffer.from(':1\r\n');
const replies = new Map<number, Buffer>();

/** `count` integer replies in one buffer, cached per count like a server's shared replies. */
function repliesFor(count: number): Buffer {
  let out = replies.get(count);
  if (out === undefined) replies.set(count, (out = Buffer.from(':1\r\n'.repeat(count), 'latin1')));
  return out;
}

net
  .createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      let requests = 0;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 42) requests++;
      if (requests > 0) socket.write(requests === 1 ? ONE : repliesFor(requests));
    });
    socket.on('error', () => socket.destroy());
  })
  .listen(port, '127.0.0.1', () => console.log(`net floor listening on 127.0.0.1:${port}`));
