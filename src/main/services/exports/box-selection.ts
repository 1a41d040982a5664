import type { AnnotationBox } from '../../../shared/annotations'
import { clampBox, type Box } from '../../../shared/geometry'

/**
 * Which boxes an export writes. 'accepted': reviewed boxes (accepted, edited) and boxes a person
 * drew; 'accepted+suggested' adds unreviewed machine suggestions. Rejected boxes never leave.
 */
export type ExportInclude = 'accepted' | 'accepted+suggested'

/** The part of an image's annotations every exporter reads. */
export interface ExportImage {
  /** Path relative to the images folder, '/' separators. */
  key: string
  /** Oriented size (after EXIF orientation), the space the boxes are in. */
  width: number
  height: number
  boxes: readonly AnnotationBox[]
}

/** A box ready to write: clamped to the image, never empty. */
export interface ExportBox {
  className: string
  box: Box
  /** Confidence of an unreviewed machine suggestion (COCO `score`); null once reviewed or drawn. */
  score: number | null
  /** Model confidence whatever the review state, for label text; null for drawn boxes. */
  confidence: number | null
  /** True when the stored box reached outside the image and was cut to it. */
  clamped: boolean
}

export interface PreparedBoxes {
  boxes: ExportBox[]
  /** Boxes left with no area once clamped (or with non-finite coordinates): not written. */
  dropped: number
  clamped: number
}

/** Whether a box is written under `include` (see ExportInclude). */
export function isExported(box: AnnotationBox, include: ExportInclude): boolean {
  if (box.state === 'rejected') return false
  if (box.state === 'accepted' || box.state === 'edited' || box.source === 'user') return true
  return include === 'accepted+suggested' && box.state === 'suggested'
}

/** Rounds to 2 decimals (1/100 px): the precision COCO boxes are written with. */
export function roundTo2(value: number): number {
  const rounded = Math.round(value * 100) / 100
  return rounded === 0 ? 0 : rounded
}

/** A box as `[x, y, w, h]` to 1/100 px: corners rounded first, so x + w never passes the image edge. */
export function roundBox(box: Box): [number, number, number, number] {
  const x1 = roundTo2(box.x)
  const y1 = roundTo2(box.y)
  const width = roundTo2(roundTo2(box.x + box.width) - x1)
  return [x1, y1, width, roundTo2(roundTo2(box.y + box.height) - y1)]
}

const EPSILON = 1e-9

/** Selects, clamps and filters an image's boxes; a box too thin to survive 1/100 px rounding is dropped. */
export function prepareBoxes(image: ExportImage, include: ExportInclude): PreparedBoxes {
  const boxes: ExportBox[] = []
  let dropped = 0
  let clamped = 0
  for (const source of image.boxes) {
    if (!isExported(source, include)) continue
    const { x, y, width, height } = source.box
    if (![x, y, width, height].every(Number.isFinite)) {
      dropped++
      continue
    }
    const box = clampBox(source.box, image.width, image.height)
    const [, , roundedWidth, roundedHeight] = roundBox(box)
    if (roundedWidth <= 0 || roundedHeight <= 0) {
      dropped++
      continue
    }
    const wasClamped =
      Math.abs(box.x - x) > EPSILON ||
      Math.abs(box.y - y) > EPSILON ||
      Math.abs(box.width - width) > EPSILON ||
      Math.abs(box.height - height) > EPSILON
    if (wasClamped) clamped++
    const unreviewed = source.source === 'model' && source.state === 'suggested'
    boxes.push({
      className: source.className,
      box,
      score: unreviewed ? source.confidence : null,
      confidence: source.confidence,
      clamped: wasClamped,
    })
  }
  return { boxes, dropped, clamped }
}

/**
 * The export's class list: the project's classes in their order (stable ids), then any class a
 * written box names that the list lacks, in first-seen order, reported as `unlisted`.
 */
export function resolveClassNames(
  classes: readonly string[],
  images: Iterable<{ boxes: readonly ExportBox[] }>,
): { names: string[]; unlisted: string[] } {
  const names = [...classes]
  const known = new Set(names)
  const unlisted: string[] = []
  for (const image of images) {
    for (const box of image.boxes) {
      if (known.has(box.className)) continue
      known.add(box.className)
      names.push(box.className)
      unlisted.push(box.className)
    }
  }
  return { names, unlisted }
}
