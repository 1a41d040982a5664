import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ImportMerge } from '../../../shared/annotations'
import { AppError } from '../../../shared/errors'
import { clampBox } from '../../../shared/geometry'
import {
  NOTES_SHOWN,
  type ImportFormat,
  type ImportMode,
  type ImportNotes,
  type ImportProgress,
  type ImportReport,
} from '../../../shared/imports'
import type { ProjectInfo } from '../../../shared/project'
import type { ImportBoxesInput } from '../projects/project-service'
import { parseCoco } from './coco-import'
import type { ImportedImage, ImportNote } from './imported-image'
import { locateYoloDataset, parseYoloFolder } from './yolo-import'

/** What the import needs of the open project. */
export interface ImportProjects {
  allKeys(projectId: string): Promise<readonly string[]>
  imagePath(projectId: string, key: string): string
  info(projectId: string): { classes: string[]; imagesDir: string }
  addClasses(projectId: string, names: readonly string[]): Promise<ProjectInfo>
  importBoxes(input: ImportBoxesInput): Promise<ImportMerge>
}

export interface ImportRequest {
  projectId: string
  format: ImportFormat
  source: string
  mode: ImportMode
  dryRun: boolean
}

/** A COCO file bigger than this is refused before it is read into memory. */
const MAX_COCO_BYTES = 1024 * 1024 * 1024

/** Sizes within this fraction have the same shape: the file was made on a resized copy. */
const SHAPE_TOLERANCE = 0.01

const notes = (list: readonly ImportNote[]): ImportNotes => ({
  total: list.length,
  items: list.slice(0, NOTES_SHOWN).map(({ where, message }) => ({ where, message })),
})

/** Reads a COCO file as JSON, with a plain message for a missing, oversized or unparsable file. */
export async function readCocoFile(path: string): Promise<unknown> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new AppError(
      error.code === 'ENOENT' ? 'not-found' : 'file-unreadable',
      error.code === 'ENOENT' ? `${path} does not exist.` : `Could not read ${path}.`,
      { cause: error },
    )
  })
  if (info.isDirectory())
    throw new AppError('invalid-input', `${path} is a folder: choose the COCO .json file.`)
  if (info.size > MAX_COCO_BYTES)
    throw new AppError('invalid-input', `${basename(path)} is larger than 1 GB; split it first.`)
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new AppError('file-unreadable', `Could not read ${path}.`, { cause: error })
  })
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new AppError(
      'invalid-input',
      `${basename(path)} is not valid JSON (${(error as Error).message}).`,
      { hint: 'Choose a COCO detection file (.json) as written by CVAT, Roboflow or pycocotools.' },
    )
  }
}

/**
 * Fits a file's boxes to the image's real oriented size: the same size passes; the same shape at
 * another size is scaled (the file was made on a resized copy); another shape is refused, since the
 * boxes would land in the wrong place (most often a file written before EXIF rotation).
 */
export function fitToImage(
  image: ImportedImage,
  size: { width: number; height: number },
): { image: ImportedImage; note: ImportNote | null } | { refused: ImportNote } {
  if (image.width === size.width && image.height === size.height) return { image, note: null }
  const sx = size.width / image.width
  const sy = size.height / image.height
  const said = `the file says ${image.width}×${image.height}, the image is ${size.width}×${size.height}`
  if (Math.abs(sx / sy - 1) > SHAPE_TOLERANCE) {
    return {
      refused: {
        where: image.key,
        message: `${said} (as shown, after its EXIF rotation): its boxes would land in the wrong place`,
      },
    }
  }
  const boxes = image.boxes
    .map((b) => ({
      ...b,
      box: clampBox(
        { x: b.box.x * sx, y: b.box.y * sy, width: b.box.width * sx, height: b.box.height * sy },
        size.width,
        size.height,
      ),
    }))
    .filter((b) => b.box.width > 0 && b.box.height > 0)
  return {
    image: { ...image, ...size, boxes },
    note: { where: image.key, message: `${said}: boxes scaled to fit` },
  }
}

/**
 * Imports a COCO file or a YOLO dataset into an open project: every file name is matched to an
 * image of the folder, each image's size is checked, unknown classes are added, and each image's
 * boxes are merged into its annotations (one atomic write per image, badges updated as it goes).
 */
