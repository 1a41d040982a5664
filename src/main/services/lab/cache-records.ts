import { createHash } from 'node:crypto'
import { z } from 'zod'

/**
 * The lines of the prompt lab's cache file: each one carries a checksum of the rest, so a line that
 * was damaged (cut short, edited, bit-rotted) is not trusted even when it still parses.
 */

const finite = z.number().finite()

const boxSchema = z.strictObject({
  x: finite,
  y: finite,
  width: finite.nonnegative(),
  height: finite.nonnegative(),
})

const detectionSchema = z.strictObject({
  className: z.string(),
  confidence: finite,
  box: boxSchema,
})

const answerSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('answer'),
  /** answerKey(image content, request). */
  key: z.string().min(1),
  at: z.string(),
  /** Oriented size of the image the boxes are in. */
  width: finite.positive(),
  height: finite.positive(),
  detections: z.array(detectionSchema),
})

/** A file's content hash, valid while its size and modification time stay the same. */
const imageSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('image'),
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  mtimeMs: finite,
  sha: z.string().regex(/^[0-9a-f]{64}$/),
})

/** The upload settings of a lab run: later scores look answers up with them. */
const settingsSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('settings'),
  at: z.string(),
  maxSide: z.number().int().nonnegative(),
  maxBytes: z.number().int().nonnegative(),
})

const recordSchema = z.discriminatedUnion('kind', [answerSchema, imageSchema, settingsSchema])
export type CacheRecord = z.infer<typeof recordSchema>
export type AnswerRecord = z.infer<typeof answerSchema>
export type ImageRecord = z.infer<typeof imageSchema>
export type SettingsRecord = z.infer<typeof settingsSchema>

const checksum = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 16)

/** One record as a line's value: the record's fields, then `sum` over their JSON text. */
export function sealRecord(record: CacheRecord): CacheRecord & { sum: string } {
  return { ...record, sum: checksum(JSON.stringify(record)) }
}

/** The record a line's value holds, or null when it is damaged or not one the lab wrote. */
export function openRecord(value: unknown): CacheRecord | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null
  const { sum, ...rest } = value as Record<string, unknown>
  // JSON.parse keeps the key order of the text, so the record's JSON is what was summed.
  if (typeof sum !== 'string' || checksum(JSON.stringify(rest)) !== sum) return null
  const parsed = recordSchema.safeParse(rest)
  return parsed.success ? parsed.data : null
}
