import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services'
import { readImageInfo } from '../../../src/main/services/images'
import type { DetectionResult, ImageInfo } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { startEmulator, type Emulator } from '../../support/emulator'
import { createTestServices } from '../../support/services'

const SAMPLES = resolve('resources/samples')

let emulator: Emulator
let services: Services
let dataDir: string
beforeAll(async () => {
  emulator = await startEmulator()
  dataDir = await mkdtemp(join(tmpdir(), 'promptlabel-samples-'))
  services = createTestServices(dataDir, { resourcesDir: resolve('resources') })
  await services.invoke('profile.save', {
    id: 'local',
    profile: { name: 'Emulator', kind: 'local', baseUrls: [emulator.url] },
  })
})
afterAll(async () => {
  await services.close()
  await emulator.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('the bundled samples', () => {
  it('are five small JPEG and PNG images, sized as the README says once oriented', async () => {
    const images = (await readdir(SAMPLES)).filter((f) => /\.(jpg|png)$/.test(f)).sort()
    const sizes = await Promise.all(images.map((f) => readImageInfo(join(SAMPLES, f))))
    expect(images.map((f, i) => `${f} ${sizes[i]!.width}x${sizes[i]!.height}`)).toEqual([
      'shapes-01.jpg 640x480',
      'shapes-02.png 800x600',
      'shapes-03-rotated.jpg 480x640',
      'shapes-04-dense.png 512x512',
      'shapes-05.jpg 1024x768',
    ])
  })

  it('is found by setup.status and opens as a project folder', async () => {
    const status = await services.invoke('setup.status', { url: emulator.url })
    expect(status).toMatchObject({ ok: true, value: { samplesDir: SAMPLES } })
    const project = await services.invoke('project.openFolder', { imagesDir: SAMPLES })
    expect(project).toMatchObject({ ok: true, value: { imagesDir: SAMPLES } })
  })

  it('lets a model find the shapes of the EXIF-rotated sample where they are shown', async () => {
    const opened = (await services.invoke('image.open', {
      path: join(SAMPLES, 'shapes-03-rotated.jpg'),
    })) as Result<ImageInfo>
    if (!opened.ok) throw new Error(opened.error.message)
    const result = (await services.invoke('detection.run', {
      requestId: 'samples-1',
      imageId: opened.value.id,
      model: { kind: 'grounding-dino', classes: ['red', 'blue'] },
    })) as Result<DetectionResult>
    if (!result.ok) throw new Error(result.error.message)
    const boxes = result.value.detections
      .map((d) => ({ className: d.className, ...d.box }))
      .sort((a, b) => a.x - b.x)
    // JPEG edges blur a pixel or two; the shapes were drawn at exactly these places.
    expect(boxes).toHaveLength(2)
    for (const [got, want] of [
      [boxes[0]!, { className: 'red', x: 40, y: 60, width: 160, height: 100 }],
      [boxes[1]!, { className: 'blue', x: 280, y: 420, width: 150, height: 150 }],
    ] as const) {
      expect(got.className).toBe(want.className)
      for (const key of ['x', 'y', 'width', 'height'] as const)
        expect(Math.abs(got[key] - want[key])).toBeLessThanOrEqual(2)
    }
  })
})
