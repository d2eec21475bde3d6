// Expire-time arguments with Redis's validation: SET/GETEX/SETEX reject non-positive times, EXPIRE
// accepts them (the key is deleted); both reject unit-conversion or base-time overflow.
import { intArg } from '../args';
import { RedisError, ServerError } from '../errors';

/** 2^63 - 1 as the nearest double (the checks only need its magnitude). */
const LLONG_MAX = 2 ** 63;

/** SET/GETEX/SETEX: an absolute ms time from EX/PX (relative) or EXAT/PXAT (absolute). */
export function positiveExpireAt(text: string, seconds: boolean, relative: boolean, command: string): number {
  let ms = intArg(text);
  if (ms <= 0 || (seconds && ms > LLONG_MAX / 1000)) throw new RedisError(ServerError.invalidExpire(command));
  if (seconds) ms *= 1000;
  if (relative) ms += Date.now();
  if (ms <= 0 || ms > LLONG_MAX) throw new RedisError(ServerError.invalidExpire(command));
  return ms;
}

/** EXPIRE family: an absolute ms time; `base` is now for EXPIRE/PEXPIRE and 0 for *AT. */
export function expireAt(text: string, seconds: boolean, base: number, command: string): number {
  let when = intArg(text);
  if (seconds) {
    if (when > LLONG_MAX / 1000 || when < -LLONG_MAX / 1000) throw new RedisError(ServerError.invalidExpire(command));
    when *= 1000;
  }
  if (when > LLONG_MAX - base) throw new RedisError(ServerError.invalidExpire(command));
  return when + base;
}
