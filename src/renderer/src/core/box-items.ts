import type { AnnotationBox } from '../../../shared/annotations'
import type { Box } from '../../../shared/geometry'
import { formatConfidence } from './format'

/** What the canvas needs to draw one box, prepared once per change rather than per frame. */
export interface BoxItem {
  id: string
  box: Box
  color: string
  label: string
  /** A suggestion still waiting for a decision: drawn dashed. */
  pending: boolean
  /** The model's score (null for a person's box): surer boxes get the better label spots. */
  confidence?: number | null
}

/** Fallback for a class missing from the colour map; neutral so it reads as "unknown". */
export const UNKNOWN_CLASS_COLOR = '#999999'

/** "dog 0.87" for machine boxes, "dog" for a person's own. */
export function boxLabel(box: Pick<AnnotationBox, 'className' | 'confidence'>): string {
  return box.confidence === null
    ? box.className
    : `${box.className} ${formatConfidence(box.confidence)}`
}

export function toBoxItems(
  boxes: readonly AnnotationBox[],
  colors: ReadonlyMap<string, string>,
): BoxItem[] {
  return boxes.map((b) => ({
    id: b.id,
    box: b.box,
    color: colors.get(b.className) ?? UNKNOWN_CLASS_COLOR,
    label: boxLabel(b),
    pending: b.state === 'suggested',
    confidence: b.confidence,
  }))
}

/** Groups items by look so the canvas strokes one path per colour and dash, not one per box. */
export function groupByLook(items: readonly BoxItem[]): Map<string, BoxItem[]> {
  const groups = new Map<string, BoxItem[]>()
  for (const item of items) {
    const look = `${item.color}|${item.pending ? 'dash' : 'solid'}`
    const group = groups.get(look)
    if (group) group.push(item)
    else groups.set(look, [item])
  }
  return groups
}
