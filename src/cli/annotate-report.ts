import type { BatchSummary } from '../shared/batch'
import type { AnnotateScope } from './annotate-args'
import type { ExportOutcome } from './annotate-exports'
import { formatDuration } from './progress-bar'

/** Failed images printed by name; the rest are counted and left to results.jsonl. */
export const SHOWN_FAILURES = 20

/** Everything a finished (or interrupted) run reports; `--json` prints it as {"summary": …}. */
export interface AnnotateSummary {
  project: string
  folder: string
  resultsFile: string
  scope: AnnotateScope
  /** Images found in the folder. */
  images: number
  /** This run's outcomes. */
  done: number
  failed: number
  /** Images not sent: done by the interrupted run this one resumed, or out of scope. */
  skipped: number
  resumed: boolean
  cancelled: boolean
  seconds: number
  otherFiles: number
  unreadableFolders: { path: string; reason: string }[]
  failures: { key: string; code: string; message: string; hint?: string }[]
  /** Failures beyond those listed in `failures`. */
  moreFailures: number
  exports: ExportOutcome[]
  exitCode: number
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()
const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n} ${n === 1 ? word : many}`

export function toAnnotateSummary(
  batch: BatchSummary,
  context: Pick<AnnotateSummary, 'project' | 'folder' | 'resultsFile' | 'scope' | 'seconds'>,
  exports: ExportOutcome[],
  exitCode: number,
): AnnotateSummary {
  const failures = batch.failures.map(({ key, error }) => ({
    key,
    code: error.code,
    message: oneLine(error.message),
    ...(error.hint === undefined ? {} : { hint: oneLine(error.hint) }),
  }))
  return {
    ...context,
    images: batch.scan.images,
    done: batch.done,
    failed: batch.failed,
    skipped: batch.skipped,
    resumed: batch.resumed,
    cancelled: batch.cancelled,
    otherFiles: batch.scan.otherFiles,
    unreadableFolders: batch.scan.unreadableFolders,
    failures,
    moreFailures: Math.max(0, batch.failed - failures.length),
    exports,
    exitCode,
  }
}

/** 0: every image succeeded; 2: some failed or a folder could not be read. */
export function exitCodeOf(batch: BatchSummary): number {
  return batch.failed > 0 || batch.scan.unreadableFolders.length > 0 ? 2 : 0
}

function skippedLine(summary: AnnotateSummary): string | null {
  if (summary.skipped === 0) return null
  const what =
    summary.scope === 'failed'
      ? 'had not failed'
      : summary.resumed
        ? 'were already done'
        : 'already had results'
  return `Skipped ${plural(summary.skipped, 'image')} that ${what}.`
}

function failureLines(summary: AnnotateSummary): string[] {
  if (summary.failed === 0) return []
  const shown = summary.failures.slice(0, SHOWN_FAILURES)
  const more = summary.failed - shown.length
  return [
    'Failed:',
    ...shown.map((f) => `  ${f.key}: ${f.message} (${f.code})`),
    ...(more > 0 ? [`  and ${more} more (see ${summary.resultsFile})`] : []),
  ]
}

function exportLine(outcome: ExportOutcome): string[] {
  const name = outcome.format === 'coco' ? 'COCO' : 'Annotated images'
  if (!outcome.ok) {
    const reasons = outcome.problems.slice(0, SHOWN_FAILURES).map((p) => `  ${p}`)
    return [`${name}: not written: ${oneLine(outcome.message)}`, ...reasons]
  }
  const boxes = outcome.format === 'coco' ? `, ${plural(outcome.annotations, 'box', 'boxes')}` : ''
  return [
    `${name}: ${outcome.path} (${plural(outcome.images, 'image')}${boxes})`,
    ...outcome.skipped.map((s) => `  left out ${s.key}: ${oneLine(s.reason)}`),
  ]
}

/** The closing report for people: counts, failures by name, what was written where. */
export function formatSummaryText(summary: AnnotateSummary): string {
  const sent = summary.done + summary.failed
  const took = formatDuration(summary.seconds)
  const head = summary.cancelled
    ? `Interrupted: ${plural(summary.done, 'image')} labelled and ${summary.failed} failed before the stop; finished results are kept. Run the same command again to resume.`
    : sent === 0
      ? 'Nothing to label: every image in scope already has results.'
      : summary.failed === 0
        ? `Labelled ${plural(summary.done, 'image')} in ${took}.`
        : `Labelled ${summary.done} of ${plural(sent, 'image')} in ${took}; ${summary.failed} failed.`
  const lines = [head, skippedLine(summary), ...failureLines(summary)]
  if (summary.otherFiles > 0) {
    lines.push(
      `Ignored ${plural(summary.otherFiles, 'file')} that ${summary.otherFiles === 1 ? 'is' : 'are'} not an image.`,
    )
  }
  for (const folder of summary.unreadableFolders) {
    lines.push(`Could not read the folder ${folder.path} (${folder.reason}).`)
  }
  lines.push(`Results: ${summary.resultsFile}`)
  for (const outcome of summary.exports) lines.push(...exportLine(outcome))
  return `${lines.filter((line) => line !== null).join('\n')}\n`
}

export function formatJsonSummary(summary: AnnotateSummary): string {
  return `${JSON.stringify({ summary })}\n`
}
