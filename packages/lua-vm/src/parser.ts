// Recursive-descent parser for Lua 5.1.5 (lparser.c's grammar and error texts); resolves names.
import type { BinOp, Expr, FuncNode, Stat, TableItem, VarInfo } from './ast';
import { Lexer, type TokenType } from './lexer';

/** Left/right binding power of binary operators (lparser.c priority[]). */
const PRIORITY: Partial<Record<TokenType, [number, number]>> = {
  '+': [6, 6], '-': [6, 6], '*': [7, 7], '/': [7, 7], '%': [7, 7],
  '^': [10, 9], '..': [5, 4],
  '==': [3, 3], '~=': [3, 3], '<': [3, 3], '<=': [3, 3], '>': [3, 3], '>=': [3, 3],
  and: [2, 2], or: [1, 1],
};
const UNARY_PRIORITY = 8;
const MAX_LEVELS = 200;

interface FuncState {
  parent: FuncState | null;
  scopes: Map<string, VarInfo>[];
  isVararg: boolean;
  loops: number;
}

export interface ParsedChunk {
  main: FuncNode;
}

/** `x = function … end`: tracebacks name the function after what it is assigned to. */
function nameFunction(e: Expr, name: string | undefined): void {
  if (e.k === 'Func' && e.f.name === null && name !== undefined) e.f.name = name;
}

export function parse(source: string, chunkId: string): ParsedChunk {
  return new Parser(new Lexer(source, chunkId)).chunk();
}

class Parser {
  private fs!: FuncState;
  private nextVar = 0;
  private nextFunc = 0;
  private depth = 0;

  constructor(private readonly lx: Lexer) {}

  chunk(): ParsedChunk {
    this.fs = { parent: null, scopes: [new Map()], isVararg: true, loops: 0 };
    const body = this.block();
    if (this.lx.current.type !== 'eof') this.lx.error(`'<eof>' expected`);
    return { main: { params: [], isVararg: true, body, line: 0, name: null, id: this.nextFunc++ } };
  }

  // ---- helpers ----
  /** The current token type (a method, so TypeScript does not narrow it across calls). */
  private get t(): TokenType {
    return this.tok();
  }

  private tok(): TokenType {
    return this.lx.current.type;
  }

  private check(type: TokenType): void {
    if (this.t !== type) this.lx.error(`'${type === 'name' ? '<name>' : type}' expected`);
  }

  private checkNext(type: TokenType): void {
    this.check(type);
    this.lx.next();
  }

  private testNext(type: TokenType): boolean {
    if (this.t === type) { this.lx.next(); return true; }
    return false;
  }

  /** check_match: `'end' expected (to close 'function' at line 3)`. */
  private checkMatch(what: TokenType, who: TokenType, line: number): void {
    if (this.t !== what) {
      if (line === this.lx.current.line) this.lx.error(`'${what}' expected`);
      else this.lx.error(`'${what}' expected (to close '${who}' at line ${line})`);
    }
    this.lx.next();
  }

  private name(): string {
    if (this.t !== 'name') this.lx.error(`'<name>' expected`);
    const n = this.lx.current.value as string;
    this.lx.next();
    return n;
  }

  private enterLevel(): void {
    if (++this.depth > MAX_LEVELS) this.lx.error('chunk has too many syntax levels', null, this.lx.current.line);
  }

  // ---- scopes ----
  private declare(name: string): VarInfo {
    return { name, id: this.nextVar++, captured: false, assigned: false };
  }

  private activate(v: VarInfo): void {
    const scopes = this.fs.scopes;
    scopes[scopes.length - 1].set(v.name, v);
  }

  private resolve(name: string, line: number): Expr {
    let up = false;
    for (let fs: FuncState | null = this.fs; fs; fs = fs.parent) {
      for (let i = fs.scopes.length - 1; i >= 0; i--) {
        const v = fs.scopes[i].get(name);
        if (v) {
          if (up) v.captured = true;
          return { k: 'Local', v, up };
        }
      }
      up = true;
    }
    return { k: 'Global', name, line };
  }

  private blockScoped<T>(fn: () => T): T {
    this.fs.scopes.push(new Map());
    try {
      return fn();
    } finally {
      this.fs.scopes.pop();
    }
  }

