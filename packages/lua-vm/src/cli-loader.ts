#!/usr/bin/env node
// The `ferrous-lua` bin (dist/cli.cjs): runs the CLI bundle (dist/cli-main.cjs) from V8's code
// cache when the build left one for this node (dist/cli-main.cjs.cache, see tsup.config.ts), so
// the functions a run needs are not parsed and compiled again on every start. A cache made by
// another V8 is rejected by V8 itself, and the bundle is then compiled as usual.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

export const BUNDLE = 'cli-main.cjs';
export const CACHE = 'cli-main.cjs.cache';

/** The bundle as a CommonJS module function (the same text whenever its cache is made or used). */
export function compileBundle(dir: string, cachedData?: Buffer): Script {
  const file = join(dir, BUNDLE);
  const source = readFileSync(file, 'utf8').replace(/^#!/, '//'); // a hashbang only starts a file
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  return new Script(wrapped, { filename: file, cachedData });
}

export function runBundle(dir: string, script: Script): void {
  const file = join(dir, BUNDLE);
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dir);
}

/** Runs the CLI (on process.argv). */
export function start(): void {
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(join(__dirname, CACHE));
  } catch {
    cache = undefined; // no cache: compile
  }
  runBundle(__dirname, compileBundle(__dirname, cache));
}

if (require.main === module) start();
