import type { RunTally } from '../../../shared/annotations'
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

/**
 * "5 boxes · 3 classes · 412 ms": what came back and how long it took; with the run's tally, the
 * boxes it found again on boxes already decided are named, since the list shows nothing new for them.
 */
export function summarizeResult(
  result: Pick<DetectionResult, 'detections' | 'elapsedMs'>,
  tally: RunTally | null = null,
): string {
  const classes = new Set(result.detections.map((d) => d.className)).size
  return [
    tally ? describeFound(tally) : plural(result.detections.length, 'box', 'boxes'),
    plural(classes, 'class', 'classes'),
    `${Math.round(result.elapsedMs)} ms`,
  ].join(' · ')
}

/** "3 boxes: 1 new, 2 already kept"; "1 box, already kept"; "1 box you had rejected". */
export function describeFound(tally: RunTally): string {
  const found = plural(tally.found, 'box', 'boxes')
  const { fresh, alreadyKept, rejected } = tally
  if (alreadyKept === 0 && rejected === 0) return found
  if (fresh === 0 && rejected === 0)
    return `${found}, ${tally.found === 1 ? '' : 'all '}already kept`
  if (fresh === 0 && alreadyKept === 0) return `${found} you had rejected`
  const parts = [
    fresh > 0 ? `${fresh} new` : '',
    alreadyKept > 0 ? `${alreadyKept} already kept` : '',
    rejected > 0 ? `${rejected} you had rejected` : '',
  ]
  return `${found}: ${parts.filter((p) => p !== '').join(', ')}`
}

/** "4032 × 3024 px" */
export function formatSize(width: number, height: number): string {
  return `${width} × ${height} px`
}
