// Reply helpers shared by command families: Redis's HELP layout and common shared replies.
import { SimpleString, type Reply } from '@ferrous/resp';

export { OK_REPLY as OK, PONG_REPLY as PONG } from '@ferrous/resp';

/** `<CMD> HELP`: Redis's header line, the given lines, then HELP's own entry, as status replies. */
export function helpReply(command: string, lines: string[]): Reply {
  return [
    `${command.toUpperCase()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`,
    ...lines,
    'HELP',
    '    Prints this help.',
  ].map((l) => new SimpleString(l));
}
