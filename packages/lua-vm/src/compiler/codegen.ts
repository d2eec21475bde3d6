// Lua AST → JS source. Each Lua function becomes a plain JS function (fast path) plus a
// generator twin (resumable: coroutines, step hooks); closures inside twins are twin-only.
// Locals are JS `let`s (fresh per iteration, shared by closures as Lua upvalues are); operators
// inline a typeof fast path and call a runtime helper with a Site only on the slow path.
// Every statement and call starts a JS line `\n/*L*/` carrying its Lua line, so a JS stack
// frame maps back to a Lua position.
import type { Expr, FuncNode, Stat, VarInfo } from '../ast';
import { constructorSize } from '../runtime/puc-order';

export interface SiteSpec {
  line: number;
  a: string;
  b: string;
  /** In resumable code (metamethods are deferred to it). */
  r: boolean;
}

export interface Generated {
  /** Body of `new Function('R', code)`; it returns [plain main, twin main]. */
  code: string;
  sites: SiteSpec[];
}

/** Runtime helpers the generated code uses, destructured from `R` in the prologue. */
export const HELPERS = [
  'mkfn', 'mkgen', 'first', 'mr', 'drop', 'tcall', 'tcall1', 'tcall2', 'tcall3', 'callable', 'index', 'idxs', 'setIndex', 'gget', 'gset',
  'add', 'sub', 'mul', 'div', 'mod', 'pow', 'unm', 'lt', 'le', 'eq', 'concat', 'len', 'forIter', 'forNum',
  'tbl', 'EMPTY', 'HOOK', 'runHook', 'DEFER', 'runDeferred', 'CTX', 'S', 'LuaTable', 'YIELD', 'HWNAN',
] as const;

const ARITH: Record<string, [string, string]> = {
  '+': ['add', '+'], '-': ['sub', '-'], '*': ['mul', '*'], '/': ['div', '/'],
};

interface Fn {
  /** JS name of the running function (its `.e` is the environment). */
  self: string;
  twin: boolean;
  temps: number;
  maxTemps: number;
  /**
   * The function's zero constant: PUC keeps one per function (0 and -0 are the same key of its
   * constant table), so the sign of the first zero literal wins for all of them.
   */
  zero: string | null;
}

/**
 * A step of resumable code. The hook callback runs here, inside the Lua frame, so an error it
 * throws is raised at this Lua line and unwinds like any runtime error; it yields HOOK only
 * when the callback asks to suspend.
 */
const HOOK_POINT = 'if(--CTX.steps<0&&runHook())yield HOOK;';

const isSimple = (js: string): boolean => /^(?:[A-Za-z_$][\w$]*|\d[\w.+]*|\(-[\d.e+]+\)|"[^"\\\n]{0,40}")$/.test(js);

function numLit(n: number): string {
  if (Object.is(n, -0)) return '(-0)';
  if (n === Infinity) return '(1/0)';
  return n < 0 ? `(${n})` : String(n);
}

const jsName = (v: VarInfo): string => `${v.name}$${v.id}`;
/** `.key` or `["key"]`: a named property access (an inline cache at this site). */
const prop = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
const isMulti = (e: Expr): boolean => e.k === 'Call' || e.k === 'Method' || e.k === 'Vararg';

/** PUC's name for an operand in error messages (getobjname), '' when it has none. */
function describe(e: Expr): string {
  switch (e.k) {
    case 'Local': return e.up ? `upvalue '${e.v.name}'` : `local '${e.v.name}'`;
    case 'Global': return `global '${e.name}'`;
    case 'Index': return e.key.k === 'Str' ? `field '${e.key.v}'` : '';
    default: return '';
  }
}

export function generate(main: FuncNode): Generated {
  const g = new CodeGen();
  const plain = g.func(main, false, 'main$L0');
  const twin = g.func(main, true, 'main$L0');
  const prologue = `"use strict";const {${HELPERS.join(',')}}=R;` +
    g.sites.map((_, i) => `const S${i}=S[${i}];`).join('');
  return { code: `${prologue}return [${plain},${twin}];`, sites: g.sites };
}

class CodeGen {
  sites: SiteSpec[] = [];
  private fn!: Fn;
  private loopLabels = 0;

  site(line: number, a = '', b = ''): string {
    this.sites.push({ line, a, b, r: this.fn.twin });
    return `S${this.sites.length - 1}`;
  }

