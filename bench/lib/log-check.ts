import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface LogCheck {
  records: number
  keys: number
  /** Keys with more than one record for the same run. */
  duplicates: number
  done: number
  failed: number
}

/** Counts results.jsonl records per image key and run: each image must appear once per run. */
export async function checkLog(projectDir: string, runId: string): Promise<LogCheck> {
  const lines = (await readFile(join(projectDir, 'results.jsonl'), 'utf8')).split('\n')
  const perKey = new Map<string, number>()
  let done = 0
  let failed = 0
  for (const line of lines) {
    if (line.trim() === '') continue
    const record = JSON.parse(line) as { key: string; runId: string; status: string }
    if (record.runId !== runId) continue
    perKey.set(record.key, (perKey.get(record.key) ?? 0) + 1)
    if (record.status === 'done') done++
    else failed++
  }
  const duplicates = [...perKey.values()].filter((n) => n > 1).length
  return { records: done + failed, keys: perKey.size, duplicates, done, failed }
}
