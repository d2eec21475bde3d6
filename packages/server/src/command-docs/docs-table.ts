// The shape of a command group's documentation file.

/** What COMMAND DOCS adds to a command's table row. `args` is in the syntax of ./syntax.ts. */
export interface DocsEntry {
  args?: string;
  complexity?: string;
  /** Changes by version, oldest first. */
  history?: readonly (readonly [version: string, change: string])[];
}

/** A group's entries by full command name (`get`, `config|get`). */
export type DocsTable = Readonly<Record<string, DocsEntry>>;
