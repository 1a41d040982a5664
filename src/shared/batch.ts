import type { AppErrorData } from './errors'

export type BatchScope = 'all' | 'new' | 'failed' | 'selection'

/** Batch progress as the UI and the CLI show it. */
export interface BatchProgress {
  total: number | null
  done: number
  failed: number
  skipped: number
  inFlight: number
  remaining: number | null
  imagesPerSecond: number
  etaSeconds: number | null
  state: 'running' | 'paused' | 'cancelled' | 'finished'
  /** The recovery pass waiting or under way; null before the first one (and in runs that need none). */
  recovery: RecoveryProgress | null
  /**
   * Grows with every snapshot of a run: events and the answers to pause/resume/cancel travel by
   * different paths, so a receiver keeps the snapshot with the highest number, not the last to arrive.
   */
  seq: number
}

/** A pass over the images that failed for a reason that can pass, once the run's queue is empty. */
export interface RecoveryProgress {
  /** This pass, from 1. */
  pass: number
  /** Passes at most. */
  passes: number
  /** Images this pass tries again. */
  images: number
  /** When the pass starts (epoch ms) while it waits; null once it runs. */
  startsAt: number | null
}

/** Why an image ended failed: its file cannot be read or decoded, or it failed on every try. */
export type BatchFailureKind = 'bad-file' | 'failed'

export interface BatchFailure {
  key: string
  /** The last try's error. */
  error: AppErrorData
  kind: BatchFailureKind
  /** Times this run tried the image. */
  tries: number
}

export interface ScanReport {
  images: number
  otherFiles: number
  unreadableFolders: { path: string; reason: string }[]
}

export interface BatchSummary {
  jobId: string
  runId: string
  resumed: boolean
  done: number
  failed: number
  skipped: number
  cancelled: boolean
  /** The first failures with their reasons (at most 1,000; `failed` has the count). */
  failures: BatchFailure[]
  /** Images that failed at first and were done on a recovery pass (counted in `done`). */
  recovered: number
  /** Failed images whose file cannot be read or decoded (counted in `failed`). */
  badFiles: number
  /** Recovery passes the run made. */
  recoveryPasses: number
  scan: ScanReport
  /** Machine boxes this run found, per class (before any review). */
  boxesPerClass: Record<string, number>
}
