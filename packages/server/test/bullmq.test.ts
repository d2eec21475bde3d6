// A real application's scripts end to end: BullMQ (the most Lua-heavy Redis user in the Node
// ecosystem) runs a queue against an in-process Ferrous server — plain, delayed, retried, failed
// and repeated jobs, with a worker, exactly as an application would use it. The same suite runs
// against redis-server, so the expectations themselves are proven on the real thing.
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '@ferrous/oracle';
import { createServer } from '@ferrous/server';

const targets = [
  { target: 'ferrous-server', start: () => createServer({ port: 0, config: { save: '' } }).then((s) => ({ port: s.port, stop: () => s.close() })) },
  { target: 'redis-server', start: () => startRedis().then((r) => ({ port: r.port, stop: () => r.stop() })) },
];

describe.each(targets)('BullMQ against $target', ({ start }) => {
  let connection: { host: string; port: number };
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const server = await start();
    connection = { host: '127.0.0.1', port: server.port };
    stop = server.stop;
  });
  afterAll(() => stop());

  /** Runs `body` with a queue and a worker on a fresh queue name; closes everything after. */
  async function withQueue(
    name: string,
    processor: (job: Job) => Promise<unknown>,
    body: (queue: Queue, worker: Worker, events: QueueEvents) => Promise<void>,
  ): Promise<void> {
    const queue = new Queue(name, { connection });
    const events = new QueueEvents(name, { connection });
    const worker = new Worker(name, processor, { connection, concurrency: 4, drainDelay: 0.05 });
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), worker.waitUntilReady()]);
      await body(queue, worker, events);
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }

  it('processes jobs with a worker and stores their results', async () => {
    await withQueue('plain', async (job) => job.data.n * 2, async (queue, _worker, events) => {
      const jobs = await queue.addBulk(Array.from({ length: 20 }, (_, n) => ({ name: 'double', data: { n } })));
      const results = await Promise.all(jobs.map((job) => job.waitUntilFinished(events, 20_000)));
      expect(results).toEqual(Array.from({ length: 20 }, (_, n) => n * 2));
      const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active');
      expect(counts).toEqual({ completed: 20, failed: 0, waiting: 0, active: 0 });
      const stored = await queue.getJob(jobs[7].id!);
      expect(stored?.returnvalue).toBe(14);
      expect(stored?.finishedOn).toBeGreaterThanOrEqual(stored!.processedOn!);
    });
  });

  it('holds a delayed job back until its delay has passed', async () => {
    await withQueue('delayed', async (job) => Date.now() - job.timestamp, async (queue, _worker, events) => {
      const job = await queue.add('later', {}, { delay: 400 });
      expect(await job.getState()).toBe('delayed');
      const waited = (await job.waitUntilFinished(events, 20_000)) as number;
      expect(waited).toBeGreaterThanOrEqual(400);
    });
  });

  it('retries a failing job with backoff and gives up after its attempts', async () => {
    const tries = new Map<string, number>();
    const processor = async (job: Job) => {
      const n = (tries.get(job.name) ?? 0) + 1;
      tries.set(job.name, n);
      if (job.name === 'flaky' && n < 3) throw new Error(`try ${n} failed`);
      if (job.name === 'broken') throw new Error('always broken');
      return n;
    };
    await withQueue('retries', processor, async (queue, _worker, events) => {
      const opts = { attempts: 3, backoff: { type: 'fixed', delay: 50 } };
      const flaky = await queue.add('flaky', {}, opts);
      const broken = await queue.add('broken', {}, opts);
      expect(await flaky.waitUntilFinished(events, 20_000)).toBe(3);
      await expect(broken.waitUntilFinished(events, 20_000)).rejects.toThrow('always broken');
      const failed = await queue.getJob(broken.id!);
      expect(failed?.attemptsMade).toBe(3);
      expect(failed?.failedReason).toBe('always broken');
      expect(await failed?.getState()).toBe('failed');
      expect(tries.get('flaky')).toBe(3);
    });
  });

  it('runs a job scheduler repeatedly until it is removed', async () => {
    let runs = 0;
    let resolveThree: () => void;
    const three = new Promise<void>((resolve) => (resolveThree = resolve));
    await withQueue('repeat', async () => {
      if (++runs === 3) resolveThree();
    }, async (queue) => {
      await queue.upsertJobScheduler('every-150ms', { every: 150 }, { name: 'tick', data: {} });
      await three;
      expect(await queue.removeJobScheduler('every-150ms')).toBe(true);
      expect(await queue.getJobSchedulers()).toEqual([]);
      expect(runs).toBeGreaterThanOrEqual(3);
    });
  });
});
