import { randomUUID } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, sep } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { Box } from '../../../shared/geometry'
import { replaceExtension } from '../exports/file-names'
import { parseDataYamlNames } from './data-yaml'
import { toAnnotationBox, type ImportedImage, type ImportNote } from './imported-image'

export interface YoloImportResult {
  images: ImportedImage[]
  /** Class names in index order: the caller adds the missing ones to the class list. */
  classes: string[]
  /** Images with no label file: left out (an empty file means "no objects" and is imported). */
  unlabelled: string[]
  skippedLines: ImportNote[]
  clamped: ImportNote[]
}

/** Rounds to 1/1000 px: finer than the 6 decimals a label file holds, and free of float noise. */
const toMilliPixels = (value: number): number => Math.round(value * 1000) / 1000

type Centred = [cx: number, cy: number, w: number, h: number]

/** The centre box of a label line's numbers: a box (+ confidence) or a polygon's bounds; null otherwise. */
function centredBox(rest: number[]): Centred | null {
  if (rest.length === 4 || rest.length === 5) return rest.slice(0, 4) as Centred
  if (rest.length < 6 || rest.length % 2 !== 0) return null
  const xs = rest.filter((_, i) => i % 2 === 0)
  const ys = rest.filter((_, i) => i % 2 === 1)
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  return [(x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0]
}

/**
 * Reads one label file: `class cx cy w h` normalised by the oriented size (a 6th number is a
 * confidence, as `save_conf` writes; longer even lines are polygons, boxed). Pure.
 */
export function parseYoloLabels(
  text: string,
  image: { key: string; width: number; height: number },
  names: readonly string[],
  makeId: () => string = randomUUID,
): { image: ImportedImage; skipped: ImportNote[]; clamped: ImportNote[] } {
  const { key, width, height } = image
  const result: ImportedImage = { key, width, height, boxes: [] }
  const skipped: ImportNote[] = []
  const clamped: ImportNote[] = []
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return
    const where = `${image.key}, line ${i + 1}`
    const skip = (message: string): void => void skipped.push({ where, message })
    const [cls, ...rest] = line.trim().split(/\s+/).map(Number)
    const centred = rest.every(Number.isFinite) ? centredBox(rest) : null
    if (!centred || !Number.isFinite(cls)) return skip('is not "class cx cy w h"')
    const className = Number.isInteger(cls) ? names[cls!] : undefined
    if (className === undefined) return skip(`class ${cls} is not in the class list`)
    const [cx, cy, w, h] = centred
    const confidence = rest.length === 5 && rest[4]! >= 0 && rest[4]! <= 1 ? rest[4]! : null
    const box: Box = {
      x: toMilliPixels((cx - w / 2) * image.width),
      y: toMilliPixels((cy - h / 2) * image.height),
      width: toMilliPixels(w * image.width),
      height: toMilliPixels(h * image.height),
    }
    const made = w > 0 && h > 0 ? toAnnotationBox(className, box, image, confidence, makeId) : null
    if (!made) return skip('the box has no area inside the image')
    if (made.clamped) clamped.push({ where, message: 'reached outside the image; clamped' })
    result.boxes.push(made.box)
  })
  return { image: result, skipped, clamped }
}

/** Reads class names from data.yaml, or from classes.txt (one name a line). */
export async function readYoloNames(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch((err: unknown) => {
    throw new AppError('file-unreadable', `Could not read ${path}.`, { cause: err })
  })
  if (/\.txt$/i.test(path))
    return text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '')
  return parseDataYamlNames(text)
}

const isDir = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  )
const isFile = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  )

const NAME_FILES = ['data.yaml', 'data.yml', 'dataset.yaml', 'classes.txt']

/**
 * Finds a YOLO dataset's labels folder and class names from what the user picked: the dataset
 * folder (with labels/ and data.yaml), its labels folder (names beside or above it), or the data.yaml.
 */
