import type { BatchFailureKind } from '../../../shared/batch'
import type { AppErrorData, ErrorCode } from '../../../shared/errors'

/** When a run tries its failed images again, once its queue is empty. */
export interface RecoveryPolicy {
  /** Recovery passes at most; 0 turns them off. */
  passes: number
  /** Pause before each pass in ms (the last one repeats): it grows, so a struggling server gets longer. */
  pausesMs: number[]
}

/** Two passes, 5 s and then 20 s after the queue ran dry: time for a model reload or a lock to clear. */
export const DEFAULT_RECOVERY: RecoveryPolicy = { passes: 2, pausesMs: [5_000, 20_000] }

/** The file itself cannot be read or decoded: every try gives the same answer. */
const BAD_FILE = new Set<ErrorCode>(['file-unreadable', 'image-unsupported'])

/** Answers a server gives for trouble that can pass: any exception, a bad gateway, busy, a gateway timeout (§3). */
const PASSING_STATUSES = new Set([500, 502, 503, 504])

export function failureKind(error: AppErrorData): BatchFailureKind {
  return BAD_FILE.has(error.code) ? 'bad-file' : 'failed'
}

/** Whether a failure can pass by itself: a 500 or 502-504, a timeout, a reset or refused connection, a busy server. */
export function canPass(error: AppErrorData): boolean {
  switch (error.code) {
    case 'timeout':
    case 'unreachable':
    case 'server-busy':
      return true
    case 'server-error':
      return error.status !== undefined && PASSING_STATUSES.has(error.status)
    default:
      return false
  }
}

/**
 * Whether an image is worth a later try, given its failures so far (oldest first, one per try): the
 * last could pass, and it is not the same 500 on every try, which is how a server exception tied to
 * the image answers (such as the Grounding DINO phrase IndexError, §1.4). The 500 a request already
 * retried once (http-client) counts as one try.
 *
 * The real server words every exception alike ("Internal error.", §3), transient or not, so the
 * same 500 twice proves little on a server that has been seen to get past it: `passed500` holds the
 * 500 messages some image of this run failed with and then got past on a later try. Such a 500 on
 * every try still earns the image the passes left (at most the policy's), rather than a hole in the
 * run; a 500 nothing got past stays final after two tries.
 */
export function worthRetrying(
  failures: readonly AppErrorData[],
  passed500: ReadonlySet<string> = new Set(),
): boolean {
  const last = failures.at(-1)
  if (last === undefined || !canPass(last)) return false
  if (failures.length < 2) return true
  const same500 = (f: AppErrorData): boolean => f.status === 500 && f.message === last.message
  return !failures.every(same500) || passed500.has(last.message)
}

/** The pause before recovery pass `pass` (1-based). */
export function pauseBefore(pass: number, policy: RecoveryPolicy): number {
  const { pausesMs } = policy
  return pausesMs[Math.min(pass, pausesMs.length) - 1] ?? 0
}

/** Requests at once on recovery pass `pass`: the run's concurrency halved per pass, at least one. */
export function recoveryConcurrency(concurrency: number, pass: number): number {
  return Math.max(1, Math.ceil(concurrency / 2 ** pass))
}
