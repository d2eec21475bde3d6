// HyperLogLog against redis-server: the stored bytes (GET), counts, merges and PFDEBUG output must
// be identical through sparse growth, promotion to dense and merges of mixed encodings.
import { describeWithOracle } from '@ferrous/oracle';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cmd, startPair, type Pair, type Step } from './oracle-pair';

const batch = (prefix: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);

describeWithOracle(['redis-server'], 'HyperLogLog vs redis-server', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(() => pair?.stop());

  it('edge cases and errors', async () => {
    await pair.check([
      cmd('FLUSHALL'),
      cmd('PFADD h'),
      cmd('GET h'),
      cmd('PFCOUNT h'),
      cmd('GET h'),
      cmd('PFADD h a b c'),
      cmd('PFADD h a'),
      cmd('GET h'),
      cmd('PFCOUNT h nokey'),
      cmd('PFCOUNT nokey'),
      cmd('PFCOUNT nokey nokey2'),
      cmd('SET s notanhll'),
      cmd('SET n 12345'),
      cmd('PFADD s a'),
      cmd('PFADD n a'),
      cmd('PFCOUNT s'),
      cmd('PFCOUNT h s'),
      cmd('PFMERGE s h'),
      cmd('PFMERGE h s'),
      cmd('LPUSH l a'),
      cmd('PFADD l a'),
      cmd('PFCOUNT l'),
      cmd('PFMERGE dst l'),
      cmd('PFDEBUG ENCODING nokey'),
      cmd('PFDEBUG ENCODING s'),
      cmd('PFDEBUG ENCODING h'),
      cmd('PFDEBUG DECODE h'),
      cmd('PFDEBUG NOPE h'),
      cmd('PFDEBUG TODENSE h'),
      cmd('PFDEBUG TODENSE h'),
      cmd('PFDEBUG DECODE h'),
      cmd('PFDEBUG ENCODING h'),
      cmd('PFCOUNT h'),
      cmd('GET h'),
      cmd('PFADD h a zz'),
      cmd('PFMERGE m1 h nokey'),
      cmd('PFDEBUG ENCODING m1'),
      cmd('PFMERGE m2 nokey'),
      cmd('GET m2'),
      cmd('OBJECT ENCODING m2'),
      cmd('SETEX ttl 100 x'),
      cmd('DEL ttl'),
      cmd('PFADD ttl a'),
      cmd('EXPIRE ttl 100'),
      cmd('PFADD ttl b'),
      cmd('TTL ttl'),
      cmd('PFADD'),
    ]);
  });

  it('PFSELFTEST passes', async () => {
    // Redis's own self-test takes seconds; only Ferrous's is run.
    const { candidate } = await pair.exchange([cmd('PFSELFTEST')]);
    expect(candidate[0]).toBe('+OK\r\n');
  });

  it('sparse growth, promotion to dense and counts match byte for byte', async () => {
    const steps: Step[] = [cmd('FLUSHALL'), cmd('CONFIG SET hll-sparse-max-bytes 3000')];
    let added = 0;
    for (const n of [1, 5, 20, 50, 100, 200, 300, 500, 1000, 2000, 4000]) {
      steps.push({ argv: ['PFADD', 'hll', ...batch('el:', added, n)] }, cmd('PFDEBUG ENCODING hll'), cmd('GET hll'), cmd('PFCOUNT hll'), cmd('GET hll'));
      added += n;
    }
    steps.push({ argv: ['PFADD', 'small', ...batch('x', 0, 300)] }, cmd('PFMERGE small hll'), cmd('GET small'), cmd('PFCOUNT small hll'));
    steps.push({ argv: ['PFADD', 's1', ...batch('y', 0, 100)] }, { argv: ['PFADD', 's2', ...batch('y', 50, 100)] }, cmd('PFMERGE s3 s1 s2'), cmd('GET s3'), cmd('PFCOUNT s3'), cmd('PFCOUNT s1 s2'));
    await pair.check(steps);
  });

  it('counts of large sets match', async () => {
    const steps: Step[] = [cmd('FLUSHALL')];
    for (let i = 0; i < 20; i++) steps.push({ argv: ['PFADD', 'big', ...batch('big-element-', i * 2500, 2500)] }, cmd('PFCOUNT big'));
    steps.push(cmd('GET big'), cmd('PFDEBUG GETREG big'));
    await pair.check(steps);
  });

  it('a lower hll-sparse-max-bytes promotes earlier', async () => {
    await pair.check([
      cmd('FLUSHALL'),
      cmd('CONFIG SET hll-sparse-max-bytes 30'),
      { argv: ['PFADD', 'h', ...batch('e', 0, 10)] },
      cmd('PFDEBUG ENCODING h'),
      { argv: ['PFADD', 'h', ...batch('e', 10, 10)] },
      cmd('PFDEBUG ENCODING h'),
      cmd('GET h'),
      cmd('CONFIG SET hll-sparse-max-bytes 3000'),
    ]);
  });

  it('generated sequences', async () => {
    const key = fc.constantFrom('h1', 'h2', 'h3');
    const element = fc.oneof(fc.integer({ min: 0, max: 400 }).map((i) => `e${i}`), fc.string({ maxLength: 12 }));
    const step = fc.oneof(
      fc.tuple(key, fc.array(element, { maxLength: 60 })).map(([k, es]) => ['PFADD', k, ...es]),
      fc.tuple(key, fc.array(key, { minLength: 0, maxLength: 2 })).map(([k, ks]) => ['PFMERGE', k, ...ks]),
      fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['PFCOUNT', ...ks]),
      key.map((k) => ['GET', k]),
      key.map((k) => ['PFDEBUG', 'ENCODING', k]),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 30 }), async (steps) => {
        await pair.check([['FLUSHALL'], ['CONFIG', 'SET', 'hll-sparse-max-bytes', '200'], ...steps]);
      }),
      { seed: 2024, numRuns: 40 },
    );
  });
});
