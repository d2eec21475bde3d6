// createServer: config (file, text, options) → a listening Server, with a small handle for
// embedders and the app.
import { resolve } from 'node:path';
import { Config } from './config/config';
import { parseConfigText, readConfigFile, type ConfigLine } from './config/config-file';
import { FERROUS_VERSION, REDIS_VERSION, Server } from './server';
import { persistenceOf } from './persistence/persistence';

export interface ServerOptions {
  /** TCP port. 0 picks a free port (see `handle.port`). Default: the config's (6379). */
  port?: number;
  /** Addresses to bind (default 127.0.0.1 and ::1 when available). */
  bind?: string | string[];
  /** Also listen on this Unix socket path. */
  unixSocket?: string;
  /** A redis.conf to load first (CONFIG REWRITE writes back to it). */
  configFile?: string;
  /** More redis.conf directives applied after the file (e.g. command-line overrides). */
  configText?: string;
  /** Any redis.conf option by name, applied last: `{ maxmemory: '100mb', save: '' }`. */
  config?: Record<string, string | number | boolean>;
  /** Log lines Redis-style: true → stdout (or `logfile`), a function → to it. Default: silent. */
  log?: boolean | ((line: string) => void);
  /** Called once the server has shut down (SHUTDOWN command or `shutdown()`). */
  onShutdown?: () => void;
}

export interface ServerHandle {
  /** The first bound TCP port (0 when TCP is disabled). */
  readonly port: number;
  /** Every bound TCP port (one per listening address). */
  readonly ports: number[];
  /** The Unix socket path, if any. */
  readonly unixSocket: string | undefined;
  /** Closes listeners and connections. Resolves when they are closed. */
  close(): Promise<void>;
  /** Redis's shutdown sequence (what SIGTERM does): save if configured, then close. */
  shutdown(options?: { nosave?: boolean; save?: boolean }): Promise<void>;
}

/** Starts a Ferrous server. Rejects with ConfigLoadError / ConfigFileError on bad config. */
export async function createServer(options: ServerOptions = {}): Promise<ServerHandle> {
  const config = new Config();
  const lines: ConfigLine[] = [];
  if (options.configFile !== undefined) {
    config.configFile = resolve(options.configFile);
    lines.push(...readConfigFile(options.configFile));
  }
  if (options.configText) lines.push(...parseConfigText(options.configText, '(command line)'));
  config.load(lines);
  for (const [name, value] of Object.entries(options.config ?? {})) {
    config.setText(name, typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));
  }
  const ephemeral = options.port === 0;
  if (options.port !== undefined && options.port !== 0) config.setText('port', String(options.port));
  if (options.bind !== undefined) config.setText('bind', Array.isArray(options.bind) ? options.bind.join(' ') : options.bind);
  if (options.unixSocket !== undefined) config.setText('unixsocket', options.unixSocket);

  let shutdownDone: () => void = () => undefined;
  const shutdownPromise = new Promise<void>((res) => (shutdownDone = res));
  const server = new Server(config, {
    log: options.log,
    onShutdown: () => {
      shutdownDone();
      options.onShutdown?.();
    },
  });
  logStartup(server, options);
  persistenceOf(server).loadOnStartup();
  await server.listen(ephemeral);
  server.writePidFile();
  server.log('notice', 'Server initialized');
  server.log('notice', 'Ready to accept connections');
  return {
    get port() {
      return server.tcpPort;
    },
    get ports() {
      return server.tcpPorts;
    },
    get unixSocket() {
      return server.unixSocketPath || undefined;
    },
    close: () => server.close(),
    shutdown: (opts = {}) => {
      server.shutdown(opts);
      return shutdownPromise;
    },
  };
}

function logStartup(server: Server, options: ServerOptions): void {
  server.log('notice', 'oO0OoO0OoO0Oo Ferrous is starting oO0OoO0OoO0Oo');
  server.log('notice', `Ferrous version=${FERROUS_VERSION} (Redis ${REDIS_VERSION} compatible), bits=64, node=${process.versions.node}, pid=${process.pid}, just started`);
  if (options.configFile === undefined) {
    server.log('warning', 'Warning: no config file specified, using the default config. In order to specify a config file use ferrous-server /path/to/redis.conf');
  } else {
    server.log('notice', 'Configuration loaded');
  }
  const port = options.port ?? server.config.int('port');
  server.log('notice', `Running mode=standalone, port=${port === 0 ? '(any free port)' : port}.`);
}
