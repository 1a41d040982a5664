import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { AppError } from '../../../shared/errors'
import { writeFileAtomic } from '../storage/atomic-file'
import { fileErrorReason } from '../storage/file-errors'
import { buildCocoDataset, formatCocoJson } from './coco'
import { validateCoco } from './coco-validate'
import {
  ExportRefusedError,
  inStaging,
  sourcePath,
  step,
  throwIfCancelled,
  type ExportContext,
} from './export-context'
import type { ExportSummary } from './export-request'
import { flattenKeys } from './file-names'

/** COCO JSON: one atomic file, or a folder with annotations.json and the images copied flat. */
export async function writeCoco(context: ExportContext): Promise<ExportSummary> {
  const { request, images, target } = context
  const options = request.options ?? {}
  const absolute = options.absolutePaths === true
  const flat = options.copyImages ? flattenKeys(images.map((image) => image.key)) : null
  const fileNameFor = (key: string): string => {
    if (flat) return absolute ? join(resolve(target), 'images', flat.get(key)!) : flat.get(key)!
    return absolute ? sourcePath(context, key) : key
  }
  const categoryBase = options.categoryBase ?? 1
  const built = buildCocoDataset({
    classes: context.classes,
    images,
    options: {
      include: options.include,
      categoryBase,
      fileNameFor,
      dateCreated: options.dateCreated,
    },
  })
  const check = validateCoco(built.dataset, {
    categoryBase,
    classes: context.classes,
    allowAbsolutePaths: absolute,
  })
  if (!check.ok)
    throw new ExportRefusedError(
      'COCO',
      check.problems.map((p) => `${p.path}: ${p.message}`),
    )
  Object.assign(context.summary, {
    annotations: built.dataset.annotations.length,
    dropped: built.dropped,
    clamped: built.clamped,
    unlistedClasses: built.unlistedClasses,
  })
  const json = formatCocoJson(built.dataset)
  if (!flat) {
    throwIfCancelled(request.signal)
    // A file to share: 0666 narrowed by the umask, like any file the user's tools write.
    await writeFileAtomic(target, json, { mode: 0o666 })
    return context.summary
  }
  return inStaging(context, async (staging) => {
    await mkdir(join(staging.dir, 'images'), { recursive: true })
    for (const [index, image] of images.entries()) {
      step(context, index, images.length)
      const source = sourcePath(context, image.key)
      await staging.copy(`images/${flat.get(image.key)!}`, source).catch((err: unknown) => {
        const reason = fileErrorReason(err)
        if (reason === null || (err as NodeJS.ErrnoException).path !== source) throw err
        throw new AppError('file-unreadable', `"${image.key}" could not be copied: ${reason}.`, {
          cause: err,
        })
      })
    }
    await staging.write('annotations.json', json)
  })
}
