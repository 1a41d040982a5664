import { join } from 'node:path'
import type { ScoredBox } from '../../../shared/evaluation'
import { JsonlFile, readJsonLines } from '../storage/jsonl-file'
import { openRecord, sealRecord, type CacheRecord } from './cache-records'
import type { UploadSettings } from './lab-request'

/** A model's raw answer on one image: its boxes in oriented pixels, with their scores. */
export interface CachedAnswer {
  width: number
  height: number
  detections: readonly ScoredBox[]
}

/** What the cache knows of a file's content: its hash at a size and modification time. */
export interface FileFacts {
  size: number
  mtimeMs: number
}

/** The cache file of a project's prompt lab. */
export const labCachePath = (projectDir: string): string => join(projectDir, 'lab', 'cache.jsonl')

/**
 * Every answer the lab was given for a project, by answerKey: read once into memory, then each new
 * answer is appended to the fsynced file as it arrives and kept in memory too. A damaged line is
 * skipped on read, so its answer is asked for again; a later line for a key wins.
 */
export class AnswerCache {
  readonly #path: string
  readonly #answers = new Map<string, CachedAnswer>()
  readonly #hashes = new Map<string, { size: number; mtimeMs: number; sha: string }>()
  #settings: UploadSettings | null = null
  #file: Promise<JsonlFile> | null = null
  /** Background writes of remembered hashes, awaited on close. */
  #pendingWrites: Promise<void> = Promise.resolve()
  /** Lines that could not be trusted when the file was read. */
  readonly damagedLines: readonly number[]

  private constructor(path: string, damaged: number[]) {
    this.#path = path
    this.damagedLines = damaged
  }

  static async open(projectDir: string): Promise<AnswerCache> {
    const path = labCachePath(projectDir)
    const records: CacheRecord[] = []
    const damaged = await readJsonLines(path, (value) => {
      const record = openRecord(value)
      if (record !== null) records.push(record)
      return record !== null
    })
    const cache = new AnswerCache(path, damaged)
    for (const record of records) cache.#apply(record)
    return cache
  }

  #apply(record: CacheRecord): void {
    if (record.kind === 'answer') {
      const { width, height, detections } = record
      this.#answers.set(record.key, { width, height, detections })
    } else if (record.kind === 'image') {
      const { size, mtimeMs, sha } = record
      this.#hashes.set(record.path, { size, mtimeMs, sha })
    } else this.#settings = { maxSide: record.maxSide, maxBytes: record.maxBytes }
  }

  async #write(record: CacheRecord): Promise<void> {
    // A file that could not be opened is tried again on the next write.
    this.#file ??= JsonlFile.open(this.#path).catch((error: unknown) => {
      this.#file = null
      throw error
    })
    const file = await this.#file
    await file.append(sealRecord(record))
  }

  /** Writes a record (synced), then applies it: it counts only once it is on disk. */
  async #append(record: CacheRecord): Promise<void> {
    await this.#write(record)
    this.#apply(record)
  }

  get(key: string): CachedAnswer | undefined {
    return this.#answers.get(key)
  }

  /** Writes an answer to disk (synced) before it counts as cached. */
  put(key: string, answer: CachedAnswer): Promise<void> {
    const detections = answer.detections.map(({ className, confidence, box }) => ({
      className,
      confidence,
      box: { x: box.x, y: box.y, width: box.width, height: box.height },
    }))
    const { width, height } = answer
    const at = new Date().toISOString()
    return this.#append({ v: 1, kind: 'answer', key, at, width, height, detections })
  }

  /** The content hash recorded for a file, if it still has the size and time it had then. */
  hashOf(path: string, facts: FileFacts): string | undefined {
    const known = this.#hashes.get(path)
    return known !== undefined && known.size === facts.size && known.mtimeMs === facts.mtimeMs
      ? known.sha
      : undefined
  }

  /**
   * Remembers a file's hash at once; the line is written in the background, since losing it costs
   * only hashing the file again. A write that fails is told to `onError`.
   */
  rememberHash(path: string, facts: FileFacts, sha: string, onError: (e: unknown) => void): void {
    const { size, mtimeMs } = facts
    const record = { v: 1, kind: 'image', path, size, mtimeMs, sha } as const
    this.#apply(record)
    this.#pendingWrites = this.#pendingWrites.then(() => this.#write(record)).catch(onError)
  }

  /** The upload settings of the latest run: scores look answers up with them. */
  get settings(): UploadSettings | null {
    return this.#settings
  }

  async useSettings(upload: UploadSettings): Promise<void> {
    const same =
      this.#settings?.maxSide === upload.maxSide && this.#settings.maxBytes === upload.maxBytes
    if (same) return
    const at = new Date().toISOString()
    await this.#append({ v: 1, kind: 'settings', at, ...upload })
  }

  async close(): Promise<void> {
    await this.#pendingWrites
    const file = this.#file
    this.#file = null
    if (file !== null) await (await file).close()
  }
}
