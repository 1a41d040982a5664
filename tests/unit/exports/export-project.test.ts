import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { AnnotationBox, ImageAnnotations } from '../../../src/shared/annotations'
import { validateCoco } from '../../../src/main/services/exports/coco-validate'
import {
  exportProject,
  type ExportProgress,
} from '../../../src/main/services/exports/export-project'
import { withClasses } from '../../../src/main/services/projects/project-file'
import { ProjectStore } from '../../../src/main/services/projects/project-store'
import { parseCoco } from '../../../src/main/services/imports/coco-import'
import { makeShapesImage } from '../../support/test-images'
import { makeBmp } from './sample-project'

const box = (
  className: string,
  x: number,
  y: number,
  w: number,
  h: number,
  extra: Partial<AnnotationBox> = {},
): AnnotationBox => ({
  id: `${className}-${x}-${y}`,
  className,
  box: { x, y, width: w, height: h },
  confidence: null,
  source: 'user',
  state: 'accepted',
  ...extra,
})

/**
 * A project over four images: a.jpg (640x480, annotated), sub/a.jpg (stored 80x120 with EXIF
 * orientation 6, so 120x80 as shown; never annotated), sub/b.png (annotated, no boxes kept) and
 * scan.bmp (7x5, never annotated).
 */
async function makeProject() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-export-'))
  const imagesDir = join(root, 'photos')
  await mkdir(join(imagesDir, 'sub'), { recursive: true })
  const a = await makeShapesImage({
    width: 640,
    height: 480,
    shapes: [{ colour: 'red', x: 10, y: 20, width: 100, height: 50 }],
  })
  await writeFile(join(imagesDir, 'a.jpg'), a.buffer)
  await writeFile(
    join(imagesDir, 'sub', 'a.jpg'),
    (await makeShapesImage({ width: 120, height: 80, orientation: 6, shapes: [] })).buffer,
  )
  await writeFile(
    join(imagesDir, 'sub', 'b.png'),
    (await makeShapesImage({ width: 32, height: 24, format: 'png', shapes: [] })).buffer,
  )
  await writeFile(join(imagesDir, 'scan.bmp'), makeBmp(7, 5))
  const store = await ProjectStore.openOrCreate(join(root, 'project'), imagesDir)
  await store.update((f) => withClasses(f, ['cat', 'dog']))
  const docs: ImageAnnotations[] = [
    {
      key: 'a.jpg',
      width: 640,
      height: 480,
      lastRun: { runKey: 'r1', at: '2026-11-01T00:00:00Z' },
      boxes: [
        box('cat', 10, 20, 100, 50),
        box('dog', 300.25, 200.5, 80, 60, {
          source: 'model',
          state: 'suggested',
          confidence: 0.66,
        }),
        box('dog', 400, 100, 30, 30, { source: 'model', state: 'rejected', confidence: 0.2 }),
      ],
    },
    {
      key: 'sub/b.png',
      width: 32,
      height: 24,
      lastRun: null,
      boxes: [box('cat', 1, 1, 5, 5, { source: 'model', state: 'rejected', confidence: 0.5 })],
    },
  ]
  for (const doc of docs) await store.writeAnnotations(doc)
  return { root, imagesDir, store }
}

const listDir = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true })).map(String).sort()

