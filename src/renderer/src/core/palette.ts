import type { DetectionResult } from '../../../shared/contract'

export { CLASS_PALETTE, classColor, textColorOn } from '../../../shared/palette'
import { classColor } from '../../../shared/palette'

/**
 * Class names in a stable order: as the user listed them (the server's mapping is reordered
 * most-specific-first), then any others the mapping or the detections name.
 */
export function classOrder(
  result: Pick<DetectionResult, 'mapping' | 'detections'>,
  requested: readonly string[] = [],
): string[] {
  const order: string[] = []
  const seen = new Set<string>()
  const add = (name: string): void => {
    if (seen.has(name)) return
    seen.add(name)
    order.push(name)
  }
  for (const name of requested) add(name)
  for (const pair of result.mapping) add(pair.className)
  for (const detection of result.detections) add(detection.className)
  return order
}

/** Maps each class name to its palette colour by its position in `order`. */
export function classColors(order: readonly string[]): Map<string, string> {
  return new Map(order.map((name, index) => [name, classColor(index)]))
}
