import { z } from 'zod'
import { projectId } from './project'

/** What an import reads: a COCO detection file, or a YOLO dataset (labels folder + class names). */
export const importFormat = z.enum(['coco', 'yolo'])
export type ImportFormat = z.infer<typeof importFormat>

/**
 * What happens to an image that already has boxes: `merge` keeps them and adds the file's (a
 * box already there is not added twice; a pending suggestion the file labels is replaced), `replace`
 * swaps them for the file's.
 */
export const importMode = z.enum(['merge', 'replace'])
export type ImportMode = z.infer<typeof importMode>

export const importInput = z.strictObject({
  projectId,
  format: importFormat,
  /** COCO: the .json file. YOLO: the dataset folder, its labels folder, or its data.yaml. */
  source: z.string().trim().min(1).max(4096),
  mode: importMode.default('merge'),
  /** Reads and matches everything, writes nothing: what the import would do. */
  dryRun: z.boolean().default(false),
})

/** One thing skipped or changed on the way in, in words a user can act on. */
export interface ImportNoteView {
  where: string
  message: string
}

/** Notes of one kind: the first ones to show, and how many there were in all. */
export interface ImportNotes {
  total: number
  items: ImportNoteView[]
}

export interface ImportReport {
  format: ImportFormat
  /** The file or folder read, as the user named it. */
  source: string
  dryRun: boolean
  cancelled: boolean
  /** Images of the folder the file has entries for (including ones with no boxes). */
  matchedImages: number
  /** Images whose annotations were (or would be) written. */
  changedImages: number
  /** Boxes added: people's labels, and suggestions (boxes that carry a model score). */
  labels: number
  suggestions: number
  /** Boxes already in the project (same class, same place): not added again. */
  duplicates: number
  /** Pending suggestions replaced by the label the file has for them (merge), or boxes dropped (replace). */
  replaced: number
  /** Classes added to the project's list, in the file's order. */
  newClasses: string[]
  /** The project's class list afterwards (as it would be, for a dry run). */
  classes: string[]
  /** Entries for images not in the folder, unreadable images, sizes that do not fit. */
  skippedImages: ImportNotes
  /** Boxes not imported, with the reason. */
  skippedBoxes: ImportNotes
  /** Boxes that reached outside their image: imported clamped. */
  clamped: ImportNotes
  /** Images whose size in the file differs from the image (scaled to it). */
  rescaled: ImportNotes
  /** YOLO: images of the folder that have no label file (left as they are). */
  unlabelled: number
  /** The first image that changed, to go and look. */
  firstKey: string | null
}

export interface ImportProgress {
  projectId: string
  phase: 'reading' | 'matching' | 'writing'
  done: number
  total: number
}

/** Notes kept for the report: enough to act on, small enough to cross the seam. */
export const NOTES_SHOWN = 100
