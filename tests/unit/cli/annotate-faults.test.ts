import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import {
  doneCounts,
  gdFlags,
  jsonEvents,
  numberedNames,
  readLog,
  writeImages,
} from './annotate-support'
import { runCli, tempDir } from './helpers'

let dir: Awaited<ReturnType<typeof tempDir>>
let folder: string
let emulator: Emulator
const TOTAL = 40

beforeAll(async () => {
  dir = await tempDir('cli-annotate-faults')
  folder = join(dir.path, 'photos')
  await writeImages(folder, numberedNames(TOTAL))
  emulator = await startEmulator({
    faults: { error500: 0.1, busy503: 0.1, hang: 0.05, reset: 0.05 },
    hangMs: 500,
    seed: 7,
    slots: 4,
  })
})
afterAll(async () => {
  await emulator.close()
  await dir.remove()
})

interface Summary {
  done: number
  failed: number
  exitCode: number
  failures: { key: string; code: string; message: string }[]
}

describe('annotate against a flaky server', () => {
  it('ends every image done or failed with a reason, never recording one twice', async () => {
    const out = join(dir.path, 'project')
    const run = await runCli([
      'annotate',
      folder,
      '--out',
      out,
      ...gdFlags(emulator.url),
      '--timeout',
      '2',
      '--concurrency',
      '4',
      '--json',
    ])
    const { summary } = jsonEvents(run.stdout).at(-1) as { summary: Summary }
    // Faults really happened: 500s fail an image at once, 503s and dropped connections are retried.
    const injected = emulator.stats.faultsInjected
    expect(injected.error500 + injected.busy503 + injected.hang + injected.reset).toBeGreaterThan(5)

    expect(summary.done + summary.failed).toBe(TOTAL)
    expect(run.code).toBe(summary.failed > 0 ? 2 : 0)
    expect(summary.exitCode).toBe(run.code)
    for (const failure of summary.failures) {
      expect(failure.code).toMatch(/server-error|server-busy|unreachable|timeout|bad-response/)
      expect(failure.message.length).toBeGreaterThan(0)
    }

    const log = await readLog(out)
    const done = doneCounts(log)
    expect([...done.values()].every((n) => n === 1)).toBe(true)
    expect(done.size).toBe(summary.done)
    const failed = new Set(log.filter((l) => l.status === 'failed').map((l) => l.key))
    expect(failed.size).toBe(summary.failed)
    expect(new Set([...done.keys(), ...failed]).size).toBe(TOTAL)
    expect(log.filter((l) => l.status === 'failed').every((l) => l.error?.message)).toBe(true)
  })

  it('gives up on a request that gets no answer within --timeout', async () => {
    const silent = await startEmulator({ faults: { hang: 1 }, hangMs: 5_000 })
    try {
      const started = Date.now()
      const run = await runCli([
        'detect',
        join(folder, 'img-1.png'),
        ...gdFlags(silent.url),
        '--timeout',
        '1',
        '--json',
      ])
      expect(run.code).toBe(2)
      expect(run.records[0]?.error?.code).toBe('timeout')
      // One second, not the server's five (nor the default two minutes).
      expect(Date.now() - started).toBeLessThan(4_000)
    } finally {
      await silent.close()
    }
  })
})