  /**
   * An operation that may call a metamethod: in resumable code, one deferred to it (DEFER, see
   * ops.ts callMeta) runs here as a twin, so the hook can suspend inside the metamethod.
   */
  private dfr(js: string): string {
    if (!this.fn.twin) return js;
    const t = this.temp();
    return `((${t}=${js})===DEFER?(yield* runDeferred()):${t})`;
  }

  private temp(): string {
    const t = `$${++this.fn.temps}`;
    if (this.fn.temps > this.fn.maxTemps) this.fn.maxTemps = this.fn.temps;
    return t;
  }

  /** A simple JS expression for `js`: itself, or a temp assigned in `pre`. */
  private bind(js: string, pre: string[], force = false): string {
    if (!force && isSimple(js)) return js;
    const t = this.temp();
    pre.push(`${t}=${js}`);
    return t;
  }

  private mark(line: number): string {
    return line > 0 ? `\n/*${line}*/` : '';
  }

  // ---- functions ----

  /** A function expression. `twin`: the generator version. `name`: JS name (`name$Lline`). */
  func(f: FuncNode, twin: boolean, name: string): string {
    const saved = this.fn;
    this.fn = { self: name, twin, temps: 0, maxTemps: 0, zero: null };
    const params = f.params.map(jsName);
    if (f.isVararg) params.push('...va');
    let body = this.block(f.body);
    const last = f.body[f.body.length - 1];
    if (!last || last.k !== 'Return') body += 'return EMPTY;';
    const temps = this.fn.maxTemps > 0 ? `let ${Array.from({ length: this.fn.maxTemps }, (_, i) => `$${i + 1}`).join(',')};` : '';
    // Temps must not keep garbage alive across collectgarbage() (weak tables, __gc).
    if (this.fn.maxTemps > 0) body = body.replaceAll('/*gc*/', `${Array.from({ length: this.fn.maxTemps }, (_, i) => `$${i + 1}=`).join('')}undefined;`);
    const entry = twin ? HOOK_POINT : '';
    this.fn = saved;
    return `function${twin ? '*' : ''} ${name}(${params.join(',')}){${temps}${entry}${body}}`;
  }

  private closure(f: FuncNode): string {
    const name = `${f.name ?? ''}$L${f.line}`;
    const env = `${this.fn.self}.e`;
    if (this.fn.twin) return `mkgen(${this.func(f, true, name)},${env})`;
    return `mkfn(${this.func(f, false, name)},${this.func(f, true, name)},${env})`;
  }

  // ---- statements ----

  private block(stats: Stat[]): string {
    let out = '';
    for (const s of stats) {
      this.fn.temps = 0;
      out += this.mark(s.line) + this.stat(s);
    }
    return out;
  }

  private stat(s: Stat): string {
    switch (s.k) {
      case 'Local': return this.local(s.vars, s.exprs);
      case 'Assign': return this.assign(s.targets, s.exprs, s.line);
      case 'CallStat': return (s.call.k === 'Call' && s.call.f.k === 'Global' && s.call.f.name === 'collectgarbage' ? '/*gc*/' : '') + (this.fn.twin ? `${this.callRaw(s.call)};` : `drop(${this.callRaw(s.call)});`);
      case 'Do': return `{${this.block(s.body)}}`;
      case 'While': return `while(${this.cond(s.cond)}){${this.loopEntry()}${this.block(s.body)}}`;
      case 'Repeat': {
        const body = this.block(s.body);
        this.fn.temps = 0;
        return `for(;;){${this.loopEntry()}${body}if(${this.cond(s.cond)})break;}`;
      }
      case 'If': {
        let out = '';
        s.clauses.forEach((c, i) => {
          out += `${i ? 'else ' : ''}if(${this.cond(c.cond)}){${this.block(c.body)}}`;
        });
        if (s.orelse) out += `else{${this.block(s.orelse)}}`;
        return out;
      }
      case 'NumFor': return this.numFor(s);
      case 'GenFor': return this.genFor(s);
      case 'LocalFunction': {
        const n = jsName(s.v);
        return `let ${n};${n}=${this.closure({ ...s.f, name: s.f.name })};`;
      }
      case 'Return': return this.ret(s.exprs, s.line);
      case 'Break': return 'break;';
    }
  }

