// redis.conf syntax: one directive per line, arguments split like Redis's sdssplitargs (double
// quotes with C escapes, single quotes with only \'), `#` comments, and `include` of other files.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** One directive, with where it came from for error messages. */
export interface ConfigLine {
  name: string;
  args: string[];
  file: string;
  lineNo: number;
  text: string;
}

export class ConfigFileError extends Error {
  constructor(
    message: string,
    readonly line?: { lineNo: number; text: string; file: string },
  ) {
    super(message);
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };

/** Splits one line into arguments; null when quotes are unbalanced. */
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && /\s/.test(line[i])) i++;
    if (i >= n) return out;
    let cur = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) return null;
        const c = line[i];
        if (c === '\\' && i + 3 < n && line[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 4;
        } else if (c === '\\' && i + 1 < n) {
          cur += ESCAPES[line[i + 1]] ?? line[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          if (i < n && !/\s/.test(line[i])) return null;
          break;
        } else {
          cur += c;
          i++;
        }
      }
    } else if (line[i] === "'") {
      i++;
      for (;;) {
        if (i >= n) return null;
        const c = line[i];
        if (c === '\\' && line[i + 1] === "'") {
          cur += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          if (i < n && !/\s/.test(line[i])) return null;
          break;
        } else {
          cur += c;
          i++;
        }
      }
    } else {
      while (i < n && !/\s/.test(line[i])) cur += line[i++];
    }
    out.push(cur);
  }
}

/** Quotes an argument for a config line when it needs it (Redis's sdscatrepr style). */
export function quoteArg(arg: string): string {
  if (arg !== '' && /^[\x21-\x7e]+$/.test(arg) && !/["'\\]/.test(arg)) return arg;
  let out = '"';
  for (const ch of arg) {
    const code = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code > 0x7e) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** Parses config text (a file's content or command-line overrides) into directives. */
export function parseConfigText(text: string, file: string, depth = 0): ConfigLine[] {
  const out: ConfigLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const args = splitArgs(trimmed);
    const where = { lineNo: i + 1, text: trimmed, file };
    if (args === null) throw new ConfigFileError('Unbalanced quotes in configuration line', where);
    if (args.length === 0) continue;
    const name = args[0].toLowerCase();
    if (name === 'include') {
      if (args.length !== 2) throw new ConfigFileError('Invalid include directive', where);
      if (depth > 16) throw new ConfigFileError('Too many nested includes', where);
      for (const path of expandInclude(args[1])) {
        out.push(...parseConfigText(readConfig(path, where), path, depth + 1));
      }
      continue;
    }
    out.push({ name, args: args.slice(1), ...where });
  }
  return out;
}

/** Reads and parses a config file and everything it includes. */
export function readConfigFile(path: string): ConfigLine[] {
  return parseConfigText(readConfig(path), path);
}

function readConfig(path: string, where?: ConfigLine | { lineNo: number; text: string; file: string }): string {
  try {
    return readFileSync(path, 'latin1');
  } catch (e) {
    throw new ConfigFileError(`Fatal error, can't open config file '${path}': ${(e as Error).message}`, where);
  }
}

/** `include /etc/redis/*.conf`: a glob in the last path component, sorted like glob(3). */
function expandInclude(pattern: string): string[] {
  const name = basename(pattern);
  if (!/[*?[]/.test(name)) return [pattern];
  const dir = dirname(pattern);
  const re = new RegExp('^' + name.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  try {
    return readdirSync(dir)
      .filter((f) => re.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}
