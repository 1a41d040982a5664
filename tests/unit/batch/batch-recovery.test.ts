import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BatchStartInput } from '../../../src/main/services/batch/batch-service'
import { readResultLog } from '../../../src/main/services/batch/result-log'
import type { Services } from '../../../src/main/services'
import type { BatchProgress } from '../../../src/shared/batch'
import { modelSpec } from '../../../src/shared/model-spec'
import { startEmulator } from '../../support/emulator'
import { createTestServices } from '../../support/services'
import { doneCounts, readLog, writeImages } from '../cli/annotate-support'

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

const GOOD = ['a.png', 'b.png', 'sub/c.png', 'sub/d.png']
const model = modelSpec.parse({ kind: 'grounding-dino', classes: ['red', 'blue'] })
/** No pause before a pass: these tests follow the passes, not the clock. */
const quick = { passes: 2, pausesMs: [0, 0] }

async function setup(options: Parameters<typeof startEmulator>[0] = {}) {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-batch-recovery-'))
  const emulator = await startEmulator({ seed: 3, ...options })
  const services = createTestServices(join(root, 'data'))
  open.push(services, emulator)
  const saved = await services.invoke('profile.save', {
    profile: { name: 'Emulator', kind: 'local', baseUrls: [emulator.url], maxConcurrency: 2 },
    activate: true,
  })
  expect(saved.ok).toBe(true)
  const images = join(root, 'images')
  await writeImages(images, GOOD)
  await writeFile(join(images, 'broken.jpg'), 'not a jpeg at all')
  const input: BatchStartInput = {
    projectDir: join(root, 'project'),
    imagesDir: images,
    model,
    scope: 'all',
    recovery: quick,
  }
  return { root, emulator, services, input }
}

/** Calls `onProgress` on each of the run's progress events (synchronously, as they are emitted). */
function watch(services: Services, onProgress: (p: BatchProgress) => void): () => void {
  return services.events.subscribe('batch.progress', onProgress)
}

describe('batch recovery passes against the emulator', () => {
  it('does the images a failing server refused at first on a later pass; a success supersedes the failure', async () => {
    const { emulator, services, input } = await setup({ faults: { error500: 1 } })
    // Every request fails until the first recovery pass is announced: then the server is well.
    const stop = watch(services, (p) => {
      if (p.recovery !== null) emulator.setFaults({})
    })
    const { finished } = await services.batch.start(input)
    const summary = await finished
    stop()
    expect(summary).toMatchObject({
      done: GOOD.length,
      failed: 1,
      recovered: GOOD.length,
      badFiles: 1,
      recoveryPasses: 1,
    })
    // The bad file is reported once: it is never sent again.
    expect(summary.failures).toEqual([
      expect.objectContaining({ key: 'broken.jpg', kind: 'bad-file', tries: 1 }),
    ])

    const log = await readLog(input.projectDir)
    for (const key of GOOD) {
      const lines = log.filter((l) => l.key === key)
      expect(
        lines.map((l) => [l.status, (l as { pass?: number }).pass]),
        key,
      ).toEqual([
        ['failed', undefined],
        ['done', 1],
      ])
    }
    expect([...doneCounts(log).values()].every((n) => n === 1)).toBe(true)
    // Read back, the latest record of each good image is its success.
    const { latest } = await readResultLog(join(input.projectDir, 'results.jsonl'))
    expect(GOOD.map((key) => latest.get(key)?.status)).toEqual(GOOD.map(() => 'done'))
    expect(latest.get('broken.jpg')?.status).toBe('failed')
  })

  it('stops trying an image that gets the same 500 on every try', async () => {
    const { emulator, services, input } = await setup({ faults: { error500: 1 } })
    const { finished } = await services.batch.start(input)
    const summary = await finished
    // Pass 1 gave each image the same 500 as its first try: no pass 2.
    expect(summary).toMatchObject({ done: 0, failed: GOOD.length + 1, recoveryPasses: 1 })
    const server = summary.failures.filter((f) => f.kind === 'failed')
    expect(server.map((f) => f.key).sort()).toEqual([...GOOD].sort())
    for (const f of server) {
      expect(f.tries).toBe(2)
      expect(f.error).toMatchObject({ code: 'server-error', status: 500 })
      expect(f.error.message).toContain('The server said: "Internal error."')
    }
    // Two tries per image, each a request and its one retry of the 500.
    expect(emulator.stats.faultsInjected.error500).toBe(GOOD.length * 2 * 2)
  })

  it('resumes a run stopped during a recovery pass and finishes it without redoing a done image', async () => {
    // Slow answers, so the pass is still going when it is stopped.
    const { emulator, services, input } = await setup({
      faults: { error500: 1 },
      serviceTimeMs: 300,
    })
    const first = await services.batch.start(input)
    let stopped = false
    const stop = watch(services, (p) => {
      if (stopped || p.recovery?.startsAt !== null || p.inFlight === 0) return
      // Pass 1 is under way with requests in flight: stop the run there.
      stopped = true
      services.batch.cancel(first.jobId)
    })
    const interrupted = await first.finished
    stop()
    expect(interrupted).toMatchObject({ cancelled: true, done: 0 })
    const before = await readLog(input.projectDir)

    emulator.setFaults({})
    emulator.resetStats()
    const second = await services.batch.start(input)
    const summary = await second.finished
    expect(summary).toMatchObject({
      resumed: true,
      done: GOOD.length,
      failed: 1,
      badFiles: 1,
      cancelled: false,
    })
    const log = await readLog(input.projectDir)
    expect(log.slice(0, before.length)).toEqual(before)
    expect([...doneCounts(log).keys()].sort()).toEqual([...GOOD].sort())
    expect([...doneCounts(log).values()].every((n) => n === 1)).toBe(true)
    // Each good image is sent once more; the bad file is read, not sent.
    expect(emulator.stats.inferences).toBe(GOOD.length)
  })
})