  private loopEntry(): string {
    return this.fn.twin ? HOOK_POINT : '';
  }

  private local(vars: VarInfo[], exprs: Expr[]): string {
    const names = vars.map(jsName);
    if (exprs.length === 0) return `let ${names.join(',')};`;
    const pre: string[] = [];
    const vals = this.explist(exprs, vars.length, pre);
    return `${pre.map((p) => p + ';').join('')}let ${names.map((n, i) => `${n}=${vals[i]}`).join(',')};`;
  }

  /**
   * Evaluates `exprs` adjusted to `n` values, left to right. Returns n JS expressions (simple or
   * single-use); evaluation that must happen first is pushed to `pre` as statements.
   */
  private explist(exprs: Expr[], n: number, pre: string[]): string[] {
    const out: string[] = [];
    exprs.forEach((e, i) => {
      const lastExpr = i === exprs.length - 1;
      if (lastExpr && isMulti(e) && n > i + 1) {
        const t = this.temp();
        pre.push(`${t}=${this.multi(e)}`);
        for (let j = i; j < n; j++) out.push(`${t}[${j - i}]`);
      } else if (i < n) {
        const js = this.exp(e);
        // Earlier values must be computed before later expressions run.
        out.push(exprs.length > 1 ? this.bind(js, pre) : js);
      } else {
        pre.push(this.exp(e)); // extra values are evaluated and dropped
      }
    });
    while (out.length < n) out.push('undefined');
    return out;
  }

  private assign(targets: Expr[], exprs: Expr[], line: number): string {
    if (targets.length === 1 && exprs.length === 1) {
      const t = targets[0];
      if (t.k === 'Local') return `${jsName(t.v)}=${this.exp(exprs[0])};`;
      if (t.k === 'Global') return `${this.dfr(`gset(${this.fn.self},${JSON.stringify(t.name)},${this.exp(exprs[0])},${this.site(line)})`)};`;
      if (t.k === 'Index') {
        const s = this.site(line, describe(t.o));
        if (t.key.k === 'Str') {
          const o = this.temp();
          const v = this.temp();
          const p = prop(t.key.v);
          // Raw store when the key is present or there is no metatable (__newindex cannot apply).
          return `${o}=${this.exp(t.o)};${v}=${this.exp(exprs[0])};if(${o} instanceof LuaTable&&${v}!==undefined&&!${o}.readonly&&(${o}.mt===null||${o}.s${p}!==undefined))${o}.s${p}=${v};else ${this.dfr(`setIndex(${o},${JSON.stringify(t.key.v)},${v},${s})`)};`;
        }
        // Integer keys of a plain table go straight to the array-part store.
        const o = this.temp();
        const k = this.temp();
        const v = this.temp();
        return `${o}=${this.exp(t.o)};${k}=${this.exp(t.key)};${v}=${this.exp(exprs[0])};if(${o} instanceof LuaTable&&${o}.mt===null&&!${o}.readonly&&typeof ${k}==='number'&&${k}>=1&&(${k}|0)===${k})${o}.setInt(${k},${v});else ${this.dfr(`setIndex(${o},${k},${v},${s})`)};`;
      }
    }
    // Multiple assignment: evaluate table/key operands, then values, then store right to left.
    const pre: string[] = [];
    const refs = targets.map((t) => (t.k === 'Index' ? [this.bind(this.exp(t.o), pre), this.bind(this.exp(t.key), pre)] : null));
    // Values go to temps even when they are locals: a later store may change that local.
    const vals = this.explist(exprs, targets.length, pre).map((v) => this.bind(v, pre, /^[A-Za-z_]\w*\$\d+$/.test(v)));
    let out = pre.map((p) => p + ';').join('');
    for (let i = targets.length - 1; i >= 0; i--) {
      const t = targets[i];
      if (t.k === 'Local') out += `${jsName(t.v)}=${vals[i]};`;
      else if (t.k === 'Global') out += `${this.dfr(`gset(${this.fn.self},${JSON.stringify(t.name)},${vals[i]},${this.site(line)})`)};`;
      else if (t.k === 'Index') out += `${this.dfr(`setIndex(${refs[i]![0]},${refs[i]![1]},${vals[i]},${this.site(line, describe(t.o))})`)};`;
    }
    return out;
  }

