import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import { isPlaceholderName } from '../exports/coco-validate'
import {
  newClassNames,
  toAnnotationBox,
  type ImportedImage,
  type ImportNote,
} from './imported-image'
import { createImageMatcher, keyFromFileName } from './match-images'

export interface CocoImportOptions {
  /** The project's image keys: file names are matched to them (path, path tail, unique bare name). */
  imageKeys?: readonly string[]
  /** The project's classes, to tell which ones the caller must add. */
  knownClasses?: readonly string[]
  makeId?: () => string
}

export interface CocoImportResult {
  images: ImportedImage[]
  /** Category names in id order (placeholder parents left out): the caller adds them to the class list. */
  classes: string[]
  /** The classes `knownClasses` lacks. */
  newClasses: string[]
  /** Images that matched no project image, or matched one already taken. */
  skippedImages: ImportNote[]
  /** Annotations not imported (unknown image or category, bad bbox, crowd region, empty once clamped). */
  skippedAnnotations: ImportNote[]
  /** Boxes that reached outside their image: imported clamped. */
  clamped: ImportNote[]
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

/** Reads the categories that are classes, in id order; an unused parent or placeholder is not one. */
function readClasses(categories: unknown[], annotations: unknown[]): Map<number, string> {
  const used = new Set(annotations.map((a) => (isObject(a) ? a.category_id : undefined)))
  const valid = categories.filter(
    (c): c is Json & { id: number; name: string } =>
      isObject(c) && isInt(c.id) && typeof c.name === 'string' && c.name !== '',
  )
  const parents = new Set(
    valid.filter((c) => c.supercategory !== c.name).map((c) => c.supercategory),
  )
  const synthetic = (c: { name: string }): boolean =>
    parents.has(c.name) || isPlaceholderName(c.name)
  const classes = valid.filter((c) => used.has(c.id) || !synthetic(c))
  classes.sort((a, b) => a.id - b.id)
  return new Map(classes.map((c) => [c.id, c.name]))
}

/**
 * Reads a COCO detection file into per-image boxes in top-left oriented pixels: pure. A box
 * with a `score` becomes a suggestion to review; anything else a person's accepted label.
 */
export function parseCoco(json: unknown, options: CocoImportOptions = {}): CocoImportResult {
  if (!isObject(json) || !Array.isArray(json.images) || !Array.isArray(json.annotations)) {
    throw new AppError(
      'invalid-input',
      'This is not a COCO file: it needs "images" and "annotations" lists.',
    )
  }
  const annotations = json.annotations as unknown[]
  const categoryNames = readClasses(
    Array.isArray(json.categories) ? json.categories : [],
    annotations,
  )
  const makeId = options.makeId ?? randomUUID
  const match = options.imageKeys ? createImageMatcher(options.imageKeys) : keyFromFileName
  const result: CocoImportResult = {
    images: [],
    classes: [...new Set(categoryNames.values())],
    newClasses: [],
    skippedImages: [],
    skippedAnnotations: [],
    clamped: [],
  }
  result.newClasses = newClassNames(result.classes, options.knownClasses)
  const byId = new Map<number, ImportedImage>()
  const taken = new Set<string>()
  for (const image of json.images as unknown[]) {
    if (!isObject(image)) continue
    const { id, file_name: name, width, height } = image
    const where = typeof name === 'string' ? name : `image ${JSON.stringify(id)}`
    if (!isInt(id) || !isInt(width) || !isInt(height) || width <= 0 || height <= 0) {
      result.skippedImages.push({
        where,
        message: 'needs an integer id and a positive integer width and height',
      })
      continue
    }
    const key = typeof name === 'string' ? match(name) : null
    if (key === null) {
      result.skippedImages.push({ where, message: 'matches no image in the project folder' })
    } else if (taken.has(key) || byId.has(id)) {
      result.skippedImages.push({ where, message: `is listed twice (image ${key}, id ${id})` })
    } else {
      taken.add(key)
      const entry: ImportedImage = { key, width, height, boxes: [] }
      byId.set(id, entry)
      result.images.push(entry)
    }
  }
  annotations.forEach((annotation, index) => {
    if (!isObject(annotation)) return
    const { image_id: imageId, category_id: categoryId, bbox, iscrowd, score } = annotation
    const image = isInt(imageId) ? byId.get(imageId) : undefined
    const where = `${image?.key ?? `image ${JSON.stringify(imageId)}`}, annotation ${JSON.stringify(annotation.id ?? index)}`
    const skip = (message: string): void => void result.skippedAnnotations.push({ where, message })
    if (!image) return skip('its image is not imported')
    const className = isInt(categoryId) ? categoryNames.get(categoryId) : undefined
    if (className === undefined) return skip(`no category has id ${JSON.stringify(categoryId)}`)
    if (iscrowd === 1) return skip('a crowd region, not one object')
    if (
      !Array.isArray(bbox) ||
      bbox.length !== 4 ||
      !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      return skip('"bbox" is not 4 numbers')
    }
    const [x, y, width, height] = bbox as [number, number, number, number]
    if (width <= 0 || height <= 0) return skip('the box has no area')
    const confidence = typeof score === 'number' && score >= 0 && score <= 1 ? score : null
    const made = toAnnotationBox(className, { x, y, width, height }, image, confidence, makeId)
    if (!made) return skip('the box lies outside the image')
    if (made.clamped) result.clamped.push({ where, message: 'reached outside the image; clamped' })
    image.boxes.push(made.box)
  })
  return result
}
