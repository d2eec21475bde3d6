// Script flags: the `#!lua flags=…` shebang of EVAL scripts and redis.register_function's flags.
export const SCRIPT_FLAGS = ['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'] as const;
export type ScriptFlag = (typeof SCRIPT_FLAGS)[number];

export interface ScriptFlags {
  /** The script declared its flags (no shebang: Redis's eval compatibility mode). */
  declared: boolean;
  flags: Set<ScriptFlag>;
}

export const isScriptFlag = (s: string): s is ScriptFlag => (SCRIPT_FLAGS as readonly string[]).includes(s);

/**
 * Parses an EVAL body's shebang (evalExtractShebangFlags). Returns the flags and how many bytes
 * to skip before compiling (the newline stays, so line numbers are unchanged), or an error text.
 */
export function parseShebang(body: string): { flags: ScriptFlags; skip: number } | string {
  if (!body.startsWith('#!')) return { flags: { declared: false, flags: new Set() }, skip: 0 };
  const end = body.indexOf('\n');
  if (end < 0) return 'ERR Invalid script shebang';
  // sdssplitargs: any isspace() byte separates (a CRLF line end leaves no stray \r).
  const parts = body.slice(0, end).split(/[ \t\r\n\v\f]+/).filter((p) => p !== '');
  if (parts[0] !== '#!lua') return `ERR Unexpected engine in script shebang: ${parts[0]}`;
  const flags = new Set<ScriptFlag>();
  for (const part of parts.slice(1)) {
    if (!part.startsWith('flags=')) return `ERR Unknown lua shebang option: ${part}`;
    for (const f of part.slice(6).split(',')) {
      if (f === '') continue;
      if (!isScriptFlag(f)) return `ERR Unexpected flag in script shebang: ${f}`;
      flags.add(f);
    }
  }
  return { flags: { declared: true, flags }, skip: end };
}
