import type { Box } from '../../../shared/geometry'
import type { Point } from './viewport'

export interface HitItem {
  id: string
  box: Box
}

/** The id of the smallest box containing `point` (image pixels), so nested boxes stay reachable. */
export function boxAt(point: Point, items: readonly HitItem[]): string | null {
  let best: string | null = null
  let bestArea = Infinity
  for (const { id, box } of items) {
    const inside =
      point.x >= box.x &&
      point.x <= box.x + box.width &&
      point.y >= box.y &&
      point.y <= box.y + box.height
    const area = box.width * box.height
    if (inside && area < bestArea) {
      best = id
      bestArea = area
    }
  }
  return best
}
