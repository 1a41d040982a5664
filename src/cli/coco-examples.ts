import { resolve } from 'node:path'
import type { Box } from '../shared/geometry'

/** One example box from the COCO file, in the reference image's oriented pixels, top-left origin. */
export interface ExampleBox {
  /** How errors name it: the annotation's own id, or its position when it has none. */
  label: string
  box: Box
  className: string
  negative: boolean
}

export interface ExampleImage {
  /** How errors name it: `image 3 ("ref.jpg")`. */
  label: string
  fileName: string
  /** `file_name` resolved against the COCO file's folder (absolute names stay as they are). */
  path: string
  /** The size the file claims, if any; checked against the real oriented size once opened. */
  width: number | null
  height: number | null
  boxes: ExampleBox[]
}

export type ExamplesResult = { ok: true; images: ExampleImage[] } | { ok: false; errors: string[] }

/** Contract limits on OwlV2 references (model-spec.ts). */
export const MAX_REFERENCE_IMAGES = 50
export const MAX_BOXES_PER_IMAGE = 500

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isId = (value: unknown): value is number | string =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value !== '')
const isSide = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0
const show = (value: unknown): string => JSON.stringify(value) ?? String(value)

/** Indexes a COCO list by id, reporting entries without an id and ids used twice. */
function indexById(list: unknown[], what: string, errors: string[]): Map<string, Json> {
  const byId = new Map<string, Json>()
  list.forEach((entry, index) => {
    if (!isObject(entry) || !isId(entry['id'])) {
      errors.push(`${what} #${index + 1} has no id.`)
    } else if (byId.has(String(entry['id']))) {
      errors.push(`${what} id ${show(entry['id'])} is used twice.`)
    } else byId.set(String(entry['id']), entry)
  })
  return byId
}

/** Checks one bbox: COCO `[left, top, width, height]` in pixels, inside the image when its size is known. */
function checkBbox(bbox: unknown, image: ExampleImage, where: string): Box | string {
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((n) => Number.isFinite(n))) {
    return `${where}: bbox must be [x, y, width, height] in pixels; got ${show(bbox)}.`
  }
  const [x, y, width, height] = bbox as [number, number, number, number]
  if (width <= 0 || height <= 0) {
    return `${where}: bbox width and height must be greater than 0; got ${show(bbox)}.`
  }
  if (x < 0 || y < 0) {
    return `${where}: bbox ${show(bbox)} starts outside the image; x and y are its top-left corner.`
  }
  const outside = outsideImage({ x, y, width, height }, image.width, image.height)
  if (outside !== null) {
    return `${where}: bbox ${show(bbox)} ${outside} of ${image.label}. COCO boxes are [left, top, width, height], not corners.`
  }
  return { x, y, width, height }
}

/** Names the edge a box crosses, allowing the 1 px that integer-rounded tools overshoot by. */
export function outsideImage(box: Box, width: number | null, height: number | null): string | null {
  if (width !== null && box.x + box.width > width + 1)
    return `goes past the right edge (${width} px)`
  if (height !== null && box.y + box.height > height + 1) {
    return `goes past the bottom edge (${height} px)`
  }
  return null
}

/**
 * Reads OwlV2 examples from a COCO detection file: category names are class names, `"negative": true`
 * marks a counter-example. Collects every problem, each naming the annotation at fault.
 */
