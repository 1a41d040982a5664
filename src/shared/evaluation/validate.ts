import { AppError } from '../errors'
import type { Box } from '../geometry'
import type { EvalImage, EvalOptions, LabeledBox, ResolvedOptions } from './types'

const DEFAULT_IOU = 0.5
const DEFAULT_MAX_DETS = 100

function invalid(message: string, hint?: string): AppError {
  return new AppError('invalid-input', message, hint === undefined ? undefined : { hint })
}

const finite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

function checkBox(box: Box | undefined, where: string): void {
  if (box === undefined || !finite(box.x) || !finite(box.y)) {
    throw invalid(`${where} has no valid position.`)
  }
  if (!finite(box.width) || !finite(box.height) || box.width < 0 || box.height < 0) {
    throw invalid(`${where} has a width or height that is negative or not a number.`)
  }
}

function checkBoxes(boxes: readonly LabeledBox[], kind: string, key: string): void {
  boxes.forEach((item, i) => {
    const where = `The ${kind} box ${i + 1} of image "${key}"`
    if (typeof item.className !== 'string') throw invalid(`${where} has no class name.`)
    checkBox(item.box, where)
  })
}

/** Checks the images and class list, with messages a labeler can act on; throws AppError. */
export function checkInputs(images: readonly EvalImage[], classes: readonly string[]): void {
  const seenClasses = new Set<string>()
  for (const className of classes) {
    if (typeof className !== 'string' || className === '') {
      throw invalid('A class to evaluate has an empty name.')
    }
    if (seenClasses.has(className)) {
      throw invalid(`The class "${className}" is listed twice; each class can be scored once.`)
    }
    seenClasses.add(className)
  }
  const seenKeys = new Set<string>()
  for (const image of images) {
    if (seenKeys.has(image.key)) {
      throw invalid(`The image "${image.key}" appears twice in the truth set.`)
    }
    seenKeys.add(image.key)
    checkBoxes(image.truth, 'kept', image.key)
    checkBoxes(image.rejected, 'rejected', image.key)
    checkBoxes(image.detections, 'detected', image.key)
    image.detections.forEach((detection, i) => {
      if (!finite(detection.confidence)) {
        throw invalid(`The detected box ${i + 1} of image "${image.key}" has no valid confidence.`)
      }
    })
  }
}

/** Fills the defaults in and checks the ranges of the options. */
export function resolveOptions(options: EvalOptions, classes: readonly string[]): ResolvedOptions {
  const iou = options.iou ?? DEFAULT_IOU
  if (!finite(iou) || iou <= 0 || iou > 1) {
    throw invalid(
      `The matching IoU must be above 0 and at most 1; it was ${String(iou)}.`,
      'COCO uses 0.5.',
    )
  }
  const maxDets = options.maxDets ?? DEFAULT_MAX_DETS
  if (!Number.isInteger(maxDets) || maxDets < 1) {
    throw invalid(
      `The number of detections kept per image must be a whole number of at least 1; it was ${String(maxDets)}.`,
      'COCO uses 100.',
    )
  }
  const given = options.thresholds ?? 0
  // Own properties only, so a class named "constructor" does not read Object.prototype.
  const cut = (className: string): unknown =>
    typeof given === 'number' ? given : Object.hasOwn(given, className) ? given[className] : 0
  const thresholds = Object.fromEntries(classes.map((className) => [className, cut(className)]))
  for (const className of classes) {
    if (!finite(thresholds[className])) {
      throw invalid(`The score threshold of the class "${className}" is not a number.`)
    }
  }
  return { iou, thresholds: thresholds as Record<string, number>, maxDets }
}