  // ---- statements ----
  private blockFollow(): boolean {
    const t = this.t;
    return t === 'else' || t === 'elseif' || t === 'end' || t === 'until' || t === 'eof';
  }

  /** block -> { stat [';'] } [laststat [';']] */
  private block(): Stat[] {
    this.enterLevel();
    const out: Stat[] = [];
    while (!this.blockFollow()) {
      if (this.t === 'return' || this.t === 'break') {
        out.push(this.lastStat());
        this.testNext(';');
        break;
      }
      out.push(this.statement());
      this.testNext(';');
    }
    this.depth--;
    return out;
  }

  private lastStat(): Stat {
    const line = this.lx.current.line;
    if (this.t === 'break') {
      this.lx.next();
      if (this.fs.loops === 0) this.lx.error('no loop to break');
      return { k: 'Break', line };
    }
    this.lx.next();
    const exprs = this.blockFollow() || this.t === ';' ? [] : this.exprList();
    return { k: 'Return', exprs, line };
  }

  private statement(): Stat {
    const line = this.lx.current.line;
    switch (this.t) {
      case 'if': return this.ifStat(line);
      case 'while': {
        // whilestat -> WHILE cond DO block END
        this.lx.next();
        const cond = this.expr();
        this.checkNext('do');
        const body = this.loopBody();
        this.checkMatch('end', 'while', line);
        return { k: 'While', cond, body, line };
      }
      case 'do': {
        this.lx.next();
        const body = this.blockScoped(() => this.block());
        this.checkMatch('end', 'do', line);
        return { k: 'Do', body, line };
      }
      case 'for': return this.forStat(line);
      case 'repeat': {
        // repeatstat -> REPEAT block UNTIL cond (cond sees the block's locals)
        this.lx.next();
        return this.blockScoped(() => {
          this.fs.loops++;
          const body = this.block();
          this.fs.loops--;
          this.checkMatch('until', 'repeat', line);
          const cond = this.expr();
          return { k: 'Repeat', body, cond, line } as Stat;
        });
      }
      case 'function': {
        // funcstat -> FUNCTION funcname body ; funcname -> NAME {'.' NAME} [':' NAME]
        this.lx.next();
        const l0 = this.lx.current.line;
        let n = this.name();
        let target = this.resolve(n, l0);
        let isMethod = false;
        for (let t = this.tok(); t === '.' || t === ':'; t = this.tok()) {
          isMethod = t === ':';
          this.lx.next();
          const kl = this.lx.current.line;
          n = this.name();
          target = { k: 'Index', o: target, key: { k: 'Str', v: n }, line: kl };
          if (isMethod) break;
        }
        if (target.k === 'Local') target.v.assigned = true;
        const f = this.funcBody(isMethod, line, n);
        return { k: 'Assign', targets: [target], exprs: [{ k: 'Func', f }], line };
      }
      case 'local': {
        this.lx.next();
        if (this.testNext('function')) {
          // local function NAME body: the name is in scope inside the body
          const v = this.declare(this.name());
          v.isFunction = true;
          this.activate(v);
          const f = this.funcBody(false, line, v.name);
          return { k: 'LocalFunction', v, f, line };
        }
        const vars: VarInfo[] = [];
        do vars.push(this.declare(this.name()));
        while (this.testNext(','));
        const exprs = this.testNext('=') ? this.exprList() : [];
        exprs.forEach((e, i) => nameFunction(e, vars[i]?.name));
        for (const v of vars) this.activate(v);
        return { k: 'Local', vars, exprs, line };
      }
      default: return this.exprStat(line);
    }
  }

  private loopBody(): Stat[] {
    this.fs.loops++;
    const body = this.blockScoped(() => this.block());
    this.fs.loops--;
    return body;
  }

  private ifStat(line: number): Stat {
    // ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END
    const clauses: { cond: Expr; body: Stat[] }[] = [];
    let orelse: Stat[] | null = null;
    do {
      this.lx.next();
      const cond = this.expr();
      this.checkNext('then');
      clauses.push({ cond, body: this.blockScoped(() => this.block()) });
    } while (this.t === 'elseif');
    if (this.testNext('else')) orelse = this.blockScoped(() => this.block());
    this.checkMatch('end', 'if', line);
    return { k: 'If', clauses, orelse, line };
  }