describe('exporting a project', () => {
  it('writes COCO JSON for every image, with oriented sizes, relative names and no local paths', async () => {
    const { root, imagesDir, store } = await makeProject()
    const outFile = join(root, 'out', 'dataset.json')
    const progress: ExportProgress[] = []
    const summary = await exportProject({
      store,
      format: 'coco',
      outFile,
      onProgress: (p) => progress.push(p),
    })
    const text = await readFile(outFile, 'utf8')
    const json = JSON.parse(text)
    expect(validateCoco(json).ok).toBe(true)
    // Natural scan order: files of a folder first, then its sub-folders.
    expect(
      json.images.map((i: { file_name: string; width: number; height: number }) => [
        i.file_name,
        i.width,
        i.height,
      ]),
    ).toEqual([
      ['a.jpg', 640, 480],
      ['scan.bmp', 7, 5],
      ['sub/a.jpg', 120, 80],
      ['sub/b.png', 32, 24],
    ])
    expect(json.annotations).toHaveLength(1)
    expect(text).not.toContain(root)
    expect(text).not.toContain(imagesDir)
    expect(summary).toMatchObject({ images: 4, annotations: 1, skippedImages: [] })
    expect(progress.at(-1)).toEqual({ phase: 'reading', done: 4, total: 4 })
    expect((await readdir(join(root, 'out'))).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('skips an unreadable image it has no annotations for, and says so', async () => {
    const { root, imagesDir, store } = await makeProject()
    await writeFile(join(imagesDir, 'broken.jpg'), 'not a picture')
    const summary = await exportProject({ store, format: 'coco', outFile: join(root, 'd.json') })
    expect(summary.images).toBe(4)
    expect(summary.skippedImages).toEqual([
      { key: 'broken.jpg', reason: expect.stringContaining('broken.jpg') },
    ])
  })

  it('writes absolute image paths only when asked', async () => {
    const { root, imagesDir, store } = await makeProject()
    const outFile = join(root, 'abs.json')
    await exportProject({ store, format: 'coco', outFile, options: { absolutePaths: true } })
    const json = JSON.parse(await readFile(outFile, 'utf8'))
    expect(json.images[0].file_name).toBe(join(imagesDir, 'a.jpg'))
  })

  it('copies the images flat next to the JSON, making clashing names unique', async () => {
    const { root, imagesDir, store } = await makeProject()
    const outDir = join(root, 'coco')
    await exportProject({ store, format: 'coco', outDir, options: { copyImages: true } })
    expect(await listDir(outDir)).toEqual([
      'annotations.json',
      'images',
      'images/a.jpg',
      'images/b.png',
      'images/scan.bmp',
      'images/sub_a.jpg',
    ])
    const json = JSON.parse(await readFile(join(outDir, 'annotations.json'), 'utf8'))
    expect(json.images.map((i: { file_name: string }) => i.file_name)).toEqual([
      'a.jpg',
      'scan.bmp',
      'sub_a.jpg',
      'b.png',
    ])
    expect(await readFile(join(outDir, 'images', 'sub_a.jpg'))).toEqual(
      await readFile(join(imagesDir, 'sub', 'a.jpg')),
    )
  })

  it('writes YOLO labels for every image (empty when none) and data.yaml, in a folder that appears whole', async () => {
    const { root, store } = await makeProject()
    const outDir = join(root, 'yolo')
    await exportProject({
      store,
      format: 'yolo',
      outDir,
      options: { include: 'accepted+suggested' },
    })
    expect(await listDir(outDir)).toEqual([
      'data.yaml',
      'labels',
      'labels/a.txt',
      'labels/scan.txt',
      'labels/sub',
      'labels/sub/a.txt',
      'labels/sub/b.txt',
    ])
    // Suggested dog: centre (340.25, 230.5) and 80x60 over 640x480.
    expect(await readFile(join(outDir, 'labels', 'a.txt'), 'utf8')).toBe(
      '0 0.093750 0.093750 0.156250 0.104167\n1 0.531641 0.480208 0.125000 0.125000\n',
    )
    expect(await readFile(join(outDir, 'labels', 'sub', 'a.txt'), 'utf8')).toBe('')
    expect(await readdir(root)).not.toContainEqual(expect.stringMatching(/partial/))
  })

  it('writes Pascal VOC with a README stating the corner convention', async () => {
    const { root, store } = await makeProject()
    const outDir = join(root, 'voc')
    await exportProject({ store, format: 'voc', outDir })
    expect(await listDir(outDir)).toContain('Annotations/sub/a.xml')
    expect(await readFile(join(outDir, 'README.txt'), 'utf8')).toMatch(
      /1-based integer pixel indices/,
    )
  })

  it('writes annotated images in their own format (BMP as PNG), at full oriented size', async () => {
    const { root, store } = await makeProject()
    const outDir = join(root, 'drawn')
    const summary = await exportProject({ store, format: 'annotated', outDir })
    expect(await listDir(outDir)).toEqual(['a.jpg', 'scan.png', 'sub', 'sub/a.jpg', 'sub/b.png'])
    const meta = await sharp(join(outDir, 'sub', 'a.jpg')).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 120, 80])
    expect(summary.skippedImages).toEqual([])
  })

  it('leaves nothing behind when a folder export is cancelled half way', async () => {
    const { root, store } = await makeProject()
    const controller = new AbortController()
    const outDir = join(root, 'drawn')
    const run = exportProject({
      store,
      format: 'annotated',
      outDir,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing' && p.done === 2) controller.abort()
      },
    })
    await expect(run).rejects.toMatchObject({ code: 'cancelled' })
    expect(await readdir(root)).toEqual(['photos', 'project'])
  })

  it('leaves no file when a COCO export is cancelled while reading', async () => {
    const { root, store } = await makeProject()
    const controller = new AbortController()
    const outFile = join(root, 'dataset.json')
    const run = exportProject({
      store,
      format: 'coco',
      outFile,
      signal: controller.signal,
      onProgress: (p) => p.phase === 'reading' && p.done === 1 && controller.abort(),
    })
    await expect(run).rejects.toMatchObject({ code: 'cancelled' })
    expect(await readdir(root)).toEqual(['photos', 'project'])
  })

  it('removes the half-built folder and names the image when a copy fails', async () => {
    const { root, store } = await makeProject()
    await store.writeAnnotations({
      key: 'gone.jpg',
      width: 10,
      height: 10,
      boxes: [],
      lastRun: null,
    })
    const run = exportProject({
      store,
      format: 'coco',
      outDir: join(root, 'coco'),
      options: { copyImages: true },
      imageKeys: ['a.jpg', 'gone.jpg'],
    })
    await expect(run).rejects.toMatchObject({
      code: 'file-unreadable',
      // The cause, in words: the file is not there any more.
      message: '"gone.jpg" could not be copied: no such file or folder.',
    })
    expect(await readdir(root)).toEqual(['photos', 'project'])
  })

  it('refuses a non-empty folder unless asked to replace it, and then replaces it whole', async () => {
    const { root, store } = await makeProject()
    const outDir = join(root, 'yolo')
    await mkdir(outDir)
    await writeFile(join(outDir, 'keep.txt'), 'mine')
    await expect(exportProject({ store, format: 'yolo', outDir })).rejects.toMatchObject({
      code: 'invalid-input',
    })
    expect(await readdir(outDir)).toEqual(['keep.txt'])
    await exportProject({ store, format: 'yolo', outDir, options: { overwrite: true } })
    expect(await readdir(outDir)).toEqual(['data.yaml', 'labels'])
    expect((await readdir(root)).sort()).toEqual(['photos', 'project', 'yolo'])
  })

  it('refuses to write a COCO file a consumer would reject, with the reasons', async () => {
    const { root, store } = await makeProject()
    await store.update((f) => withClasses(f, ['_background_']))
    const outFile = join(root, 'bad.json')
    await expect(exportProject({ store, format: 'coco', outFile })).rejects.toMatchObject({
      code: 'invalid-input',
      problems: [expect.stringContaining('"_background_" is a placeholder category')],
    })
    expect(await readdir(root)).toEqual(['photos', 'project'])
  })

  it('round-trips: export, import into a fresh project, export again gives the same bytes', async () => {
    const { root, imagesDir, store } = await makeProject()
    const options = {
      include: 'accepted+suggested' as const,
      dateCreated: '2026-11-02T00:00:00.000Z',
    }
    await exportProject({ store, format: 'coco', outFile: join(root, 'first.json'), options })
    const first = await readFile(join(root, 'first.json'), 'utf8')
    const imported = parseCoco(JSON.parse(first), {
      imageKeys: ['a.jpg', 'scan.bmp', 'sub/a.jpg', 'sub/b.png'],
    })
    const fresh = await ProjectStore.openOrCreate(join(root, 'fresh'), imagesDir)
    await fresh.update((f) => withClasses(f, imported.classes))
    for (const image of imported.images) await fresh.writeAnnotations({ ...image, lastRun: null })
    await exportProject({
      store: fresh,
      format: 'coco',
      outFile: join(root, 'second.json'),
      options,
    })
    expect(await readFile(join(root, 'second.json'), 'utf8')).toBe(first)
  })
})
