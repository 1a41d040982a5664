/** The closed set of error codes that cross the seam; the UI handles each one. */
export const ERROR_CODES = [
  'invalid-input',
  'unknown-channel',
  'forbidden-sender',
  'not-found',
  'file-unreadable',
  'image-unsupported',
  'unreachable',
  'timeout',
  'cancelled',
  'auth-missing',
  'auth-invalid',
  'auth-scope',
  'no-credits',
  'usage-paused',
  'model-not-found',
  'route-disabled',
  'image-rejected',
  'request-rejected',
  'prompt-unmatched',
  'server-busy',
  'server-error',
  'bad-response',
  'keychain-unavailable',
  'storage-corrupt',
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppErrorData {
  code: ErrorCode
  message: string
  /** Optional plain-language hint on what to do next. */
  hint?: string
  /** HTTP status when the error came from the inference server. */
  status?: number
  /** Which input field a refused call was about (its path in the call's input), to show the message there. */
  field?: (string | number)[]
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

/** An error that carries a contract error code; thrown by services, turned into data at the seam. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly hint: string | undefined
  readonly status: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options?: { hint?: string; status?: number; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.hint = options?.hint
    this.status = options?.status
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message }
    if (this.hint !== undefined) data.hint = this.hint
    if (this.status !== undefined) data.status = this.status
    return data
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}
