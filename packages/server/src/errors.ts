// Redis's exact error texts for the server layer (the store's catalogue covers data errors). The
// dispatcher catches RedisError once and writes `-` + message.
import { RedisError } from '@ferrous/store';

export { RedisError, ErrorText, redisError } from '@ferrous/store';

export const ServerError = {
  noAuth: 'NOAUTH Authentication required.',
  wrongPass: 'WRONGPASS invalid username-password pair or user is disabled.',
  authNotSet: 'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
  maxClients: 'ERR max number of clients reached',
  loading: 'LOADING Redis is loading the dataset in memory',
  busy: 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.',
  readonly: "READONLY You can't write against a read only replica.",
  timeoutNotInteger: 'ERR timeout is not an integer or out of range',
  invalidExpire: (cmd: string) => `ERR invalid expire time in '${cmd}' command`,
  unknownCommand: (name: string, args: string[]) => {
    let tail = '';
    for (const a of args) {
      if (tail.length >= 128) break;
      tail += `'${a.length > 128 - tail.length ? a.slice(0, 128 - tail.length) : a}' `;
    }
    return `ERR unknown command '${name.slice(0, 128)}', with args beginning with: ${tail}`;
  },
  unknownSubcommand: (sub: string, container: string) => `ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${container.toUpperCase()} HELP.`,
  wrongArity: (name: string) => `ERR wrong number of arguments for '${name}' command`,
  pubsubContext: (name: string) =>
    `ERR Can't execute '${name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
} as const;

/** Shorthand for throwing a server error text. */
export function fail(message: string): never {
  throw new RedisError(message);
}
