// The argument syntax of the command-docs declarations, parsed into COMMAND DOCS argument trees.
//
//   key:key  value          an argument `name:type`; a bare name is a string. Types: key, integer,
//                           double, pattern, unix-time, string. A colon inside a name (`ip:port`)
//                           stays part of it unless one of those types follows.
//   NX  "$"                 a pure token, named after the token in lower case ("…" quotes symbols)
//   change=CH               a pure token with a name of its own
//   EX seconds:integer      a token directly followed by an argument (not a pure token) introduces it
//   [ … ]                   makes the one argument inside optional
//   name{a b}  name<a | b>  a block / a one-of; written name[a b] / name[a | b] when optional
//   suffixes                `...` multiple, `&...` multiple with the token repeated (multiple_token),
//                           `#n` key_spec_index, `@7.0.0` since, `!2.8.12` deprecated_since
//
// Key arguments take key_spec_index 0, 1, 2… in order; `#n` sets one explicitly and the count
// goes on from the highest index used (SORT's BY/GET patterns share spec 1, its STORE key is 2).

export type DocArgType = 'string' | 'integer' | 'double' | 'key' | 'pattern' | 'unix-time' | 'pure-token' | 'oneof' | 'block';

/** One node of a COMMAND DOCS `arguments` tree. */
export interface DocArg {
  name: string;
  type: DocArgType;
  keySpecIndex?: number;
  token?: string;
  since?: string;
  deprecatedSince?: string;
  optional: boolean;
  multiple: boolean;
  multipleToken: boolean;
  args?: DocArg[];
}

const VALUE_TYPES = new Set<DocArgType>(['string', 'integer', 'double', 'key', 'pattern', 'unix-time']);

/** A word of a declaration; `spaced` when whitespace (or the start) precedes it. */
interface Lexeme {
  kind: 'punct' | 'suffix' | 'token' | 'name';
  text: string;
  spaced: boolean;
}

