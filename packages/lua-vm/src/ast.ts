// AST of a Lua 5.1 chunk, with names already resolved to locals (VarInfo) or globals.

/** One local variable declaration; every reference to it points at this object. */
export interface VarInfo {
  name: string;
  /** Unique within the chunk; the JS name is `${name}$${id}`. */
  id: number;
  /** Referenced from a nested function (so loop copies must be fresh per iteration). */
  captured: boolean;
  /** Assigned after its declaration. */
  assigned: boolean;
  /** Declared by `local function` (so, unless assigned, always a Lua function). */
  isFunction?: boolean;
}

export type BinOp = '+' | '-' | '*' | '/' | '%' | '^' | '..' | '==' | '~=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
export type UnOp = '-' | 'not' | '#';

export type Expr =
  | { k: 'Nil' }
  | { k: 'True' }
  | { k: 'False' }
  | { k: 'Num'; v: number }
  | { k: 'Str'; v: string }
  | { k: 'Vararg' }
  | { k: 'Func'; f: FuncNode }
  /** `up`: the reference is from a function nested inside the declaring one. */
  | { k: 'Local'; v: VarInfo; up: boolean }
  | { k: 'Global'; name: string; line: number }
  | { k: 'Index'; o: Expr; key: Expr; line: number }
  | { k: 'Call'; f: Expr; args: Expr[]; line: number }
  | { k: 'Method'; o: Expr; name: string; args: Expr[]; line: number }
  | { k: 'Bin'; op: BinOp; a: Expr; b: Expr; line: number }
  | { k: 'Un'; op: UnOp; a: Expr; line: number }
  | { k: 'Paren'; e: Expr }
  | { k: 'Table'; items: TableItem[]; line: number };

export type TableItem = { key: Expr | null; value: Expr };

export type Stat =
  | { k: 'Local'; vars: VarInfo[]; exprs: Expr[]; line: number }
  | { k: 'Assign'; targets: Expr[]; exprs: Expr[]; line: number }
  | { k: 'CallStat'; call: Expr; line: number }
  | { k: 'Do'; body: Stat[]; line: number }
  | { k: 'While'; cond: Expr; body: Stat[]; line: number }
  | { k: 'Repeat'; body: Stat[]; cond: Expr; line: number }
  | { k: 'If'; clauses: { cond: Expr; body: Stat[] }[]; orelse: Stat[] | null; line: number }
  | { k: 'NumFor'; v: VarInfo; start: Expr; limit: Expr; step: Expr | null; body: Stat[]; line: number }
  | { k: 'GenFor'; vars: VarInfo[]; exprs: Expr[]; body: Stat[]; line: number }
  | { k: 'LocalFunction'; v: VarInfo; f: FuncNode; line: number }
  | { k: 'Return'; exprs: Expr[]; line: number }
  | { k: 'Break'; line: number };

export interface FuncNode {
  params: VarInfo[];
  isVararg: boolean;
  body: Stat[];
  line: number;
  /** Name for tracebacks (`function 'name'`), or null for `function <chunk:line>`. */
  name: string | null;
  /** Unique within the chunk. */
  id: number;
}
