import type { BatchFailure, BatchSummary } from '../../../shared/batch'
import type { ErrorCode } from '../../../shared/errors'
import type { ImageEntry, ImageOrder, ImageStatus, StatusFilter } from '../../../shared/project'
import { errorTitle } from './error-titles'

/** Badge words: what a labeler does next with the image, not the engine's state. */
export const STATUS_LABELS: Record<ImageStatus, string> = {
  'not-run': 'Not run',
  suggested: 'To review',
  empty: 'Nothing found, not checked',
  reviewed: 'Reviewed',
  failed: 'Failed',
}

/** The short text beside a filmstrip row: what waits, what was kept, or that it failed. */
export function badgeText(
  entry: Pick<ImageEntry, 'status' | 'pending' | 'kept' | 'lowest'>,
  showLowest = false,
): string {
  if (entry.status === 'suggested') {
    const lowest = showLowest && entry.lowest !== undefined ? ` · ${entry.lowest.toFixed(2)}` : ''
    return `${entry.pending} to review${lowest}`
  }
  if (entry.status === 'empty') return 'nothing found · check'
  if (entry.status === 'reviewed') return entry.kept === 0 ? 'empty, checked' : `${entry.kept} kept`
  if (entry.status === 'failed') return 'failed'
  return ''
}

export const STATUS_ORDER: readonly ImageStatus[] = [
  'not-run',
  'suggested',
  'empty',
  'reviewed',
  'failed',
]

export const FILTER_LABELS: Record<StatusFilter, string> = {
  all: 'All images',
  'not-run': 'Not run',
  suggested: 'To review',
  empty: 'Nothing found, to check',
  pending: 'Not reviewed yet',
  reviewed: 'Reviewed',
  failed: 'Failed',
}

/** The filmstrip's orders, as its menu names them. */
export const ORDER_LABELS: Record<ImageOrder, string> = {
  folder: 'Folder order',
  'most-pending': 'Most to review',
  'least-confident': 'Least sure first',
}

/** One bar of a small chart. */
export interface Bar {
  label: string
  value: number
  /** Share of the longest bar, 0..1, so every chart fills its width the same way. */
  share: number
  /** A key a component can style by (status, error code, class name). */
  key: string
}

/** Bars for label/value pairs, longest first unless `keepOrder`; zero values dropped. */
export function toBars(
  pairs: readonly { key: string; label: string; value: number }[],
  keepOrder = false,
): Bar[] {
  const shown = pairs.filter((p) => p.value > 0)
  const sorted = keepOrder ? shown : [...shown].sort((a, b) => b.value - a.value)
  const max = Math.max(1, ...sorted.map((p) => p.value))
  return sorted.map((p) => ({ ...p, share: p.value / max }))
}

export interface FailureGroup {
  code: ErrorCode
  title: string
  count: number
  /** One message as an example; messages name files, so groups go by code. */
  example: string
}

/** Failures grouped by reason, most frequent first. */
export function groupFailures(
  failures: readonly Pick<BatchFailure, 'key' | 'error'>[],
): FailureGroup[] {
  const groups = new Map<ErrorCode, FailureGroup>()
  for (const { error } of failures) {
    const group = groups.get(error.code)
    if (group) group.count++
    else
      groups.set(error.code, {
        code: error.code,
        title: errorTitle(error.code),
        count: 1,
        example: error.message,
      })
  }
  return [...groups.values()].sort((a, b) => b.count - a.count)
}

/** Bars of images per badge, in the badge order the filmstrip uses. */
export function statusBars(counts: Readonly<Record<ImageStatus, number>>): Bar[] {
  return toBars(
    STATUS_ORDER.map((status) => ({
      key: status,
      label: STATUS_LABELS[status],
      value: counts[status],
    })),
    true,
  )
}

/** One line of what became of the images that did not go through at the first try. */
export interface OutcomeLine {
  key: 'recovered' | 'failed' | 'bad-file'
  count: number
  text: string
}

const images = (n: number): string => (n === 1 ? '1 image' : `${n} images`)

/** Recovered on a later pass, failed every try, bad files: only the lines that have images. */
export function outcomeLines(
  summary: Pick<BatchSummary, 'recovered' | 'failed' | 'badFiles'>,
): OutcomeLine[] {
  const failed = summary.failed - summary.badFiles
  const lines: OutcomeLine[] = [
    {
      key: 'recovered',
      count: summary.recovered,
      text: `${images(summary.recovered)} recovered on a later pass`,
    },
    { key: 'failed', count: failed, text: `${images(failed)} failed every try` },
    {
      key: 'bad-file',
      count: summary.badFiles,
      text: summary.badFiles === 1 ? '1 bad file' : `${summary.badFiles} bad files`,
    },
  ]
  return lines.filter((line) => line.count > 0)
}

/** The short tag beside a failed image: a bad file, or how many times it failed. */
export function failureTag(failure: Pick<BatchFailure, 'kind' | 'tries'>): string {
  if (failure.kind === 'bad-file') return 'Bad file'
  return failure.tries === 1 ? 'Failed' : `Failed ${failure.tries} times`
}