export function parseCocoExamples(text: string, baseDir: string): ExamplesResult {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return {
      ok: false,
      errors: [`The examples file is not valid JSON: ${(error as Error).message}`],
    }
  }
  if (!isObject(data)) {
    return {
      ok: false,
      errors: ['The examples file must be a COCO object with images, annotations and categories.'],
    }
  }
  const errors: string[] = []
  const list = (key: string): unknown[] => {
    if (Array.isArray(data[key])) return data[key]
    errors.push(`The examples file has no "${key}" list.`)
    return []
  }
  const categories = indexById(list('categories'), 'Category', errors)
  const imageEntries = indexById(list('images'), 'Image', errors)
  const annotations = list('annotations')
  const images = new Map<string, ExampleImage>()
  for (const [id, entry] of imageEntries) {
    const fileName = entry['file_name']
    const label = `image ${id}${typeof fileName === 'string' ? ` ("${fileName}")` : ''}`
    if (typeof fileName !== 'string' || fileName.trim() === '') {
      errors.push(`Image ${id} has no file_name.`)
      continue
    }
    const [width, height] = [entry['width'], entry['height']]
    if ((width !== undefined && !isSide(width)) || (height !== undefined && !isSide(height))) {
      errors.push(`Image ${id}: width and height must be whole numbers of pixels.`)
      continue
    }
    const known = isSide(width) && isSide(height)
    images.set(id, {
      label,
      fileName,
      path: resolve(baseDir, fileName),
      width: known ? width : null,
      height: known ? height : null,
      boxes: [],
    })
  }
  const seen = new Set<string>()
  annotations.forEach((entry, index) => {
    const hasId = isObject(entry) && isId(entry['id'])
    const where = hasId ? `Annotation ${show(entry['id'])}` : `Annotation #${index + 1} (no id)`
    if (!isObject(entry)) return void errors.push(`${where} is not an object.`)
    if (hasId && seen.has(String(entry['id']))) errors.push(`${where}: the id is used twice.`)
    if (hasId) seen.add(String(entry['id']))
    const image = images.get(String(entry['image_id']))
    const category = categories.get(String(entry['category_id']))
    if (image === undefined) {
      return void errors.push(`${where}: image_id ${show(entry['image_id'])} is not in "images".`)
    }
    const name = category?.['name']
    if (typeof name !== 'string' || name.trim() === '') {
      return void errors.push(
        category === undefined
          ? `${where}: category_id ${show(entry['category_id'])} is not in "categories".`
          : `${where}: category ${show(entry['category_id'])} has no name.`,
      )
    }
    const negative = entry['negative'] ?? false
    if (typeof negative !== 'boolean') {
      return void errors.push(`${where}: "negative" must be true or false; got ${show(negative)}.`)
    }
    const box = checkBbox(entry['bbox'], image, where)
    if (typeof box === 'string') return void errors.push(box)
    image.boxes.push({ label: where, box, className: name.trim(), negative })
  })
  errors.push(...checkExampleSet([...images.values()]))
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, images: [...images.values()].filter((image) => image.boxes.length > 0) }
}

/** Whole-set rules: §1.5 says a class with only negative examples makes the server fail (500). */
function checkExampleSet(images: ExampleImage[]): string[] {
  const errors: string[] = []
  const boxes = images.flatMap((image) => image.boxes)
  const used = images.filter((image) => image.boxes.length > 0)
  if (boxes.length === 0)
    errors.push('The examples file has no usable annotations: draw at least one example box.')
  if (used.length > MAX_REFERENCE_IMAGES) {
    errors.push(
      `The examples use ${used.length} images; OwlV2 takes at most ${MAX_REFERENCE_IMAGES}.`,
    )
  }
  for (const image of used) {
    if (image.boxes.length > MAX_BOXES_PER_IMAGE) {
      errors.push(
        `${image.label} has ${image.boxes.length} boxes; at most ${MAX_BOXES_PER_IMAGE} per image.`,
      )
    }
  }
  const byClass = new Map<string, ExampleBox[]>()
  for (const box of boxes) byClass.set(box.className, [...(byClass.get(box.className) ?? []), box])
  for (const [className, list] of byClass) {
    if (list.every((box) => box.negative)) {
      const labels = list.map((box) => box.label).join(', ')
      errors.push(
        `Class "${className}" has only negative examples (${labels}); give it at least one positive box.`,
      )
    }
  }
  return errors
}
