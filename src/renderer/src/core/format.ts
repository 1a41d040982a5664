import type { DetectionResult } from '../../../shared/contract'
import type { Box } from '../../../shared/geometry'

/** Rounds to one decimal: the precision of the list's data attributes (tests compare these). */
export function round1(value: number): number {
  return Math.round(value * 10) / 10
}

/** Rounds a confidence to two decimals, the precision the list shows. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100
}

/** Two decimals, or four near 1, where OwlV2's scores all sit (0.9906 and 0.9998 must differ). */
export function formatConfidence(confidence: number): string {
  return confidence.toFixed(confidence >= 0.99 && confidence < 1 ? 4 : 2)
}

/** Rounds a confidence to four decimals for data attributes (fine enough for OwlV2's scores). */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

/** "x, y, w×h" in whole oriented image pixels, for reading at a glance. */
export function formatBox(box: Box): string {
  const r = Math.round
  return `${r(box.x)}, ${r(box.y)}, ${r(box.width)}×${r(box.height)}`
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

/** "5 boxes · 3 classes · 412 ms": what came back and how long it took. */
export function summarizeResult(result: Pick<DetectionResult, 'detections' | 'elapsedMs'>): string {
  const classes = new Set(result.detections.map((d) => d.className)).size
  return [
    plural(result.detections.length, 'box', 'boxes'),
    plural(classes, 'class', 'classes'),
    `${Math.round(result.elapsedMs)} ms`,
  ].join(' · ')
}

/** "4032 × 3024 px" */
export function formatSize(width: number, height: number): string {
  return `${width} × ${height} px`
}
