// Multi-connection differential scenarios: the same script of commands and reads, over several
// connections, runs against Ferrous and a real redis-server; every frame each connection receives
// is recorded in order, so the two transcripts can be compared byte for byte.
import { RawConnection, encodeRequest } from '@ferrous/oracle';

export type ScenarioStep =
  /** Connection `c` sends argv and reads `frames` frames (default 1). */
  | { c: number; send: string[]; frames?: number }
  /** Connection `c` reads `frames` frames that arrive without a request (pub/sub messages). */
  | { c: number; read: number }
  /** Connection `c` expects nothing more for `ms` (records what arrived, if anything). */
  | { c: number; quiet: number }
  /** Connection `c` records every frame that arrives until none has come for `ms`. */
  | { c: number; drain: number };

/** `send(0, 'SET k v')`: splits on spaces (no quoting). */
export function send(c: number, line: string | string[], frames = 1): ScenarioStep {
  return { c, send: typeof line === 'string' ? line.split(' ') : line, frames };
}

/** Runs `steps` on `port` with `connections` fresh connections; returns one line per frame. */
export async function runScenario(port: number, connections: number, steps: ScenarioStep[]): Promise<string[]> {
  const conns = await Promise.all(Array.from({ length: connections }, () => RawConnection.open(port)));
  const transcript: string[] = [];
  try {
    for (const step of steps) {
      const conn = conns[step.c];
      let frames: string[];
      let label: string;
      if ('send' in step) {
        conn.write(encodeRequest(step.send));
        frames = await conn.read(step.frames ?? 1);
        label = step.send.join(' ');
      } else if ('read' in step) {
        frames = await conn.read(step.read);
        label = `(read ${step.read})`;
      } else if ('quiet' in step) {
        frames = await conn.read(1, step.quiet);
        label = '(quiet)';
      } else {
        frames = [];
        for (let more = await conn.read(1, step.drain); more.length > 0; more = await conn.read(1, step.drain)) frames.push(...more);
        label = '(drain)';
      }
      transcript.push(`#${step.c} ${label} -> ${JSON.stringify(frames)}`);
    }
  } finally {
    for (const c of conns) c.close();
  }
  return transcript;
}
