import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { makeShapesImage } from '../../support/test-images'
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

/** 60 good images: 57 numbered ones (every third in a sub-folder) and 3 with non-ASCII names. */
const GOOD = [...numberedNames(57), 'фото 写真 ü.png', 'sub/café déjà.jpg', 'sub/日本 1.png']
/** Files that look like images by name but cannot be labelled: each must be reported, once. */
const BAD = ['corrupt.jpg', 'sub/empty.png', 'notes-as.jpg']

beforeAll(async () => {
  dir = await tempDir('cli-annotate-faults')
  folder = join(dir.path, 'photos')
  await writeImages(folder, GOOD)
  // A real JPEG cut in half: the header reads, the pixels do not.
  const { buffer } = await makeShapesImage({ width: 200, height: 150, format: 'jpeg', shapes: [] })
  await writeFile(join(folder, 'corrupt.jpg'), buffer.subarray(0, buffer.length >> 1))
  await writeFile(join(folder, 'sub', 'empty.png'), '')
  await writeFile(join(folder, 'notes-as.jpg'), 'a text file with a .jpg name')
  // The rates of issue 14; hangs outlast --timeout 1, so a hang is a timeout (not retried in the request).
  emulator = await startEmulator({
    faults: { error500: 0.1, busy503: 0.05, hang: 0.02, reset: 0.02 },
    hangMs: 3_000,
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
  recovered: number
  failedEveryTry: number
  badFiles: number
  recoveryPasses: number
  exitCode: number
  failures: { key: string; code: string; message: string; kind: string; tries: number }[]
}

describe('annotate against a flaky server', () => {
  it('ends with every good image done after recovery and every bad file reported, none written twice (exit 2)', async () => {
    const out = join(dir.path, 'project')
    const run = await runCli(
      [
        'annotate',
        folder,
        '--out',
        out,
        ...gdFlags(emulator.url),
        '--timeout',
        '1',
        '--concurrency',
        '4',
        '--json',
      ],
      // The passes as the engine makes them, with short pauses: the test follows passes, not time.
      { recovery: { passes: 2, pausesMs: [100, 200] } },
    )
    const { summary } = jsonEvents(run.stdout).at(-1) as { summary: Summary }
    // Faults really happened, and some images failed at first: a recovery pass did them.
    const injected = emulator.stats.faultsInjected
    expect(injected.error500).toBeGreaterThan(0)
    expect(injected.busy503 + injected.hang + injected.reset).toBeGreaterThan(0)
    expect(summary.recovered).toBeGreaterThan(0)
    expect(summary.recoveryPasses).toBeGreaterThanOrEqual(1)

    expect(run.code).toBe(2)
    expect(summary).toMatchObject({
      done: GOOD.length,
      failed: BAD.length,
      failedEveryTry: 0,
      badFiles: BAD.length,
      exitCode: 2,
    })
    expect(summary.failures.map((f) => f.key).sort()).toEqual([...BAD].sort())
    for (const failure of summary.failures) {
      expect(failure, failure.key).toMatchObject({ kind: 'bad-file', tries: 1 })
      expect(failure.code).toMatch(/^(image-unsupported|file-unreadable)$/)
      expect(failure.message.length).toBeGreaterThan(0)
    }

    const log = await readLog(out)
    const done = doneCounts(log)
    expect([...done.keys()].sort()).toEqual([...GOOD].sort())
    expect([...done.values()].every((n) => n === 1)).toBe(true)
    // A bad file has one record; a good image that failed at first has its failures, then one done.
    for (const key of BAD)
      expect(
        log.filter((l) => l.key === key),
        key,
      ).toHaveLength(1)
    for (const key of GOOD) {
      const statuses = log.filter((l) => l.key === key).map((l) => l.status)
      expect(statuses.at(-1), key).toBe('done')
      expect(
        statuses.slice(0, -1).every((s) => s === 'failed'),
        key,
      ).toBe(true)
    }
    expect(log.filter((l) => l.status === 'failed').every((l) => l.error?.message)).toBe(true)
  })

  it('gives up on a request that gets no answer within --timeout', async () => {
    const silent = await startEmulator({ faults: { hang: 1 }, hangMs: 5_000 })
    try {
      const run = await runCli([
        'detect',
        join(folder, 'img-1.png'),
        ...gdFlags(silent.url),
        '--timeout',
        '1',
        '--json',
      ])
      expect(run.code).toBe(2)
      // The server would answer after five seconds: a timeout means the one second given was used.
      expect(run.records[0]?.error?.code).toBe('timeout')
    } finally {
      await silent.close()
    }
  })
})
