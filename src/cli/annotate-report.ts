import type { BatchFailureKind, BatchSummary } from '../shared/batch'
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
  /** This run's outcomes: `done` includes `recovered`, `failed` is `failedEveryTry` + `badFiles`. */
  done: number
  failed: number
  /** Images that failed at first and were done on a recovery pass. */
  recovered: number
  /** Images that failed on every try (the server or the request, not the file). */
  failedEveryTry: number
  /** Images whose file cannot be read or decoded. */
  badFiles: number
  /** Recovery passes made over the images that failed at first. */
  recoveryPasses: number
  /** Images not sent: done by the interrupted run this one resumed, or out of scope. */
  skipped: number
  resumed: boolean
  cancelled: boolean
  seconds: number
  otherFiles: number
  unreadableFolders: { path: string; reason: string }[]
  failures: {
    key: string
    code: string
    message: string
    hint?: string
    kind: BatchFailureKind
    tries: number
  }[]
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
  const failures = batch.failures.map(({ key, error, kind, tries }) => ({
    key,
    code: error.code,
    message: oneLine(error.message),
    ...(error.hint === undefined ? {} : { hint: oneLine(error.hint) }),
    kind,
    tries,
  }))
  return {
    ...context,
    images: batch.scan.images,
    done: batch.done,
    failed: batch.failed,
    recovered: batch.recovered,
    failedEveryTry: batch.failed - batch.badFiles,
    badFiles: batch.badFiles,
    recoveryPasses: batch.recoveryPasses,
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

/** A failure's line: its reason and code, and how often an image that failed every try was tried. */
function failureLine(f: AnnotateSummary['failures'][number]): string {
  const tries = f.kind === 'failed' ? `, ${plural(f.tries, 'try', 'tries')}` : ''
  return `  ${f.key}: ${f.message} (${f.code}${tries})`
}

/** Failures by name, those that failed every try first, then bad files; at most SHOWN_FAILURES in all. */
function failureLines(summary: AnnotateSummary): string[] {
  if (summary.failed === 0) return []
  const lines: string[] = []
  let room = SHOWN_FAILURES
  const groups = [
    { kind: 'failed', title: 'Failed every try', count: summary.failedEveryTry },
    { kind: 'bad-file', title: 'Bad files', count: summary.badFiles },
  ] as const
  for (const group of groups) {
    if (group.count === 0) continue
    const shown = summary.failures.filter((f) => f.kind === group.kind).slice(0, room)
    room -= shown.length
    const more = group.count - shown.length
    lines.push(
      `${group.title} (${group.count}):`,
      ...shown.map(failureLine),
      ...(more > 0 ? [`  and ${more} more (see ${summary.resultsFile})`] : []),
    )
  }
  return lines
}

/** Says how many images a recovery pass did after they had failed. */
function recoveredLine(summary: AnnotateSummary): string | null {
  if (summary.recovered === 0) return null
  return `Recovered ${plural(summary.recovered, 'image')} on a later pass.`
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
  const lines = [head, recoveredLine(summary), skippedLine(summary), ...failureLines(summary)]
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
