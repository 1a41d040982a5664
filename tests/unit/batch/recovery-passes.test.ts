import { describe, expect, it } from 'vitest'
import {
  startBatch,
  type Outcome,
  type SchedulerOptions,
} from '../../../src/main/services/batch/scheduler'
import type { BatchProgress } from '../../../src/shared/batch'
import { AppError } from '../../../src/shared/errors'

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const error500 = () => new AppError('server-error', 'HTTP 500', { status: 500 })

/** A pause the test ends by hand, keeping the lengths the scheduler asked for. */
function manualDelay() {
  const asked: number[] = []
  let release: () => void = () => {}
  return {
    asked,
    release: () => release(),
    delay: (ms: number) => {
      asked.push(ms)
      return new Promise<void>((resolve) => (release = resolve))
    },
  }
}

/** Records each outcome with its pass, counts tries per item, and how many ran at once at each retry. */
function worker(
  fails: (item: string, tries: number) => AppError | null,
  ms: (item: string, tries: number) => number = () => 5,
) {
  const records: { item: string; ok: boolean; pass: number }[] = []
  const tries = new Map<string, number>()
  /** Requests running when each retry (a try after the first) started, itself included. */
  const atRetries: number[] = []
  let active = 0
  return {
    records,
    tries,
    atRetries,
    async run(item: string, _server: string, signal: AbortSignal): Promise<string> {
      const n = (tries.get(item) ?? 0) + 1
      tries.set(item, n)
      active++
      if (n > 1) atRetries.push(active)
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ms(item, n))
          signal.addEventListener('abort', () => {
            clearTimeout(timer)
            reject(new AppError('cancelled', 'cancelled'))
          })
        })
      } finally {
        active--
      }
      const failure = fails(item, n)
      if (failure) throw failure
      return item
    },
    async record(item: string, outcome: Outcome<string>, pass: number) {
      records.push({ item, ok: outcome.ok, pass })
    },
  }
}

type Worker = ReturnType<typeof worker>

/** A run of `w` on one server; `options` gives the items and what the test is about. */
function batchOf(
  w: Worker,
  options: Omit<SchedulerOptions<string, string>, 'servers' | 'run' | 'record'> &
    Partial<Pick<SchedulerOptions<string, string>, 'record'>>,
) {
  return startBatch<string, string>({
    servers: ['s1'],
    run: (item, server, signal) => w.run(item, server, signal),
    record: (item, outcome, pass) => w.record(item, outcome, pass),
    ...options,
  })
}

