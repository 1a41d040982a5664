import type { BatchProgress } from '../shared/batch'
import { formatJsonProgress } from './annotate-events'
import type { CliIo } from './io'
import { formatProgressBar, formatProgressLine, type ProgressView } from './progress-bar'

/** bar: one line redrawn in place (a terminal); json: JSON lines on stdout; lines: a log line now and then. */
export type ProgressMode = 'bar' | 'json' | 'lines'

export interface ProgressReporter {
  update(progress: BatchProgress): void
  /** Stops the timer; the bar is drawn a last time and its line ended. */
  stop(): void
}

/** Redraws at 4 Hz (bar, json: at most 4 events a second); a plain log line every 5 s. */
const INTERVAL_MS: Record<ProgressMode, number> = { bar: 250, json: 250, lines: 5_000 }

export function chooseProgressMode(io: CliIo, json: boolean, verbose: boolean): ProgressMode {
  if (json) return 'json'
  return io.isTTY && !verbose ? 'bar' : 'lines'
}

/**
 * Shows a run's progress on a timer, not per event: output stays calm whatever the pace, and the
 * ETA keeps moving between completions. `expected` is the pre-counted number of images to send,
 * used until the batch engine knows its own total.
 */
export function startProgress(
  mode: ProgressMode,
  io: CliIo,
  expected: number,
  intervalMs = INTERVAL_MS[mode],
): ProgressReporter {
  let view: ProgressView = {
    total: expected,
    done: 0,
    failed: 0,
    inFlight: 0,
    imagesPerSecond: 0,
    state: 'running',
    recovery: null,
  }
  let last = ''
  let stopped = false
  const draw = (): void => {
    if (mode === 'bar') {
      io.stderr(`\r\x1b[2K${formatProgressBar(view, io.columns?.() ?? 80)}`)
      return
    }
    const text = mode === 'json' ? formatJsonProgress(view) : `${formatProgressLine(view)}\n`
    if (text === last) return
    last = text
    if (mode === 'json') io.stdout(text)
    else io.stderr(text)
  }
  if (mode === 'bar') draw()
  const timer = setInterval(draw, intervalMs)
  timer.unref()
  return {
    update(progress) {
      view = {
        total: progress.total ?? expected,
        done: progress.done,
        failed: progress.failed,
        inFlight: progress.inFlight,
        imagesPerSecond: progress.imagesPerSecond,
        state: progress.state,
        recovery: progress.recovery,
      }
    },
    stop() {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      if (mode === 'bar') {
        draw()
        io.stderr('\n')
      }
    },
  }
}
