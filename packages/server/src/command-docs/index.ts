// COMMAND DOCS beyond the command table: each command's arguments, complexity and history,
// declared per command group (keyed by full name, `config|get` for subcommands) and parsed once,
// on the first COMMAND DOCS. Summary, since, group and doc flags stay in the command table.
import { bitmapDocs } from './bitmap';
import { connectionDocs } from './connection';
import type { DocsTable } from './docs-table';
import { genericDocs } from './generic';
import { geoDocs } from './geo';
import { hashDocs } from './hash';
import { hyperloglogDocs } from './hyperloglog';
import { listDocs } from './list';
import { pubsubDocs } from './pubsub';
import { scriptingDocs } from './scripting';
import { serverDocs } from './server';
import { setDocs } from './set';
import { sortedSetDocs } from './sorted-set';
import { streamDocs } from './stream';
import { stringDocs } from './string';
import { parseArguments, type DocArg } from './syntax';
import { transactionsDocs } from './transactions';

export type { DocArg } from './syntax';

/** Every group's declarations. */
export const DOCS_TABLES: DocsTable[] = [
  bitmapDocs, connectionDocs, genericDocs, geoDocs, hashDocs, hyperloglogDocs, listDocs, pubsubDocs,
  scriptingDocs, serverDocs, setDocs, sortedSetDocs, streamDocs, stringDocs, transactionsDocs,
];

/** A command's documentation with its arguments parsed. */
export interface CommandDocs {
  complexity?: string;
  history?: readonly (readonly [version: string, change: string])[];
  args?: DocArg[];
}

let parsed: Map<string, CommandDocs> | undefined;

function parseAll(): Map<string, CommandDocs> {
  const docs = new Map<string, CommandDocs>();
  for (const table of DOCS_TABLES) {
    for (const [name, { args, ...rest }] of Object.entries(table)) {
      docs.set(name, args === undefined ? rest : { ...rest, args: parseArguments(args) });
    }
  }
  return docs;
}

/** The declared documentation of `fullName` (`get`, `config|get`), if any. */
export function docsFor(fullName: string): CommandDocs | undefined {
  parsed ??= parseAll();
  return parsed.get(fullName);
}
