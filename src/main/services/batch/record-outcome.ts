import {
  emptyAnnotations,
  mergeSuggestions,
  type ImageAnnotations,
} from '../../../shared/annotations'
import type { DetectionResult } from '../../../shared/contract'
import { withClasses } from '../projects/project-file'
import type { ProjectStore } from '../projects/project-store'
import type { ScannedFile } from './folder-scan'
import type { ResultLog } from './result-log'
import type { RunTally } from './run-tally'
import type { Outcome } from './scheduler'

/** One image's outcome was written (its new document, or the failure's reason). */
export type RecordedListener = (
  projectDir: string,
  key: string,
  doc: ImageAnnotations | null,
  error: string | null,
) => void

export interface RecordTarget {
  store: ProjectStore
  log: ResultLog
  tally: RunTally
  runId: string
  runKey: string
  events: { recorded?: RecordedListener | undefined }
}

/**
 * Writes one image's outcome: a result into its annotations and then the synced log line, so the
 * log never names a result the annotations lack; a failure goes to the log only.
 */
export function recordOutcome(target: RecordTarget) {
  const { store, log, tally, runId, runKey, events } = target
  return async (file: ScannedFile, outcome: Outcome<DetectionResult>, pass: number) => {
    // Which recovery pass wrote a record; the first pass's records stay as they always were.
    const onPass = pass > 0 ? { pass } : {}
    if (!outcome.ok) {
      tally.failure(file.key, outcome.error)
      const error = outcome.error
      await log.append({ key: file.key, runId, runKey, status: 'failed', ...onPass, error })
      events.recorded?.(store.dir, file.key, null, error.message)
      return
    }
    const result = outcome.value
    const at = new Date().toISOString()
    const current =
      (await store.readAnnotations(file.key)) ??
      emptyAnnotations(file.key, result.width, result.height)
    const merged = mergeSuggestions(current, result.detections, { runKey, at })
    await store.writeAnnotations(merged)
    tally.success(file.key, result.detections)
    const names = new Set(result.detections.map((d) => d.className))
    if ([...names].some((n) => !store.file.classes.some((c) => c.name === n)))
      await store.update((f) => withClasses(f, names))
    await log.append({
      key: file.key,
      runId,
      runKey,
      status: 'done',
      ...onPass,
      width: result.width,
      height: result.height,
      detections: result.detections,
    })
    events.recorded?.(store.dir, file.key, merged, null)
  }
}
