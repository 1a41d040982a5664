import type { BatchScope } from '../../../shared/batch'
import type { AppErrorData } from '../../../shared/errors'
import type { RunRecord } from '../projects/project-file'
import type { ResultRecord } from './result-log'

/** The project's last run when it never finished and has these settings and scope: it is resumed. */
export function resumableRun(
  runs: readonly RunRecord[],
  runKey: string,
  scope: BatchScope,
): RunRecord | null {
  const last = runs.at(-1)
  return last && last.finishedAt === null && last.runKey === runKey && last.scope === scope
    ? last
    : null
}

/** Which keys a run skips: finished in the resumed run, or by scope (`new`: any result; `failed`: not failed). */
export function skipRule(
  scope: BatchScope,
  resumedRunId: string | null,
  latest: Map<string, ResultRecord>,
) {
  return (key: string): boolean => {
    const last = latest.get(key)
    if (resumedRunId !== null && last?.status === 'done' && last.runId === resumedRunId) return true
    if (scope === 'new') return last?.status === 'done'
    if (scope === 'failed') return last?.status !== 'failed'
    return false
  }
}

/** The errors the images still failed with when the resumed run stopped: a try each, before this run. */
export function earlierFailures(
  latest: Map<string, ResultRecord>,
  resumedRunId: string | null,
): Map<string, AppErrorData> {
  const earlier = new Map<string, AppErrorData>()
  if (resumedRunId === null) return earlier
  for (const record of latest.values()) {
    if (record.status === 'failed' && record.runId === resumedRunId) {
      earlier.set(record.key, record.error as AppErrorData)
    }
  }
  return earlier
}
