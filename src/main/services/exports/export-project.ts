import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { isReviewed } from '../../../shared/review-status'
import { scanFolder } from '../batch/folder-scan'
import type { ExportImage } from './box-selection'
import type { ExportRequest, ExportSummary } from './export-request'
import { readOrientedSize } from './image-size'
import { checkFolderTarget } from './staging-folder'
import { writeCoco } from './coco-writer'
import { throwIfCancelled, type ExportContext } from './export-context'
import { resolveFileTarget } from './file-target'
import { writeAnnotated, writeVoc, writeYolo } from './folder-writers'

export type {
  ExportFormat,
  ExportOptions,
  ExportProgress,
  ExportProjectReader,
  ExportRequest,
  ExportSummary,
} from './export-request'

/** Lists the keys to export: given ones, or every image under the images folder. */
async function listKeys(request: ExportRequest): Promise<string[]> {
  const keys: string[] = []
  const source =
    request.imageKeys ??
    (async function* () {
      const report = { images: 0, otherFiles: 0, unreadableFolders: [] }
      for await (const file of scanFolder(request.store.file.imagesDir, report)) yield file.key
    })()
  for await (const key of source) {
    throwIfCancelled(request.signal)
    keys.push(key)
    if (keys.length % 500 === 0)
      request.onProgress?.({ phase: 'listing', done: keys.length, total: 0 })
  }
  return keys
}

/** Gathers each image's annotations (or, for an image never annotated, its oriented size). */
async function gatherImages(
  request: ExportRequest,
  keys: readonly string[],
  skipped: ExportSummary['skippedImages'],
  unreviewed: { count: number },
): Promise<ExportImage[]> {
  const images: ExportImage[] = []
  const { imagesDir } = request.store.file
  for (const [index, key] of keys.entries()) {
    throwIfCancelled(request.signal)
    request.onProgress?.({ phase: 'reading', done: index, total: keys.length })
    const doc = await request.store.readAnnotations(key)
    const choice = request.options?.images ?? 'all'
    if (choice === 'reviewed' && !(doc && isReviewed(doc))) {
      unreviewed.count++
    } else if (doc) {
      images.push({ key, width: doc.width, height: doc.height, boxes: doc.boxes })
    } else if (choice === 'all') {
      try {
        const size = await readOrientedSize(join(imagesDir, ...key.split('/')))
        images.push({ key, width: size.width, height: size.height, boxes: [] })
      } catch (error) {
        skipped.push({ key, reason: error instanceof Error ? error.message : 'unreadable' })
      }
    }
  }
  request.onProgress?.({ phase: 'reading', done: keys.length, total: keys.length })
  return images
}

/**
 * Exports a project's annotations as COCO, YOLO, Pascal VOC or annotated images: gathers, builds
 * with the pure exporters, checks, then writes atomically (one file, or a staged folder renamed
 * into place). Cancelling or failing leaves nothing behind; no key or absolute path is written unless asked.
 */
export async function exportProject(request: ExportRequest): Promise<ExportSummary> {
  const folder = request.format !== 'coco' || request.options?.copyImages === true
  const asked = folder ? request.outDir : request.outFile
  if (!asked) {
    throw new AppError(
      'invalid-input',
      folder ? 'Choose a folder to export into.' : 'Choose a file to export to.',
    )
  }
  const overwrite = request.options?.overwrite ?? false
  if (folder) await checkFolderTarget(asked, overwrite)
  const { path: target, warnings } = folder
    ? { path: asked, warnings: [] }
    : await resolveFileTarget(asked, request.store.file.imagesDir, overwrite)
  throwIfCancelled(request.signal)
  const skipped: ExportSummary['skippedImages'] = []
  const keys = await listKeys(request)
  const unreviewed = { count: 0 }
  const images = await gatherImages(request, keys, skipped, unreviewed)
  const context: ExportContext = {
    request,
    target,
    classes: request.store.file.classes.map((c) => c.name),
    images,
    summary: {
      format: request.format,
      path: target,
      images: images.length,
      annotations: 0,
      dropped: 0,
      clamped: 0,
      unlistedClasses: [],
      skippedImages: skipped,
      unreviewed: unreviewed.count,
      warnings,
    },
  }
  switch (request.format) {
    case 'coco':
      return writeCoco(context)
    case 'yolo':
      return writeYolo(context)
    case 'voc':
      return writeVoc(context)
    case 'annotated':
      return writeAnnotated(context)
  }
}
