import { z } from 'zod'
import type { ImageAnnotations } from './annotations'
import { boxSchema } from './model-spec'

/**
 * A badge in the filmstrip: never run, machine boxes awaiting review, run with nothing found and
 * not looked at yet, reviewed (a person decided its boxes or marked it done), or failed.
 */
export type ImageStatus = 'not-run' | 'suggested' | 'empty' | 'reviewed' | 'failed'

export interface ImageEntry {
  key: string
  status: ImageStatus
  /** Machine boxes still awaiting a decision. */
  pending: number
  /** Boxes that count (accepted, edited, drawn by a person). */
  kept: number
  /** The reason, for a failed image. */
  error?: string
  /** The lowest confidence among its pending suggestions, when it has any. */
  lowest?: number
  /** A person marked it done (looked at it, e.g. confirmed it empty). */
  done?: boolean
}

export interface ProjectInfo {
  id: string
  name: string
  dir: string
  imagesDir: string
  classes: string[]
  /** Saved prompt settings and exemplar sets, owned by the renderer's editors. */
  prompts: Record<string, unknown>
  position: { imageKey: string | null }
  /** True while the folder is still being listed; `project.scan` events report progress. */
  scanning: boolean
  imageCount: number
  /** Files that were skipped while listing, with the reason (unreadable folders). */
  problems: { path: string; reason: string }[]
}

export interface RecentProject {
  dir: string
  name: string
  imagesDir: string
  openedAt: string
}

export interface ImagePage {
  items: ImageEntry[]
  /** Images listed so far (grows while scanning). */
  total: number
  scanning: boolean
}

export interface OpenedAnnotations {
  /** The image opened for display (its url shows the oriented rendition). */
  imageId: string
  url: string
  width: number
  height: number
  doc: ImageAnnotations
}

export const annotationBoxInput = z.strictObject({
  id: z.string().min(1).max(100),
  className: z.string().trim().min(1).max(200),
  box: boxSchema,
  confidence: z.number().min(0).max(1).nullable(),
  source: z.enum(['model', 'user']),
  state: z.enum(['suggested', 'accepted', 'rejected', 'edited']),
  runKey: z.string().max(200).optional(),
})

export const projectId = z.string().min(1).max(100)
export const imageKey = z.string().min(1).max(4096)

/** The filmstrip's order: the folder's, the most suggestions to review first, or the least sure first. */
export const imageOrder = z.enum(['folder', 'most-pending', 'least-confident'])
export type ImageOrder = z.infer<typeof imageOrder>

export const statusFilter = z.enum([
  'all',
  'not-run',
  'suggested',
  'empty',
  'reviewed',
  'failed',
  'pending',
])
export type StatusFilter = z.infer<typeof statusFilter>

export interface ReviewBulkResult {
  /** Images whose annotations changed. */
  images: number
  /** Boxes accepted. */
  accepted: number
}

export interface ExportJobSummary {
  jobId: string
  format: 'coco' | 'yolo' | 'voc' | 'annotated'
  path: string
  images: number
  annotations: number
  warnings: string[]
  cancelled: boolean
  error: { code: string; message: string } | null
}
