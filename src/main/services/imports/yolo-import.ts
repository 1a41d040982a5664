import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
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
async function readNames(path: string): Promise<string[]> {
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

/**
 * Reads a YOLO labels folder for the project's images (oriented sizes): `labels/a/b.txt` belongs to
 * the image `a/b.jpg`, as Ultralytics pairs them.
 */
export async function parseYoloFolder(
  labelsDir: string,
  dataYaml: string,
  images: readonly { key: string; width: number; height: number }[],
  makeId: () => string = randomUUID,
): Promise<YoloImportResult> {
  const classes = await readNames(dataYaml)
  const result: YoloImportResult = {
    images: [],
    classes,
    unlabelled: [],
    skippedLines: [],
    clamped: [],
  }
  for (const image of images) {
    const path = join(labelsDir, ...replaceExtension(image.key, '.txt').split('/'))
    const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null
      throw new AppError('file-unreadable', `Could not read ${path}.`, { cause: err })
    })
    if (text === null) {
      result.unlabelled.push(image.key)
      continue
    }
    const parsed = parseYoloLabels(text, image, classes, makeId)
    result.images.push(parsed.image)
    result.skippedLines.push(...parsed.skipped)
    result.clamped.push(...parsed.clamped)
  }
  return result
}
