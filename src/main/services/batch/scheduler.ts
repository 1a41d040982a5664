import { AppError, type AppErrorData } from '../../../shared/errors'
import { estimateEta, ThroughputMeter, type BatchProgress } from './progress'
import { ServerPool } from './server-pool'

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
  /** Streams one outcome to disk; awaited before the item counts as finished. */
  record(item: I, outcome: Outcome<T>): Promise<void>
  onProgress?(progress: BatchProgress): void
  /** How long a server that stopped answering is left out before it is tried again. */
  serverCooldownMs?: number
  /** How many times an item goes back to the queue because its server was unreachable. */
  maxRequeues?: number
  now?: () => number
}

export interface BatchSummary {
  done: number
  failed: number
  cancelled: boolean
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
 * also aborts requests in flight, whose results are then not recorded.
 */
export function startBatch<I, T>(options: SchedulerOptions<I, T>): BatchHandle {
  const now = options.now ?? Date.now
  const concurrency = Math.max(1, options.concurrency)
  const pool = new ServerPool(
    options.servers,
    Math.ceil(concurrency / options.servers.length),
    options.serverCooldownMs ?? 10_000,
  )
  const maxRequeues = options.maxRequeues ?? 5
  const meter = new ThroughputMeter()
  const iterator = (
    Symbol.asyncIterator in options.items
      ? (options.items as AsyncIterable<I>)[Symbol.asyncIterator]()
      : (options.items as Iterable<I>)[Symbol.iterator]()
  ) as AsyncIterator<I> | Iterator<I>
  const requeued: { item: I; tries: number }[] = []
  const inFlight = new Map<AbortController, Promise<void>>()
  let exhausted = false
  let seen = 0
  let done = 0
  let failed = 0
  let paused = false
  let cancelled = false
  let snapshots = 0
  let wake: (() => void) | null = null
  // A nudge that arrives while the pump is busy is kept, so the next wait returns at once.
  let nudged = false
  const nudge = (): void => {
    const w = wake
    wake = null
    if (w) w()
    else nudged = true
  }
  const sleep = (ms: number): Promise<void> => {
    if (nudged) {
      nudged = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        wake = null
        resolve()
      }, ms)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  function progress(): BatchProgress {
    const total = options.total ?? (exhausted ? seen : null)
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
      seq: ++snapshots,
      state: cancelled
        ? 'cancelled'
        : paused
          ? 'paused'
          : exhausted && inFlight.size === 0 && requeued.length === 0
            ? 'finished'
            : 'running',
    }
  }
  const report = (): void => options.onProgress?.(progress())

  async function nextItem(): Promise<{ item: I; tries: number } | null> {
    const again = requeued.shift()
    if (again) return again
    if (exhausted) return null
    const step = await iterator.next()
    if (step.done) {
      exhausted = true
      return null
    }
    seen++
    return { item: step.value, tries: 0 }
  }

  function launch(entry: { item: I; tries: number }, server: string): void {
    const controller = new AbortController()
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
        if (SERVER_DOWN.has(data.code) && entry.tries < maxRequeues) {
          pool.markDown(server, now())
          requeued.unshift({ item: entry.item, tries: entry.tries + 1 })
          return
        }
        outcome = { ok: false, error: data }
      } finally {
        pool.release(server)
      }
      if (cancelled) return
      await options.record(entry.item, outcome)
      if (outcome.ok) done++
      else failed++
      meter.record(now())
    })().finally(() => {
      inFlight.delete(controller)
      report()
      nudge()
    })
    inFlight.set(controller, task)
  }

  async function pump(): Promise<BatchSummary> {
    while (!cancelled) {
      if (paused || inFlight.size >= concurrency) {
        await sleep(1_000)
        continue
      }
      const server = pool.acquire(now())
      if (server === null) {
        const recovery = pool.nextRecovery(now())
        await sleep(recovery === null ? 1_000 : Math.max(10, recovery - now()))
        continue
      }
      const entry = await nextItem()
      if (entry === null) {
        pool.release(server)
        if (inFlight.size === 0 && requeued.length === 0) break
        await sleep(1_000)
        continue
      }
      launch(entry, server)
      report()
    }
    await Promise.allSettled([...inFlight.values()])
    report()
    return { done, failed, cancelled }
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
      nudge()
    },
    cancel() {
      cancelled = true
      for (const controller of inFlight.keys()) controller.abort()
      nudge()
    },
    progress,
    finished,
  }
}
