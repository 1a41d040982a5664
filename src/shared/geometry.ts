/** Axis-aligned box in oriented image pixels, top-left origin. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** Converts a server centre-box (x, y = centre) to a top-left box; see inference-api.md §6.2. */
export function boxFromCentre(cx: number, cy: number, width: number, height: number): Box {
  return { x: cx - width / 2, y: cy - height / 2, width, height }
}

/** Converts a top-left box to integer centre form, as the OWLv2 training_data wants it (§1.5). */
export function boxToIntegerCentre(box: Box): { x: number; y: number; w: number; h: number } {
  return {
    x: Math.round(box.x + box.width / 2),
    y: Math.round(box.y + box.height / 2),
    w: Math.max(1, Math.round(box.width)),
    h: Math.max(1, Math.round(box.height)),
  }
}

/** Clamps a box to an image of the given size; servers return integer boxes that can overhang. */
export function clampBox(box: Box, imageWidth: number, imageHeight: number): Box {
  const x1 = Math.min(Math.max(box.x, 0), imageWidth)
  const y1 = Math.min(Math.max(box.y, 0), imageHeight)
  const x2 = Math.min(Math.max(box.x + box.width, 0), imageWidth)
  const y2 = Math.min(Math.max(box.y + box.height, 0), imageHeight)
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }
}

/** Scales a box by a factor (e.g. from uploaded pixels back to oriented image pixels). */
export function scaleBox(box: Box, factor: number): Box {
  return {
    x: box.x * factor,
    y: box.y * factor,
    width: box.width * factor,
    height: box.height * factor,
  }
}

/** Intersection over union of two boxes; 0 when either is empty. */
export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  const iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
  const inter = ix * iy
  const union = a.width * a.height + b.width * b.height - inter
  return union > 0 ? inter / union : 0
}

/** Normalises a box whose width/height may be negative (a drag from bottom-right to top-left). */
export function normaliseBox(box: Box): Box {
  const x = box.width < 0 ? box.x + box.width : box.x
  const y = box.height < 0 ? box.y + box.height : box.y
  return { x, y, width: Math.abs(box.width), height: Math.abs(box.height) }
}
