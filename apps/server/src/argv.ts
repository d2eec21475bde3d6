// Command-line handling of `ferrous-server [config-file] [--name value ...]`, like redis-server:
// options become redis.conf lines appended after the file, so any config option works as a flag.

export interface CommandLine {
  /** What to do: start the server, or print version / usage and exit. */
  action: 'start' | 'version' | 'help';
  configFile?: string;
  /** redis.conf text built from the `--name value` options. */
  configText: string;
}

/** Quotes an argument for a config line when needed (double quotes, C escapes). */
function quote(arg: string): string {
  if (arg !== '' && /^[\x21-\x7e]+$/.test(arg) && !/["'\\]/.test(arg)) return arg;
  return '"' + arg.replace(/[\\"]/g, (c) => '\\' + c).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '"';
}

export function parseCommandLine(args: string[]): CommandLine {
  if (args.length === 1 && (args[0] === '-v' || args[0] === '--version')) return { action: 'version', configText: '' };
  if (args.length === 1 && (args[0] === '-h' || args[0] === '--help')) return { action: 'help', configText: '' };
  let i = 0;
  let configFile: string | undefined;
  if (args.length > 0 && !args[0].startsWith('--')) {
    configFile = args[0];
    i = 1;
  }
  const lines: string[] = [];
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--') && arg.length > 2) lines.push(arg.slice(2));
    else if (lines.length === 0) lines.push(arg);
    else lines[lines.length - 1] += ' ' + quote(arg);
  }
  return { action: 'start', configFile, configText: lines.join('\n') };
}

export const USAGE = `Usage: ferrous-server [/path/to/redis.conf] [options] [-]
       ferrous-server - (read config from stdin)
       ferrous-server -v or --version
       ferrous-server -h or --help

Examples:
       ferrous-server (run the server with default conf)
       ferrous-server /etc/redis/6379.conf
       ferrous-server --port 7777
       ferrous-server /etc/myredis.conf --loglevel verbose -
       ferrous-server --save "" --appendonly no
`;