export async function locateYoloDataset(
  source: string,
): Promise<{ labelsDir: string; namesFile: string }> {
  if (await isFile(source)) {
    if (!/\.(ya?ml|txt)$/i.test(source)) {
      throw new AppError(
        'invalid-input',
        `${basename(source)} is not a YOLO dataset: choose its folder, or its data.yaml.`,
      )
    }
    const root = dirname(source)
    const labels = join(root, 'labels')
    return { labelsDir: (await isDir(labels)) ? labels : root, namesFile: source }
  }
  if (!(await isDir(source))) {
    throw new AppError('not-found', `${source} does not exist.`)
  }
  const labels = join(source, 'labels')
  const labelsDir = (await isDir(labels)) ? labels : source
  for (const folder of [source, labelsDir, dirname(source)]) {
    for (const name of NAME_FILES) {
      const path = join(folder, name)
      if (await isFile(path)) return { labelsDir, namesFile: path }
    }
  }
  throw new AppError(
    'invalid-input',
    `No data.yaml or classes.txt in ${source} or the folder above it: YOLO label files number their classes, and the names come from that file.`,
  )
}

/** Every .txt under the labels folder, as '/' paths relative to it (class-name files left out). */
async function listLabelFiles(labelsDir: string): Promise<string[]> {
  const entries = await readdir(labelsDir, { recursive: true, withFileTypes: true }).catch(
    (err: unknown) => {
      throw new AppError('file-unreadable', `Could not list ${labelsDir}.`, { cause: err })
    },
  )
  return entries
    .filter((e) => e.isFile() && /\.txt$/i.test(e.name))
    .map((e) => relative(labelsDir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((path) => !(path.includes('/') ? false : /^classes\.txt$/i.test(path)))
}

export interface YoloFolderResult extends YoloImportResult {
  /** Label files that belong to no image of the folder. */
  orphanLabels: string[]
  /** Images with labels that could not be read (their size is needed to place the boxes). */
  unreadable: ImportNote[]
}

/**
 * Reads a YOLO labels folder for the project's images: `labels/a/b.txt` belongs to the image
 * `a/b.jpg`, as Ultralytics pairs them (also under a sub-folder named like the images folder, as in
 * labels/train/ for images/train/). Sizes are read only for images that have labels.
 */
export async function parseYoloFolder(input: {
  labelsDir: string
  namesFile: string
  keys: readonly string[]
  /** The image's oriented size (boxes are normalised by it); throws when it cannot be read. */
  sizeOf: (key: string) => Promise<{ width: number; height: number }>
  imagesDirName?: string
  makeId?: () => string
  shouldStop?: () => boolean
  onImage?: (done: number, total: number) => void
}): Promise<YoloFolderResult> {
  const classes = await readYoloNames(input.namesFile)
  const files = new Set(await listLabelFiles(input.labelsDir))
  const labelOf = (key: string, prefix: string): string => prefix + replaceExtension(key, '.txt')
  const prefixes = ['', ...(input.imagesDirName ? [`${input.imagesDirName}/`] : [])]
  const prefix =
    prefixes
      .map((p) => ({ p, n: input.keys.filter((k) => files.has(labelOf(k, p))).length }))
      .sort((a, b) => b.n - a.n)[0]?.p ?? ''
  const result: YoloFolderResult = {
    images: [],
    classes,
    unlabelled: [],
    skippedLines: [],
    clamped: [],
    orphanLabels: [],
    unreadable: [],
  }
  const used = new Set<string>()
  let done = 0
  for (const key of input.keys) {
    if (input.shouldStop?.()) break
    input.onImage?.(done++, input.keys.length)
    const file = labelOf(key, prefix)
    if (!files.has(file)) {
      result.unlabelled.push(key)
      continue
    }
    used.add(file)
    let size: { width: number; height: number }
    try {
      size = await input.sizeOf(key)
    } catch (error) {
      result.unreadable.push({ where: key, message: (error as Error).message })
      continue
    }
    const path = join(input.labelsDir, ...file.split('/'))
    const text = await readFile(path, 'utf8').catch((err: unknown) => {
      throw new AppError('file-unreadable', `Could not read ${path}.`, { cause: err })
    })
    const parsed = parseYoloLabels(text, { key, ...size }, classes, input.makeId)
    result.images.push(parsed.image)
    result.skippedLines.push(...parsed.skipped)
    result.clamped.push(...parsed.clamped)
  }
  result.orphanLabels = [...files].filter((f) => !used.has(f))
  return result
}
