import {
  prepareBoxes,
  resolveClassNames,
  roundBox,
  type ExportImage,
  type ExportInclude,
} from './box-selection'

export interface CocoImage {
  id: number
  /** Relative to the export's images folder, '/' separators. */
  file_name: string
  /** Oriented size. */
  width: number
  height: number
}

export interface CocoAnnotation {
  id: number
  image_id: number
  category_id: number
  /** Top-left x, y, width, height in oriented pixels, to 1/100 px. */
  bbox: [number, number, number, number]
  area: number
  iscrowd: 0
  segmentation: []
  /** Only on unreviewed machine suggestions (export-formats.md rule 11). */
  score?: number
}

export interface CocoCategory {
  id: number
  name: string
  /** The class's own name, as COCO does for 'person': never a synthetic parent category. */
  supercategory: string
}

export interface CocoDataset {
  info: { description?: string; version?: string; date_created?: string }
  licenses: []
  images: CocoImage[]
  annotations: CocoAnnotation[]
  categories: CocoCategory[]
}

export interface CocoBuildOptions {
  include?: ExportInclude
  /** 1 (COCO, CVAT) by default; 0 for trainers that want 0-based ids. */
  categoryBase?: 0 | 1
  /** The `file_name` written for an image key; the key itself by default. */
  fileNameFor?: (key: string) => string
  /** ISO date for `info.date_created`; left out when absent (keeps the output reproducible). */
  dateCreated?: string
}

export interface CocoBuildInput {
  /** The project's class list, in its stable order. */
  classes: readonly string[]
  images: readonly ExportImage[]
  options?: CocoBuildOptions
}

export interface CocoBuildResult {
  dataset: CocoDataset
  /** Boxes with no area left after clamping to the image. */
  dropped: number
  clamped: number
  /** Classes boxes use that the class list lacked; appended after it. */
  unlistedClasses: string[]
}

/** Area of a 1/100 px box, free of float noise (10.1 * 20.3 = 205.03, not 205.03000000000003). */
function areaOf(width: number, height: number): number {
  return Math.round(width * height * 10_000) / 10_000
}

/** Builds a COCO detection dataset (export-formats.md): pure, ids from 1, category ids from the class list. */
export function buildCocoDataset(input: CocoBuildInput): CocoBuildResult {
  const include = input.options?.include ?? 'accepted'
  const base = input.options?.categoryBase ?? 1
  const fileNameFor = input.options?.fileNameFor ?? ((key: string) => key)
  let dropped = 0
  let clamped = 0
  const prepared = input.images.map((image) => {
    const result = prepareBoxes(image, include)
    dropped += result.dropped
    clamped += result.clamped
    return { image, boxes: result.boxes }
  })
  const { names, unlisted } = resolveClassNames(input.classes, prepared)
  const categoryId = new Map(names.map((name, index) => [name, index + base]))
  const images: CocoImage[] = []
  const annotations: CocoAnnotation[] = []
  prepared.forEach(({ image, boxes }, index) => {
    const imageId = index + 1
    images.push({
      id: imageId,
      file_name: fileNameFor(image.key),
      width: image.width,
      height: image.height,
    })
    for (const box of boxes) {
      const bbox = roundBox(box.box)
      const annotation: CocoAnnotation = {
        id: annotations.length + 1,
        image_id: imageId,
        category_id: categoryId.get(box.className)!,
        bbox,
        area: areaOf(bbox[2], bbox[3]),
        iscrowd: 0,
        segmentation: [],
      }
      if (box.score !== null) annotation.score = box.score
      annotations.push(annotation)
    }
  })
  const info: CocoDataset['info'] = { description: 'Exported by Promptlabel', version: '1.0' }
  if (input.options?.dateCreated) info.date_created = input.options.dateCreated
  const categories = names.map((name) => ({ id: categoryId.get(name)!, name, supercategory: name }))
  return {
    dataset: { info, licenses: [], images, annotations, categories },
    dropped,
    clamped,
    unlistedClasses: unlisted,
  }
}

/** COCO JSON with one image, annotation or category per line: compact yet diffable. */
export function formatCocoJson(dataset: CocoDataset): string {
  const list = (items: readonly unknown[]): string =>
    items.length === 0
      ? '[]'
      : `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`
  return [
    '{',
    `  "info": ${JSON.stringify(dataset.info)},`,
    `  "licenses": ${JSON.stringify(dataset.licenses)},`,
    `  "images": ${list(dataset.images)},`,
    `  "annotations": ${list(dataset.annotations)},`,
    `  "categories": ${list(dataset.categories)}`,
    '}',
    '',
  ].join('\n')
}
