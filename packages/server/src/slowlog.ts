// SLOWLOG: the last slowlog-max-len commands that ran longer than slowlog-log-slower-than µs,
// with arguments trimmed like Redis (32 arguments, 128 bytes each).
const MAX_ARGS = 32;
const MAX_ARG_LEN = 128;

export interface SlowlogEntry {
  id: number;
  time: number;
  durationUs: number;
  argv: string[];
  addr: string;
  name: string;
}

export class Slowlog {
  private entries: SlowlogEntry[] = [];
  private nextId = 0;

  get length(): number {
    return this.entries.length;
  }

  add(argv: string[], durationUs: number, addr: string, name: string, maxLen: number): void {
    const shown = argv.length > MAX_ARGS ? argv.slice(0, MAX_ARGS - 1) : argv.slice();
    for (let i = 0; i < shown.length; i++) {
      const a = shown[i];
      if (a.length > MAX_ARG_LEN) shown[i] = `${a.slice(0, MAX_ARG_LEN)}... (${a.length - MAX_ARG_LEN} more bytes)`;
    }
    if (argv.length > MAX_ARGS) shown.push(`... (${argv.length - MAX_ARGS + 1} more arguments)`);
    this.entries.unshift({ id: this.nextId++, time: Math.floor(Date.now() / 1000), durationUs, argv: shown, addr, name });
    this.trim(maxLen);
  }

  trim(maxLen: number): void {
    if (this.entries.length > maxLen) this.entries.length = Math.max(0, maxLen);
  }

  /** Newest first; `count` < 0 means all. */
  get(count: number): SlowlogEntry[] {
    return count < 0 ? this.entries.slice() : this.entries.slice(0, count);
  }

  reset(): void {
    this.entries = [];
  }
}
