import { DoubleReply } from '@ferrous/resp';
import { describe, expect, it } from 'vitest';
import { servedArgv } from './served-argv';

describe('servedArgv', () => {
  it('rewrites each blocking command to the non-blocking command with the same effect', () => {
    expect(servedArgv(['BLPOP', 'a', 'b', '0'], ['b', 'v'])).toEqual(['LPOP', 'b']);
    expect(servedArgv(['brpop', 'a', '1.5'], ['a', 'v'])).toEqual(['RPOP', 'a']);
    expect(servedArgv(['BLMPOP', '0', '2', 'a', 'b', 'right', 'COUNT', '5'], ['b', ['x', 'y']])).toEqual(['RPOP', 'b', '2']);
    expect(servedArgv(['BLMOVE', 's', 'd', 'LEFT', 'RIGHT', '0'], 'v')).toEqual(['LMOVE', 's', 'd', 'LEFT', 'RIGHT']);
    expect(servedArgv(['BRPOPLPUSH', 's', 'd', '0'], 'v')).toEqual(['RPOPLPUSH', 's', 'd']);
    expect(servedArgv(['BZPOPMIN', 'z', '0'], ['z', 'm', new DoubleReply(1)])).toEqual(['ZPOPMIN', 'z']);
    expect(servedArgv(['BZPOPMAX', 'y', 'z', '0'], ['z', 'm', new DoubleReply(1)])).toEqual(['ZPOPMAX', 'z']);
    expect(servedArgv(['BZMPOP', '0', '1', 'z', 'MIN'], ['z', [['m', new DoubleReply(1)]]])).toEqual(['ZPOPMIN', 'z', '1']);
  });

  it('leaves other commands alone', () => {
    expect(servedArgv(['LPOP', 'a'], 'v')).toEqual(['LPOP', 'a']);
  });
});