// Groups: 1 leading space, 2 punctuation, 3 suffix, 4 quoted token, 5 bare token, 6 name.
const LEXEME = /(\s*)(?:([[\]{}<>|=])|(&?\.\.\.|#\d+|@[\d.]+|![\d.]+)|"([^"]*)"|([A-Z][A-Z0-9-]*)|([a-z][a-z0-9_:/-]*))/y;

function lex(source: string): Lexeme[] {
  const out: Lexeme[] = [];
  const end = source.trimEnd().length;
  for (let at = 0; at < end; at = LEXEME.lastIndex) {
    LEXEME.lastIndex = at;
    const m = LEXEME.exec(source);
    if (!m) throw new Error(`command docs: cannot read '${source.slice(at)}' in '${source}'`);
    const spaced = m[1].length > 0 || at === 0;
    const kind = m[2] !== undefined ? 'punct' : m[3] !== undefined ? 'suffix' : m[6] !== undefined ? 'name' : 'token';
    out.push({ kind, text: m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6], spaced });
  }
  return out;
}

const CLOSER: Record<string, string> = { '[': ']', '{': '}', '<': '>' };

class Parser {
  private pos = 0;
  private nextKeySpec = 0;

  constructor(
    private readonly lexemes: Lexeme[],
    private readonly source: string,
  ) {}

  parse(): DocArg[] {
    const args = this.sequence();
    if (this.pos < this.lexemes.length) this.fail(`unexpected '${this.lexemes[this.pos].text}'`);
    return args;
  }

  /** Arguments up to a closing bracket, a `|` or the end. */
  private sequence(): DocArg[] {
    const args: DocArg[] = [];
    for (let l = this.peek(); l && !(l.kind === 'punct' && /[\]}>|]/.test(l.text)); l = this.peek()) args.push(this.item());
    return args;
  }

  /** Sequences separated by `|`, then the expected closing bracket. */
  private alternatives(closer: string): DocArg[][] {
    const alts = [this.sequence()];
    while (this.accept('|')) alts.push(this.sequence());
    if (!this.accept(closer)) this.fail(`expected '${closer}'`);
    return alts;
  }

  private item(): DocArg {
    const l = this.take();
    let arg: DocArg;
    if (l.kind === 'token') {
      const [next, after] = [this.peek(), this.lexemes[this.pos + 1]];
      // A name followed by `=` is a pure token of its own, which takes no token.
      if (next?.kind === 'name' && !(after?.kind === 'punct' && after.text === '=')) {
        arg = this.item();
        arg.token = l.text;
        return arg;
      }
      arg = leaf(l.text.toLowerCase(), 'pure-token');
      arg.token = l.text;
    } else if (l.kind === 'punct' && l.text === '[') {
      const alts = this.alternatives(']');
      if (alts.length !== 1 || alts[0].length !== 1) this.fail('a group of several arguments needs a name');
      arg = alts[0][0];
      arg.optional = true;
    } else if (l.kind === 'name') {
      arg = this.named(l.text);
    } else {
      return this.fail(`unexpected '${l.text}'`);
    }
    this.suffixes(arg);
    return arg;
  }

  /** What follows a name: `=TOKEN`, a group bracket, or nothing (a value argument). */
  private named(name: string): DocArg {
    const next = this.peek();
    if (next?.kind === 'punct' && next.text === '=') {
      this.pos++;
      const token = this.take();
      if (token.kind !== 'token') this.fail(`'${name}=' needs a token`);
      return { ...leaf(name, 'pure-token'), token: token.text };
    }
    if (next?.kind === 'punct' && !next.spaced && next.text in CLOSER) {
      this.pos++;
      const alts = this.alternatives(CLOSER[next.text]);
      const oneof = alts.length > 1;
      if ((next.text === '{' && oneof) || (next.text === '<' && !oneof)) this.fail(`'${name}${next.text}' does not match its contents`);
      return { ...leaf(name, oneof ? 'oneof' : 'block'), optional: next.text === '[', args: oneof ? alts.map((a) => this.single(a)) : alts[0] };
    }
    const colon = name.lastIndexOf(':');
    const type = name.slice(colon + 1) as DocArgType;
    const typed = colon > 0 && VALUE_TYPES.has(type);
    const arg = leaf(typed ? name.slice(0, colon) : name, typed ? type : 'string');
    if (arg.type === 'key') arg.keySpecIndex = -1; // numbered once its suffixes are read
    return arg;
  }

  private suffixes(arg: DocArg): void {
    for (let l = this.peek(); l?.kind === 'suffix' && !l.spaced; l = this.peek()) {
      this.pos++;
      const value = l.text.slice(1);
      if (l.text === '...') arg.multiple = true;
      else if (l.text === '&...') arg.multiple = arg.multipleToken = true;
      else if (l.text[0] === '#') arg.keySpecIndex = Number(value);
      else if (l.text[0] === '@') arg.since = value;
      else arg.deprecatedSince = value;
    }
    if (arg.keySpecIndex === -1) arg.keySpecIndex = this.nextKeySpec;
    if (arg.keySpecIndex !== undefined) this.nextKeySpec = Math.max(this.nextKeySpec, arg.keySpecIndex + 1);
  }

  /** A one-of's alternative: exactly one argument. */
  private single(alt: DocArg[]): DocArg {
    if (alt.length !== 1) this.fail('each alternative of a one-of is one argument (name a block for more)');
    return alt[0];
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.pos];
  }

  private take(): Lexeme {
    const l = this.lexemes[this.pos++];
    if (!l) this.fail('unexpected end');
    return l;
  }

  private accept(punct: string): boolean {
    const l = this.peek();
    if (l?.kind !== 'punct' || l.text !== punct) return false;
    this.pos++;
    return true;
  }

  private fail(message: string): never {
    throw new Error(`command docs: ${message} in '${this.source}'`);
  }
}

function leaf(name: string, type: DocArgType): DocArg {
  return { name, type, optional: false, multiple: false, multipleToken: false };
}

/** The argument tree a declaration string describes; throws on a malformed one. */
export function parseArguments(source: string): DocArg[] {
  return new Parser(lex(source), source).parse();
}