  private numFor(s: Extract<Stat, { k: 'NumFor' }>): string {
    const id = ++this.loopLabels;
    const [a, b, c] = [`$a${id}`, `$b${id}`, `$c${id}`];
    const st = s.step ? this.forArg(s.step, 'step', s.line) : '1';
    const head = `const ${a}=${this.forArg(s.start, 'initial', s.line)},${b}=${this.forArg(s.limit, 'limit', s.line)},${c}=${st};`;
    const constStep = !s.step || s.step.k === 'Num' ? (s.step ? (s.step as { v: number }).v : 1) : null;
    const v = jsName(s.v);
    // A loop variable that the body assigns needs a private copy (Lua's is a copy of the index).
    const idx = s.v.assigned ? `$i${id}` : v;
    const test = constStep === null ? `(${c}>0?${idx}<=${b}:${idx}>=${b})` : constStep > 0 ? `${idx}<=${b}` : `${idx}>=${b}`;
    const copy = s.v.assigned ? `let ${v}=${idx};` : '';
    const body = this.block(s.body);
    return `{${head}for(let ${idx}=${a};${test};${idx}+=${c}){${this.loopEntry()}${copy}${body}}}`;
  }

  private forArg(e: Expr, what: string, line: number): string {
    if (e.k === 'Num') return this.num(e.v);
    return `forNum(${this.exp(e)},${this.site(line, what)})`;
  }

  private genFor(s: Extract<Stat, { k: 'GenFor' }>): string {
    const id = ++this.loopLabels;
    const it = `$it${id}`;
    const pre: string[] = [];
    const [f, st, ctl] = this.explist(s.exprs, 3, pre);
    const head = `${pre.map((p) => p + ';').join('')}const ${it}=forIter(${f},${st},${ctl},${this.site(s.line)});`;
    const names = s.vars.map(jsName);
    const bind = names.map((n, i) => `${n}=${i === 0 ? `${it}.k` : i === 1 ? `${it}.v` : `${it}.var(${i})`}`).join(',');
    const body = this.block(s.body);
    // Resumable code runs an iterator function's twin, so the hook can suspend inside it.
    const step = this.fn.twin ? `(${it}.g===undefined?${it}.step():(yield* ${it}.stepTwin()))` : `${it}.step()`;
    return `{${head}while(${step}){${this.loopEntry()}let ${bind};${body}}}`;
  }

  private ret(exprs: Expr[], line: number): string {
    if (exprs.length === 0) return 'return EMPTY;';
    if (exprs.length === 1) {
      const e = exprs[0];
      if (e.k === 'Vararg') return 'return va;';
      if ((e.k === 'Call' || e.k === 'Method') && !this.fn.twin) return `return ${this.tailCall(e, line)};`;
      if (e.k === 'Call' || e.k === 'Method') return `return (${this.callRaw(e)});`;
      return `return (${this.exp(e)});`;
    }
    return `return [${this.args(exprs)}];`;
  }

  private tailCall(e: Extract<Expr, { k: 'Call' | 'Method' }>, line: number): string {
    const fixed = e.args.length === 0 || !isMulti(e.args[e.args.length - 1]);
    const emit = (fn: string, s: string, args: string[]): string => {
      const n = args.length;
      // Fixed arities up to 3 avoid an arguments array per tail call.
      if (fixed && n >= 1 && n <= 3) return `tcall${n}(${fn},${s},${args.join(',')})`;
      return `tcall(${fn},${s},[${args.join(',')}])`;
    };
    const argList = e.args.length ? [this.args(e.args)] : [];
    if (e.k === 'Method') {
      const t = this.temp();
      const fnExpr = this.methodLookup(t, e.name, this.site(e.line, describe(e.o)));
      const args = fixed ? [t, ...e.args.map((a) => this.exp(a))] : [t, ...argList];
      return `(${t}=${this.exp(e.o)},${emit(fnExpr, this.site(line, `method '${e.name}'`), args)})`;
    }
    const fn = this.exp(e.f);
    const s = this.site(e.line, describe(e.f));
    return emit(fn, s, fixed ? e.args.map((a) => this.exp(a)) : argList);
  }

