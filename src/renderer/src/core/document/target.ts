import type { AnnotationBox } from '../../../../shared/annotations'
import type { Boxes } from './commands'

/** The image being annotated: a key of the open project, or an image opened outside any project. */
export interface AnnotationTarget {
  /** Null when no project is open: edits then live in this session only. */
  projectId: string | null
  /** The image key in the project (the image id without a project). */
  key: string
  imageId: string
  width: number
  height: number
}

/** Rough bytes one box costs in the undo history (object, box, strings). */
export function boxBytes(box: AnnotationBox): number {
  return 160 + 2 * (box.id.length + box.className.length + (box.runKey?.length ?? 0))
}

/** The navigation's view of the canvas image (ImageState fits it). */
export interface ImageSource {
  current: { id: string; width: number; height: number } | null
  opened: {
    imageId: string
    width: number
    height: number
    doc: {
      key: string
      boxes: AnnotationBox[]
      lastRun?: { at: string } | null
      doneAt?: string | null
    }
  } | null
}

/** What a saved document says of its review beyond its boxes: run yet, marked done. */
export interface ReviewMarks {
  ran: boolean
  done: boolean
}

export const reviewMarksOf = (doc: {
  lastRun?: { at: string } | null
  doneAt?: string | null
}): ReviewMarks => ({ ran: Boolean(doc.lastRun), done: Boolean(doc.doneAt) })

/**
 * What to annotate: the project image whose document main returned for the picture on screen, or
 * the picture alone (session only) while it is not part of an open project.
 */
export function targetOf(
  projectId: string | null,
  image: ImageSource,
): { target: AnnotationTarget; saved?: Boxes; marks?: ReviewMarks } | null {
  const { current, opened } = image
  if (!current) return null
  if (projectId !== null && opened && opened.imageId === current.id) {
    const { imageId, width, height, doc } = opened
    return {
      target: { projectId, key: doc.key, imageId, width, height },
      saved: doc.boxes,
      marks: reviewMarksOf(doc),
    }
  }
  const { id, width, height } = current
  return { target: { projectId: null, key: id, imageId: id, width, height } }
}

/** Names an image's undo history and pending save: project and key. */
export const historyKey = (target: Pick<AnnotationTarget, 'projectId' | 'key'>): string =>
  `${target.projectId ?? '-'}\u0000${target.key}`
