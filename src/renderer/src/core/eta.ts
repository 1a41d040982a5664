import type { BatchProgress, RecoveryProgress } from '../../../shared/batch'

/** "4.2 images/s"; one decimal below 10 so a slow server still shows movement. */
export function formatRate(imagesPerSecond: number): string {
  if (!(imagesPerSecond > 0)) return '— images/s'
  const digits = imagesPerSecond < 10 ? 1 : 0
  return `${imagesPerSecond.toFixed(digits)} images/s`
}

/** A duration as people read it: "45 s", "3 min 20 s", "2 h 05 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  if (s < 3600) {
    const rest = s % 60
    return rest === 0 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 60)} min ${rest} s`
  }
  const minutes = Math.floor((s % 3600) / 60)
  return `${Math.floor(s / 3600)} h ${String(minutes).padStart(2, '0')} min`
}

/** "about 3 min left", or what the run is waiting for when there is no pace yet. */
export function formatEta(progress: Pick<BatchProgress, 'etaSeconds' | 'state'>): string {
  if (progress.state === 'paused') return 'paused'
  if (progress.state === 'cancelled') return 'cancelled'
  if (progress.state === 'finished') return 'finished'
  if (progress.etaSeconds === null) return 'estimating time left…'
  return `about ${formatDuration(progress.etaSeconds)} left`
}

/** Images handled so far (done or failed) over all to do; null while the folder is still listed. */
export function progressFraction(
  progress: Pick<BatchProgress, 'done' | 'failed' | 'total'>,
): number | null {
  if (progress.total === null) return null
  if (progress.total === 0) return 1
  return Math.min(1, (progress.done + progress.failed) / progress.total)
}

/** "37 of 120 images", or "37 images so far" while the total is not known yet. */
export function formatCount(progress: Pick<BatchProgress, 'done' | 'failed' | 'total'>): string {
  const handled = progress.done + progress.failed
  if (progress.total === null) return `${handled} images so far`
  return `${handled} of ${progress.total} images`
}

/** "Retrying 5 images that failed, pass 1 of 2, in 4 s"; without the wait once the pass runs. */
export function formatRecovery(recovery: RecoveryProgress, now: number): string {
  const images = recovery.images === 1 ? '1 image' : `${recovery.images} images`
  const what = `Retrying ${images} that failed, pass ${recovery.pass} of ${recovery.passes}`
  if (recovery.startsAt === null) return what
  return `${what}, in ${Math.max(0, Math.ceil((recovery.startsAt - now) / 1000))} s`
}
