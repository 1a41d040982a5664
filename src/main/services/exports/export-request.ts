import type { ImageAnnotations } from '../../../shared/annotations'
import type { AnnotatedImageOptions } from './annotated-image'
import type { ExportInclude } from './box-selection'

export type ExportFormat = 'coco' | 'yolo' | 'voc' | 'annotated'

/** What an export reads from a project (ProjectStore fits). */
export interface ExportProjectReader {
  readonly file: { readonly imagesDir: string; readonly classes: readonly { name: string }[] }
  readAnnotations(key: string): Promise<ImageAnnotations | null>
}

export interface ExportOptions {
  include?: ExportInclude
  /** COCO category ids from 1 (default) or 0. */
  categoryBase?: 0 | 1
  /** COCO: copy the images flat into `outDir/images/` next to `outDir/annotations.json`. */
  copyImages?: boolean
  /** Write absolute paths of this machine (COCO file_name, YOLO `path:`, VOC <path>); off by default. */
  absolutePaths?: boolean
  /** Replace a non-empty output folder; without it such a folder is refused. */
  overwrite?: boolean
  /**
   * 'all' (default) keeps images never annotated as negatives; 'annotated' only those with a
   * document; 'reviewed' only those whose review is complete (shared/review-status), so an image
   * nobody looked at is never written as checked, empty or not.
   */
  images?: 'all' | 'annotated' | 'reviewed'
  annotated?: Partial<AnnotatedImageOptions>
  /** COCO `info.date_created`. */
  dateCreated?: string
}

export interface ExportProgress {
  /** Listing the folder (total 0: not known yet), reading annotations, writing files. */
  phase: 'listing' | 'reading' | 'writing'
  done: number
  total: number
}

export interface ExportRequest {
  store: ExportProjectReader
  format: ExportFormat
  /** COCO without copied images: the JSON file to write. */
  outFile?: string
  /** YOLO, VOC, annotated images, COCO with copied images: the folder to create. */
  outDir?: string
  options?: ExportOptions
  /** Image keys to export; the whole images folder by default. */
  imageKeys?: Iterable<string> | AsyncIterable<string>
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
}

export interface ExportSummary {
  format: ExportFormat
  /** The file or folder written. */
  path: string
  images: number
  annotations: number
  /** Boxes with no area left once clamped to their image. */
  dropped: number
  clamped: number
  /** Classes in use that the project's class list lacks (appended after it). */
  unlistedClasses: string[]
  skippedImages: { key: string; reason: string }[]
  /** Images left out because their review is not complete (images: 'reviewed'). */
  unreviewed: number
  warnings: string[]
}
