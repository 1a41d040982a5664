import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services'
import type { AnnotationBox } from '../../../src/shared/annotations'
import type {
  EventMap,
  ImagePage,
  ImportReport,
  OpenedAnnotations,
  ProjectInfo,
} from '../../../src/shared/contract'
import { writeImages, writeJson } from '../../support/import-fixtures'
import { call, callError, createTestServices } from '../../support/services'

const open: Services[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

/** A folder of three images (one in a sub-folder, one with a Cyrillic name), opened as a project. */
async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-import-'))
  const imagesDir = join(root, 'images')
  await writeImages(imagesDir, [
    ['a.png', 200, 100],
    ['sub/b.png', 120, 80],
    ['фото.png', 64, 64],
  ])
  const services = createTestServices(join(root, 'data'))
  open.push(services)
  const project = await call<ProjectInfo>(services, 'project.openFolder', { imagesDir })
  return { root, imagesDir, services, project }
}

const boxesOf = async (services: Services, projectId: string, key: string) =>
  (await call<OpenedAnnotations>(services, 'annotations.get', { projectId, key })).doc.boxes

const coco = {
  info: {},
  licenses: [],
  images: [
    { id: 1, file_name: 'a.png', width: 200, height: 100 },
    // A path from another machine: matched by its tail.
    { id: 2, file_name: '/home/someone/data/sub/b.png', width: 120, height: 80 },
    { id: 3, file_name: 'missing.png', width: 10, height: 10 },
    { id: 4, file_name: 'фото.png', width: 64, height: 64 },
  ],
  categories: [
    { id: 1, name: 'cat', supercategory: 'animal' },
    { id: 2, name: 'dog', supercategory: 'animal' },
  ],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 50, 40], area: 2000, iscrowd: 0 },
    { id: 2, image_id: 1, category_id: 2, bbox: [180, 60, 40, 60], area: 2400, iscrowd: 0 },
    {
      id: 3,
      image_id: 2,
      category_id: 2,
      bbox: [5, 5, 20, 20],
      area: 400,
      iscrowd: 0,
      score: 0.42,
    },
    { id: 4, image_id: 3, category_id: 1, bbox: [1, 1, 2, 2], area: 4, iscrowd: 0 },
    { id: 5, image_id: 2, category_id: 9, bbox: [1, 1, 2, 2], area: 4, iscrowd: 0 },
    { id: 6, image_id: 1, category_id: 1, bbox: [0, 0, 9, 9], area: 81, iscrowd: 1 },
  ],
}

