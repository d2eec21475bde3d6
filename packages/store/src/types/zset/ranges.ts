// Score and lex ranges of ZRANGEBYSCORE/ZRANGEBYLEX and friends, parsed with Redis's rules.
import { RedisError, ErrorText } from '../../errors';
import { parseFloat } from '../../numbers';

export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/** A lex bound: '-' and '+' are the infinities. */
export type LexBound = '-' | '+' | { value: string; exclusive: boolean };

export interface LexRange {
  min: LexBound;
  max: LexBound;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A bound as zslParseRange reads it with bare strtod: leading whitespace skipped, '' is 0,
 * overflow is ±inf and underflow 0; only trailing junk and NaN are rejected.
 */
function parseBoundNumber(text: string): number | null {
  const s = text.replace(/^[ \t\n\v\f\r]+/, '');
  if (s === '') return text === '' ? 0 : null;
  return DECIMAL.test(s) ? Number(s) : parseFloat(s);
}

function parseScoreBound(text: string): [number, boolean] {
  const exclusive = text.startsWith('(');
  const v = parseBoundNumber(exclusive ? text.slice(1) : text);
  if (v === null) throw new RedisError(ErrorText.minMaxNotFloat);
  return [v, exclusive];
}

/** `(1.5`, `-inf`, `+inf`, `3`…; throws `ERR min or max is not a float`. */
export function parseScoreRange(min: string, max: string): ScoreRange {
  const [lo, minex] = parseScoreBound(min);
  const [hi, maxex] = parseScoreBound(max);
  return { min: lo, max: hi, minex, maxex };
}

function parseLexBound(text: string): LexBound {
  if (text === '-' || text === '+') return text;
  const c = text.charCodeAt(0);
  if (c === 40 /* ( */ || c === 91 /* [ */) return { value: text.slice(1), exclusive: c === 40 };
  throw new RedisError(ErrorText.minMaxNotLex);
}

/** `[a`, `(a`, `-`, `+`; throws `ERR min or max not valid string range item`. */
export function parseLexRange(min: string, max: string): LexRange {
  return { min: parseLexBound(min), max: parseLexBound(max) };
}

/** Whether `member` is strictly below the range's lower end. */
export function belowLexMin(member: string, range: LexRange): boolean {
  const b = range.min;
  if (b === '-') return false;
  if (b === '+') return true;
  return b.exclusive ? member <= b.value : member < b.value;
}

/** Whether `member` is within the range's upper end. */
export function withinLexMax(member: string, range: LexRange): boolean {
  const b = range.max;
  if (b === '+') return true;
  if (b === '-') return false;
  return b.exclusive ? member < b.value : member <= b.value;
}

export function belowScoreMin(score: number, range: ScoreRange): boolean {
  return range.minex ? score <= range.min : score < range.min;
}

export function withinScoreMax(score: number, range: ScoreRange): boolean {
  return range.maxex ? score < range.max : score <= range.max;
}
