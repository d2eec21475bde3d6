import { describe, expect, it } from 'vitest';
import { COMMAND_FAMILIES } from '../commands/families';
import { DOCS_TABLES, docsFor } from './index';

describe('command-docs tables', () => {
  it('declare only commands of the command table, each once, and all parse', () => {
    const commands = new Set<string>();
    for (const { commands: specs } of COMMAND_FAMILIES) {
      for (const spec of specs) {
        commands.add(spec.name);
        for (const sub of spec.subcommands ?? []) commands.add(`${spec.name}|${sub.name}`);
      }
    }
    const declared = DOCS_TABLES.flatMap((table) => Object.keys(table));
    expect(declared.filter((name) => !commands.has(name))).toEqual([]);
    expect(new Set(declared).size).toBe(declared.length);
    for (const name of declared) expect(() => docsFor(name), name).not.toThrow();
  });

  it('give a command its parsed arguments by full name', () => {
    expect(docsFor('zadd')?.args?.map((a) => a.name)).toEqual(['key', 'condition', 'comparison', 'change', 'increment', 'score_member']);
    expect(docsFor('config|get')?.args?.[0]).toMatchObject({ name: 'parameter', type: 'block', multiple: true });
    expect(docsFor('no-such-command')).toBeUndefined();
  });
});