describe('importing a COCO file into a project', () => {
  it('checks first without writing, then imports: classes added, boxes clamped, every skip said', async () => {
    const { root, services, project } = await setup()
    await call(services, 'project.update', { projectId: project.id, classes: ['dog', 'bird'] })
    const source = await writeJson(join(root, 'in', 'coco.json'), coco)
    const request = { projectId: project.id, format: 'coco', source }

    const check = await call<ImportReport>(services, 'import.run', { ...request, dryRun: true })
    expect(check).toMatchObject({ dryRun: true, changedImages: 2, labels: 2, suggestions: 1 })
    expect(await boxesOf(services, project.id, 'a.png')).toEqual([])
    const page = await call<ImagePage>(services, 'project.images', {
      projectId: project.id,
      offset: 0,
      limit: 10,
    })
    expect(page.items.every((i) => i.status === 'not-run')).toBe(true)

    const badges: EventMap['project.imageStatus'][] = []
    services.events.subscribe('project.imageStatus', (e) => badges.push(e))
    const report = await call<ImportReport>(services, 'import.run', request)
    expect(report).toMatchObject({
      format: 'coco',
      dryRun: false,
      cancelled: false,
      matchedImages: 3,
      changedImages: 2,
      labels: 2,
      suggestions: 1,
      duplicates: 0,
      newClasses: ['cat'],
      firstKey: 'a.png',
    })
    expect(report.skippedImages.items).toEqual([
      { where: 'missing.png', message: 'matches no image in the project folder' },
    ])
    expect(report.skippedBoxes.items.map((n) => n.message)).toEqual([
      'its image is not imported',
      'no category has id 9',
      'a crowd region, not one object',
    ])
    expect(report.clamped.items).toEqual([
      { where: 'a.png, annotation 2', message: 'reached outside the image; clamped' },
    ])

    const a = await boxesOf(services, project.id, 'a.png')
    expect(a.map((b) => [b.className, b.box, b.source, b.state])).toEqual([
      ['cat', { x: 10, y: 10, width: 50, height: 40 }, 'user', 'accepted'],
      ['dog', { x: 180, y: 60, width: 20, height: 40 }, 'user', 'accepted'],
    ])
    const b = await boxesOf(services, project.id, 'sub/b.png')
    expect(b).toMatchObject([{ className: 'dog', confidence: 0.42, state: 'suggested' }])
    // Known classes keep their place (and export id); the new one comes after.
    const info = await call<ProjectInfo>(services, 'project.update', { projectId: project.id })
    expect(info.classes).toEqual(['dog', 'bird', 'cat'])
    expect(badges.map((e) => [e.key, e.status, e.pending, e.kept])).toEqual([
      ['a.png', 'reviewed', 0, 2],
      ['sub/b.png', 'suggested', 1, 0],
    ])
  })

  it('imports the same file twice without doubling a box, and replaces only when asked', async () => {
    const { root, services, project } = await setup()
    const source = await writeJson(join(root, 'coco.json'), coco)
    const request = { projectId: project.id, format: 'coco', source }
    await call(services, 'import.run', request)
    const again = await call<ImportReport>(services, 'import.run', request)
    expect(again).toMatchObject({ changedImages: 0, labels: 0, suggestions: 0, duplicates: 3 })
    expect(await boxesOf(services, project.id, 'a.png')).toHaveLength(2)

    const drawn: AnnotationBox = {
      id: 'mine',
      className: 'cat',
      box: { x: 100, y: 5, width: 10, height: 10 },
      confidence: null,
      source: 'user',
      state: 'accepted',
    }
    const kept = await boxesOf(services, project.id, 'a.png')
    await call(services, 'annotations.save', {
      projectId: project.id,
      key: 'a.png',
      boxes: [...kept, drawn],
    })
    const replaced = await call<ImportReport>(services, 'import.run', {
      ...request,
      mode: 'replace',
    })
    expect(replaced.replaced).toBe(3 + 1)
    const after = await boxesOf(services, project.id, 'a.png')
    expect(after.map((b) => b.id)).not.toContain('mine')
    expect(after).toHaveLength(2)
  })

  it('turns a pending suggestion into the label the file has for it', async () => {
    const { root, services, project } = await setup()
    const pending: AnnotationBox = {
      id: 'guess',
      className: 'cat',
      box: { x: 11, y: 10, width: 49, height: 40 },
      confidence: 0.6,
      source: 'model',
      state: 'suggested',
    }
    await call(services, 'annotations.save', {
      projectId: project.id,
      key: 'a.png',
      boxes: [pending],
    })
    const source = await writeJson(join(root, 'coco.json'), coco)
    const report = await call<ImportReport>(services, 'import.run', {
      projectId: project.id,
      format: 'coco',
      source,
    })
    expect(report.replaced).toBe(1)
    const a = await boxesOf(services, project.id, 'a.png')
    expect(a.map((b) => [b.className, b.state])).toEqual([
      ['cat', 'accepted'],
      ['dog', 'accepted'],
    ])
  })

  it('scales boxes made on a resized copy, and refuses a size of another shape', async () => {
    const { root, services, project } = await setup()
    const file = {
      images: [
        { id: 1, file_name: 'a.png', width: 400, height: 200 },
        { id: 2, file_name: 'sub/b.png', width: 80, height: 120 },
      ],
      categories: [{ id: 1, name: 'cat' }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, bbox: [20, 20, 100, 80] },
        { id: 2, image_id: 2, category_id: 1, bbox: [1, 1, 10, 10] },
      ],
    }
    const source = await writeJson(join(root, 'coco.json'), file)
    const report = await call<ImportReport>(services, 'import.run', {
      projectId: project.id,
      format: 'coco',
      source,
    })
    expect(report.rescaled.items).toEqual([
      {
        where: 'a.png',
        message: 'the file says 400×200, the image is 200×100: boxes scaled to fit',
      },
    ])
    expect(report.skippedImages.items[0]?.where).toBe('sub/b.png')
    expect(report.skippedImages.items[0]?.message).toContain('would land in the wrong place')
    const a = await boxesOf(services, project.id, 'a.png')
    expect(a.map((b) => b.box)).toEqual([{ x: 10, y: 10, width: 50, height: 40 }])
    expect(await boxesOf(services, project.id, 'sub/b.png')).toEqual([])
  })

  it('skips an image it cannot read and says why, importing the rest', async () => {
    const { root, imagesDir, services, project } = await setup()
    await writeFile(join(imagesDir, 'фото.png'), 'not a png at all')
    const source = await writeJson(join(root, 'coco.json'), {
      ...coco,
      annotations: [
        ...coco.annotations,
        { id: 7, image_id: 4, category_id: 1, bbox: [1, 1, 5, 5] },
      ],
    })
    const report = await call<ImportReport>(services, 'import.run', {
      projectId: project.id,
      format: 'coco',
      source,
    })
    expect(report.changedImages).toBe(2)
    const photo = report.skippedImages.items.find((n) => n.where === 'фото.png')
    expect(photo?.message).toMatch(/фото\.png/)
  })

  it('refuses what is not a COCO file with a message that names it', async () => {
    const { root, services, project } = await setup()
    const request = (source: string) => ({ projectId: project.id, format: 'coco', source })
    const broken = join(root, 'broken.json')
    await writeFile(broken, '{"images": [')
    expect(await callError(services, 'import.run', request(broken))).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^broken\.json is not valid JSON/),
    })
    const other = await writeJson(join(root, 'other.json'), { hello: 1 })
    expect((await callError(services, 'import.run', request(other))).message).toContain(
      'This is not a COCO file',
    )
    expect(await callError(services, 'import.run', request(root))).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('is a folder'),
    })
    expect((await callError(services, 'import.run', request(join(root, 'nope.json')))).code).toBe(
      'not-found',
    )
  })

  it('exports, imports into a fresh project and exports again: the same file', async () => {
    const { root, imagesDir, services, project } = await setup()
    const source = await writeJson(join(root, 'coco.json'), coco)
    await call(services, 'import.run', { projectId: project.id, format: 'coco', source })
    const exportTo = async (s: Services, projectId: string, target: string): Promise<string> => {
      const finished = new Promise<EventMap['export.finished']>((resolve) =>
        s.events.subscribe('export.finished', resolve),
      )
      await call(s, 'export.start', {
        projectId,
        format: 'coco',
        target,
        include: 'accepted+suggested',
      })
      expect((await finished).error).toBeNull()
      return readFile(target, 'utf8')
    }
    const first = await exportTo(services, project.id, join(root, 'out1', 'coco.json'))

    const fresh = createTestServices(join(root, 'data2'))
    open.push(fresh)
    const other = await call<ProjectInfo>(fresh, 'project.openFolder', { imagesDir })
    const report = await call<ImportReport>(fresh, 'import.run', {
      projectId: other.id,
      format: 'coco',
      source: join(root, 'out1', 'coco.json'),
    })
    expect(report.skippedImages.total + report.skippedBoxes.total).toBe(0)
    const second = await exportTo(fresh, other.id, join(root, 'out2', 'coco.json'))
    const stripDate = (text: string) => text.replace(/"date_created":\s*"[^"]*"/g, '')
    expect(stripDate(second)).toBe(stripDate(first))
  })
})

