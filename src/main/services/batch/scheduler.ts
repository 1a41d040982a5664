import type { RecoveryProgress } from '../../../shared/batch'
import { AppError, type AppErrorData } from '../../../shared/errors'
import { estimateEta, ThroughputMeter, type BatchProgress } from './progress'
import { pauseBefore, recoveryConcurrency, type RecoveryPolicy } from './recovery'
import { ServerPool } from './server-pool'
import { pause, Waker } from './waker'
import { WorkQueue, type Entry } from './work-queue'

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

export interface SchedulerOptions<I, T> {
  /** Work to do; may still be growing (a folder scan in progress). */
  items: AsyncIterable<I> | Iterable<I>
  /** Total when known up front (for ETA); otherwise counted when the items run out. */
  total?: number
  concurrency: number
  servers: string[]
  /** Does one item on one server; throws an AppError on failure (its own retries already done). */
  run(item: I, server: string, signal: AbortSignal): Promise<T>
  /** Streams one outcome to disk; awaited before the item counts as finished. `pass`: 0, then the recovery pass. */
  record(item: I, outcome: Outcome<T>, pass: number): Promise<void>
  onProgress?(progress: BatchProgress): void
  /** How long a server that stopped answering is left out before it is tried again. */
  serverCooldownMs?: number
  /** How many times an item goes back to the queue because its server was unreachable. */
  maxRequeues?: number
  now?: () => number
  /** Recovery passes once the queue is empty; none when absent. */
  recovery?: RecoveryPolicy
  /**
   * Whether a failed item gets a try on the recovery pass about to start. Asked when that pass
   * starts, for each item that failed on the pass before it, so the answer can weigh everything the
   * run saw since the item failed (another image getting past the same error, for one).
   */
  retryable?(item: I): boolean
  /** The pause before a recovery pass, injectable for tests; cancel ends it early either way. */
  delay?(ms: number, signal: AbortSignal): Promise<void>
}

export interface BatchSummary {
  done: number
  failed: number
  cancelled: boolean
  /** Recovery passes started. */
  recoveryPasses: number
}

export interface BatchHandle {
  pause(): void
  resume(): void
  cancel(): void
  progress(): BatchProgress
  finished: Promise<BatchSummary>
}

/** Codes that say the server, not the image, is the problem: the item is retried elsewhere/later. */
const SERVER_DOWN = new Set(['unreachable'])

/**
 * A sliding window: a new request starts the moment one finishes, so the servers never idle while
 * work remains (the SDK waits for whole waves: inference-api.md §4). Pause stops new starts; cancel
 * also aborts requests in flight, whose results are then not recorded. When the queue is empty, the
 * items that failed for a reason that can pass get recovery passes, each after a longer pause and at
 * lower concurrency; an item is only tried again once its failure is recorded, so it is never in
 * flight twice.
 */
export function startBatch<I, T>(options: SchedulerOptions<I, T>): BatchHandle {
  const now = options.now ?? Date.now
  const concurrency = Math.max(1, options.concurrency)
  const policy = options.recovery ?? { passes: 0, pausesMs: [] }
  const delay = options.delay ?? pause
  const pool = new ServerPool(
    options.servers,
    Math.ceil(concurrency / options.servers.length),
    options.serverCooldownMs ?? 10_000,
  )
  const maxRequeues = options.maxRequeues ?? 5
  const meter = new ThroughputMeter()
  const queue = new WorkQueue(options.items)
  const waker = new Waker()
  const stop = new AbortController()
  const stopped = new Promise<void>((resolve) =>
    stop.signal.addEventListener('abort', () => resolve(), { once: true }),
  )
  const inFlight = new Map<AbortController, Promise<void>>()
  let limit = concurrency
  let recovery: RecoveryProgress | null = null
  let ended = false
  let done = 0
  let failed = 0
  let paused = false
  let cancelled = false
  let snapshots = 0

  function progress(): BatchProgress {
    const total = options.total ?? (queue.exhausted ? queue.seen : null)
    const remaining = total === null ? null : Math.max(0, total - done - failed)
    const rate = meter.rate(now())
    return {
      total,
      done,
      failed,
      skipped: 0,
      inFlight: inFlight.size,
      remaining,
      imagesPerSecond: rate,
      etaSeconds: estimateEta(remaining, rate),
      recovery,
      seq: ++snapshots,
      state: cancelled ? 'cancelled' : paused ? 'paused' : ended ? 'finished' : 'running',
    }
  }
  const report = (): void => options.onProgress?.(progress())

  /** Counts a recorded outcome: an item done after failing leaves the failed count. */
  function count(entry: Entry<I>, outcome: Outcome<T>, onPass: number): void {
    if (outcome.ok) {
      done++
      if (entry.failedBefore) failed--
      return
    }
    if (!entry.failedBefore) failed++
    if (onPass < policy.passes && options.retryable !== undefined) queue.keepForNextPass(entry.item)
  }

  function launch(entry: Entry<I>, server: string): void {
    const controller = new AbortController()
    const onPass = queue.pass
    const task = (async () => {
      let outcome: Outcome<T>
      try {
        outcome = { ok: true, value: await options.run(entry.item, server, controller.signal) }
        pool.markUp(server)
      } catch (error) {
        const data =
          error instanceof AppError
            ? error.toData()
            : { code: 'internal' as const, message: String(error) }
        if (cancelled) return
        if (SERVER_DOWN.has(data.code) && entry.requeues < maxRequeues) {
          pool.markDown(server, now())
          queue.requeue(entry)
          return
        }
        outcome = { ok: false, error: data }
      } finally {
        pool.release(server)
      }
      if (cancelled) return
      await options.record(entry.item, outcome, onPass)
      count(entry, outcome, onPass)
      meter.record(now())
    })().finally(() => {
      inFlight.delete(controller)
      report()
      waker.nudge()
    })
    inFlight.set(controller, task)
  }

  /** Starts the next recovery pass after its pause; false when there is none to make. */
  async function startRecovery(): Promise<boolean> {
    if (queue.pass >= policy.passes) return false
    const images = queue.startPass((item) => options.retryable?.(item) ?? false)
    if (images === 0) return false
    const { pass } = queue
    limit = recoveryConcurrency(concurrency, pass)
    const ms = pauseBefore(pass, policy)
    recovery = { pass, passes: policy.passes, images, startsAt: now() + ms }
    report()
    await Promise.race([delay(ms, stop.signal), stopped])
    recovery = { ...recovery, startsAt: null }
    report()
    return true
  }

  async function pump(): Promise<BatchSummary> {
    while (!cancelled) {
      if (paused || inFlight.size >= limit) {
        await waker.sleep(1_000)
        continue
      }
      const server = pool.acquire(now())
      if (server === null) {
        const recovery = pool.nextRecovery(now())
        await waker.sleep(recovery === null ? 1_000 : Math.max(10, recovery - now()))
        continue
      }
      const entry = await queue.next()
      if (entry === null) {
        pool.release(server)
        if (inFlight.size > 0 || queue.requeued > 0) await waker.sleep(1_000)
        else if (!(await startRecovery())) break
        continue
      }
      launch(entry, server)
      report()
    }
    await Promise.allSettled([...inFlight.values()])
    ended = true
    report()
    return { done, failed, cancelled, recoveryPasses: queue.pass }
  }

  const finished = pump()
  return {
    pause() {
      paused = true
      report()
    },
    resume() {
      paused = false
      report()
      waker.nudge()
    },
    cancel() {
      cancelled = true
      stop.abort()
      for (const controller of inFlight.keys()) controller.abort()
      waker.nudge()
    },
    progress,
    finished,
  }
}
