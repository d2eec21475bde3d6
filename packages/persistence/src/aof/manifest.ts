// The multi-part AOF manifest of Redis 7.0: one line per file, `file <name> seq <n> type <b|h|i>`
// (keys in any case and order, unknown pairs ignored, names quoted when they need escaping, `#`
// comments). At most one base and it comes first; history files are pending deletion.
import { existsSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDirSync } from '../sink';

export type AofFileType = 'b' | 'h' | 'i';

export interface AofFileInfo {
  name: string;
  seq: number;
  type: AofFileType;
}

export interface AofManifest {
  base: AofFileInfo | null;
  incrs: AofFileInfo[];
  history: AofFileInfo[];
}

/** Where a server's AOF lives and how its files are named (appendfilename / appenddirname). */
export interface AofLocation {
  /** The server's `dir`. */
  dir: string;
  appendfilename?: string;
  appenddirname?: string;
}

export function aofNames(loc: AofLocation) {
  const file = loc.appendfilename ?? 'appendonly.aof';
  const dirName = loc.appenddirname ?? 'appendonlydir';
  const aofDir = join(loc.dir, dirName);
  return {
    file,
    aofDir,
    manifestPath: join(aofDir, `${file}.manifest`),
    legacyPath: join(loc.dir, file),
    baseName: (seq: number, rdb: boolean) => `${file}.${seq}.base.${rdb ? 'rdb' : 'aof'}`,
    incrName: (seq: number) => `${file}.${seq}.incr.aof`,
  };
}

/** Splits a manifest line into words, honouring double quotes with \\xHH, \\n… escapes. */
function splitLine(line: string, lineNo: number): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    if (line[i] !== '"') {
      let j = i;
      while (j < line.length && line[j] !== ' ' && line[j] !== '\t') j++;
      words.push(line.slice(i, j));
      i = j;
      continue;
    }
    let word = '';
    i++;
    for (;;) {
      if (i >= line.length) throw new Error(`Invalid AOF manifest: unbalanced quotes on line ${lineNo}`);
      const c = line[i];
      if (c === '"') {
        i++;
        break;
      }
      if (c === '\\' && i + 1 < line.length) {
        const e = line[i + 1];
        if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          word += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 4;
          continue;
        }
        word += { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' }[e] ?? e;
        i += 2;
        continue;
      }
      word += c;
      i++;
    }
    words.push(word);
  }
  return words;
}

/** Quotes a name the way Redis's sdscatrepr does, when it needs it. */
function quoteName(name: string): string {
  if (/^[\x21-\x7e]+$/.test(name) && !name.includes('"') && !name.includes('\\')) return name;
  let out = '"';
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c > 0x7e) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** Parses manifest text. Throws with Redis-like messages on malformed content. */
export function parseManifest(text: string): AofManifest {
  const manifest: AofManifest = { base: null, incrs: [], history: [] };
  const lines = text.split('\n');
  let maxIncrSeq = 0;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = splitLine(line, n + 1);
    if (words.length % 2 !== 0) throw new Error(`Invalid AOF manifest file format on line ${n + 1}`);
    const pairs = new Map<string, string>();
    for (let i = 0; i < words.length; i += 2) pairs.set(words[i].toLowerCase(), words[i + 1]);
    const name = pairs.get('file');
    const seqText = pairs.get('seq');
    const type = pairs.get('type');
    if (name === undefined || seqText === undefined || type === undefined) throw new Error(`Invalid AOF manifest file format on line ${n + 1}`);
    if (name.includes('/') || name === '.' || name === '..') throw new Error(`Invalid AOF file name ${name} in the manifest (must be a bare file name)`);
    const seq = Number(seqText);
    if (!Number.isSafeInteger(seq) || seq < 0) throw new Error(`Invalid AOF manifest seq ${seqText} on line ${n + 1}`);
    const info: AofFileInfo = { name, seq, type: type as AofFileType };
    if (type === 'b') {
      if (manifest.base !== null) throw new Error('Found duplicate base file information in the AOF manifest');
      manifest.base = info;
    } else if (type === 'h') manifest.history.push(info);
    else if (type === 'i') {
      if (seq <= maxIncrSeq) throw new Error('Found a non-monotonic sequence number in the AOF manifest');
      maxIncrSeq = seq;
      manifest.incrs.push(info);
    } else throw new Error(`Unknown AOF file type ${type} on line ${n + 1}`);
  }
  if (manifest.base === null && manifest.incrs.length === 0) throw new Error('Found an empty AOF manifest');
  return manifest;
}

export function formatManifest(m: AofManifest): string {
  const line = (f: AofFileInfo) => `file ${quoteName(f.name)} seq ${f.seq} type ${f.type}\n`;
  return [...(m.base ? [m.base] : []), ...m.history, ...m.incrs].map(line).join('');
}

/** The manifest of an AOF dir, or null when there is none. */
export function readManifest(loc: AofLocation): AofManifest | null {
  const { manifestPath } = aofNames(loc);
  if (!existsSync(manifestPath)) return null;
  return parseManifest(readFileSync(manifestPath, 'latin1'));
}

/** Replaces the manifest atomically (temp file, fsync, rename, fsync dir). */
export function writeManifest(loc: AofLocation, m: AofManifest): void {
  const { aofDir, manifestPath, file } = aofNames(loc);
  const temp = join(aofDir, `temp-${file}.manifest`);
  writeFileSync(temp, formatManifest(m), 'latin1');
  const fd = openSync(temp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, manifestPath);
  fsyncDirSync(aofDir);
}
