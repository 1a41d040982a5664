import type { BatchProgress, RecoveryProgress } from '../shared/batch'

/** What the progress display shows about this run (images skipped as already done are not in it). */
export interface ProgressView {
  /** Images this run sends; null while not known. */
  total: number | null
  done: number
  failed: number
  inFlight: number
  imagesPerSecond: number
  state: BatchProgress['state']
  /** The recovery pass waiting or under way, if any. */
  recovery: RecoveryProgress | null
}

export function remainingOf(view: ProgressView): number | null {
  return view.total === null ? null : Math.max(0, view.total - view.done - view.failed)
}

/** Seconds left at the current pace; null until there is a pace (or a total) to go by. */
export function etaOf(view: ProgressView): number | null {
  const remaining = remainingOf(view)
  if (remaining === null || view.imagesPerSecond <= 0) return null
  return Math.ceil(remaining / view.imagesPerSecond)
}

/** `0:07`, `12:05`, `1:02:03`: the way a clock shows a duration. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds))
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = String(whole % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** One decimal under 10 images/s, whole numbers above: steadier to read while it changes. */
export function formatRate(imagesPerSecond: number): string {
  const rate = imagesPerSecond < 10 ? imagesPerSecond.toFixed(1) : Math.round(imagesPerSecond)
  return `${rate} img/s`
}

/** "retrying 5 that failed, pass 1 of 2, in 4 s": a recovery pass, while it waits or runs. */
export function formatRecovery(recovery: RecoveryProgress, now: number): string {
  const what = `retrying ${recovery.images} that failed, pass ${recovery.pass} of ${recovery.passes}`
  if (recovery.startsAt === null) return what
  return `${what}, in ${Math.max(0, Math.ceil((recovery.startsAt - now) / 1000))} s`
}

function parts(view: ProgressView, now: number): string[] {
  const remaining = remainingOf(view)
  const eta = etaOf(view)
  // Once the recovery passes begin, every image has an outcome: what is left is the retrying.
  const last =
    view.recovery !== null && view.state !== 'finished'
      ? formatRecovery(view.recovery, now)
      : `ETA ${eta === null ? '--:--' : formatDuration(eta)}`
  return [
    `${view.done} done`,
    `${view.failed} failed`,
    `${remaining ?? '?'} left`,
    formatRate(view.imagesPerSecond),
    last,
  ]
}

const counter = (view: ProgressView): string => `${view.done + view.failed}/${view.total ?? '?'}`

/**
 * The single line redrawn in place on a terminal, never wider than `columns - 1` (a line that wraps
 * cannot be redrawn with `\r`): the bar goes first when space is short.
 */
export function formatProgressBar(view: ProgressView, columns: number, now = Date.now()): string {
  const text = `${counter(view)}  ${parts(view, now).join(' · ')}`
  const room = columns - 1
  const barWidth = Math.min(30, room - text.length - 3)
  if (barWidth < 8) return text.slice(0, Math.max(0, room))
  const share = view.total ? (view.done + view.failed) / view.total : 0
  return `${formatBar(share, barWidth)} ${text}`
}

/** `[████░░░░]`: `share` (0-1) of `width` cells filled, brackets not counted. */
export function formatBar(share: number, width: number): string {
  const filled = Math.max(0, Math.min(width, Math.floor(share * width)))
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`
}

/** The line printed every few seconds when stderr is not a terminal (a log file, CI). */
export function formatProgressLine(view: ProgressView, now = Date.now()): string {
  return `progress: ${counter(view)} images, ${parts(view, now).join(', ')}`
}