describe('importing a YOLO dataset into a project', () => {
  async function writeYolo(root: string, layout: { names: string; labels: string }) {
    const labels = join(root, layout.labels)
    await mkdir(join(labels, 'sub'), { recursive: true })
    await writeFile(join(root, layout.names), 'names:\n  0: cat\n  1: dog\n')
    await writeFile(join(labels, 'a.txt'), '0 0.175 0.3 0.25 0.4\n1 0.95 0.8 0.2 0.6\n')
    await writeFile(join(labels, 'sub', 'b.txt'), '1 0.5 0.5 0.25 0.25 0.8\n7 0.5 0.5 0.1 0.1\n')
    await writeFile(join(labels, 'stray.txt'), '0 0.5 0.5 0.1 0.1\n')
  }

  it('reads the dataset folder, its labels folder or its data.yaml alike', async () => {
    for (const pick of ['root', 'labels', 'yaml'] as const) {
      const { root, services, project } = await setup()
      const dataset = join(root, 'dataset')
      await writeYolo(dataset, { names: 'data.yaml', labels: 'labels' })
      const source =
        pick === 'root'
          ? dataset
          : pick === 'labels'
            ? join(dataset, 'labels')
            : join(dataset, 'data.yaml')
      const report = await call<ImportReport>(services, 'import.run', {
        projectId: project.id,
        format: 'yolo',
        source,
      })
      expect(report, pick).toMatchObject({
        matchedImages: 2,
        changedImages: 2,
        labels: 2,
        suggestions: 1,
        unlabelled: 1,
        newClasses: ['cat', 'dog'],
      })
      expect(report.skippedImages.items).toEqual([
        { where: 'labels/stray.txt', message: 'belongs to no image of the folder' },
      ])
      expect(report.skippedBoxes.items).toEqual([
        { where: 'sub/b.png, line 2', message: 'class 7 is not in the class list' },
      ])
      expect(report.clamped.total).toBe(1)
      const a = await boxesOf(services, project.id, 'a.png')
      expect(a.map((b) => b.className)).toEqual(['cat', 'dog'])
      expect(a[0]!.box.x).toBeCloseTo(10, 6)
      expect(a[0]!.box.width).toBeCloseTo(50, 6)
      expect(a[1]!.box).toEqual({ x: 170, y: 50, width: 30, height: 50 })
    }
  })

  it('finds labels under a sub-folder named like the images folder (labels/train for images/train)', async () => {
    const { root, services, project } = await setup()
    const dataset = join(root, 'dataset')
    await mkdir(join(dataset, 'labels', 'images'), { recursive: true })
    await writeFile(join(dataset, 'classes.txt'), 'cat\ndog\n')
    await writeFile(join(dataset, 'labels', 'images', 'a.txt'), '0 0.5 0.5 0.5 0.5\n')
    const report = await call<ImportReport>(services, 'import.run', {
      projectId: project.id,
      format: 'yolo',
      source: dataset,
    })
    expect(report).toMatchObject({ changedImages: 1, labels: 1, unlabelled: 2 })
    expect(report.skippedImages.total).toBe(0)
  })

  it('says where class names are missing instead of guessing them', async () => {
    const { root, services, project } = await setup()
    const dataset = join(root, 'nameless')
    await mkdir(join(dataset, 'labels'), { recursive: true })
    await writeFile(join(dataset, 'labels', 'a.txt'), '0 0.5 0.5 0.5 0.5\n')
    const error = await callError(services, 'import.run', {
      projectId: project.id,
      format: 'yolo',
      source: dataset,
    })
    expect(error.code).toBe('invalid-input')
    expect(error.message).toContain('No data.yaml or classes.txt')
    expect(await boxesOf(services, project.id, 'a.png')).toEqual([])
  })
})
