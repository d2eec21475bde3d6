// The live configuration: typed values of every option in OPTIONS, CONFIG GET/SET semantics
// (atomic multi-pair SET with rollback, apply hooks that may veto), and the startup load order.
import { OPTIONS, type OptionSpec } from './options';
import { ConfigValueError, type ConfigValue } from './option-types';
import { splitArgs, type ConfigLine } from './config-file';

export type ConfigListener = (value: ConfigValue, previous: ConfigValue) => void;

const BY_NAME = new Map<string, OptionSpec>();
for (const spec of OPTIONS) {
  BY_NAME.set(spec.name, spec);
  for (const alias of spec.aliases ?? []) BY_NAME.set(alias, spec);
}

/** The option named `name` (any case, aliases included). */
export function lookupOption(name: string): OptionSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** A CONFIG SET failure; `message` is the full Redis error text. */
export class ConfigSetError extends Error {}

export class Config {
  private readonly values = new Map<string, ConfigValue>();
  private readonly listeners = new Map<string, ConfigListener[]>();
  /** Absolute path of the config file the server was started with (CONFIG REWRITE target). */
  configFile: string | undefined;

  constructor() {
    for (const spec of OPTIONS) {
      this.values.set(spec.name, spec.type.parse(splitDefault(spec), undefined as never, false));
    }
  }

  get(name: string): ConfigValue {
    const v = this.values.get(name);
    if (v === undefined) throw new Error(`unknown config option ${name}`);
    return v;
  }
  int(name: string): number {
    return this.get(name) as number;
  }
  bool(name: string): boolean {
    return this.get(name) as boolean;
  }
  str(name: string): string {
    return this.get(name) as string;
  }

  /** Runs `listener` after `name` changes (CONFIG SET, or a load after construction). */
  onChange(name: string, listener: ConfigListener): void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener);
    this.listeners.set(name, list);
  }

  /**
   * Applies config-file or command-line directives in order (startup). Lines of options that take
   * several lines (save, client-output-buffer-limit) accumulate. Throws ConfigValueError with the
   * offending line attached.
   */
  load(lines: ConfigLine[]): void {
    const seen = new Set<string>();
    for (const line of lines) {
      const spec = lookupOption(line.name);
      if (!spec) throw new LoadError(`Bad directive or wrong number of arguments`, line);
      try {
        const previous = this.values.get(spec.name)!;
        const base = spec.name === 'save' && !seen.has('save') ? [] : previous;
        const value = spec.type.parse(line.args, base as never, true);
        seen.add(spec.name);
        this.values.set(spec.name, value);
      } catch (e) {
        if (e instanceof ConfigValueError) throw new LoadError(e.message, line);
        throw e;
      }
    }
  }

  /** Sets one option from redis.conf-style text (used by embedders' `config` overrides). */
  setText(name: string, text: string): void {
    const spec = lookupOption(name);
    if (!spec) throw new ConfigValueError(`unknown config option '${name}'`);
    let args = [text];
    if (spec.type.multiArg) {
      const split = splitArgs(text) ?? [text];
      args = split.length ? split : [''];
    }
    this.values.set(spec.name, spec.type.parse(args, this.values.get(spec.name) as never, false));
  }

  /** CONFIG GET: [name, value] pairs for every option (and alias) matching any pattern. */
  matching(patterns: string[], match: (pattern: string, name: string) => boolean): [string, string][] {
    const out = new Map<string, string>();
    for (const pattern of patterns) {
      const lower = pattern.toLowerCase();
      const exact = BY_NAME.get(lower);
      if (exact && !/[*?[\\]/.test(lower)) {
        out.set(lower, exact.type.format(this.values.get(exact.name) as never));
        continue;
      }
      for (const [name, spec] of BY_NAME) {
        if (!out.has(name) && match(lower, name)) out.set(name, spec.type.format(this.values.get(spec.name) as never));
      }
    }
    return [...out];
  }

  /**
   * CONFIG SET with Redis 7.0's semantics: all pairs are validated, then applied in order; if an
   * apply hook fails, every option set so far is restored. Throws ConfigSetError.
   */
  set(pairs: [string, string][], protectedAllowed: boolean): void {
    const parsed: [OptionSpec, ConfigValue][] = [];
    const names = new Set<string>();
    for (const [name] of pairs) {
      if (!lookupOption(name)) throw new ConfigSetError(`ERR Unknown option or number of arguments for CONFIG SET - '${name}'`);
    }
    for (const [name, text] of pairs) {
      const spec = lookupOption(name)!;
      const fail = (why: string) => new ConfigSetError(`ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`);
      if (spec.flags?.includes('immutable')) throw fail("can't set immutable config");
      if (spec.flags?.includes('protected') && !protectedAllowed) throw fail("can't set protected config");
      if (names.has(spec.name)) throw fail('duplicate parameter');
      names.add(spec.name);
      let args = [text];
      if (spec.type.multiArg) {
        const split = splitArgs(text);
        if (split === null) throw fail('Invalid argument');
        args = split.length === 0 ? [''] : split;
      }
      try {
        parsed.push([spec, spec.type.parse(args, this.values.get(spec.name) as never, false)]);
      } catch (e) {
        if (e instanceof ConfigValueError) throw fail(e.message);
        throw e;
      }
    }
    const applied: [OptionSpec, ConfigValue][] = [];
    for (const [spec, value] of parsed) {
      const previous = this.values.get(spec.name)!;
      this.values.set(spec.name, value);
      applied.push([spec, previous]);
      try {
        for (const listener of this.listeners.get(spec.name) ?? []) listener(value, previous);
      } catch (e) {
        for (const [s, old] of applied.reverse()) {
          const current = this.values.get(s.name)!;
          this.values.set(s.name, old);
          for (const listener of this.listeners.get(s.name) ?? []) {
            try {
              listener(old, current);
            } catch {
              // Restoring the previous value must not fail; if it does we keep what we have.
            }
          }
        }
        const why = e instanceof Error ? e.message : String(e);
        throw new ConfigSetError(`ERR CONFIG SET failed (possibly related to argument '${spec.name}') - ${why}`);
      }
    }
  }

  /** Every option's value as CONFIG REWRITE lines, with whether it differs from the default. */
  rewriteLines(): { spec: OptionSpec; lines: string[][]; isDefault: boolean }[] {
    return OPTIONS.map((spec) => {
      const value = this.values.get(spec.name)!;
      const def = spec.type.parse(splitDefault(spec), undefined as never, false);
      return { spec, lines: spec.type.rewrite(value as never), isDefault: spec.type.format(def as never) === spec.type.format(value as never) };
    });
  }
}

/** A startup config error, carrying the offending line for Redis's FATAL CONFIG FILE ERROR block. */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly line: ConfigLine,
  ) {
    super(message);
  }
}

function splitDefault(spec: OptionSpec): string[] {
  if (!spec.type.multiArg) return [spec.default];
  const args = spec.default.split(' ').filter(Boolean);
  return args.length ? args : [''];
}
