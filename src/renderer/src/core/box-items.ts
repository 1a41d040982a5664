import type { Detection } from '../../../shared/contract'
import type { Box } from '../../../shared/geometry'
import { formatConfidence } from './format'

/** What the canvas needs to draw one box, prepared once per result rather than per frame. */
export interface BoxItem {
  id: string
  box: Box
  color: string
  label: string
}

/** Fallback for a class missing from the colour map; neutral so it reads as "unknown". */
export const UNKNOWN_CLASS_COLOR = '#999999'

export function toBoxItems(
  detections: readonly Detection[],
  colors: ReadonlyMap<string, string>,
): BoxItem[] {
  return detections.map((d) => ({
    id: d.id,
    box: d.box,
    color: colors.get(d.className) ?? UNKNOWN_CLASS_COLOR,
    label: `${d.className} ${formatConfidence(d.confidence)}`,
  }))
}

/** Groups items by colour so the canvas strokes one path per colour instead of one per box. */
export function groupByColor(items: readonly BoxItem[]): Map<string, BoxItem[]> {
  const groups = new Map<string, BoxItem[]>()
  for (const item of items) {
    const group = groups.get(item.color)
    if (group) group.push(item)
    else groups.set(item.color, [item])
  }
  return groups
}
