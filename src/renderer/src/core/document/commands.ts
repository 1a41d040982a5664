import type { AnnotationBox } from '../../../../shared/annotations'
import type { Box } from '../../../../shared/geometry'
import type { Size } from '../viewport'
import { clipToImage, moveEdge, sameBox, tidyBox, translateBox, type Edge } from './box-ops'

/** The boxes of one image, in list order; every command returns a new array and new boxes. */
export type Boxes = readonly AnnotationBox[]

/** What the clipboard holds: enough to recreate a box on any image. */
export interface CopiedBox {
  className: string
  box: Box
}

/** A review decision a person can take on a machine box. */
export type Decision = 'accepted' | 'rejected' | 'suggested'

/** A person drew it, so it counts at once: accepted, no confidence. */
export function addBox(
  boxes: Boxes,
  draft: { id: string; className: string; box: Box },
  image: Size,
): Boxes {
  const box = tidyBox(clipToImage(draft.box, image))
  if (box.width <= 0 || box.height <= 0) return boxes
  const added: AnnotationBox = {
    id: draft.id,
    className: draft.className,
    box,
    confidence: null,
    source: 'user',
    state: 'accepted',
  }
  return [...boxes, added]
}

/**
 * A changed machine box is the person's decision: it becomes `edited` (which counts as kept),
 * whatever it was before; a person's own box stays accepted.
 */
export function markEdited(box: AnnotationBox): AnnotationBox {
  return box.source === 'model' ? { ...box, state: 'edited' } : box
}

/** Replaces the geometry of one box (a finished move or resize gesture). */
export function setBoxGeometry(boxes: Boxes, id: string, box: Box, image: Size): Boxes {
  const next = tidyBox(clipToImage(box, image))
  if (next.width <= 0 || next.height <= 0) return boxes
  return mapIds(boxes, [id], (b) => markEdited({ ...b, box: next }))
}

/** Moves boxes by whole pixels (arrow keys), each stopping at the image edge. */
export function nudgeBoxes(
  boxes: Boxes,
  ids: readonly string[],
  dx: number,
  dy: number,
  image: Size,
): Boxes {
  return mapIds(boxes, ids, (b) => {
    const moved = translateBox(b.box, dx, dy, image)
    return moved.x === b.box.x && moved.y === b.box.y ? b : markEdited({ ...b, box: moved })
  })
}

/** Moves one edge of each box (modifier + arrow): a keyboard resize. */
export function nudgeEdges(
  boxes: Boxes,
  ids: readonly string[],
  edge: Edge,
  delta: number,
  image: Size,
): Boxes {
  return mapIds(boxes, ids, (b) => {
    const resized = moveEdge(b.box, edge, delta, image)
    return sameBox(resized, b.box) ? b : markEdited({ ...b, box: resized })
  })
}

export function deleteBoxes(boxes: Boxes, ids: readonly string[]): Boxes {
  const gone = new Set(ids)
  return boxes.filter((b) => !gone.has(b.id))
}

export function relabelBoxes(boxes: Boxes, ids: readonly string[], className: string): Boxes {
  return mapIds(boxes, ids, (b) =>
    b.className === className ? b : markEdited({ ...b, className }),
  )
}

export function copyBoxes(boxes: Boxes, ids: readonly string[]): CopiedBox[] {
  const wanted = new Set(ids)
  return boxes.filter((b) => wanted.has(b.id)).map(({ className, box }) => ({ className, box }))
}

/**
 * Adds copies as the person's own boxes, shifted by `offset` (so a copy on the same image is not
 * hidden under its original) and kept on the image; returns the new ids to select them.
 */
export function pasteBoxes(
  boxes: Boxes,
  copied: readonly CopiedBox[],
  newId: () => string,
  offset: number,
  image: Size,
): { boxes: Boxes; ids: string[] } {
  let next = boxes
  const ids: string[] = []
  for (const item of copied) {
    const fitted = clipToImage(item.box, image)
    if (fitted.width <= 0 || fitted.height <= 0) continue
    const id = newId()
    next = addBox(
      next,
      { id, className: item.className, box: translateBox(fitted, offset, offset, image) },
      image,
    )
    ids.push(id)
  }
  return { boxes: next, ids }
}

/** Review decisions apply to machine boxes only; a person's own box is simply kept or deleted. */
export function decide(boxes: Boxes, ids: readonly string[], decision: Decision): Boxes {
  return mapIds(boxes, ids, (b) =>
    b.source === 'model' && b.state !== decision ? { ...b, state: decision } : b,
  )
}

/** Applies `change` to the listed boxes; untouched boxes keep their identity (cheap diffs). */
function mapIds(
  boxes: Boxes,
  ids: readonly string[],
  change: (box: AnnotationBox) => AnnotationBox,
): Boxes {
  if (ids.length === 0) return boxes
  const wanted = new Set(ids)
  let changed = false
  const next = boxes.map((b) => {
    if (!wanted.has(b.id)) return b
    const updated = change(b)
    if (updated !== b) changed = true
    return updated
  })
  return changed ? next : boxes
}
