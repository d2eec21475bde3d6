// What a blocking command that was served after waiting is propagated as (AOF, replicas): the
// non-blocking command with the same effect, as Redis does (BLPOP → LPOP key, BLMOVE → LMOVE, …),
// so that replaying it can never block.
import type { Reply } from '@ferrous/resp';

/** The key a pop reply names (`[key, …]`). */
function keyOf(reply: Reply): string {
  return (reply as string[])[0];
}

/** How many elements an *MPOP reply (`[key, [elements]]`) popped. */
function countOf(reply: Reply): string {
  return String(((reply as Reply[])[1] as Reply[]).length);
}

/** The direction word of BLMPOP/BZMPOP (after `timeout numkeys key…`). */
function mpopWhere(argv: string[]): string {
  return argv[3 + Number(argv[2])].toUpperCase();
}

const REWRITES: Record<string, (argv: string[], reply: Reply) => string[]> = {
  blpop: (_argv, reply) => ['LPOP', keyOf(reply)],
  brpop: (_argv, reply) => ['RPOP', keyOf(reply)],
  blmpop: (argv, reply) => [mpopWhere(argv) === 'LEFT' ? 'LPOP' : 'RPOP', keyOf(reply), countOf(reply)],
  blmove: (argv) => ['LMOVE', argv[1], argv[2], argv[3], argv[4]],
  brpoplpush: (argv) => ['RPOPLPUSH', argv[1], argv[2]],
  bzpopmin: (_argv, reply) => ['ZPOPMIN', keyOf(reply)],
  bzpopmax: (_argv, reply) => ['ZPOPMAX', keyOf(reply)],
  bzmpop: (argv, reply) => [mpopWhere(argv) === 'MIN' ? 'ZPOPMIN' : 'ZPOPMAX', keyOf(reply), countOf(reply)],
};

/** The argv to propagate for `argv` served with `reply`; argv itself for an unknown command. */
export function servedArgv(argv: string[], reply: Reply): string[] {
  const rewrite = REWRITES[argv[0].toLowerCase()];
  return rewrite === undefined ? argv : rewrite(argv, reply);
}
