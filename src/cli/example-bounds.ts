import { clampBox, type Box } from '../shared/geometry'
import { outsideImage, type ExampleImage } from './coco-examples'

export interface FittedBox {
  box: Box
  className: string
  negative: boolean
}

export type FitResult = { ok: true; boxes: FittedBox[] } | { ok: false; errors: string[] }

/**
 * Checks example boxes against the reference image's real size after EXIF orientation (the space
 * COCO boxes must be in) and clamps the 1 px overshoot that `outsideImage` tolerates.
 */
export function fitExamplesToImage(
  image: ExampleImage,
  actual: { width: number; height: number },
): FitResult {
  const { width, height } = actual
  if (image.width !== null && image.height !== null) {
    if (image.width !== width || image.height !== height) {
      const turned = image.width === height && image.height === width
      return {
        ok: false,
        errors: [
          turned
            ? `${image.label} is ${width}x${height} as displayed (EXIF orientation applied) but the examples file says ${image.width}x${image.height}: boxes must be in displayed pixels.`
            : `${image.label} is ${width}x${height} but the examples file says ${image.width}x${image.height}.`,
        ],
      }
    }
  }
  const errors: string[] = []
  const boxes: FittedBox[] = []
  for (const example of image.boxes) {
    const outside = outsideImage(example.box, width, height)
    if (outside !== null) {
      errors.push(`${example.label}: the bbox ${outside} of ${image.label}.`)
      continue
    }
    const box = clampBox(example.box, width, height)
    if (box.width <= 0 || box.height <= 0) {
      errors.push(`${example.label}: the bbox lies outside ${image.label} (${width}x${height}).`)
      continue
    }
    boxes.push({ box, className: example.className, negative: example.negative })
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, boxes }
}
