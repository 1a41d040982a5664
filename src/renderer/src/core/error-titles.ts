import type { AppErrorData, ErrorCode } from '../../../shared/errors'

/** A short headline for each error code; the compiler fails here when a code is added. */
export function errorTitle(code: ErrorCode): string {
  switch (code) {
    case 'invalid-input':
      return 'Check the form'
    case 'unknown-channel':
    case 'forbidden-sender':
      return 'The app refused a request'
    case 'not-found':
      return 'File not found'
    case 'file-unreadable':
      return "Can't read the file"
    case 'image-unsupported':
      return 'Image format not supported'
    case 'unreachable':
      return "Can't reach the server"
    case 'timeout':
      return 'The server took too long'
    case 'cancelled':
      return 'Cancelled'
    case 'auth-missing':
      return 'API key needed'
    case 'auth-invalid':
      return 'API key rejected'
    case 'auth-scope':
      return 'API key not allowed here'
    case 'no-credits':
      return 'Out of credits'
    case 'usage-paused':
      return 'Usage paused on the account'
    case 'model-not-found':
      return 'Model not found on the server'
    case 'route-disabled':
      return 'Model disabled on the server'
    case 'image-rejected':
      return 'The server rejected the image'
    case 'request-rejected':
      return 'The server rejected the request'
    case 'prompt-unmatched':
      return "Results didn't match the prompt"
    case 'server-busy':
      return 'The server is busy'
    case 'server-error':
      return 'The server had an error'
    case 'bad-response':
      return 'Unexpected reply from the server'
    case 'keychain-unavailable':
      return 'OS keychain unavailable'
    case 'storage-corrupt':
      return 'Saved settings are damaged'
    case 'internal':
      return 'Something went wrong'
    default:
      return assertNever(code)
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled error code: ${String(value)}`)
}

/** Turns anything that escaped as an exception into error data, never exposing a stack. */
export function toErrorData(error: unknown): AppErrorData {
  const detail = error instanceof Error && error.message ? ` (${error.message})` : ''
  return { code: 'internal', message: `An unexpected problem stopped that action${detail}.` }
}