export function createImportService(deps: {
  projects: ImportProjects
  readSize(path: string): Promise<{ width: number; height: number }>
  emit(progress: ImportProgress): void
}) {
  const running = new Map<string, { stop: boolean }>()

  return {
    async run(request: ImportRequest): Promise<ImportReport> {
      const { projectId } = request
      if (running.has(projectId))
        throw new AppError('invalid-input', 'An import into this project is already running.')
      const control = { stop: false }
      running.set(projectId, control)
      try {
        return await importInto(request, control)
      } finally {
        running.delete(projectId)
      }
    },
    cancel(projectId: string): { cancelled: boolean } {
      const control = running.get(projectId)
      if (control) control.stop = true
      return { cancelled: control !== undefined }
    },
  }

  async function importInto(
    request: ImportRequest,
    control: { stop: boolean },
  ): Promise<ImportReport> {
    const { projectId, format, source, mode, dryRun } = request
    let lastEmit = 0
    const progress = (phase: ImportProgress['phase'], done: number, total: number): void => {
      if (done !== total && done !== 0 && Date.now() - lastEmit < 200) return
      lastEmit = Date.now()
      deps.emit({ projectId, phase, done, total })
    }
    const pathOf = (key: string): string => deps.projects.imagePath(projectId, key)
    progress('reading', 0, 0)
    const keys = await deps.projects.allKeys(projectId)
    const project = deps.projects.info(projectId)
    const known = new Set(project.classes)

    const skippedImages: ImportNote[] = []
    const skippedBoxes: ImportNote[] = []
    const clamped: ImportNote[] = []
    const rescaled: ImportNote[] = []
    let images: ImportedImage[]
    let classes: string[]
    let unlabelled = 0

    if (format === 'coco') {
      const parsed = parseCoco(await readCocoFile(source), {
        imageKeys: keys,
        knownClasses: project.classes,
      })
      classes = parsed.classes
      skippedImages.push(...parsed.skippedImages)
      skippedBoxes.push(...parsed.skippedAnnotations)
      clamped.push(...parsed.clamped)
      images = []
      for (const [i, image] of parsed.images.entries()) {
        if (control.stop) break
        progress('matching', i, parsed.images.length)
        let size: { width: number; height: number }
        try {
          size = await deps.readSize(pathOf(image.key))
        } catch (error) {
          skippedImages.push({ where: image.key, message: (error as Error).message })
          continue
        }
        const fitted = fitToImage(image, size)
        if ('refused' in fitted) {
          skippedImages.push(fitted.refused)
          continue
        }
        if (fitted.note) rescaled.push(fitted.note)
        images.push(fitted.image)
      }
    } else {
      const dataset = await locateYoloDataset(source)
      const parsed = await parseYoloFolder({
        ...dataset,
        keys,
        sizeOf: (key) => deps.readSize(pathOf(key)),
        imagesDirName: basename(project.imagesDir),
        shouldStop: () => control.stop,
        onImage: (done, total) => progress('matching', done, total),
      })
      classes = parsed.classes
      images = parsed.images
      unlabelled = parsed.unlabelled.length
      skippedImages.push(...parsed.unreadable)
      skippedImages.push(
        ...parsed.orphanLabels.map((file) => ({
          where: `labels/${file}`,
          message: 'belongs to no image of the folder',
        })),
      )
      skippedBoxes.push(...parsed.skippedLines)
      clamped.push(...parsed.clamped)
    }

    const newClasses = classes.filter((name) => !known.has(name))
    const classList =
      !dryRun && newClasses.length > 0 && !control.stop
        ? (await deps.projects.addClasses(projectId, classes)).classes
        : [...project.classes, ...newClasses]

    const report: ImportReport = {
      format,
      source,
      dryRun,
      cancelled: false,
      matchedImages: images.length,
      changedImages: 0,
      labels: 0,
      suggestions: 0,
      duplicates: 0,
      replaced: 0,
      newClasses,
      classes: classList,
      skippedImages: notes([]),
      skippedBoxes: notes([]),
      clamped: notes([]),
      rescaled: notes([]),
      unlabelled,
      firstKey: null,
    }
    for (const [i, image] of images.entries()) {
      if (control.stop) break
      progress('writing', i, images.length)
      let merged: ImportMerge
      try {
        merged = await deps.projects.importBoxes({
          projectId,
          key: image.key,
          width: image.width,
          height: image.height,
          boxes: image.boxes,
          mode,
          dryRun,
        })
      } catch (error) {
        skippedImages.push({
          where: image.key,
          message: `its annotations could not be updated: ${(error as Error).message}`,
        })
        continue
      }
      const ids = new Set(image.boxes.map((b) => b.id))
      for (const box of merged.doc.boxes) {
        if (!ids.has(box.id)) continue
        if (box.state === 'suggested') report.suggestions++
        else report.labels++
      }
      report.duplicates += merged.duplicates
      report.replaced += merged.replaced
      if (merged.added > 0 || merged.replaced > 0) {
        report.changedImages++
        report.firstKey ??= image.key
      }
    }
    progress('writing', images.length, images.length)
    return {
      ...report,
      cancelled: control.stop,
      skippedImages: notes(skippedImages),
      skippedBoxes: notes(skippedBoxes),
      clamped: notes(clamped),
      rescaled: notes(rescaled),
    }
  }
}

export type ImportService = ReturnType<typeof createImportService>