  /**
   * obj:name lookup: the object's own field, then its metatable's __index table, both as
   * named loads at this site (monomorphic for class-style code); anything else goes to idxs.
   */
  private methodLookup(o: string, name: string, site: string): string {
    const v = this.temp();
    const m = this.temp();
    const p = prop(name);
    return `(${o} instanceof LuaTable&&((${v}=${o}.s${p})!==undefined||(${m}=${o}.mt)!==null&&(${m}=${m}.s.__index) instanceof LuaTable&&(${v}=${m}.s${p})!==undefined)?${v}:${this.dfr(`idxs(${o},${JSON.stringify(name)},${site})`)})`;
  }

  // ---- expressions ----

  /** `a == b` past identity: __eq; resumable code passes a site so the metamethod can be deferred. */
  private eqCall(a: string, b: string, line: number): string {
    return this.fn.twin ? this.dfr(`eq(${a},${b},${this.site(line)})`) : `eq(${a},${b})`;
  }

  /** Argument list text; a multi-valued last expression is spread. */
  private args(exprs: Expr[]): string {
    return exprs
      .map((e, i) => {
        if (i === exprs.length - 1 && isMulti(e)) return e.k === 'Vararg' ? '...va' : `...${this.multi(e)}`;
        return this.exp(e);
      })
      .join(',');
  }

  /** A multi-valued expression as an array. */
  private multi(e: Expr): string {
    if (e.k === 'Vararg') return 'va';
    return `mr(${this.callRaw(e)})`;
  }

  /** A call's raw result (one value or a results array). */
  private callRaw(e: Expr): string {
    if (e.k !== 'Call' && e.k !== 'Method') throw new Error('not a call');
    const m = this.mark(e.line);
    if (e.k === 'Call' && e.f.k === 'Global' && (e.f.name === 'getfenv' || e.f.name === 'setfenv')) {
      // Level-based environments need the calling function, which the JS stack cannot give.
      return `${m}(CTX.fnForEnv=${this.fn.self},${this.callRawInner(e, '')})`;
    }
    if (e.k === 'Call' && e.f.k === 'Global' && e.f.name === 'select' && e.args.length === 2 && e.args[0].k === 'Str' && e.args[0].v === '#' && e.args[1].k === 'Vararg') {
      // select('#', ...) is the vararg count: no spread, no call, when `select` is the builtin.
      const t = this.temp();
      return `${m}((${t}=${this.fn.self}.e.s.select)===CTX.select&&${t}!==undefined?va.length:${this.dfr(`callable(${t},${this.site(e.line, describe(e.f))})("#",...va)`)})`;
    }
    return this.callRawInner(e, m);
  }

  private callRawInner(e: Extract<Expr, { k: 'Call' | 'Method' }>, m: string): string {
    if (e.k === 'Call' && e.f.k === 'Local' && e.f.v.isFunction && !e.f.v.assigned) {
      // A `local function` never reassigned: a direct call, no callable() check.
      const f = jsName(e.f.v);
      return this.fn.twin ? `${m}(yield* ${f}.G(${this.args(e.args)}))` : `${m}${f}(${this.args(e.args)})`;
    }
    if (!this.fn.twin) {
      if (e.k === 'Call') return `${m}callable(${this.exp(e.f)},${this.site(e.line, describe(e.f))})(${this.args(e.args)})`;
      const t = this.temp();
      const fnExpr = this.methodLookup(t, e.name, this.site(e.line, describe(e.o)));
      return `${m}(${t}=${this.exp(e.o)},callable(${fnExpr},${this.site(e.line, `method '${e.name}'`)})(${[t, this.args(e.args)].filter(Boolean).join(',')}))`;
    }
    // Twin: Lua callees run their twins under yield*; anything else is a plain call.
    const pre: string[] = [];
    let fnJs: string;
    let argList: string[];
    let desc: string;
    if (e.k === 'Call') {
      fnJs = this.bind(this.exp(e.f), pre);
      desc = describe(e.f);
      argList = [];
    } else {
      const o = this.bind(this.exp(e.o), pre);
      fnJs = this.bind(this.methodLookup(o, e.name, this.site(e.line, describe(e.o))), pre);
      desc = `method '${e.name}'`;
      argList = [o];
    }
    if (fnJs !== '' && !/^\$\d+$/.test(fnJs)) {
      const t = this.temp();
      pre.push(`${t}=${fnJs}`);
      fnJs = t;
    }
    e.args.forEach((a, i) => {
      if (i === e.args.length - 1 && isMulti(a)) {
        argList.push(a.k === 'Vararg' ? '...va' : `...${this.bind(this.multi(a), pre)}`);
      } else {
        argList.push(this.bind(this.exp(a), pre));
      }
    });
    const g = this.temp();
    const al = argList.join(',');
    // coroutine.yield's twin is recognised and inlined as a bare `yield` of its results in the
    // call convention: one value as itself (no array per yield), otherwise an array.
    const yv = argList.length === 1 && !argList[0].startsWith('...') ? al : `[${al}]`;
    return `${m}(${pre.join(',')}${pre.length ? ',' : ''}${fnJs}!==undefined&&(${g}=${fnJs}.G)!==undefined?(${g}===YIELD?(yield ${yv}):(yield* ${g}(${al}))):${this.dfr(`callable(${fnJs},${this.site(e.line, desc)})(${al})`)})`;
  }

