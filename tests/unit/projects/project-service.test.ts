import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services'
import { validateCoco } from '../../../src/main/services/exports'
import type { AnnotationBox } from '../../../src/shared/annotations'
import type { EventMap } from '../../../src/shared/contract'
import { call, createTestServices } from '../../support/services'
import { makeShapesImage } from '../../support/test-images'

const open: Services[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

async function setup(imageCount = 3) {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-projects-'))
  const imagesDir = join(root, 'картинки')
  await mkdir(join(imagesDir, 'sub'), { recursive: true })
  for (let i = 0; i < imageCount; i++) {
    const { buffer } = await makeShapesImage({ width: 200, height: 100, shapes: [], format: 'png' })
    await writeFile(join(imagesDir, i === 0 ? 'sub' : '', `img${i}.png`), buffer)
  }
  const services = createTestServices(join(root, 'data'))
  open.push(services)
  return { root, imagesDir, services }
}

const suggestion = (id: string, confidence: number, x = 10): AnnotationBox => ({
  id,
  className: 'dog',
  box: { x, y: 10, width: 30, height: 20 },
  confidence,
  source: 'model',
  state: 'suggested',
})

describe('project service', () => {
  it('opens a folder as a project in the data folder and pages through its images', async () => {
    const { imagesDir, services } = await setup(3)
    const info = await call<{ id: string; imagesDir: string; name: string }>(
      services,
      'project.openFolder',
      { imagesDir },
    )
    expect(info).toMatchObject({ imagesDir, name: 'картинки' })
    const page = await call<{ items: { key: string; status: string }[]; total: number }>(
      services,
      'project.images',
      {
        projectId: info.id,
        offset: 1,
        limit: 2,
      },
    )
    expect(page.total).toBe(3)
    expect(page.items.map((i) => [i.key, i.status])).toEqual([
      ['img2.png', 'not-run'],
      ['sub/img0.png', 'not-run'],
    ])
    const recent = await call<{ imagesDir: string }[]>(services, 'project.recent', {})
    expect(recent[0]?.imagesDir).toBe(imagesDir)

    // Opening another folder, then this one again, puts this one back on top.
    const other = join(imagesDir, 'sub')
    await call(services, 'project.openFolder', { imagesDir: other })
    expect((await call<typeof recent>(services, 'project.recent', {}))[0]?.imagesDir).toBe(other)
    await call(services, 'project.openFolder', { imagesDir })
    const again = await call<typeof recent>(services, 'project.recent', {})
    expect(again.map((r) => r.imagesDir)).toEqual([imagesDir, other])
  })

  it('saves every edit as it happens, clamps boxes to the image and pushes the new badge', async () => {
    const { imagesDir, services } = await setup(1)
    const { id } = await call<{ id: string }>(services, 'project.openFolder', { imagesDir })
    const badges: EventMap['project.imageStatus'][] = []
    services.events.subscribe('project.imageStatus', (e) => badges.push(e))
    const opened = await call<{ width: number; doc: { boxes: unknown[] } }>(
      services,
      'annotations.get',
      { projectId: id, key: 'sub/img0.png' },
    )
    expect(opened).toMatchObject({ width: 200, doc: { boxes: [] } })
    // The box overhangs the 200 px wide image by 20 px: it is stored clamped.
    const overhang = { ...suggestion('a', 0.9), box: { x: 190, y: 10, width: 30, height: 20 } }
    const saved = await call(services, 'annotations.save', {
      projectId: id,
      key: 'sub/img0.png',
      boxes: [overhang],
    })
    expect(saved).toEqual({ status: 'suggested', pending: 1, kept: 0 })
    const again = await call<{ doc: { boxes: AnnotationBox[] } }>(services, 'annotations.get', {
      projectId: id,
      key: 'sub/img0.png',
    })
    expect(again.doc.boxes[0]?.box).toEqual({ x: 190, y: 10, width: 10, height: 20 })
    expect(badges).toEqual([
      {
        projectId: id,
        key: 'sub/img0.png',
        status: 'suggested',
        pending: 1,
        kept: 0,
        lowest: 0.9,
      },
    ])
    await expect(
      services.invoke('annotations.get', { projectId: id, key: '../../etc/passwd' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    })
  })

  it('accepts suggestions above a threshold across the folder, per class when asked, and finds the next pending image', async () => {
    const { imagesDir, services } = await setup(3)
    const { id } = await call<{ id: string }>(services, 'project.openFolder', { imagesDir })
    await call(services, 'annotations.save', {
      projectId: id,
      key: 'img1.png',
      boxes: [suggestion('a', 0.9), suggestion('b', 0.3, 60)],
    })
    await call(services, 'annotations.save', {
      projectId: id,
      key: 'img2.png',
      boxes: [suggestion('c', 0.6)],
    })
    expect(
      await call(services, 'review.nextPending', { projectId: id, afterKey: 'img1.png' }),
    ).toEqual({ key: 'img2.png' })
    const result = await call(services, 'review.acceptAbove', {
      projectId: id,
      threshold: 0.5,
      perClass: {},
    })
    expect(result).toEqual({ images: 2, accepted: 2 })
    const img1 = await call<{ doc: { boxes: AnnotationBox[] } }>(services, 'annotations.get', {
      projectId: id,
      key: 'img1.png',
    })
    expect(img1.doc.boxes.map((b) => [b.id, b.state])).toEqual([
      ['a', 'accepted'],
      ['b', 'suggested'],
    ])
    expect(
      await call(services, 'review.nextPending', { projectId: id, afterKey: 'img2.png' }),
    ).toEqual({ key: 'img1.png' })
    const filtered = await call<{ total: number }>(services, 'project.images', {
      projectId: id,
      offset: 0,
      limit: 10,
      filter: 'pending',
    })
    expect(filtered.total).toBe(1)
  })

  it('reopens where the user was and keeps the badges from the last session', async () => {
    const { root, imagesDir, services } = await setup(2)
    const { id } = await call<{ id: string }>(services, 'project.openFolder', { imagesDir })
    await call(services, 'annotations.save', {
      projectId: id,
      key: 'img1.png',
      boxes: [{ ...suggestion('a', 0.9), state: 'accepted' }],
    })
    await call(services, 'project.update', { projectId: id, position: { imageKey: 'img1.png' } })
    await services.close()
    open.pop()
    const later = createTestServices(join(root, 'data'))
    open.push(later)
    const info = await call<{ id: string; position: { imageKey: string } }>(
      later,
      'project.openFolder',
      { imagesDir },
    )
    expect(info.position.imageKey).toBe('img1.png')
    const page = await call<{ items: { key: string; status: string; kept: number }[] }>(
      later,
      'project.images',
      { projectId: info.id, offset: 0, limit: 5 },
    )
    expect(page.items.find((i) => i.key === 'img1.png')).toMatchObject({
      status: 'reviewed',
      kept: 1,
    })
  })

  it('exports COCO in the background with progress, writing a file the pre-flight check accepts', async () => {
    const { root, imagesDir, services } = await setup(2)
    const { id } = await call<{ id: string }>(services, 'project.openFolder', { imagesDir })
    await call(services, 'annotations.save', {
      projectId: id,
      key: 'img1.png',
      boxes: [{ ...suggestion('a', 0.9), state: 'accepted' }],
    })
    const finished = new Promise<EventMap['export.finished']>((resolve) =>
      services.events.subscribe('export.finished', resolve),
    )
    const target = join(root, 'out', 'coco.json')
    await call(services, 'export.start', { projectId: id, format: 'coco', target })
    const summary = await finished
    expect(summary).toMatchObject({ error: null, cancelled: false, images: 2, annotations: 1 })
    const coco = JSON.parse(await readFile(target, 'utf8')) as unknown
    expect(validateCoco(coco).ok).toBe(true)
  })
})

describe('project service with the batch engine', () => {
  it('updates the badges of an open project as batch results land', async () => {
    const { startEmulator } = await import('../../support/emulator')
    const emulator = await startEmulator()
    try {
      const { root, services } = await setup(0)
      const imagesDir = join(root, 'shapes')
      await mkdir(imagesDir)
      const { buffer } = await makeShapesImage({
        width: 120,
        height: 90,
        shapes: [{ colour: 'blue', x: 5, y: 5, width: 30, height: 20 }],
        format: 'png',
      })
      await writeFile(join(imagesDir, 'a.png'), buffer)
      await writeFile(join(imagesDir, 'bad.png'), 'broken')
      await call(services, 'profile.save', {
        profile: { name: 'E', kind: 'local', baseUrls: [emulator.url] },
        activate: true,
      })
      const { id } = await call<{ id: string }>(services, 'project.openFolder', { imagesDir })
      const badges: EventMap['project.imageStatus'][] = []
      services.events.subscribe('project.imageStatus', (e) => badges.push(e))
      const finished = new Promise((resolve) =>
        services.events.subscribe('batch.finished', resolve),
      )
      await call(services, 'batch.start', {
        projectId: id,
        model: { kind: 'grounding-dino', classes: ['blue'] },
      })
      await finished
      expect(badges.map((b) => [b.key, b.status]).sort()).toEqual([
        ['a.png', 'suggested'],
        ['bad.png', 'failed'],
      ])
      const page = await call<{ items: { key: string; status: string; error?: string }[] }>(
        services,
        'project.images',
        { projectId: id, offset: 0, limit: 5 },
      )
      expect(page.items.find((i) => i.key === 'bad.png')?.error).toMatch(/bad\.png/)
      // The batch wrote through the open project's own store: a later edit keeps its class and run.
      const updated = await call<{ classes: string[] }>(services, 'project.update', {
        projectId: id,
        position: { imageKey: 'a.png' },
      })
      expect(updated.classes).toEqual(['blue'])
      expect(services.projects.storeOf(id).file.runs).toHaveLength(1)
    } finally {
      await emulator.close()
    }
  })
})
