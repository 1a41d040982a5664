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

export function formatConfidence(confidence: number): string {
  return confidence.toFixed(2)
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
