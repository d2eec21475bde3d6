// @ferrous/resp: RESP2/RESP3 request parser (servers), reply parser (clients) and encoder.
export {
  AttributeReply,
  BigNumberReply,
  BooleanReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  NullArrayReply,
  PushReply,
  SetReply,
  SimpleString,
  VerbatimReply,
  type ProtocolVersion,
  type Reply,
} from './types.js';
export { ProtocolError, PROTOCOL_ERRORS, REPLY_ERRORS } from './errors.js';
export { RequestParser, type CommandHandler, type RequestParserOptions } from './request-parser.js';
export { ReplyParser, type ReplyParserOptions } from './reply-parser.js';
export { latin1 } from './latin1.js';
export {
  encodeCommand,
  encodeReply,
  formatDouble,
  OK_REPLY,
  PONG_REPLY,
  QUEUED_REPLY,
  ReplyBuffer,
} from './encoder.js';
