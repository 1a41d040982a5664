import { redactText } from '../inference/redact'

/** What a file-system error code means, in the words a user acts on. */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for this disk',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'something is already there',
  ENOTEMPTY: 'the folder is not empty',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'it is in use',
  ETXTBSY: 'it is in use',
  EIO: 'the disk reported a read or write error',
  ELOOP: 'too many symbolic links',
  EXDEV: 'it is on another disk',
}

/** What the failed call was doing, by Node's `syscall` name. */
const ACTIONS: Record<string, string> = {
  open: 'open',
  write: 'write',
  fsync: 'write',
  close: 'write',
  read: 'read',
  stat: 'read',
  lstat: 'read',
  access: 'read',
  scandir: 'read the folder',
  opendir: 'read the folder',
  mkdir: 'create the folder',
  rename: 'move',
  copyfile: 'copy',
  unlink: 'remove',
  rmdir: 'remove',
  rm: 'remove',
  chmod: 'change the permissions of',
}

interface ErrnoLike {
  code: string
  syscall?: string
  path?: string
  dest?: string
}

function isErrno(error: unknown): error is ErrnoLike {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
}

/**
 * The same error told as a failure to write `path`: a temp or staging file's name (".x.json.1a2b.tmp")
 * means nothing to the user, the file they asked for does.
 */
export function asWriteError(error: unknown, path: string): unknown {
  if (!isErrno(error)) return error
  const wrapped = new Error(`${error.code}: could not write ${path}`, { cause: error })
  return Object.assign(wrapped, { code: error.code, syscall: 'write', path })
}

/** The reason alone ("permission denied"), or null when the error is not a file-system error. */
export function fileErrorReason(error: unknown): string | null {
  if (!isErrno(error)) return null
  return REASONS[error.code] ?? error.code
}

/**
 * One plain sentence naming what failed and why, for a message and the log: "Could not open
 * /x/y.json: permission denied." instead of "EACCES: permission denied, open '/x/y.json'"; null
 * when the error is not a file-system error. Never carries an API key (redacted, to be sure).
 */
export function describeFileError(error: unknown): string | null {
  if (!isErrno(error)) return null
  const reason = REASONS[error.code] ?? error.code
  const action = ACTIONS[error.syscall ?? ''] ?? 'use'
  const what =
    error.path === undefined
      ? ''
      : error.dest === undefined
        ? ` ${error.path}`
        : ` ${error.path} to ${error.dest}`
  return redactText(`Could not ${action}${what}: ${reason}.`)
}

/** An error's own text, redacted, for a log line or a message that must name its cause. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return redactText(text.trim() === '' ? 'an unknown error' : text)
}
