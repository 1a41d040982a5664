import type { LabCandidate, LabCut, LabScore } from '../../../shared/lab'
import { cutOf } from './lab-apply'
import { f1AtCut, f1Line, markerPoints, maxRecall, prLine, type Series } from './lab-chart'
import { scoreDomain, type ScoreDomain } from './histogram'

/** What the two charts of one class draw: a line per run candidate, and the F1 chart's span. */
export interface ClassCharts {
  pr: Series[]
  f1: Series[]
  /** The threshold axis: zoomed onto the top when every score and cut is high (OwlV2's near 1). */
  domain: ScoreDomain
  cutLines: { index: number; x: number }[]
}

/** A marker every this many points of the 101-point precision-recall curve. */
const PR_MARKER_EVERY = 10
const F1_MARKER_EVERY = 6

/**
 * The precision-recall and F1-against-threshold lines of one class, one per candidate that was
 * run, each with its current cut marked; the F1 line also marks its best cut.
 */
export function classCharts(
  candidates: readonly LabCandidate[],
  score: LabScore | null,
  className: string,
  cuts: (id: string) => LabCut | null,
): ClassCharts {
  const reports = candidates.flatMap((candidate, index) => {
    const scored = score?.candidates.find((c) => c.candidateId === candidate.id)
    const report = scored?.report.classes.find((c) => c.className === className)
    if (!scored || scored.coverage.scored === 0 || !report) return []
    const cut = cuts(candidate.id)
    return [
      { candidate, index, report, cut: cut === null ? report.threshold : cutOf(cut, className) },
    ]
  })
  // The cuts count too: a cut below every score must still show where it is.
  const domain = scoreDomain(
    reports.flatMap((r) => [r.cut, ...r.report.thresholdCurve.map((p) => p.threshold)]),
  )
  const span = [domain.min, domain.max] as const
  const pr = reports.map(({ candidate, index, report }) => {
    const points = prLine(report.prCurve)
    const { recall, precision } = report
    return {
      candidateId: candidate.id,
      name: candidate.name,
      index,
      points,
      markers: markerPoints(points, PR_MARKER_EVERY, index),
      current: recall !== null && precision !== null ? { x: recall, y: precision } : null,
      best: null,
      data: {
        'data-kind': 'pr',
        'data-ap50': report.ap50 ?? '',
        'data-max-recall': maxRecall(report.prCurve),
      },
    }
  })
  const f1 = reports.map(({ candidate, index, report, cut }) => {
    const points = f1Line(report.thresholdCurve, span)
    const atCut = f1AtCut(report.thresholdCurve, cut)
    const best = report.bestF1
    return {
      candidateId: candidate.id,
      name: candidate.name,
      index,
      points,
      markers: markerPoints(points, F1_MARKER_EVERY, index),
      current: atCut === null ? null : { x: cut, y: atCut },
      best: best?.f1 != null ? { x: best.threshold, y: best.f1 } : null,
      data: {
        'data-kind': 'f1',
        'data-best-threshold': best?.threshold ?? '',
        'data-best-f1': best?.f1 ?? '',
        'data-cut': cut,
      },
    }
  })
  return { pr, f1, domain, cutLines: reports.map(({ index, cut }) => ({ index, x: cut })) }
}
