import { randomUUID } from 'node:crypto'
import type { AnnotationBox } from '../../../shared/annotations'
import { clampBox, type Box } from '../../../shared/geometry'

/** One image's boxes as read from a foreign file, keyed like the project (relative, '/'). */
export interface ImportedImage {
  key: string
  /** Oriented size the boxes are in. */
  width: number
  height: number
  boxes: AnnotationBox[]
}

/** Something skipped or changed on the way in, for the import report. */
export interface ImportNote {
  /** Image key or file name, and where in the file (annotation id, line). */
  where: string
  message: string
}

/**
 * Turns a foreign box into an AnnotationBox: a person's label (user, accepted) unless the file
 * carries a model score, which makes it a suggestion to review. Clamped to the image; null when empty.
 */
export function toAnnotationBox(
  className: string,
  box: Box,
  size: { width: number; height: number },
  score: number | null,
  makeId: () => string = randomUUID,
): { box: AnnotationBox; clamped: boolean } | null {
  const clamped = clampBox(box, size.width, size.height)
  if (!(clamped.width > 0 && clamped.height > 0)) return null
  const changed =
    clamped.x !== box.x ||
    clamped.y !== box.y ||
    clamped.width !== box.width ||
    clamped.height !== box.height
  const annotation: AnnotationBox =
    score === null
      ? {
          id: makeId(),
          className,
          box: clamped,
          confidence: null,
          source: 'user',
          state: 'accepted',
        }
      : {
          id: makeId(),
          className,
          box: clamped,
          confidence: score,
          source: 'model',
          state: 'suggested',
        }
  return { box: annotation, clamped: changed }
}

/** Class names a file uses that the project lacks, in the file's order. */
export function newClassNames(classes: readonly string[], known: readonly string[] = []): string[] {
  const have = new Set(known)
  return classes.filter((name) => !have.has(name))
}
