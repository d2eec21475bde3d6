// redis.conf value syntax shared by the config table and the config-file reader: memory units
// (1k = 1000, 1kb = 1024, case-insensitive) and Redis's strict integer parsing.

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1000,
  kb: 1024,
  m: 1000 * 1000,
  mb: 1024 * 1024,
  g: 1000 * 1000 * 1000,
  gb: 1024 * 1024 * 1024,
};

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** Redis's string2ll: optional '-', no leading zeros or '+', within int64. Null when invalid. */
export function parseStrictInteger(text: string): number | null {
  if (!INTEGER.test(text) || text === '-0') return null;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    // Beyond 2^53 we still accept int64-range values, rounded (config limits are far below).
    const big = BigInt(text);
    if (big > 9223372036854775807n || big < -9223372036854775808n) return null;
  }
  return n;
}

/** `1gb` → 1073741824. Null when the text is not a memory value (negative values included). */
export function parseMemory(text: string): number | null {
  const m = /^(-?[0-9]+)([a-z]*)$/i.exec(text);
  if (!m) return null;
  const unit = UNITS[m[2].toLowerCase()];
  if (unit === undefined) return null;
  const n = Number(m[1]) * unit;
  return Number.isFinite(n) ? n : null;
}

/** The shortest exact unit spelling Redis's CONFIG REWRITE uses (`1gb`, `64mb`, `512`). */
export function formatMemory(bytes: number): string {
  if (bytes !== 0) {
    for (const [unit, size] of [
      ['gb', 1024 ** 3],
      ['mb', 1024 ** 2],
      ['kb', 1024],
    ] as const) {
      if (bytes % size === 0) return `${bytes / size}${unit}`;
    }
  }
  return String(bytes);
}
