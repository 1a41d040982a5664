import { chmod, mkdir, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AnnotationBox } from '../../../src/shared/annotations'
import {
  exportProject,
  type ExportRequest,
} from '../../../src/main/services/exports/export-project'
import { PROJECT_FILE, withClasses } from '../../../src/main/services/projects/project-file'
import { ProjectStore } from '../../../src/main/services/projects/project-store'
import { makeShapesImage } from '../../support/test-images'

const saved = process.umask()
afterEach(() => {
  process.umask(saved)
})

const cat: AnnotationBox = {
  id: 'b1',
  className: 'cat',
  box: { x: 4, y: 4, width: 20, height: 10 },
  confidence: null,
  source: 'user',
  state: 'accepted',
}

/**
 * Two images whose own mode is 0640, neither of the modes expected below: a copy that kept its
 * source's mode (as copyFile does) would show.
 */
async function makeProject() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-export-modes-'))
  const imagesDir = join(root, 'photos')
  await mkdir(join(imagesDir, 'sub'), { recursive: true })
  for (const key of ['a.png', 'sub/b.png']) {
    const image = await makeShapesImage({ width: 40, height: 30, format: 'png', shapes: [] })
    await writeFile(join(imagesDir, key), image.buffer)
    await chmod(join(imagesDir, key), 0o640)
  }
  const store = await ProjectStore.openOrCreate(join(root, 'project'), imagesDir)
  await store.update((f) => withClasses(f, ['cat']))
  await store.writeAnnotations({ key: 'a.png', width: 40, height: 30, boxes: [cat], lastRun: null })
  return { root, store }
}

/** Every file and folder at `path` (itself, and what it holds): relative path, mode bits, kind. */
async function entries(path: string): Promise<{ path: string; mode: number; folder: boolean }[]> {
  const top = await stat(path)
  const found = [{ path: '.', mode: top.mode & 0o777, folder: top.isDirectory() }]
  if (!top.isDirectory()) return found
  for (const name of await readdir(path, { recursive: true })) {
    const entry = await stat(join(path, String(name)))
    found.push({ path: String(name), mode: entry.mode & 0o777, folder: entry.isDirectory() })
  }
  return found
}

const EXPORTS: { name: string; request: (root: string) => Omit<ExportRequest, 'store'> }[] = [
  { name: 'COCO file', request: (root) => ({ format: 'coco', outFile: join(root, 'out.json') }) },
  {
    name: 'COCO with its images',
    request: (root) => ({
      format: 'coco',
      outDir: join(root, 'out'),
      options: { copyImages: true },
    }),
  },
  { name: 'YOLO', request: (root) => ({ format: 'yolo', outDir: join(root, 'out') }) },
  { name: 'Pascal VOC', request: (root) => ({ format: 'voc', outDir: join(root, 'out') }) },
  {
    name: 'annotated images',
    request: (root) => ({ format: 'annotated', outDir: join(root, 'out') }),
  },
]

describe('the modes of exported files', () => {
  // Files a user shares get 0666 and folders 0777, less the umask: 0644/0755 under the usual 022,
  // 0600/0700 for a user who keeps everything private (077).
  for (const umask of [0o022, 0o077]) {
    const file = 0o666 & ~umask
    const folder = 0o777 & ~umask
    for (const { name, request } of EXPORTS) {
      it(`${name}: ${file.toString(8)} files, ${folder.toString(8)} folders under umask ${umask.toString(8).padStart(3, '0')}`, async () => {
        const { root, store } = await makeProject()
        process.umask(umask)
        const summary = await exportProject({ store, ...request(root) })
        const found = await entries(summary.path)
        const octal = (mode: number) => mode.toString(8)
        expect(found.map((e) => [e.path, octal(e.mode)])).toEqual(
          found.map((e) => [e.path, octal(e.folder ? folder : file)]),
        )
        // Something was checked: the one file, or the folder with at least its two images' files.
        expect(found.length).toBeGreaterThanOrEqual(found[0]!.folder ? 3 : 1)
      })
    }
  }

  it('keeps the project’s own files private (0600), whatever the umask', async () => {
    process.umask(0o022)
    const { root } = await makeProject()
    expect((await stat(join(root, 'project', PROJECT_FILE))).mode & 0o777).toBe(0o600)
  })
})
