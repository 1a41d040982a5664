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
  /**
   * Grows with every snapshot of a run: events and the answers to pause/resume/cancel travel by
   * different paths, so a receiver keeps the snapshot with the highest number, not the last to arrive.
   */
  seq: number
}

export interface BatchFailure {
  key: string
  error: AppErrorData
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
  scan: ScanReport
  /** Machine boxes this run found, per class (before any review). */
  boxesPerClass: Record<string, number>
}
