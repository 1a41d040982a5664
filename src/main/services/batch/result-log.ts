import { z } from 'zod'
import type { AppErrorData } from '../../../shared/errors'
import { JsonlFile, readJsonLines } from '../storage/jsonl-file'

const detectionSchema = z.object({
  id: z.string(),
  className: z.string(),
  confidence: z.number(),
  box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  prompt: z.string().optional(),
})

const recordSchema = z.discriminatedUnion('status', [
  z.object({
    v: z.literal(1),
    key: z.string(),
    runId: z.string(),
    runKey: z.string(),
    status: z.literal('done'),
    /** The recovery pass that wrote it (absent on the first pass). */
    pass: z.number().int().min(1).optional(),
    at: z.string(),
    width: z.number(),
    height: z.number(),
    detections: z.array(detectionSchema),
  }),
  z.object({
    v: z.literal(1),
    key: z.string(),
    runId: z.string(),
    runKey: z.string(),
    status: z.literal('failed'),
    pass: z.number().int().min(1).optional(),
    at: z.string(),
    error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }),
  }),
])
export type ResultRecord = z.infer<typeof recordSchema>
export type NewResultRecord =
  | Omit<Extract<ResultRecord, { status: 'done' }>, 'v' | 'at'>
  | (Omit<Extract<ResultRecord, { status: 'failed' }>, 'v' | 'at' | 'error'> & {
      error: AppErrorData
    })

export interface LogContents {
  /** The latest record per image key. */
  latest: Map<string, ResultRecord>
  /** Lines that could not be read back (a line cut short by a crash, or damage). */
  damagedLines: number[]
}

/** Reads a results log line by line (100,000 images stream through, never one big string). */
export async function readResultLog(path: string): Promise<LogContents> {
  const latest = new Map<string, ResultRecord>()
  const damagedLines = await readJsonLines(path, (value) => {
    const parsed = recordSchema.safeParse(value)
    if (parsed.success) latest.set(parsed.data.key, parsed.data)
    return parsed.success
  })
  return { latest, damagedLines }
}

/** The results log: one synced line per finished image, so a crash loses only requests in flight. */
export class ResultLog {
  readonly #file: JsonlFile

  private constructor(file: JsonlFile) {
    this.#file = file
  }

  static async open(path: string): Promise<ResultLog> {
    return new ResultLog(await JsonlFile.open(path))
  }

  append(record: NewResultRecord): Promise<void> {
    return this.#file.append({ v: 1, ...record, at: new Date().toISOString() })
  }

  close(): Promise<void> {
    return this.#file.close()
  }
}
