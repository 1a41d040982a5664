import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { postTinyGdino, readReply } from './helpers'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const gdino = (
  target: Emulator,
  extra?: object,
  headers?: Record<string, string>,
  query?: string,
) => postTinyGdino(target.url, extra, headers, query)

describe('faults and capacity', () => {
  it('injects 500 and 503 with Retry-After at rate 1.0, and counts them', async () => {
    const faulty = await startEmulator({ faults: { error500: 1 } })
    try {
      const failed = await gdino(faulty)
      expect([failed.status, failed.json]).toEqual([500, { message: 'Internal error.' }])
      faulty.setFaults({ busy503: 1 })
      const busy = await gdino(faulty)
      expect([busy.status, busy.json]).toEqual([
        503,
        { message: 'Model is temporarily not ready - retry request.' },
      ])
      expect(busy.headers.get('retry-after')).toBe('1')
      expect((await readReply(await fetch(`${faulty.url}/info`))).status).toBe(200)
      expect(faulty.stats.faultsInjected).toMatchObject({ error500: 1, busy503: 1 })
      expect(faulty.stats.inferences).toBe(0)
    } finally {
      await faulty.close()
    }
  })

  it('holds a hanging request for hangMs and then drops the connection', async () => {
    const faulty = await startEmulator({ faults: { hang: 1 }, hangMs: 150 })
    try {
      const started = Date.now()
      await expect(gdino(faulty)).rejects.toThrow()
      expect(Date.now() - started).toBeGreaterThanOrEqual(100)
      expect(faulty.stats.faultsInjected.hang).toBe(1)
    } finally {
      await faulty.close()
    }
  })

  it('resets the connection without a response', async () => {
    const faulty = await startEmulator({ faults: { reset: 1 } })
    try {
      await expect(gdino(faulty)).rejects.toThrow()
      expect(faulty.stats.faultsInjected.reset).toBe(1)
    } finally {
      await faulty.close()
    }
  })

  it('lets close() end a long hang at once', async () => {
    const faulty = await startEmulator({ faults: { hang: 1 } })
    const pending = gdino(faulty).catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await faulty.close()
    expect(await pending).toBeInstanceOf(Error)
  })

  it('draws the same fault sequence for the same seed', async () => {
    const statuses = async () => {
      const faulty = await startEmulator({ faults: { error500: 0.5 }, seed: 42 })
      try {
        const result: number[] = []
        for (let i = 0; i < 8; i++) result.push((await gdino(faulty)).status)
        return result
      } finally {
        await faulty.close()
      }
    }
    const first = await statuses()
    expect(first).toContain(500)
    expect(first).toContain(200)
    expect(await statuses()).toEqual(first)
  })

  it('runs at most `slots` inferences at once and queues the rest', async () => {
    const limited = await startEmulator({ slots: 2, serviceTimeMs: 100 })
    try {
      const replies = await Promise.all(Array.from({ length: 6 }, () => gdino(limited)))
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200])
      // All six were open at once, but only two held a slot at any moment.
      expect(limited.stats.maxInFlight).toBe(6)
      expect(limited.stats.maxActiveInferences).toBe(2)
      expect(limited.stats.inferences).toBe(6)
      expect(limited.stats.inFlight).toBe(0)
      const time = (replies[5]!.json as { time: number }).time
      expect(time).toBeGreaterThanOrEqual(0.09)
    } finally {
      await limited.close()
    }
  })
})
