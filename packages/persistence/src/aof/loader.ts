// Loads a multi-part AOF (or a legacy single appendonly.aof): base (RDB preamble or RESP
// commands), then the incremental files in sequence order. Everything is parsed and validated
// before anything is handed to the caller, so a corrupt AOF loads nothing. A truncated tail of
// the LAST file is dropped when aof-load-truncated is on (including an unfinished MULTI), and the
// file is cut back to its last complete command like Redis does.
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { latin1 } from '@ferrous/resp';
import type { TypeContext } from '@ferrous/store';
import { RdbError } from '../rdb/bytes';
import { readRdb, type RdbContents } from '../rdb/reader';
import { aofNames, readManifest, type AofLocation } from './manifest';

export interface AofLoadOptions extends AofLocation {
  /** aof-load-truncated (default true). */
  loadTruncated?: boolean;
  /** Databases configured (bounds SELECTDB in an RDB preamble; default 16). */
  databases?: number;
}

export interface AofLoadHandlers {
  /** The RDB preamble of the base file: apply it first (e.g. applyRdb). */
  rdb?(contents: RdbContents): void;
  /** One command (latin1 argv, SELECT included), in file order. */
  command(argv: string[]): void;
}

export interface AofLoadResult {
  /** 'none' when there is no AOF at all. */
  status: 'loaded' | 'none';
  files: string[];
  commands: number;
  /** Set when a truncated tail was dropped: the file and the length it was cut to. */
  truncated?: { file: string; validLength: number };
}

/** An AOF that cannot be loaded; the message says which file and where. */
export class AofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AofError';
  }
}

interface Parsed {
  commands: string[][];
  /** Offset after the last complete command; < length when the tail is truncated. */
  validLength: number;
  truncated: boolean;
  /** Index in `commands` of an open MULTI at the end, or -1. */
  openMulti: number;
  multiValidLength: number;
}

/** Parses RESP commands from `start`; `#…` annotation lines are skipped. */
export function parseAofCommands(buf: Buffer, start: number, name: string): Parsed {
  const commands: string[][] = [];
  let pos = start;
  let validLength = start;
  let openMulti = -1;
  let multiValidLength = start;
  const n = buf.length;
  const bad = (at: number, why: string): never => {
    throw new AofError(`Bad file format reading the append only file ${name}: ${why} at offset ${at}`);
  };
  /** Reads a decimal line after a type byte; returns -2 when the line is incomplete. */
  const readNumber = (): number => {
    const eol = buf.indexOf(13, pos);
    if (eol < 0 || eol + 1 >= n) return -2;
    if (buf[eol + 1] !== 10) bad(eol, 'expected CRLF');
    const text = buf.latin1Slice(pos, eol);
    if (!/^\d{1,10}$/.test(text)) bad(pos, `invalid length "${text.slice(0, 20)}"`);
    pos = eol + 2;
    return Number(text);
  };
  outer: while (pos < n) {
    const c = buf[pos];
    if (c === 35 /* # */) {
      const eol = buf.indexOf(10, pos);
      if (eol < 0) break;
      pos = eol + 1;
      validLength = pos;
      continue;
    }
    if (c !== 42 /* * */) bad(pos, `expected '*', got 0x${c.toString(16)}`);
    pos++;
    const argc = readNumber();
    if (argc === -2) break;
    if (argc < 1) bad(pos, 'empty command');
    const argv: string[] = []; // not preallocated: argc comes from the file
    for (let i = 0; i < argc; i++) {
      if (pos >= n) break outer;
      if (buf[pos] !== 36 /* $ */) bad(pos, `expected '$', got 0x${buf[pos].toString(16)}`);
      pos++;
      const len = readNumber();
      if (len === -2 || pos + len + 2 > n) break outer;
      if (buf[pos + len] !== 13 || buf[pos + len + 1] !== 10) bad(pos + len, 'bulk string not followed by CRLF');
      argv.push(latin1(buf, pos, pos + len));
      pos += len + 2;
    }
    const cmd = argv[0].toLowerCase();
    if (cmd === 'multi') {
      openMulti = commands.length;
      multiValidLength = validLength;
    } else if (cmd === 'exec' || cmd === 'discard') openMulti = -1;
    commands.push(argv);
    validLength = pos;
  }
  return { commands, validLength, truncated: validLength < n, openMulti, multiValidLength };
}

/**
 * Loads the AOF at `options` (dir + appenddirname + appendfilename): reads the manifest (or the
 * legacy single file), parses every file, then calls `handlers.rdb` (base preamble) and
 * `handlers.command` for each command. Throws AofError/RdbError before calling any handler when
 * the AOF is malformed.
 */
export function loadAof(options: AofLoadOptions, ctx: TypeContext, handlers: AofLoadHandlers): AofLoadResult {
  const names = aofNames(options);
  const loadTruncated = options.loadTruncated ?? true;
  let files: string[];
  const manifest = readManifest(options);
  if (manifest !== null) {
    files = [...(manifest.base ? [manifest.base.name] : []), ...manifest.incrs.map((f) => f.name)].map((f) => join(names.aofDir, f));
  } else if (existsSync(names.legacyPath)) {
    files = [names.legacyPath];
  } else {
    return { status: 'none', files: [], commands: 0 };
  }
  let preamble: RdbContents | undefined;
  const parsed: Parsed[] = [];
  let truncated: AofLoadResult['truncated'];
  for (let f = 0; f < files.length; f++) {
    const path = files[f];
    if (!existsSync(path)) throw new AofError(`The AOF file ${path} doesn't exist`);
    const buf = readFileSync(path);
    let start = 0;
    if (buf.length >= 5 && buf.latin1Slice(0, 5) === 'REDIS') {
      if (f !== 0 || (manifest !== null && manifest.base === null)) throw new AofError(`${path}: an RDB preamble is only valid in the base file`);
      try {
        preamble = readRdb(buf, ctx, { databases: options.databases });
      } catch (err) {
        if (err instanceof RdbError) throw new AofError(`Bad RDB preamble in the append only file ${path}: ${err.message}`);
        throw err;
      }
      start = preamble.end;
    }
    const p = parseAofCommands(buf, start, path);
    const last = f === files.length - 1;
    if (p.truncated || (last && p.openMulti >= 0)) {
      if (!last) throw new AofError(`Unexpected end of file reading the append only file ${path} (only the last file may be truncated)`);
      if (!loadTruncated) {
        throw new AofError(`Unexpected end of file reading the append only file ${path} at offset ${p.validLength}; use redis-check-aof --fix or aof-load-truncated yes`);
      }
      if (p.openMulti >= 0) {
        p.commands.length = p.openMulti;
        p.validLength = p.multiValidLength;
      }
      truncated = { file: path, validLength: p.validLength };
    }
    parsed.push(p);
  }
  if (truncated !== undefined) truncateSync(truncated.file, truncated.validLength);
  if (preamble !== undefined) handlers.rdb?.(preamble);
  let count = 0;
  for (const p of parsed) {
    for (const argv of p.commands) handlers.command(argv);
    count += p.commands.length;
  }
  return { status: 'loaded', files, commands: count, truncated };
}
