import type { AnnotateScope } from './annotate-args'
import { etaOf, remainingOf, type ProgressView } from './progress-bar'

/** What a run is about to do, said before the first image is sent. */
export interface RunStart {
  project: string
  folder: string
  scope: AnnotateScope
  /** Images in the folder. */
  images: number
  /** Images this run will send. */
  toDo: number
  concurrency: number
  resumed: boolean
  /** Images the interrupted run had finished (not sent again). */
  alreadyDone: number
  /** A finished run with the same settings exists (so --only-new would skip its images). */
  finishedBefore: boolean
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** The opening lines for people (stderr): what runs, and whether it picks up an interrupted run. */
export function formatStartText(start: RunStart): string {
  const lines: string[] = []
  // An interrupted run that had finished nothing is simply run again: nothing worth announcing.
  const resuming = start.resumed && start.alreadyDone > 0
  if (resuming) {
    lines.push(`Resuming: ${plural(start.alreadyDone, 'image')} already done, ${start.toDo} to go.`)
  } else if (start.scope === 'all' && start.finishedBefore) {
    lines.push(
      'Note: an earlier run with these settings finished; every image is labelled again (add --only-new to label only images added since).',
    )
  }
  if (!resuming) {
    const kind = start.scope === 'new' ? 'new ' : start.scope === 'failed' ? 'failed ' : ''
    const of = start.toDo === start.images ? '' : ` of ${start.images}`
    lines.push(
      `Labelling ${plural(start.toDo, `${kind}image`)}${of} in ${start.folder}, ${start.concurrency} at a time.`,
    )
  }
  lines.push(`Project: ${start.project}`)
  return `${lines.join('\n')}\n`
}

export function formatJsonStart(start: RunStart): string {
  return `${JSON.stringify({ start })}\n`
}

/** The `--json` progress event: this run's counts, rate to 2 decimals. */
export function formatJsonProgress(view: ProgressView): string {
  const progress = {
    done: view.done,
    failed: view.failed,
    total: view.total,
    remaining: remainingOf(view),
    inFlight: view.inFlight,
    imagesPerSecond: Math.round(view.imagesPerSecond * 100) / 100,
    etaSeconds: etaOf(view),
    state: view.state,
    recovery: view.recovery,
  }
  return `${JSON.stringify({ progress })}\n`
}