  private forStat(line: number): Stat {
    // forstat -> FOR (fornum | forlist) END
    this.lx.next();
    const n1 = this.name();
    if (this.t === '=') {
      // fornum -> NAME = exp1,exp1[,exp1] forbody
      this.lx.next();
      const start = this.expr();
      this.checkNext(',');
      const limit = this.expr();
      const step = this.testNext(',') ? this.expr() : null;
      this.checkNext('do');
      const v = this.declare(n1);
      const body = this.blockScoped(() => {
        this.activate(v);
        return this.loopBody();
      });
      this.checkMatch('end', 'for', line);
      return { k: 'NumFor', v, start, limit, step, body, line };
    }
    if (this.t === ',' || this.t === 'in') {
      // forlist -> NAME {,NAME} IN explist1 forbody
      const names = [n1];
      while (this.testNext(',')) names.push(this.name());
      this.checkNext('in');
      const exprs = this.exprList();
      this.checkNext('do');
      const vars = names.map((n) => this.declare(n));
      const body = this.blockScoped(() => {
        for (const v of vars) this.activate(v);
        return this.loopBody();
      });
      this.checkMatch('end', 'for', line);
      return { k: 'GenFor', vars, exprs, body, line };
    }
    this.lx.error(`'=' or 'in' expected`);
  }

  private exprStat(line: number): Stat {
    // exprstat -> func | assignment
    const e = this.primaryExp();
    if (e.k === 'Call' || e.k === 'Method') return { k: 'CallStat', call: e, line };
    const targets: Expr[] = [e];
    for (;;) {
      const tg = targets[targets.length - 1];
      if (tg.k !== 'Local' && tg.k !== 'Global' && tg.k !== 'Index') this.lx.error('syntax error');
      if (tg.k === 'Local') tg.v.assigned = true;
      if (!this.testNext(',')) break;
      targets.push(this.primaryExp());
    }
    this.checkNext('=');
    const exprs = this.exprList();
    exprs.forEach((e, i) => {
      const tg = targets[i];
      if (!tg) return;
      nameFunction(e, tg.k === 'Local' ? tg.v.name : tg.k === 'Global' ? tg.name : tg.k === 'Index' && tg.key.k === 'Str' ? tg.key.v : undefined);
    });
    return { k: 'Assign', targets, exprs, line };
  }

  // ---- functions ----
  /** body -> '(' parlist ')' chunk END */
  private funcBody(isMethod: boolean, line: number, name: string | null): FuncNode {
    const fs: FuncState = { parent: this.fs, scopes: [new Map()], isVararg: false, loops: 0 };
    this.fs = fs;
    const params: VarInfo[] = [];
    if (isMethod) {
      const self = this.declare('self');
      params.push(self);
      this.activate(self);
    }
    this.checkNext('(');
    if (this.t !== ')') {
      do {
        if (this.t === 'name') {
          const v = this.declare(this.name());
          params.push(v);
        } else if (this.t === '...') {
          this.lx.next();
          fs.isVararg = true;
          break;
        } else {
          this.lx.error(`<name> or '...' expected`);
        }
      } while (this.testNext(','));
    }
    for (const p of params) this.activate(p);
    this.checkNext(')');
    const body = this.block();
    this.checkMatch('end', 'function', line);
    this.fs = fs.parent!;
    return { params, isVararg: fs.isVararg, body, line, name, id: this.nextFunc++ };
  }

  // ---- expressions ----
  private exprList(): Expr[] {
    const out = [this.expr()];
    while (this.testNext(',')) out.push(this.expr());
    return out;
  }

  private expr(): Expr {
    return this.subExpr(0);
  }

