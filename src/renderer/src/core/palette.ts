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

/** Names from several lists in first-seen order, each once (the project's list first). */
export function classList(...sources: readonly (readonly string[])[]): string[] {
  const names: string[] = []
  const seen = new Set<string>()
  for (const source of sources)
    for (const name of source) {
      if (seen.has(name)) continue
      seen.add(name)
      names.push(name)
    }
  return names
}

/** A class name as typed, trimmed with inner spaces collapsed; null when empty or too long. */
export function cleanClassName(name: string): string | null {
  const clean = name.trim().replace(/\s+/g, ' ')
  return clean === '' || clean.length > 200 ? null : clean
}
