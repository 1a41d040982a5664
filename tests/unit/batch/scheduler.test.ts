import { describe, expect, it } from 'vitest'
import { startBatch, type Outcome } from '../../../src/main/services/batch/scheduler'
import { AppError } from '../../../src/shared/errors'

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A fake worker that logs when each item starts and ends, on which server. */
function recorder() {
  const events: { type: 'start' | 'end'; item: string; server: string; at: number }[] = []
  const records: { item: string; outcome: Outcome<string> }[] = []
  let active = 0
  let maxActive = 0
  return {
    events,
    records,
    get maxActive() {
      return maxActive
    },
    async work(item: string, server: string, ms: number, signal: AbortSignal): Promise<string> {
      active++
      maxActive = Math.max(maxActive, active)
      events.push({ type: 'start', item, server, at: performance.now() })
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ms)
          signal.addEventListener('abort', () => {
            clearTimeout(timer)
            reject(new AppError('cancelled', 'cancelled'))
          })
        })
      } finally {
        active--
        events.push({ type: 'end', item, server, at: performance.now() })
      }
      return `${item}@${server}`
    },
    async record(item: string, outcome: Outcome<string>) {
      records.push({ item, outcome })
    },
  }
}

describe('batch scheduler', () => {
  it('keeps the window full: the next item starts when the first one ends, not when the wave ends', async () => {
    const r = recorder()
    const durations: Record<string, number> = { a: 20, b: 200, c: 20, d: 20 }
    const batch = startBatch({
      items: ['a', 'b', 'c', 'd'],
      concurrency: 2,
      servers: ['s1'],
      run: (item, server, signal) => r.work(item, server, durations[item]!, signal),
      record: (item, outcome) => r.record(item, outcome),
    })
    const summary = await batch.finished
    expect(summary).toEqual({ done: 4, failed: 0, cancelled: false, recoveryPasses: 0 })
    const startC = r.events.find((e) => e.type === 'start' && e.item === 'c')!.at
    const endB = r.events.find((e) => e.type === 'end' && e.item === 'b')!.at
    // In waves, c would wait for b (200 ms); in a sliding window it starts right after a (20 ms).
    expect(startC).toBeLessThan(endB - 100)
    expect(r.maxActive).toBe(2)
  })

  it('records every item exactly once, failures with their reason', async () => {
    const r = recorder()
    const batch = startBatch({
      items: ['ok1', 'bad', 'ok2'],
      concurrency: 3,
      servers: ['s1'],
      run: async (item, server, signal) => {
        if (item === 'bad') throw new AppError('image-unsupported', 'bad is not an image')
        return r.work(item, server, 5, signal)
      },
      record: (item, outcome) => r.record(item, outcome),
    })
    expect(await batch.finished).toEqual({
      done: 2,
      failed: 1,
      cancelled: false,
      recoveryPasses: 0,
    })
    expect(r.records.map((x) => x.item).sort()).toEqual(['bad', 'ok1', 'ok2'])
    expect(r.records.find((x) => x.item === 'bad')!.outcome).toEqual({
      ok: false,
      error: { code: 'image-unsupported', message: 'bad is not an image' },
    })
    expect(batch.progress()).toMatchObject({
      total: 3,
      done: 2,
      failed: 1,
      remaining: 0,
      state: 'finished',
    })
  })

  it('moves work off a server that stopped answering and keeps going on the others', async () => {
    const r = recorder()
    const items = Array.from({ length: 8 }, (_, i) => `img${i}`)
    const batch = startBatch({
      items,
      concurrency: 4,
      servers: ['up', 'down'],
      serverCooldownMs: 60_000,
      run: async (item, server, signal) => {
        if (server === 'down') throw new AppError('unreachable', 'Could not reach the server')
        return r.work(item, server, 10, signal)
      },
      record: (item, outcome) => r.record(item, outcome),
    })
    expect(await batch.finished).toEqual({
      done: 8,
      failed: 0,
      cancelled: false,
      recoveryPasses: 0,
    })
    expect(r.records.every((x) => x.outcome.ok && x.outcome.value.endsWith('@up'))).toBe(true)
    expect(new Set(r.records.map((x) => x.item)).size).toBe(8)
  })

  it('reports an item as failed when every server stays unreachable, instead of looping forever', async () => {
    const r = recorder()
    const batch = startBatch({
      items: ['only'],
      concurrency: 1,
      servers: ['down'],
      serverCooldownMs: 5,
      maxRequeues: 2,
      run: async () => {
        throw new AppError('unreachable', 'Could not reach the server at http://x')
      },
      record: (item, outcome) => r.record(item, outcome),
    })
    expect(await batch.finished).toEqual({
      done: 0,
      failed: 1,
      cancelled: false,
      recoveryPasses: 0,
    })
    expect(r.records[0]!.outcome).toMatchObject({ ok: false, error: { code: 'unreachable' } })
  })

  it('starts nothing new while paused and finishes the rest after resume', async () => {
    const r = recorder()
    const batch = startBatch({
      items: ['a', 'b', 'c', 'd'],
      concurrency: 1,
      servers: ['s1'],
      run: (item, server, signal) => r.work(item, server, 30, signal),
      record: (item, outcome) => r.record(item, outcome),
    })
    await wait(10)
    batch.pause()
    await wait(120)
    // Only the item in flight when paused (a) finished; nothing else started.
    expect(r.events.filter((e) => e.type === 'start').map((e) => e.item)).toEqual(['a'])
    expect(batch.progress().state).toBe('paused')
    batch.resume()
    expect(await batch.finished).toEqual({
      done: 4,
      failed: 0,
      cancelled: false,
      recoveryPasses: 0,
    })
  })

  it('aborts requests in flight on cancel and records nothing after it', async () => {
    const r = recorder()
    const batch = startBatch({
      items: ['a', 'b', 'c'],
      concurrency: 2,
      servers: ['s1'],
      run: (item, server, signal) => r.work(item, server, 5_000, signal),
      record: (item, outcome) => r.record(item, outcome),
    })
    await wait(20)
    batch.cancel()
    expect(await batch.finished).toEqual({ done: 0, failed: 0, cancelled: true, recoveryPasses: 0 })
    expect(r.records).toEqual([])
    expect(r.events.filter((e) => e.type === 'start')).toHaveLength(2)
  })

  it('takes items from a growing async source and counts the total once it ends', async () => {
    const r = recorder()
    async function* scan() {
      for (let i = 0; i < 5; i++) {
        await wait(5)
        yield `f${i}`
      }
    }
    const seenTotals: (number | null)[] = []
    const batch = startBatch({
      items: scan(),
      concurrency: 2,
      servers: ['s1'],
      run: (item, server, signal) => r.work(item, server, 5, signal),
      record: (item, outcome) => r.record(item, outcome),
      onProgress: (p) => seenTotals.push(p.total),
    })
    expect(await batch.finished).toMatchObject({ done: 5 })
    expect(seenTotals[0]).toBeNull()
    expect(seenTotals.at(-1)).toBe(5)
  })
})
