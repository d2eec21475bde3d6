// Lexer for Lua 5.1.5 source (llex.c): bytes in (latin1 string), tokens out, PUC's error texts.
import { LuaSyntaxError } from './runtime/errors';
import { str2number } from './stdlib/number';

export type TokenType =
  | 'name' | 'string' | 'number' | 'eof'
  | 'and' | 'break' | 'do' | 'else' | 'elseif' | 'end' | 'false' | 'for' | 'function' | 'if' | 'in'
  | 'local' | 'nil' | 'not' | 'or' | 'repeat' | 'return' | 'then' | 'true' | 'until' | 'while'
  | '..' | '...' | '==' | '>=' | '<=' | '~='
  | '+' | '-' | '*' | '/' | '%' | '^' | '#' | '<' | '>' | '=' | '(' | ')' | '{' | '}' | '[' | ']' | ';' | ':' | ',' | '.';

export interface Token {
  type: TokenType;
  /** Name text, string contents (escapes processed) or the number's value. */
  value: string | number;
  /** The token as PUC's error messages quote it. */
  raw: string;
  line: number;
}

const KEYWORDS = new Set([
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'if', 'in',
  'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
]);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isAlnum = (c: string): boolean => isAlpha(c) || isDigit(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';

export class Lexer {
  private pos = 0;
  line = 1;
  /** Line of the last token consumed (PUC's lastline), for the ambiguity check. */
  lastLine = 1;
  current!: Token;
  private ahead: Token | null = null;

  constructor(private readonly src: string, readonly chunkId: string) {
    // A first line starting with '#' is skipped (shebang), as luaL_loadfile does for files.
    if (src.startsWith('#')) {
      while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
    }
    this.current = this.scan();
  }

  next(): void {
    this.lastLine = this.current.line;
    if (this.ahead) {
      this.current = this.ahead;
      this.ahead = null;
    } else {
      this.current = this.scan();
    }
  }

  peek(): Token {
    if (!this.ahead) this.ahead = this.scan();
    return this.ahead;
  }

  /** Raises `chunk:line: msg near 'tok'` (luaX_syntaxerror). */
  error(msg: string, token: Token | null = this.current, line = token ? token.line : this.line): never {
    const near = token ? ` near '${token.raw}'` : '';
    throw new LuaSyntaxError(`${this.chunkId}:${line}: ${msg}${near}`);
  }

  private lexError(msg: string, near: string | null): never {
    throw new LuaSyntaxError(`${this.chunkId}:${this.line}: ${msg}${near !== null ? ` near '${near}'` : ''}`);
  }

  private tok(type: TokenType, raw: string, value: string | number = raw, line = this.line): Token {
    return { type, value, raw, line };
  }

  /** Consumes a newline sequence (\n, \r, \r\n, \n\r) and counts the line. */
  private newline(): void {
    const c = this.src[this.pos];
    this.pos++;
    const d = this.src[this.pos];
    if ((d === '\n' || d === '\r') && d !== c) this.pos++;
    this.line++;
  }

  /** At '[': returns the level of `[==[`, or -1 when it is not a long bracket (PUC skip_sep). */
  private longBracketLevel(): number {
    let p = this.pos + 1;
    let level = 0;
    while (this.src[p] === '=') { p++; level++; }
    return this.src[p] === '[' ? level : level === 0 ? -1 : -2 - level;
  }

  private readLong(level: number, isComment: boolean): string {
    this.pos += level + 2;
    const c0 = this.src[this.pos];
    if (c0 === '\n' || c0 === '\r') this.newline();
    let out = '';
    let segStart = this.pos;
    for (;;) {
      if (this.pos >= this.src.length) {
        this.lexError(isComment ? 'unfinished long comment' : 'unfinished long string', '<eof>');
      }
      const c = this.src[this.pos];
      if (c === ']') {
        let p = this.pos + 1;
        let l = 0;
        while (this.src[p] === '=') { p++; l++; }
        if (l === level && this.src[p] === ']') {
          out += this.src.slice(segStart, this.pos);
          this.pos = p + 1;
          return out;
        }
        this.pos++;
      } else if (c === '\n' || c === '\r') {
        out += this.src.slice(segStart, this.pos) + '\n';
        this.newline();
        segStart = this.pos;
      } else {
        this.pos++;
      }
    }
  }

  private readString(quote: string): Token {
    const line = this.line;
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      if (this.pos >= this.src.length) this.lexError('unfinished string', '<eof>');
      const c = this.src[this.pos];
      if (c === quote) { this.pos++; break; }
      if (c === '\n' || c === '\r') this.lexError('unfinished string', quote + out);
      if (c === '\\') {
        this.pos++;
        const e = this.src[this.pos];
        switch (e) {
          case 'a': out += '\x07'; this.pos++; break;
          case 'b': out += '\b'; this.pos++; break;
          case 'f': out += '\f'; this.pos++; break;
          case 'n': out += '\n'; this.pos++; break;
          case 'r': out += '\r'; this.pos++; break;
          case 't': out += '\t'; this.pos++; break;
          case 'v': out += '\v'; this.pos++; break;
          case '\n': case '\r': out += '\n'; this.newline(); break;
          case undefined: break; // EOF: reported by the loop
          default:
            if (isDigit(e)) {
              let n = 0;
              let i = 0;
              while (i < 3 && isDigit(this.src[this.pos] ?? '')) {
                n = n * 10 + (this.src.charCodeAt(this.pos) - 48);
                this.pos++;
                i++;
              }
              if (n > 255) this.lexError('escape sequence too large', quote + out);
              out += String.fromCharCode(n);
            } else {
              out += e;
              this.pos++;
            }
        }
        continue;
      }
      out += c;
      this.pos++;
    }
    return this.tok('string', this.src.slice(start, this.pos), out, line);
  }

  private readNumber(): Token {
    const start = this.pos;
    const s = this.src;
    while (isDigit(s[this.pos] ?? '') || s[this.pos] === '.') this.pos++;
    if (s[this.pos] === 'e' || s[this.pos] === 'E') {
      this.pos++;
      if (s[this.pos] === '+' || s[this.pos] === '-') this.pos++;
    }
    while (isAlnum(s[this.pos] ?? '') || s[this.pos] === '_') this.pos++;
    const raw = s.slice(start, this.pos);
    const n = str2number(raw);
    if (n === undefined) this.lexError('malformed number', raw);
    return this.tok('number', raw, n);
  }

  private scan(): Token {
    const s = this.src;
    for (;;) {
      if (this.pos >= s.length) return this.tok('eof', '<eof>');
      const c = s[this.pos];
      if (c === '\n' || c === '\r') { this.newline(); continue; }
      if (isSpace(c)) { this.pos++; continue; }
      if (c === '-') {
        if (s[this.pos + 1] !== '-') { this.pos++; return this.tok('-', '-'); }
        this.pos += 2;
        if (s[this.pos] === '[') {
          const level = this.longBracketLevel();
          if (level >= 0) { this.readLong(level, true); continue; }
        }
        while (this.pos < s.length && s[this.pos] !== '\n' && s[this.pos] !== '\r') this.pos++;
        continue;
      }
      if (c === '[') {
        const level = this.longBracketLevel();
        if (level >= 0) {
          const line = this.line;
          const start = this.pos;
          const v = this.readLong(level, false);
          return this.tok('string', s.slice(start, this.pos), v, line);
        }
        if (level !== -1) this.lexError('invalid long string delimiter', s.slice(this.pos, this.pos - level - 1));
        this.pos++;
        return this.tok('[', '[');
      }
      if (c === '=' || c === '<' || c === '>' || c === '~') {
        if (s[this.pos + 1] === '=') { this.pos += 2; return this.tok((c + '=') as TokenType, c + '='); }
        this.pos++;
        if (c === '~') return this.tok('~' as TokenType, '~');
        return this.tok(c as TokenType, c);
      }
      if (c === '"' || c === "'") return this.readString(c);
      if (c === '.') {
        if (s[this.pos + 1] === '.') {
          if (s[this.pos + 2] === '.') { this.pos += 3; return this.tok('...', '...'); }
          this.pos += 2;
          return this.tok('..', '..');
        }
        if (isDigit(s[this.pos + 1] ?? '')) return this.readNumber();
        this.pos++;
        return this.tok('.', '.');
      }
      if (isDigit(c)) return this.readNumber();
      if (isAlpha(c)) {
        const start = this.pos;
        while (isAlnum(s[this.pos] ?? '')) this.pos++;
        const w = s.slice(start, this.pos);
        return KEYWORDS.has(w) ? this.tok(w as TokenType, w) : this.tok('name', w);
      }
      this.pos++;
      if ('+*/%^#(){}];:,'.includes(c)) return this.tok(c as TokenType, c);
      // Any other single char is a token of its own that the parser will reject.
      return this.tok(c as TokenType, c.charCodeAt(0) < 32 ? `char(${c.charCodeAt(0)})` : c);
    }
  }
}
