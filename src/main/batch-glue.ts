import { Notification, type BrowserWindow } from 'electron'
import type { EventMap } from '../shared/contract'
import type { EventBus } from './services/events'

/** Runs shorter than this end while the user is still watching: no notification for them. */
export const LONG_RUN_MS = 10_000

/** The taskbar/dock progress for a run's state; -1 removes it, above 1 is "busy, size unknown". */
export function taskbarProgress(event: EventMap['batch.progress']): {
  value: number
  mode: 'normal' | 'paused' | 'indeterminate' | 'none'
} {
  if (event.state === 'finished' || event.state === 'cancelled') return { value: -1, mode: 'none' }
  if (event.total === null) return { value: 2, mode: 'indeterminate' }
  const value = event.total === 0 ? 1 : (event.done + event.failed) / event.total
  return { value: Math.min(1, value), mode: event.state === 'paused' ? 'paused' : 'normal' }
}

/** "118 images done, 2 failed." */
function describeRun(summary: EventMap['batch.finished']): string {
  const failed = summary.failed > 0 ? `, ${summary.failed} failed` : ''
  return `${summary.done} ${summary.done === 1 ? 'image' : 'images'} done${failed}.`
}

/**
 * Mirrors batch runs in the OS while the window may be hidden: progress on the taskbar (dock on
 * macOS), and a notification when a long run ends. Returns what stops it.
 */
export function attachBatchGlue(
  events: EventBus,
  window: () => BrowserWindow | null,
  now: () => number = Date.now,
): () => void {
  const startedAt = new Map<string, number>()
  const stopProgress = events.subscribe('batch.progress', (event) => {
    if (!startedAt.has(event.jobId)) startedAt.set(event.jobId, now())
    const target = window()
    if (!target || target.isDestroyed()) return
    const { value, mode } = taskbarProgress(event)
    target.setProgressBar(value, { mode })
  })
  const stopFinished = events.subscribe('batch.finished', (summary) => {
    const started = startedAt.get(summary.jobId)
    startedAt.delete(summary.jobId)
    const target = window()
    if (target && !target.isDestroyed()) target.setProgressBar(-1, { mode: 'none' })
    if (started === undefined || now() - started <= LONG_RUN_MS || !Notification.isSupported())
      return
    const notification = new Notification({
      title: summary.cancelled ? 'Batch run cancelled' : 'Batch run finished',
      body: describeRun(summary),
    })
    notification.on('click', () => {
      const shown = window()
      if (shown && !shown.isDestroyed()) shown.show()
    })
    notification.show()
  })
  return () => {
    stopProgress()
    stopFinished()
  }
}