  /** subexpr -> (simpleexp | unop subexpr) { binop subexpr } */
  private subExpr(limit: number): Expr {
    this.enterLevel();
    let e: Expr;
    const t = this.t;
    if (t === 'not' || t === '-' || t === '#') {
      this.lx.next();
      const a = this.subExpr(UNARY_PRIORITY);
      e = { k: 'Un', op: t, a, line: this.lx.lastLine };
    } else {
      e = this.simpleExp();
    }
    for (;;) {
      const op = this.t;
      const pr = PRIORITY[op];
      if (!pr || pr[0] <= limit) break;
      this.lx.next();
      const b = this.subExpr(pr[1]);
      e = { k: 'Bin', op: op as BinOp, a: e, b, line: this.lx.lastLine };
    }
    this.depth--;
    return e;
  }

  private simpleExp(): Expr {
    const tk = this.lx.current;
    switch (tk.type) {
      case 'number': this.lx.next(); return { k: 'Num', v: tk.value as number };
      case 'string': this.lx.next(); return { k: 'Str', v: tk.value as string };
      case 'nil': this.lx.next(); return { k: 'Nil' };
      case 'true': this.lx.next(); return { k: 'True' };
      case 'false': this.lx.next(); return { k: 'False' };
      case '...':
        if (!this.fs.isVararg) this.lx.error(`cannot use '...' outside a vararg function`);
        this.lx.next();
        return { k: 'Vararg' };
      case '{': return this.table();
      case 'function':
        this.lx.next();
        return { k: 'Func', f: this.funcBody(false, tk.line, null) };
      default: return this.primaryExp();
    }
  }

  /** prefixexp -> NAME | '(' expr ')' */
  private prefixExp(): Expr {
    const tk = this.lx.current;
    if (tk.type === 'name') {
      this.lx.next();
      return this.resolve(tk.value as string, tk.line);
    }
    if (tk.type === '(') {
      this.lx.next();
      const e = this.expr();
      this.checkMatch(')', '(', tk.line);
      return { k: 'Paren', e };
    }
    this.lx.error('unexpected symbol');
  }

  /** primaryexp -> prefixexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs } */
  private primaryExp(): Expr {
    let e = this.prefixExp();
    for (;;) {
      switch (this.t) {
        case '.': {
          this.lx.next();
          const line = this.lx.current.line;
          e = { k: 'Index', o: e, key: { k: 'Str', v: this.name() }, line };
          break;
        }
        case '[': {
          this.lx.next();
          const key = this.expr();
          this.checkNext(']');
          e = { k: 'Index', o: e, key, line: this.lx.lastLine };
          break;
        }
        case ':': {
          this.lx.next();
          const name = this.name();
          const line = this.lx.current.line;
          e = { k: 'Method', o: e, name, args: this.funcArgs(), line };
          break;
        }
        case '(': case 'string': case '{': {
          const line = this.lx.current.line;
          e = { k: 'Call', f: e, args: this.funcArgs(), line };
          break;
        }
        default: return e;
      }
    }
  }

  private funcArgs(): Expr[] {
    const tk = this.lx.current;
    switch (tk.type) {
      case '(': {
        if (tk.line !== this.lx.lastLine) this.lx.error('ambiguous syntax (function call x new statement)');
        this.lx.next();
        const args = this.t === ')' ? [] : this.exprList();
        this.checkMatch(')', '(', tk.line);
        return args;
      }
      case '{': return [this.table()];
      case 'string': this.lx.next(); return [{ k: 'Str', v: tk.value as string }];
      default: this.lx.error('function arguments expected');
    }
  }

  /** constructor -> '{' [ field { fieldsep field } [fieldsep] ] '}' */
  private table(): Expr {
    const line = this.lx.current.line;
    this.checkNext('{');
    const items: TableItem[] = [];
    while (this.t !== '}') {
      if (this.t === 'name' && this.lx.peek().type === '=') {
        const key: Expr = { k: 'Str', v: this.name() };
        this.lx.next();
        items.push({ key, value: this.expr() });
      } else if (this.t === '[') {
        this.lx.next();
        const key = this.expr();
        this.checkNext(']');
        this.checkNext('=');
        items.push({ key, value: this.expr() });
      } else {
        items.push({ key: null, value: this.expr() });
      }
      if (!this.testNext(',') && !this.testNext(';')) break;
    }
    this.checkMatch('}', '{', line);
    return { k: 'Table', items, line };
  }
}
