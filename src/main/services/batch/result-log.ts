import { createReadStream } from 'node:fs'
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import { z } from 'zod'
import type { AppErrorData } from '../../../shared/errors'

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
  const damagedLines: number[] = []
  const exists = await stat(path).catch(() => null)
  if (!exists) return { latest, damagedLines }
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  let number = 0
  for await (const line of lines) {
    number++
    if (line.trim() === '') continue
    let parsed: ReturnType<typeof recordSchema.safeParse>
    try {
      parsed = recordSchema.safeParse(JSON.parse(line))
    } catch {
      damagedLines.push(number)
      continue
    }
    if (parsed.success) latest.set(parsed.data.key, parsed.data)
    else damagedLines.push(number)
  }
  return { latest, damagedLines }
}

/**
 * Appends one JSON line per finished image and syncs it to disk before the image counts as done,
 * so a crash or power cut loses at most the requests in flight. A line cut short by a crash is
 * closed off before anything new is appended, so it cannot swallow the next record.
 */
export class ResultLog {
  readonly #handle: FileHandle
  #queue: Promise<void> = Promise.resolve()

  private constructor(handle: FileHandle) {
    this.#handle = handle
  }

  static async open(path: string): Promise<ResultLog> {
    await mkdir(dirname(path), { recursive: true })
    const handle = await open(path, 'a+')
    const { size } = await handle.stat()
    if (size > 0) {
      const last = Buffer.alloc(1)
      await handle.read(last, 0, 1, size - 1)
      if (last[0] !== 0x0a) await handle.write('\n')
    }
    return new ResultLog(handle)
  }

  /** Serialised appends: concurrent workers never interleave partial lines. */
  append(record: NewResultRecord): Promise<void> {
    const line = `${JSON.stringify({ v: 1, ...record, at: new Date().toISOString() })}\n`
    const next = this.#queue.then(async () => {
      await this.#handle.write(line)
      await this.#handle.datasync()
    })
    this.#queue = next.catch(() => undefined)
    return next
  }

  async close(): Promise<void> {
    await this.#queue
    await this.#handle.close()
  }
}
