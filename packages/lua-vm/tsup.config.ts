import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * A Lua program touching what most scripts use (compiler, core stdlib, coroutines, errors): the
 * code cache is made after running it, so it holds the functions compiled while it ran.
 */
const WARM_UP = `
local t, parts = {}, {}
for i = 1, 200 do t[i] = (i * 37) % 101 end
table.sort(t)
for i = 1, 20 do parts[#parts + 1] = string.format("%d:%s:%5.2f:%x", i, tostring(t[i]), i / 3, i) end
local s = table.concat(parts, ",")
for k, v in string.gmatch(s, "(%d+):(%d+)") do t[#t + 1] = tonumber(k) + tonumber(v) end
s = string.gsub(string.upper(s:sub(1, 40)), "(%d)", "%1#") .. string.rep("ab", 3) .. #s
local mt = {__index = function(_, k) return k end, __add = function(a, b) return a end}
local obj = setmetatable({x = 1}, mt)
local co = coroutine.wrap(function(a) for i = 1, 3 do a = coroutine.yield(a + i) end end)
local ok, err = pcall(error, {code = 1})
for k, v in pairs({a = 1, b = 2}) do s = s .. k .. v end
for i, v in ipairs({1, 2}) do s = s .. i .. v end
print(#s, obj.y, (obj + obj).x, co(1), co(2), ok, type(err), select("#", 1, 2), math.floor(2.5), string.byte("A"), string.char(66))
`;

/**
 * Writes dist/cli-main.cjs.cache: V8's code cache of the CLI bundle after a run of WARM_UP, made
 * by a plain `node` as the bin runs it (see src/cli-loader.ts). Without it the CLI still works.
 */
function writeCodeCache(): void {
  // V8 checks a cache against its source's length only: never leave one from an older bundle.
  rmSync('dist/cli-main.cjs.cache', { force: true });
  const make = `
    const { writeFileSync } = require('node:fs');
    const { resolve } = require('node:path');
    const { compileBundle, runBundle, CACHE } = require('./dist/cli.cjs');
    const dir = resolve('dist');
    const script = compileBundle(dir);
    process.on('exit', () => writeFileSync(resolve(dir, CACHE), script.createCachedData()));
    process.argv = [process.argv[0], 'ferrous-lua', '-'];
    runBundle(dir, script);`;
  const r = spawnSync(process.execPath, ['-e', make], { input: WARM_UP, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`code cache warm-up failed: ${r.stderr}`);
}

export default defineConfig([
  {
    // The library, and `node dist/cli.js` (src/bin.ts), which loads the CLI below.
    entry: { index: 'src/index.ts', cli: 'src/bin.ts' },
    format: ['esm'],
    dts: { entry: 'src/index.ts' },
    // Keeps what the CLI build below writes in parallel.
    clean: ['!cli.cjs', '!cli-main.cjs', '!cli-main.cjs.cache'],
    sourcemap: true,
    target: 'node20',
  },
  {
    // The CLI as CommonJS (no ES module loader to set up at startup): the bin's loader and the
    // bundle it runs.
    entry: { cli: 'src/cli-loader.ts', 'cli-main': 'src/cli.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    // import.meta.url (runtime/lazy-node.ts) from __filename.
    shims: true,
    target: 'node20',
    onSuccess: async () => writeCodeCache(),
  },
]);
