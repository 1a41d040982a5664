import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface LogCheck {
  records: number
  keys: number
  /** Keys done more than once, or with any record after their success, in the same run. */
  duplicates: number
  /** Keys whose last record is a success / a failure. */
  done: number
  failed: number
  /** Keys that failed on the first pass (a record without a pass number). */
  failedFirst: number
  /** Records written by a recovery pass. */
  recoveryRecords: number
}

/**
 * Counts results.jsonl records per image key for one run: an image may fail and be tried again on a
 * recovery pass, but it is done at most once, and nothing follows its success.
 */
export async function checkLog(projectDir: string, runId: string): Promise<LogCheck> {
  const lines = (await readFile(join(projectDir, 'results.jsonl'), 'utf8')).split('\n')
  const perKey = new Map<string, string[]>()
  let records = 0
  let failedFirst = 0
  let recoveryRecords = 0
  for (const line of lines) {
    if (line.trim() === '') continue
    const record = JSON.parse(line) as { key: string; runId: string; status: string; pass?: number }
    if (record.runId !== runId) continue
    records++
    if (record.pass === undefined && record.status === 'failed') failedFirst++
    if (record.pass !== undefined) recoveryRecords++
    perKey.set(record.key, [...(perKey.get(record.key) ?? []), record.status])
  }
  let duplicates = 0
  let done = 0
  for (const statuses of perKey.values()) {
    const first = statuses.indexOf('done')
    if (first !== -1 && first !== statuses.length - 1) duplicates++
    if (statuses.at(-1) === 'done') done++
  }
  return {
    records,
    keys: perKey.size,
    duplicates,
    done,
    failed: perKey.size - done,
    failedFirst,
    recoveryRecords,
  }
}
