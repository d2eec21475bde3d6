// The latency monitor (LATENCY LATEST/HISTORY/RESET/GRAPH/DOCTOR): per event, the last 160
// samples at one-second resolution whose latency reached latency-monitor-threshold ms.
const HISTORY_LEN = 160;

export interface LatencySample {
  time: number;
  ms: number;
}

export interface LatencyEvent {
  samples: LatencySample[];
  max: number;
}

export class LatencyMonitor {
  readonly events = new Map<string, LatencyEvent>();

  /** Records `ms` for `event` now; samples of the same second keep the maximum. */
  add(event: string, ms: number): void {
    const time = Math.floor(Date.now() / 1000);
    let e = this.events.get(event);
    if (!e) {
      e = { samples: [], max: 0 };
      this.events.set(event, e);
    }
    const last = e.samples[e.samples.length - 1];
    if (last && last.time === time) last.ms = Math.max(last.ms, ms);
    else e.samples.push({ time, ms });
    if (e.samples.length > HISTORY_LEN) e.samples.shift();
    e.max = Math.max(e.max, ms);
  }

  /** Resets the named events (all when none given); returns how many were reset. */
  reset(names: string[]): number {
    if (names.length === 0) {
      const n = this.events.size;
      this.events.clear();
      return n;
    }
    let n = 0;
    for (const name of names) if (this.events.delete(name.toLowerCase())) n++;
    return n;
  }

  /** LATENCY GRAPH: an ASCII chart of an event's samples, Redis-style (tallest = max). */
  graph(event: string): string {
    const e = this.events.get(event)!;
    const samples = e.samples;
    const min = Math.min(...samples.map((s) => s.ms));
    const max = Math.max(...samples.map((s) => s.ms));
    const rows = 4;
    const now = Math.floor(Date.now() / 1000);
    let out = `${event} - high ${max} ms, low ${min} ms (all time high ${e.max} ms)\n`;
    out += '-'.repeat(80) + '\n';
    for (let r = rows; r >= 1; r--) {
      let line = '';
      for (const s of samples) {
        const level = max === min ? rows : Math.ceil(((s.ms - min) / (max - min)) * (rows - 1)) + 1;
        line += level === r ? '_' : level > r ? '|' : ' ';
      }
      out += line.replace(/\s+$/, '') + '\n';
    }
    out += '\n';
    const labels = samples.map((s) => ago(now - s.time));
    const width = Math.max(...labels.map((l) => l.length));
    for (let row = 0; row < width; row++) {
      out += labels.map((l) => l[row] ?? ' ').join('').replace(/\s+$/, '') + '\n';
    }
    return out;
  }
}

function ago(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h`;
}
