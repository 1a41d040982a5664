import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services'
import { ProjectStore } from '../../../src/main/services/projects/project-store'
import type { BatchSummary } from '../../../src/shared/batch'
import { startEmulator } from '../../support/emulator'
import { makeShapesImage } from '../../support/test-images'
import { createTestServices } from '../../support/services'

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

async function setup(options: Parameters<typeof startEmulator>[0] = {}) {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-batch-svc-'))
  const emulator = await startEmulator(options)
  const services = createTestServices(join(root, 'data'))
  open.push(services, emulator)
  const saved = await services.invoke('profile.save', {
    profile: {
      name: 'Emulator',
      kind: 'local',
      baseUrls: [emulator.url],
      maxConcurrency: 3,
      maxUploadSide: 0,
    },
    activate: true,
  })
  expect(saved.ok).toBe(true)
  return { root, emulator, services }
}

/** Runs a batch and waits for its 'batch.finished' event. */
async function runBatch(services: Services, input: Record<string, unknown>): Promise<BatchSummary> {
  const finished = new Promise<BatchSummary>((resolve) => {
    const stop = services.events.subscribe('batch.finished', (summary) => {
      stop()
      resolve(summary)
    })
  })
  const started = await services.invoke('batch.start', input)
  expect(started).toMatchObject({ ok: true })
  return finished
}

async function writeFolder(dir: string, count: number): Promise<void> {
  await mkdir(join(dir, 'sub'), { recursive: true })
  for (let i = 0; i < count; i++) {
    const { buffer } = await makeShapesImage({
      width: 160,
      height: 120,
      shapes: [{ colour: 'red', x: 10 + i, y: 20, width: 40, height: 30 }],
      format: 'png',
    })
    await writeFile(join(dir, i % 2 ? 'sub' : '', `img${i}.png`), buffer)
  }
}

describe('batch service against the emulator', () => {
  it('annotates a folder with overlapping requests and streams every result to disk', async () => {
    const { root, emulator, services } = await setup({ slots: 3, serviceTimeMs: 40 })
    const images = join(root, 'images')
    await writeFolder(images, 6)
    await writeFile(join(images, 'broken.jpg'), 'not a jpeg at all')
    const summary = await runBatch(services, {
      projectDir: join(root, 'project'),
      imagesDir: images,
      model: { kind: 'grounding-dino', classes: ['red'] },
      scope: 'all',
    })
    expect(summary).toMatchObject({ done: 6, failed: 1, cancelled: false, resumed: false })
    expect(summary.failures).toEqual([
      {
        key: 'broken.jpg',
        error: expect.objectContaining({ code: 'image-unsupported' }),
        kind: 'bad-file',
        tries: 1,
      },
    ])
    // Three slots and three concurrent requests: the emulator saw them overlap.
    expect(emulator.stats.maxActiveInferences).toBeGreaterThanOrEqual(2)
    const log = (await readFile(join(root, 'project', 'results.jsonl'), 'utf8')).trim().split('\n')
    expect(log).toHaveLength(7)
    const store = await ProjectStore.openOrCreate(join(root, 'project'))
    const doc = await store.readAnnotations('sub/img1.png')
    // img1: red box at x = 10 + 1 = 11, y = 20, 40 x 30.
    expect(doc?.boxes).toEqual([
      expect.objectContaining({
        className: 'red',
        state: 'suggested',
        box: { x: 11, y: 20, width: 40, height: 30 },
      }),
    ])
    expect(store.file.classes).toEqual([{ name: 'red' }])
    expect(store.file.runs.at(-1)?.finishedAt).not.toBeNull()
  })

  it('runs only the images without results when asked for new ones, and retries just the failed', async () => {
    const { root, services } = await setup()
    const images = join(root, 'images')
    await writeFolder(images, 2)
    const project = join(root, 'project')
    const model = { kind: 'grounding-dino', classes: ['red'] }
    await runBatch(services, { projectDir: project, imagesDir: images, model, scope: 'all' })
    await writeFolder(join(images, 'more'), 1)
    const again = await runBatch(services, { projectDir: project, model, scope: 'new' })
    expect(again).toMatchObject({ done: 1, skipped: 2 })
    const failedOnly = await runBatch(services, { projectDir: project, model, scope: 'failed' })
    expect(failedOnly).toMatchObject({ done: 0, skipped: 3 })
  })
})
