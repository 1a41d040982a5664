import type { AnnotationBox } from '../../../shared/annotations'

/** One bar: machine boxes whose confidence falls in [from, to). */
export interface HistogramBin {
  from: number
  to: number
  /** Suggestions still waiting for a decision. */
  pending: number
  /** Boxes already accepted, edited or rejected. */
  decided: number
}

export interface ClassHistogram {
  className: string
  bins: HistogramBin[]
  /** Tallest bar, for scaling. */
  peak: number
  total: number
}

/** The span of scores the slider and the histograms cover, and how finely. */
export interface ScoreDomain {
  min: number
  max: number
  step: number
  /** Decimals worth showing at this resolution. */
  digits: number
}

export const FULL_DOMAIN: ScoreDomain = { min: 0, max: 1, step: 0.01, digits: 2 }

/**
 * Zooms the slider onto high scores when every score is high: OwlV2's sit between 0.99 and 1
 * (inference-api.md §1.5), where a 0..1 slider could not tell them apart.
 */
export function scoreDomain(scores: readonly number[]): ScoreDomain {
  if (scores.length === 0) return FULL_DOMAIN
  const lowest = Math.min(...scores)
  if (lowest < 0.9) return FULL_DOMAIN
  // The largest of 0.9, 0.99, 0.999 still at or below the lowest score.
  let min = 0.9
  while (min < 0.999 && lowest >= 1 - (1 - min) / 10) min = 1 - (1 - min) / 10
  const digits = Math.round(-Math.log10(1 - min)) + 2
  return { min: round(min, digits), max: 1, step: round((1 - min) / 100, digits), digits }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

/**
 * Counts a class's machine boxes by confidence over the domain in `binCount` bars, so a labeler
 * sees where the scores cluster and where to put the cut; the top bar includes the maximum.
 */
export function confidenceHistogram(
  boxes: readonly AnnotationBox[],
  className: string,
  binCount = 20,
  domain: ScoreDomain = FULL_DOMAIN,
): ClassHistogram {
  const span = domain.max - domain.min
  const bins: HistogramBin[] = Array.from({ length: binCount }, (_, i) => ({
    from: domain.min + (span * i) / binCount,
    to: domain.min + (span * (i + 1)) / binCount,
    pending: 0,
    decided: 0,
  }))
  let total = 0
  for (const box of boxes) {
    if (box.className !== className || box.confidence === null) continue
    const at = (box.confidence - domain.min) / span
    const index = Math.min(binCount - 1, Math.max(0, Math.floor(at * binCount)))
    const bin = bins[index]
    if (!bin) continue
    if (box.state === 'suggested') bin.pending++
    else bin.decided++
    total++
  }
  const peak = bins.reduce((max, bin) => Math.max(max, bin.pending + bin.decided), 0)
  return { className, bins, peak, total }
}

/** Class names of the machine boxes, in the order given first, then in order of appearance. */
export function scoredClasses(
  boxes: readonly AnnotationBox[],
  order: readonly string[] = [],
): string[] {
  const present = new Set(boxes.filter((b) => b.confidence !== null).map((b) => b.className))
  const names = order.filter((name) => present.has(name))
  for (const name of present) if (!names.includes(name)) names.push(name)
  return names
}
