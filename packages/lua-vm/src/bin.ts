#!/usr/bin/env node
// `node dist/cli.js`: the CLI by its ES module path. The `ferrous-lua` bin is dist/cli.cjs
// (cli-loader.ts), CommonJS: node starts it sooner than any ES module entry, which first sets
// up the ES module loader.
import { createRequire } from 'node:module';

(createRequire(import.meta.url)('./cli.cjs') as { start(): void }).start();
