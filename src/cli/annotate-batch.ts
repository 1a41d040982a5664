import type { BatchStartInput } from '../main/services/batch/batch-service'
import type { BatchSummary } from '../shared/batch'
import type { ProgressReporter } from './progress-reporter'
import type { Session } from './session'

/** Runs the batch, showing progress and turning Ctrl-C into a clean cancel of the job. */
export async function runBatch(
  session: Session,
  input: BatchStartInput,
  reporter: ProgressReporter,
  signal: AbortSignal | undefined,
): Promise<BatchSummary> {
  const { services } = session
  const unsubscribe = services.events.subscribe('batch.progress', (event) => {
    if (event.projectDir === input.projectDir) reporter.update(event)
  })
  try {
    const { jobId, finished } = await services.batch.start(input)
    const cancel = (): void => {
      try {
        services.batch.cancel(jobId)
      } catch {
        // The run ended on its own just before the signal: nothing left to cancel.
      }
    }
    signal?.addEventListener('abort', cancel, { once: true })
    if (signal?.aborted) cancel()
    try {
      return await finished
    } finally {
      signal?.removeEventListener('abort', cancel)
    }
  } finally {
    unsubscribe()
    reporter.stop()
  }
}
