import type { DetectionResult } from '../../../shared/contract'

/**
 * Okabe-Ito colours, which stay distinct under the common colour-vision deficiencies; black is
 * swapped for white because boxes sit on photos, where black outlines vanish in shadows.
 */
export const CLASS_PALETTE = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#FFFFFF',
] as const

export function classColor(index: number): string {
  const size = CLASS_PALETTE.length
  return CLASS_PALETTE[((index % size) + size) % size] ?? CLASS_PALETTE[0]
}

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

/** Dark or light text, whichever reads better on a `#RRGGBB` background (WCAG luminance). */
export function textColorOn(background: string): '#111111' | '#FFFFFF' {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background)
  if (!match) return '#111111'
  const [r, g, b] = match.slice(1).map((hex) => {
    const c = parseInt(hex, 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // Contrast against near-black (0.0056) vs white (1.0): pick the larger ratio.
  return (luminance + 0.05) / 0.0556 >= 1.05 / (luminance + 0.05) ? '#111111' : '#FFFFFF'
}
