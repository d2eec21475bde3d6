// The dependency direction of docs/architecture.md is a lint rule; prove it bites.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, filePath) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency direction', () => {
  it('rejects a library importing a package above it', async () => {
    const errors = await importErrors('packages/store/src/bad.ts', "import { createServer } from '@ferrous/server';\nexport const x = createServer;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('may depend only on');
  });

  it('rejects resp and lua-vm importing anything of ours', async () => {
    expect(await importErrors('packages/resp/src/bad.ts', "export * from '@ferrous/store';\n")).toHaveLength(1);
    expect(await importErrors('packages/lua-vm/src/bad.ts', "export * from '@ferrous/resp';\n")).toHaveLength(1);
  });

  it('rejects reaching into another package by path', async () => {
    const errors = await importErrors('packages/server/src/bad.ts', "export * from '../../store/src/index';\n");
    expect(errors.some((e) => e.includes('by package name'))).toBe(true);
  });

  it('accepts the declared direction', async () => {
    expect(await importErrors('packages/persistence/src/ok.ts', "export * from '@ferrous/store';\n")).toEqual([]);
    expect(await importErrors('packages/server/src/ok.ts', "export * from '@ferrous/lua-vm';\n")).toEqual([]);
    expect(await importErrors('apps/server/src/ok.ts', "export * from '@ferrous/server';\n")).toEqual([]);
  });

  it('lets tests use the oracle harness but not library code', async () => {
    expect(await importErrors('packages/store/src/x.test.ts', "export * from '@ferrous/oracle';\n")).toEqual([]);
    expect(await importErrors('packages/store/src/x.ts', "export * from '@ferrous/oracle';\n")).toHaveLength(1);
  });
});

describe('published package shape', () => {
  const libs = readdirSync(join(root, 'packages'));
  it.each(libs)('%s is an ESM package exposing only its dist entry, types first', (dir) => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe(`@ferrous/${dir}`);
    expect(pkg.type).toBe('module');
    expect(pkg.files).toEqual(['dist']);
    expect(pkg.sideEffects).toBe(false);
    expect(Object.keys(pkg.exports['.'])[0]).toBe('types');
    expect(pkg.exports['.'].import).toBe('./dist/index.js');
    expect(readFileSync(join(root, 'packages', dir, 'README.md'), 'utf8').length).toBeGreaterThan(200);
  });
});
