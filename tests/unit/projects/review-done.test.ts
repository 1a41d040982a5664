import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services'
import type { BatchSummary } from '../../../src/shared/batch'
import type { ImageEntry, ImagePage, ProjectInfo } from '../../../src/shared/project'
import { startEmulator } from '../../support/emulator'
import { call, callError, createTestServices } from '../../support/services'
import { makeShapesImage } from '../../support/test-images'

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

/** Three images with no red in them: a run for "red" finds nothing on any. */
async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-done-'))
  const imagesDir = join(root, 'images')
  await mkdir(imagesDir)
  for (const name of ['a.png', 'b.png', 'c.png']) {
    const { buffer } = await makeShapesImage({
      width: 120,
      height: 90,
      shapes: [{ colour: 'blue', x: 10, y: 10, width: 30, height: 20 }],
      format: 'png',
    })
    await writeFile(join(imagesDir, name), buffer)
  }
  const emulator = await startEmulator()
  const dataDir = join(root, 'data')
  const services = createTestServices(dataDir)
  open.push(services, emulator)
  await call(services, 'profile.save', {
    profile: { name: 'Emulator', kind: 'local', baseUrls: [emulator.url], maxConcurrency: 2 },
    activate: true,
  })
  const info = await call<ProjectInfo>(services, 'project.openFolder', { imagesDir })
  return { root, imagesDir, dataDir, services, info }
}

async function runRed(services: Services, projectId: string): Promise<BatchSummary> {
  const finished = new Promise<BatchSummary>((resolve) => {
    const stop = services.events.subscribe('batch.finished', (summary) => {
      stop()
      resolve(summary)
    })
  })
  await call(services, 'batch.start', {
    projectId,
    model: { kind: 'grounding-dino', classes: ['red'] },
  })
  return finished
}

const statuses = async (services: Services, projectId: string) => {
  const page = await call<ImagePage>(services, 'project.images', {
    projectId,
    offset: 0,
    limit: 10,
  })
  return Object.fromEntries(page.items.map((i) => [i.key, i.status]))
}

const total = async (services: Services, projectId: string, filter: string) =>
  (await call<ImagePage>(services, 'project.images', { projectId, offset: 0, limit: 1, filter }))
    .total

describe('review states: nothing found is not reviewed until a person confirms it', () => {
  it('keeps images where the model found nothing out of "reviewed" until confirmed empty', async () => {
    const { services, info } = await setup()
    const summary = await runRed(services, info.id)
    expect(summary).toMatchObject({ done: 3, failed: 0 })
    expect(await statuses(services, info.id)).toEqual({
      'a.png': 'empty',
      'b.png': 'empty',
      'c.png': 'empty',
    })
    expect(await total(services, info.id, 'reviewed')).toBe(0)
    // "Next to review" visits them, and the "not reviewed yet" filter lists them.
    expect(await total(services, info.id, 'pending')).toBe(3)
    expect(
      await call(services, 'review.nextPending', { projectId: info.id, afterKey: null }),
    ).toEqual({ key: 'a.png' })

    const confirmed = await call<ImageEntry>(services, 'review.markDone', {
      projectId: info.id,
      key: 'b.png',
      done: true,
    })
    expect(confirmed).toMatchObject({ key: 'b.png', status: 'reviewed', done: true })
    expect(await total(services, info.id, 'reviewed')).toBe(1)
    expect(await total(services, info.id, 'empty')).toBe(2)
    expect(
      await call(services, 'review.nextPending', { projectId: info.id, afterKey: 'a.png' }),
    ).toEqual({ key: 'c.png' })
  })

  it('remembers who confirmed what across a restart, and can take it back', async () => {
    const { services, info, dataDir, imagesDir } = await setup()
    await runRed(services, info.id)
    await call(services, 'review.markDone', { projectId: info.id, key: 'a.png', done: true })
    await services.close()
    open.splice(open.indexOf(services), 1)

    const again = createTestServices(dataDir)
    open.push(again)
    const reopened = await call<ProjectInfo>(again, 'project.openFolder', { imagesDir })
    expect(await statuses(again, reopened.id)).toEqual({
      'a.png': 'reviewed',
      'b.png': 'empty',
      'c.png': 'empty',
    })
    const opened = await call<{ doc: { doneAt?: string | null } }>(again, 'annotations.get', {
      projectId: reopened.id,
      key: 'a.png',
    })
    expect(opened.doc.doneAt).toEqual(expect.any(String))
    const undone = await call<ImageEntry>(again, 'review.markDone', {
      projectId: reopened.id,
      key: 'a.png',
      done: false,
    })
    expect(undone.status).toBe('empty')
  })

  it('refuses "done" while a suggestion waits, and counts a rejection as looked at', async () => {
    const { services, info } = await setup()
    const box = {
      id: 's1',
      className: 'dog',
      box: { x: 1, y: 1, width: 10, height: 10 },
      confidence: 0.8,
      source: 'model',
      state: 'suggested',
    }
    await call(services, 'annotations.save', { projectId: info.id, key: 'a.png', boxes: [box] })
    const refused = await callError(services, 'review.markDone', {
      projectId: info.id,
      key: 'a.png',
      done: true,
    })
    expect(refused).toEqual({
      code: 'invalid-input',
      message:
        'One suggestion still waits for a decision on this image: accept or reject it first.',
    })
    await call(services, 'annotations.save', {
      projectId: info.id,
      key: 'a.png',
      boxes: [{ ...box, state: 'rejected' }],
    })
    expect((await statuses(services, info.id))['a.png']).toBe('reviewed')
  })

  it('exports only reviewed images unless asked for every image', async () => {
    const { root, services, info } = await setup()
    await runRed(services, info.id)
    await call(services, 'review.markDone', { projectId: info.id, key: 'c.png', done: true })
    const exported = async (images: 'reviewed' | 'all', name: string) => {
      const target = join(root, name)
      const finished = new Promise<EventMapSummary>((resolve) => {
        const stop = services.events.subscribe('export.finished', (s) => {
          stop()
          resolve(s)
        })
      })
      await call(services, 'export.start', { projectId: info.id, format: 'coco', target, images })
      const summary = await finished
      const coco = JSON.parse(await readFile(target, 'utf8')) as {
        images: { file_name: string }[]
      }
      return { summary, names: coco.images.map((i) => i.file_name) }
    }
    const reviewed = await exported('reviewed', 'reviewed.json')
    // c.png was confirmed empty: a true negative. a and b: nobody looked, so they stay out.
    expect(reviewed.names).toEqual(['c.png'])
    expect(reviewed.summary.warnings).toContain(
      '2 images were left out: not reviewed yet (choose “Every image” to include them).',
    )
    expect((await exported('all', 'all.json')).names.sort()).toEqual(['a.png', 'b.png', 'c.png'])
  })
})

type EventMapSummary = { warnings: string[] }
