import { resolve } from 'node:path'
import { ANNOTATED_EXTENSIONS, renderAnnotatedImage } from './annotated-image'
import {
  countBoxes,
  ExportRefusedError,
  inStaging,
  sourcePath,
  step,
  type ExportContext,
} from './export-context'
import type { ExportSummary } from './export-request'
import { claimName, findCollisions, replaceExtension, splitKey } from './file-names'
import { VOC_CONVENTION, buildVocXml, vocXmlPath } from './voc'
import { buildYolo } from './yolo'

/** YOLO: labels/<key stem>.txt per image and data.yaml, refused when two images share a label file. */
export async function writeYolo(context: ExportContext): Promise<ExportSummary> {
  const options = context.request.options ?? {}
  const absoluteRoot = options.absolutePaths ? resolve(context.target) : undefined
  const built = buildYolo({
    classes: context.classes,
    images: context.images,
    options: { include: options.include, absoluteRoot },
  })
  if (built.problems.length > 0) throw new ExportRefusedError('YOLO', built.problems)
  countBoxes(context)
  context.summary.warnings.push(...built.warnings)
  return inStaging(context, async (staging) => {
    for (const [index, file] of built.files.entries()) {
      step(context, index, built.files.length)
      await staging.write(file.path, file.content)
    }
  })
}

/** Pascal VOC: Annotations/<key stem>.xml per image, plus a README stating the corner convention. */
export async function writeVoc(context: ExportContext): Promise<ExportSummary> {
  const options = context.request.options ?? {}
  const collisions = findCollisions(
    context.images.map((image) => image.key),
    vocXmlPath,
  )
  if (collisions.length > 0) {
    throw new ExportRefusedError(
      'VOC',
      collisions.map(
        (group) => `${group.join(', ')} would share ${vocXmlPath(group[0]!)}: rename one of them.`,
      ),
    )
  }
  countBoxes(context)
  return inStaging(context, async (staging) => {
    for (const [index, image] of context.images.entries()) {
      step(context, index, context.images.length)
      const absolutePath = options.absolutePaths ? sourcePath(context, image.key) : undefined
      await staging.write(
        vocXmlPath(image.key),
        buildVocXml(image, image.boxes, { include: options.include, absolutePath }),
      )
    }
    await staging.write(
      'README.txt',
      `Pascal VOC annotations exported by Promptlabel.\n${VOC_CONVENTION}\n`,
    )
  })
}

const EXTENSION_FORMATS: Record<string, string> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.jpe': 'jpeg',
  '.png': 'png',
  '.webp': 'webp',
  '.tif': 'tiff',
  '.tiff': 'tiff',
  '.avif': 'avif',
}

/** Annotated images, same sub-folders and names; the extension changes only with the format. */
export async function writeAnnotated(context: ExportContext): Promise<ExportSummary> {
  const options = context.request.options ?? {}
  const include = options.include ?? 'accepted'
  const states =
    include === 'accepted'
      ? (['accepted', 'edited'] as const)
      : (['accepted', 'edited', 'suggested'] as const)
  countBoxes(context)
  const taken = new Set<string>()
  return inStaging(context, async (staging) => {
    for (const [index, image] of context.images.entries()) {
      step(context, index, context.images.length)
      let rendered
      // A damaged or vanished image is reported and skipped; the others still export.
      try {
        rendered = await renderAnnotatedImage({
          sourcePath: sourcePath(context, image.key),
          boxes: image.boxes,
          classes: context.classes,
          options: { labels: true, states, ...options.annotated },
        })
      } catch (error) {
        context.summary.skippedImages.push({
          key: image.key,
          reason: error instanceof Error ? error.message : 'unreadable',
        })
        context.summary.images--
        continue
      }
      const sameFormat =
        EXTENSION_FORMATS[splitKey(image.key).ext.toLowerCase()] === rendered.format
      const name = sameFormat
        ? image.key
        : replaceExtension(image.key, ANNOTATED_EXTENSIONS[rendered.format])
      await staging.write(claimName(name, taken), rendered.buffer)
    }
  })
}