describe('recovery passes', () => {
  it('tries the failed items again once the queue is empty, after a pause, at half the concurrency', async () => {
    // Five of eight images fail with a 500 the first time only.
    const flaky = ['b', 'c', 'd', 'e', 'f']
    const w = worker((item, n) => (flaky.includes(item) && n === 1 ? error500() : null))
    const pause = manualDelay()
    const clock = { now: 1_000 }
    const snapshots: BatchProgress[] = []
    const batch = batchOf(w, {
      items: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
      concurrency: 4,
      recovery: { passes: 2, pausesMs: [300, 900] },
      retryable: () => true,
      delay: pause.delay,
      now: () => clock.now,
      onProgress: (p) => snapshots.push(p),
    })
    while (pause.asked.length === 0) await wait(5)
    // Waiting for pass 1: five failed images, due 300 ms from now, and the run is not finished.
    expect(batch.progress()).toMatchObject({
      done: 3,
      failed: 5,
      remaining: 0,
      state: 'running',
      recovery: { pass: 1, passes: 2, images: 5, startsAt: 1_300 },
    })
    expect(w.tries.get('b')).toBe(1)
    pause.release()
    expect(await batch.finished).toEqual({
      done: 8,
      failed: 0,
      cancelled: false,
      recoveryPasses: 1,
    })
    // Pass 2 was never needed: all five recovered on pass 1.
    expect(pause.asked).toEqual([300])
    expect(w.records.filter((r) => r.pass === 1)).toEqual(
      flaky.map((item) => ({ item, ok: true, pass: 1 })),
    )
    // Pass 1 runs 4 / 2 = 2 requests at once: never more, and it does overlap them.
    expect(Math.max(...w.atRetries)).toBe(2)
    expect(snapshots.at(-1)).toMatchObject({ state: 'finished', done: 8, failed: 0 })
    expect(snapshots.at(-1)?.recovery).toMatchObject({ pass: 1, startsAt: null })
  })

  it('makes at most the passes allowed, with growing pauses, and never retries what the rule refuses', async () => {
    const w = worker((item) =>
      item === 'flaky'
        ? error500()
        : item === 'bad'
          ? new AppError('image-unsupported', 'no')
          : null,
    )
    const asked: number[] = []
    const batch = batchOf(w, {
      items: ['ok', 'flaky', 'bad'],
      concurrency: 2,
      recovery: { passes: 2, pausesMs: [10, 40] },
      retryable: (item) => item !== 'bad',
      delay: async (ms) => void asked.push(ms),
    })
    expect(await batch.finished).toEqual({
      done: 1,
      failed: 2,
      cancelled: false,
      recoveryPasses: 2,
    })
    expect(asked).toEqual([10, 40])
    // The first try and one per pass: 3 for the flaky image; the bad file once.
    expect(w.tries.get('flaky')).toBe(3)
    expect(w.tries.get('bad')).toBe(1)
    expect(w.records.filter((r) => r.item === 'flaky').map((r) => r.pass)).toEqual([0, 1, 2])
  })

  it('asks whether to retry when the pass starts, after what the pass before it taught', async () => {
    // "late" fails on pass 1 before "early" gets past the same error on it; the rule is asked at
    // the start of pass 2, when both outcomes are in, not at the moment "late" failed.
    const w = worker(
      (item, n) =>
        item === 'bad'
          ? new AppError('image-unsupported', 'no')
          : (item === 'late' && n < 3) || (item === 'early' && n === 1)
            ? error500()
            : null,
      (item, n) => (item === 'early' && n === 2 ? 40 : 5),
    )
    const got: string[] = []
    const asked: { item: string; got: string[] }[] = []
    const batch = batchOf(w, {
      items: ['late', 'early', 'bad'],
      concurrency: 4,
      record: async (item, outcome, pass) => {
        if (outcome.ok) got.push(item)
        await w.record(item, outcome, pass)
      },
      recovery: { passes: 2, pausesMs: [0] },
      retryable: (item) => {
        asked.push({ item, got: [...got] })
        // A first failure is worth a pass; a second one only once another item got past.
        return item !== 'bad' && ((w.tries.get(item) ?? 0) < 2 || got.includes('early'))
      },
      delay: async () => {},
    })
    expect(await batch.finished).toEqual({
      done: 2,
      failed: 1,
      cancelled: false,
      recoveryPasses: 2,
    })
    expect(w.tries.get('late')).toBe(3)
    expect(w.tries.get('bad')).toBe(1)
    // Asked for pass 2 once "early" was done, though "late" had failed on pass 1 before that.
    const failedOnPass1 = w.records.filter((r) => r.pass === 1).map((r) => `${r.item}:${r.ok}`)
    expect(failedOnPass1).toEqual(['late:false', 'early:true'])
    expect(asked.filter((a) => a.item === 'late').map((a) => a.got)).toEqual([[], ['early']])
  })

  it('starts no pass when the rule wants none of the failed items', async () => {
    const w = worker((item) => (item === 'bad' ? new AppError('image-unsupported', 'no') : null))
    const asked: number[] = []
    const batch = batchOf(w, {
      items: ['ok', 'bad'],
      concurrency: 2,
      recovery: { passes: 2, pausesMs: [10] },
      retryable: () => false,
      delay: async (ms) => void asked.push(ms),
    })
    expect(await batch.finished).toEqual({
      done: 1,
      failed: 1,
      cancelled: false,
      recoveryPasses: 0,
    })
    expect(asked).toEqual([])
    expect(batch.progress().recovery).toBeNull()
  })

  it('makes no pass when nothing failed, or when recovery is off', async () => {
    for (const recovery of [
      { passes: 2, pausesMs: [10] },
      { passes: 0, pausesMs: [] },
    ]) {
      const w = worker((item) => (item === 'x' && recovery.passes === 0 ? error500() : null))
      const asked: number[] = []
      const batch = batchOf(w, {
        items: ['x', 'y'],
        concurrency: 2,
        recovery,
        retryable: () => true,
        delay: async (ms) => void asked.push(ms),
      })
      expect((await batch.finished).recoveryPasses).toBe(0)
      expect(asked).toEqual([])
    }
  })

  it('holds a pass that comes due while paused until resume', async () => {
    const w = worker((item, n) => (item === 'x' && n === 1 ? error500() : null))
    const pause = manualDelay()
    const batch = batchOf(w, {
      items: ['x'],
      concurrency: 1,
      recovery: { passes: 2, pausesMs: [10] },
      retryable: () => true,
      delay: pause.delay,
    })
    while (pause.asked.length === 0) await wait(5)
    batch.pause()
    pause.release()
    await wait(100)
    expect(w.tries.get('x')).toBe(1)
    expect(batch.progress()).toMatchObject({ state: 'paused', recovery: { startsAt: null } })
    batch.resume()
    expect(await batch.finished).toMatchObject({ done: 1, failed: 0, recoveryPasses: 1 })
    expect(w.tries.get('x')).toBe(2)
  })

  it('ends at once when cancelled during the pause, even with a pause that never ends by itself', async () => {
    const w = worker(() => error500())
    let asked = 0
    const batch = batchOf(w, {
      items: ['x'],
      concurrency: 1,
      recovery: { passes: 2, pausesMs: [60_000] },
      retryable: () => true,
      delay: () => {
        asked++
        return new Promise<void>(() => {})
      },
    })
    while (asked === 0) await wait(5)
    batch.cancel()
    expect(await batch.finished).toMatchObject({ done: 0, failed: 1, cancelled: true })
    expect(w.tries.get('x')).toBe(1)
  })

  it('lets the built-in pause go when cancelled, so a long pause does not hold the run', async () => {
    const w = worker(() => error500())
    const snapshots: BatchProgress[] = []
    const batch = batchOf(w, {
      items: ['x'],
      concurrency: 1,
      // Far beyond the test's time limit: only the cancel can end this pause.
      recovery: { passes: 1, pausesMs: [600_000] },
      retryable: () => true,
      onProgress: (p) => snapshots.push(p),
    })
    while (!snapshots.some((p) => p.recovery !== null)) await wait(5)
    batch.cancel()
    expect(await batch.finished).toMatchObject({ cancelled: true, recoveryPasses: 1 })
    expect(w.tries.get('x')).toBe(1)
  })

  it('aborts a recovery pass in flight on cancel and records nothing after it', async () => {
    // Retries take far longer than the test waits: they are still in flight at the cancel.
    const w = worker(
      (_item, n) => (n === 1 ? error500() : null),
      (_item, n) => (n === 1 ? 5 : 60_000),
    )
    const batch = batchOf(w, {
      items: ['x', 'y'],
      concurrency: 4,
      recovery: { passes: 2, pausesMs: [0] },
      retryable: () => true,
      delay: async () => {},
    })
    while (w.atRetries.length < 2) await wait(5)
    batch.cancel()
    expect(await batch.finished).toMatchObject({ done: 0, failed: 2, cancelled: true })
    expect(w.records.map((r) => r.pass)).toEqual([0, 0])
  })
})
