import type { Interval } from '../../../shared/evaluation'
import type { LabCoverage, LabProgress } from '../../../shared/lab'
import { plural } from './format'

/** A dash for a number that is not defined (no detection, no truth). */
export const NONE = '–'

/** A rate or AP with two decimals; null (undefined) as a dash. */
export function formatMetric(value: number | null): string {
  return value === null ? NONE : value.toFixed(2)
}

/**
 * A rate as the lab shows it: with its 95% interval when the class has few truth boxes
 * ("0.80 (0.49–0.94)"), since a handful of boxes cannot make it a fact.
 */
export function formatRate(value: number | null, interval: Interval | null, few: boolean): string {
  if (value === null) return NONE
  if (!few || interval === null) return value.toFixed(2)
  return `${value.toFixed(2)} (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})`
}

/** The interval in words, for a tooltip: always available, even when the number is shown alone. */
export function describeInterval(interval: Interval | null): string {
  if (interval === null) return ''
  return `95% interval ${interval.low.toFixed(2)}–${interval.high.toFixed(2)}`
}

/** A score cut with as many decimals as the scores need (four near 1, where OwlV2's sit). */
export function formatCut(value: number, digits = 2): string {
  return value.toFixed(value >= 0.99 && value < 1 ? Math.max(digits, 4) : digits)
}

/** What part of the truth set a candidate's score stands on, in words; empty when all of it plainly. */
export function describeCoverage(coverage: LabCoverage, truthImages: number): string[] {
  const lines: string[] = []
  if (coverage.scored === 0) lines.push('Not run yet: run it to score it.')
  else if (coverage.missing > 0)
    lines.push(
      `Scored on ${coverage.scored} of ${truthImages} truth images; ${plural(coverage.missing, 'image is', 'images are')} not run yet or failed.`,
    )
  const refs = coverage.leftOut.length
  if (coverage.policy === 'leave-one-out')
    lines.push(
      `Reference images scored leave-one-out (each with the other references only)${refs > 0 ? `: ${refs}` : ''}.`,
    )
  else if (coverage.policy === 'left-out' || refs > 0)
    lines.push(`${plural(refs, 'image', 'images')} left out of this score (its own examples).`)
  return lines
}

/** Why each image was left out, one per line, for a tooltip. */
export function describeLeftOut(coverage: LabCoverage): string {
  return coverage.leftOut.map((item) => `${item.key}: ${item.reason}`).join('\n')
}

/** "12 of 40 answers · 28 from the cache, 10 asked · 2 failed": the cache's share made visible. */
export function describeProgress(progress: LabProgress): string {
  const asked = Math.max(0, progress.done - progress.cached)
  const parts = [
    `${progress.done} of ${progress.total} answers`,
    `${progress.cached} from the cache, ${asked} asked`,
  ]
  if (progress.failed > 0) parts.push(`${progress.failed} failed`)
  if (progress.state === 'cancelled') parts.push('cancelled')
  return parts.join(' · ')
}
