import { join, relative, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toJsonDetection, type JsonDetection } from '../../../src/cli/format'
import { startEmulator, type Emulator } from '../../support/emulator'
import { gdFlags, numberedNames, readLog, writeImages } from './annotate-support'
import { runCli, tempDir } from './helpers'

let dir: Awaited<ReturnType<typeof tempDir>>
let folder: string
let emulator: Emulator

beforeAll(async () => {
  dir = await tempDir('cli-annotate-concurrency')
  folder = join(dir.path, 'photos')
  await writeImages(folder, numberedNames(12))
  emulator = await startEmulator({ slots: 4, serviceTimeMs: 100 })
})
afterAll(async () => {
  await emulator.close()
  await dir.remove()
})

const byPosition = (a: JsonDetection, b: JsonDetection): number =>
  a.class.localeCompare(b.class) || a.x - b.x || a.y - b.y

describe('annotate with several requests at once', () => {
  it('overlaps requests up to --concurrency and finds the same boxes as detect', async () => {
    const out = join(dir.path, 'project')
    emulator.resetStats()
    const run = await runCli([
      'annotate',
      folder,
      '--out',
      out,
      ...gdFlags(emulator.url),
      '--concurrency',
      '4',
    ])
    expect(run.code).toBe(0)
    expect(emulator.stats.inferences).toBe(12)
    // Four slots of 100 ms: a client sending one at a time would never hold more than one.
    expect(emulator.stats.maxActiveInferences).toBeGreaterThanOrEqual(3)

    const annotated = new Map<string, JsonDetection[]>()
    for (const line of await readLog(out)) {
      expect(line.status).toBe('done')
      annotated.set(line.key, (line.detections ?? []).map(toJsonDetection).sort(byPosition))
    }
    const paths = numberedNames(12).map((name) => join(folder, ...name.split('/')))
    const detect = await runCli(['detect', ...paths, ...gdFlags(emulator.url), '--json'])
    expect(detect.code).toBe(0)
    expect(detect.records).toHaveLength(12)
    for (const record of detect.records) {
      const key = relative(folder, record.image).split(sep).join('/')
      expect(record.detections).toHaveLength(2)
      expect(annotated.get(key)).toEqual([...record.detections].sort(byPosition))
    }
  })
})
