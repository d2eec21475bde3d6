// COMMAND DOCS of the connection commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const connectionDocs: DocsTable = {
  auth: {
    args: '[username@6.0.0] password',
    complexity: 'O(N) where N is the number of passwords defined for the user',
    history: [['6.0.0', 'Added ACL style (username and password).']],
  },
  client: { complexity: 'Depends on subcommand.' },
  'client|caching': { args: 'mode<YES | NO>', complexity: 'O(1)' },
  'client|getname': { complexity: 'O(1)' },
  'client|getredir': { complexity: 'O(1)' },
  'client|help': { complexity: 'O(1)' },
  'client|id': { complexity: 'O(1)' },
  'client|info': { complexity: 'O(1)' },
  'client|kill': {
    args: 'filter<ip:port!2.8.12 | new-format<[ID client-id:integer@2.8.12] | [TYPE normal_master_slave_pubsub<NORMAL | MASTER@3.2.0 | SLAVE | REPLICA@5.0.0 | PUBSUB>@2.8.12] | [USER username] | [ADDR ip:port] | [LADDR ip:port@6.2.0] | [SKIPME yes/no]>...>',
    complexity: 'O(N) where N is the number of client connections',
    history: [['2.8.12', 'Added new filter format.'], ['2.8.12', '`ID` option.'], ['3.2.0', 'Added `master` type in for `TYPE` option.'], ['5.0.0', 'Replaced `slave` `TYPE` with `replica`. `slave` still supported for backward compatibility.'], ['6.2.0', '`LADDR` option.']],
  },
  'client|list': {
    args: '[TYPE normal_master_replica_pubsub<NORMAL | MASTER | REPLICA | PUBSUB>@5.0.0] [ID id{client-id:integer...}@6.2.0]',
    complexity: 'O(N) where N is the number of client connections',
    history: [['2.8.12', 'Added unique client `id` field.'], ['5.0.0', 'Added optional `TYPE` filter.'], ['6.0.0', 'Added `user` field.'], ['6.2.0', 'Added `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter.'], ['7.0.0', 'Added `resp`, `multi-mem`, `rbs` and `rbp` fields.'], ['7.0.3', 'Added `ssub` field.']],
  },
  'client|no-evict': { args: 'enabled<ON | OFF>', complexity: 'O(1)' },
  'client|pause': {
    args: 'timeout:integer mode[WRITE | ALL]@6.2.0',
    complexity: 'O(1)',
    history: [['6.2.0', '`CLIENT PAUSE WRITE` mode added along with the `mode` option.']],
  },
  'client|reply': { args: 'on_off_skip<ON | OFF | SKIP>', complexity: 'O(1)' },
  'client|setname': { args: 'connection-name', complexity: 'O(1)' },
  'client|tracking': {
    args: 'status<ON | OFF> [REDIRECT client-id:integer] [PREFIX prefix&...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]',
    complexity: 'O(1). Some options may introduce additional complexity.',
  },
  'client|trackinginfo': { complexity: 'O(1)' },
  'client|unblock': {
    args: 'client-id:integer timeout_error[TIMEOUT | ERROR]',
    complexity: 'O(log N) where N is the number of client connections',
  },
  'client|unpause': { complexity: 'O(N) Where N is the number of paused clients' },
  echo: { args: 'message', complexity: 'O(1)' },
  hello: {
    args: 'arguments[protover:integer [AUTH username_password{username password}] [SETNAME clientname]]',
    complexity: 'O(1)',
    history: [['6.2.0', '`protover` made optional; when called without arguments the command reports the current connection\'s context.']],
  },
  ping: { args: '[message]', complexity: 'O(1)' },
  quit: { complexity: 'O(1)' },
  reset: { complexity: 'O(1)' },
  select: { args: 'index:integer', complexity: 'O(1)' },
};
