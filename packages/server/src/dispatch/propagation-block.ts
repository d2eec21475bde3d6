// What EXEC and scripts propagate, as Redis 7.0 does: the commands propagated while the block runs
// are held; one goes out as itself, several as MULTI … EXEC, none leaves nothing behind.
import { propagatedArgv } from '../persistence/propagate-argv';
import type { Server } from '../server';

type Propagate = (db: number, argv: string[]) => void;

export class PropagationBlock {
  private readonly real: Propagate | undefined;
  private first: { db: number; argv: string[] } | null = null;
  private count = 0;
  private lastDb = 0;

  /**
   * Captures the server's propagation until end(). `skip` drops commands (a script's REPL_NONE);
   * a nested block (a script inside EXEC) passes commands through to the enclosing one.
   */
  constructor(
    private readonly server: Server,
    options: { skip?: () => boolean; nested?: boolean } = {},
  ) {
    const real = (this.real = server.hooks.propagate);
    if (real === undefined) return;
    const skip = options.skip ?? (() => false);
    const nested = options.nested ?? false;
    server.hooks.propagate = (db, argv) => {
      if (skip()) return;
      if (nested) return real(db, argv);
      this.count++;
      this.lastDb = db;
      if (this.count === 1) {
        // Made absolute now: later commands of the block may change the key's TTL.
        this.first = { db, argv: propagatedArgv(server.store.db(db), argv) };
        return;
      }
      if (this.count === 2) {
        real(this.first!.db, ['MULTI']);
        real(this.first!.db, this.first!.argv);
      }
      real(db, argv);
    };
  }

  /** Restores the server's propagation and sends what the block held. */
  end(): void {
    const real = this.real;
    if (real === undefined) return;
    this.server.hooks.propagate = real;
    if (this.count === 1) real(this.first!.db, this.first!.argv);
    else if (this.count > 1) real(this.lastDb, ['EXEC']);
  }
}