  /** A numeric constant (see Fn.zero). */
  private num(v: number): string {
    if (v !== 0) return numLit(v);
    return (this.fn.zero ??= numLit(v));
  }

  /** A JS boolean for a Lua condition. */
  cond(e: Expr): string {
    switch (e.k) {
      case 'True': return 'true';
      case 'False': case 'Nil': return 'false';
      case 'Bin':
        if (['==', '~=', '<', '<=', '>', '>='].includes(e.op)) return this.exp(e);
        if (e.op === 'and') return `(${this.cond(e.a)}&&${this.cond(e.b)})`;
        if (e.op === 'or') return `(${this.cond(e.a)}||${this.cond(e.b)})`;
        break;
      case 'Un':
        if (e.op === 'not') return `!${this.cond(e.a)}`;
        break;
    }
    const pre: string[] = [];
    const v = this.bind(this.exp(e), pre);
    return `(${pre.map((p) => p + ',').join('')}${v}!==undefined&&${v}!==false)`;
  }

  exp(e: Expr): string {
    switch (e.k) {
      case 'Nil': return 'undefined';
      case 'True': return 'true';
      case 'False': return 'false';
      case 'Num': return this.num(e.v);
      case 'Str': return JSON.stringify(e.v);
      case 'Vararg': return 'va[0]';
      case 'Func': return this.closure(e.f);
      case 'Local': return jsName(e.v);
      case 'Global': {
        const t = this.temp();
        return `((${t}=${this.fn.self}.e.s${prop(e.name)})!==undefined?${t}:${this.dfr(`gget(${this.fn.self},${JSON.stringify(e.name)},${this.site(e.line)})`)})`;
      }
      case 'Index': {
        const s = this.site(e.line, describe(e.o));
        if (e.key.k === 'Str') {
          const o = this.temp();
          const v = this.temp();
          return `((${o}=${this.exp(e.o)}) instanceof LuaTable&&(${v}=${o}.s${prop(e.key.v)})!==undefined?${v}:${this.dfr(`idxs(${o},${JSON.stringify(e.key.v)},${s})`)})`;
        }
        return this.dfr(`index(${this.exp(e.o)},${this.exp(e.key)},${s})`);
      }
      case 'Call': case 'Method': return `first(${this.callRaw(e)})`;
      case 'Paren': return this.exp(e.e);
      case 'Table': return this.table(e);
      case 'Un': return this.unary(e);
      case 'Bin': return this.binary(e);
    }
  }

  private table(e: Extract<Expr, { k: 'Table' }>): string {
    if (e.items.length > 0 && e.items.every((i) => i.key !== null && i.key.k === 'Str')) {
      // {x = …, y = …}: stores at this site build one hidden class for all such tables.
      const t = this.temp();
      const v = this.temp();
      const stores = e.items.map((i) => `(${v}=${this.exp(i.value)})!==undefined&&(${t}.s${prop((i.key as { v: string }).v)}=${v})`);
      return `(${t}=new LuaTable(${constructorSize(e.items.length)}),${stores.join(',')},${t})`;
    }
    const pos = e.items.filter((i) => i.key === null).map((i) => i.value);
    const keyed = e.items.filter((i) => i.key !== null);
    const arr = pos.length ? `[${this.args(pos)}]` : 'null';
    if (keyed.length === 0) return `tbl(${arr},null,null)`;
    const kv = keyed.map((i) => `${this.exp(i.key!)},${this.exp(i.value)}`).join(',');
    return `tbl(${arr},[${kv}],${this.site(e.line)})`;
  }

