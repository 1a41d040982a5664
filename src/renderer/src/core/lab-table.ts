import type { ClassReport, CountMetrics } from '../../../shared/evaluation'
import type { LabCandidate, LabCandidateScore, LabCoverage, LabScore } from '../../../shared/lab'

/** The columns of the side-by-side table, with the direction in which a value is better. */
export type ColumnKey =
  'tp' | 'fp' | 'fn' | 'precision' | 'recall' | 'f1' | 'ap50' | 'ap50to95' | 'rejectedAgain'

export interface LabColumn {
  key: ColumnKey
  label: string
  title: string
  better: 'higher' | 'lower'
}

export const LAB_COLUMNS: readonly LabColumn[] = [
  { key: 'tp', label: 'TP', title: 'True positives at the cut', better: 'higher' },
  { key: 'fp', label: 'FP', title: 'False positives at the cut', better: 'lower' },
  { key: 'fn', label: 'Misses', title: 'True boxes nothing found at the cut', better: 'lower' },
  { key: 'precision', label: 'Precision', title: 'TP / (TP + FP)', better: 'higher' },
  { key: 'recall', label: 'Recall', title: 'TP / true boxes', better: 'higher' },
  { key: 'f1', label: 'F1', title: 'Harmonic mean of precision and recall', better: 'higher' },
  { key: 'ap50', label: 'AP50', title: 'COCO AP at IoU 0.50, whatever the cut', better: 'higher' },
  {
    key: 'ap50to95',
    label: 'AP50:95',
    title: 'COCO AP averaged over IoU 0.50 to 0.95',
    better: 'higher',
  },
  {
    key: 'rejectedAgain',
    label: 'Rejected again',
    title: 'Suggestions you rejected that this candidate would make again',
    better: 'lower',
  },
]

/** Values that differ by less than this are a tie (rates are ratios of small counts). */
const TIE = 1e-9

/**
 * The indices holding the best value of a column. Nulls take no part; nothing is best unless at
 * least two values can be compared and they are not all equal (then no candidate is better).
 */
export function bestIndices(
  values: readonly (number | null)[],
  better: 'higher' | 'lower',
): Set<number> {
  const defined = values.flatMap((v, i) => (v === null ? [] : [{ v, i }]))
  if (defined.length < 2) return new Set()
  const pick = better === 'higher' ? Math.max : Math.min
  const best = pick(...defined.map((d) => d.v))
  const winners = defined.filter((d) => Math.abs(d.v - best) < TIE)
  if (winners.length === defined.length) return new Set()
  return new Set(winners.map((d) => d.i))
}

/** What one row shows: the counts and rates of a candidate, overall or for one class. */
export type RowMetrics = CountMetrics & { ap50: number | null; ap50to95: number | null }

export interface LabRow {
  candidateId: string
  name: string
  /** Null for the overall row. */
  className: string | null
  metrics: RowMetrics | null
  coverage: LabCoverage | null
  /** Columns where this row holds the best value among the rows of its group. */
  best: ReadonlySet<ColumnKey>
  /** The cut the counts were taken at (per-class rows only). */
  threshold: number | null
}

/** A column's value in a row, or null where it is not defined or the row was not scored. */
export function columnValue(metrics: RowMetrics | null, key: ColumnKey): number | null {
  return metrics === null ? null : metrics[key]
}

/** Every class any report scored, in the order they first appear. */
export function scoredClasses(score: LabScore | null): string[] {
  const names: string[] = []
  for (const c of score?.candidates ?? [])
    for (const r of c.report.classes) if (!names.includes(r.className)) names.push(r.className)
  return names
}

/**
 * One row per candidate, overall (`className` null) or for one class, with the best of each
 * column marked. A candidate not run on any truth image has no numbers and is never best.
 */
export function tableRows(
  candidates: readonly LabCandidate[],
  score: LabScore | null,
  className: string | null = null,
): LabRow[] {
  const scores = new Map((score?.candidates ?? []).map((c) => [c.candidateId, c]))
  const rows = candidates.map((candidate) => {
    const scored = scores.get(candidate.id)
    const found = scored ? metricsOf(scored, className) : null
    return {
      candidateId: candidate.id,
      name: candidate.name,
      className,
      metrics: found?.metrics ?? null,
      coverage: scored?.coverage ?? null,
      threshold: found?.threshold ?? null,
    }
  })
  const best = new Map<number, Set<ColumnKey>>()
  for (const column of LAB_COLUMNS) {
    const values = rows.map((row) => columnValue(row.metrics, column.key))
    for (const i of bestIndices(values, column.better)) {
      const set = best.get(i) ?? new Set()
      set.add(column.key)
      best.set(i, set)
    }
  }
  return rows.map((row, i) => ({ ...row, best: best.get(i) ?? new Set() }))
}

function metricsOf(
  scored: LabCandidateScore,
  className: string | null,
): { metrics: RowMetrics; threshold: number | null } | null {
  if (scored.coverage.scored === 0) return null
  if (className === null) return { metrics: scored.report.overall, threshold: null }
  const report: ClassReport | undefined = scored.report.classes.find(
    (c) => c.className === className,
  )
  return report ? { metrics: report, threshold: report.threshold } : null
}

/** The candidate with the best overall F1 (ties: the first), the one "Use this" is offered for first. */
export function leader(rows: readonly LabRow[]): string | null {
  let found: { id: string; f1: number } | null = null
  for (const row of rows) {
    const f1 = row.metrics?.f1 ?? null
    if (f1 !== null && (found === null || f1 > found.f1 + TIE)) found = { id: row.candidateId, f1 }
  }
  return found?.id ?? null
}
