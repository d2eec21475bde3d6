// C errno results of the io and os libraries: `nil, "name: No such file or directory", 2`
// (luaL_pushresult / os_pushresult), with glibc's strerror texts.
import { os } from '../runtime/lazy-node';
import type { LuaValue } from '../runtime/value';

/** strerror texts where libuv's wording differs from glibc's. */
const GLIBC_TEXT: Record<string, string> = {
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  ESPIPE: 'Illegal seek',
  EXDEV: 'Invalid cross-device link',
  ENAMETOOLONG: 'File name too long',
  ELOOP: 'Too many levels of symbolic links',
  EMFILE: 'Too many open files',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  EBUSY: 'Device or resource busy',
  ETXTBSY: 'Text file busy',
};

/** A failed system call as C sees it: errno and strerror(errno). */
export class SysError {
  constructor(readonly errno: number, readonly text: string) {}

  static from(e: unknown): SysError {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    const errno = (os().constants.errno as Record<string, number>)[code] ?? 5;
    const uv = /^[A-Z]+: ([^,]*)/.exec((e as Error).message ?? '')?.[1] ?? 'Input/output error';
    return new SysError(errno, GLIBC_TEXT[code] ?? uv.charAt(0).toUpperCase() + uv.slice(1));
  }

  static of(code: 'EBADF' | 'EINVAL' | 'ESPIPE'): SysError {
    const text = { EBADF: 'Bad file descriptor', EINVAL: 'Invalid argument', ESPIPE: 'Illegal seek' }[code];
    return new SysError(os().constants.errno[code], text);
  }

  /** The `nil, message, errno` triple; the message is prefixed with `name: ` when given. */
  result(name?: string): LuaValue[] {
    return [undefined, name === undefined ? this.text : `${name}: ${this.text}`, this.errno];
  }
}