  private unary(e: Extract<Expr, { k: 'Un' }>): string {
    const pre: string[] = [];
    if (e.op === 'not') return `!${this.cond(e.a)}`;
    // PUC folds `-<numeral>`; its constant table does not keep -0 apart from 0.
    if (e.op === '-' && e.a.k === 'Num') return this.num(-e.a.v);
    const a = this.bind(this.exp(e.a), pre);
    const p = pre.map((x) => x + ',').join('');
    const s = this.site(e.line, describe(e.a));
    if (e.op === '-') return `(${p}typeof ${a}==='number'?-${a}:${this.dfr(`unm(${a},${s})`)})`;
    return `(${p}${this.dfr(`len(${a},${s})`)})`;
  }

  private binary(e: Extract<Expr, { k: 'Bin' }>): string {
    const op = e.op;
    if (op === 'and' || op === 'or') {
      const t = this.temp();
      const a = this.exp(e.a);
      const b = this.exp(e.b);
      const falsy = `(${t}=${a})===undefined||${t}===false`;
      return op === 'and' ? `(${falsy}?${t}:${b})` : `(${falsy}?${b}:${t})`;
    }
    if (e.a.k === 'Num' && e.b.k === 'Num' && (op === '/' || op === '%') && e.b.v === 0 && e.a.v === 0) {
      // 0/0 is computed at run time by PUC (never folded) and x86 yields a negative NaN;
      // JS would fold the literal to a positive one, which tostring tells apart (-nan/nan).
      return 'HWNAN';
    }
    const pre: string[] = [];
    const a = this.bind(this.exp(e.a), pre);
    const b = this.bind(this.exp(e.b), pre);
    const p = pre.map((x) => x + ',').join('');
    // __eq only applies to two tables (or userdata): a literal operand makes == plain identity.
    const constant = [e.a.k, e.b.k].some((k) => k === 'Nil' || k === 'Num' || k === 'Str' || k === 'True' || k === 'False');
    const isNumA = e.a.k === 'Num';
    const isNumB = e.b.k === 'Num';
    const numTest = [isNumA ? '' : `typeof ${a}==='number'`, isNumB ? '' : `typeof ${b}==='number'`].filter(Boolean).join('&&') || 'true';
    const s = (x: string, y: string): string => this.site(e.line, describe(x === 'a' ? e.a : e.b), describe(y === 'a' ? e.a : e.b));
    switch (op) {
      case '+': case '-': case '*': case '/': {
        const [fn, js] = ARITH[op];
        return `(${p}${numTest}?${a}${js}${b}:${this.dfr(`${fn}(${a},${b},${s('a', 'b')})`)})`;
      }
      case '%':
        return `(${p}${numTest}?${a}-Math.floor(${a}/${b})*${b}:${this.dfr(`mod(${a},${b},${s('a', 'b')})`)})`;
      case '^':
        return `(${p}${numTest}?Math.pow(${a},${b}):${this.dfr(`pow(${a},${b},${s('a', 'b')})`)})`;
      case '..':
        return `(${p}typeof ${a}==='string'&&typeof ${b}==='string'?${a}+${b}:${this.dfr(`concat(${a},${b},${s('a', 'b')})`)})`;
      case '==':
        return constant ? `(${p}${a}===${b})` : `(${p}${a}===${b}||${this.eqCall(a, b, e.line)})`;
      case '~=':
        return constant ? `(${p}${a}!==${b})` : `(${p}${a}!==${b}&&!${this.eqCall(a, b, e.line)})`;
      case '<':
        return `(${p}${numTest}?${a}<${b}:${this.dfr(`lt(${a},${b},${s('a', 'b')})`)})`;
      case '<=':
        return `(${p}${numTest}?${a}<=${b}:${this.dfr(`le(${a},${b},${s('a', 'b')})`)})`;
      case '>':
        return `(${p}${numTest}?${a}>${b}:${this.dfr(`lt(${b},${a},${s('b', 'a')})`)})`;
      case '>=':
        return `(${p}${numTest}?${a}>=${b}:${this.dfr(`le(${b},${a},${s('b', 'a')})`)})`;
    }
  }
}
