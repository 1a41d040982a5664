import type { BatchFailure } from '../../../shared/batch'
import type { Detection } from '../../../shared/contract'
import type { AppErrorData } from '../../../shared/errors'
import { failureKind, worthRetrying } from './recovery'

/** Failures listed by name in a summary; the count covers the rest. */
export const MAX_LISTED_FAILURES = 1_000

/**
 * A run's outcomes as they are recorded: which images are failed now (and each one's errors, one
 * per try), which recovered on a later pass, and the boxes found per class.
 */
export class RunTally {
  readonly boxesPerClass: Record<string, number> = {}
  recovered = 0
  /** By key, in the order the images first failed; a later success removes the key. */
  readonly #failed = new Map<string, AppErrorData[]>()
  /** The error an image last ended with in the run this one resumes (one try before this run). */
  readonly #earlier: ReadonlyMap<string, AppErrorData>
  /** 500 messages an image failed with and then got past on a later try (recovery.ts). */
  readonly #passed500 = new Set<string>()

  constructor(earlier: ReadonlyMap<string, AppErrorData> = new Map()) {
    this.#earlier = earlier
  }

  failure(key: string, error: AppErrorData): void {
    const tries = this.#failed.get(key)
    if (tries) tries.push(error)
    else this.#failed.set(key, [error])
  }

  success(key: string, detections: readonly Detection[]): void {
    const tries = this.#failed.get(key)
    const earlier = this.#earlier.get(key)
    for (const f of earlier === undefined ? (tries ?? []) : [earlier, ...(tries ?? [])])
      if (f.status === 500) this.#passed500.add(f.message)
    if (this.#failed.delete(key)) this.recovered++
    for (const d of detections)
      this.boxesPerClass[d.className] = (this.boxesPerClass[d.className] ?? 0) + 1
  }

  /** Whether a failed image is worth a recovery pass, judged by all its tries and what got past (recovery.ts). */
  worthRetrying(key: string): boolean {
    const tries = this.#failed.get(key) ?? []
    const earlier = this.#earlier.get(key)
    return worthRetrying(earlier === undefined ? tries : [earlier, ...tries], this.#passed500)
  }

  get failed(): number {
    return this.#failed.size
  }

  /** The images failed now: the first ones listed with their last error and how often they were tried. */
  report(): { failures: BatchFailure[]; badFiles: number } {
    const failures: BatchFailure[] = []
    let badFiles = 0
    for (const [key, tries] of this.#failed) {
      const error = tries.at(-1) as AppErrorData
      const kind = failureKind(error)
      if (kind === 'bad-file') badFiles++
      if (failures.length < MAX_LISTED_FAILURES)
        failures.push({ key, error, kind, tries: tries.length })
    }
    return { failures, badFiles }
  }
}
