import { isInt, isObject, requireInts, show, type Report } from './coco-checks'

/** Slack for float noise when comparing box edges with the image size. */
const EDGE_SLACK = 1e-6

/** Checks annotations (rules 1, 2, 9, 10, 11, references, bbox); returns the category ids used. */
export function checkAnnotations(
  annotations: unknown[],
  imageSizes: Map<number, { width: number; height: number }>,
  categoryNames: Map<number, string>,
  report: Report,
): Set<number> {
  const ids = new Set<number>()
  const used = new Set<number>()
  annotations.forEach((annotation, i) => {
    const at = `annotations[${i}]`
    if (!isObject(annotation))
      return report('structure', at, 'An annotation entry must be an object.')
    requireInts(annotation, ['id', 'image_id', 'category_id'], at, report)
    const {
      id,
      image_id: imageId,
      category_id: categoryId,
      bbox,
      area,
      iscrowd,
      score,
    } = annotation
    if (isInt(id) && id <= 0) {
      report(
        'annotation-id',
        `${at}.id`,
        `Annotation id ${id}: pycocotools' evaluator reads 0 as "no match"; ids start at 1.`,
      )
    } else if (isInt(id) && ids.has(id)) {
      report(
        'annotation-id',
        `${at}.id`,
        `Annotation id ${id} is used twice: pycocotools keeps only the last.`,
      )
    }
    if (isInt(id)) ids.add(id)
    if (iscrowd !== 0 && iscrowd !== 1) {
      report(
        'required-fields',
        `${at}.iscrowd`,
        `"iscrowd" must be 0 or 1, not ${show(iscrowd)}: pycocotools and supervision read it.`,
      )
    }
    if (typeof area !== 'number' || !(area >= 0) || !Number.isFinite(area)) {
      report(
        'required-fields',
        `${at}.area`,
        `"area" must be a number >= 0, not ${show(area)}: pycocotools and supervision read it.`,
      )
    }
    if (score !== undefined && (typeof score !== 'number' || !(score >= 0 && score <= 1))) {
      report('score', `${at}.score`, `"score" must be a number from 0 to 1, not ${show(score)}.`)
    }
    if (isInt(imageId) && !imageSizes.has(imageId)) {
      report('unknown-reference', `${at}.image_id`, `No image has id ${imageId}.`)
    }
    if (isInt(categoryId)) used.add(categoryId)
    if (isInt(categoryId) && !categoryNames.has(categoryId)) {
      report('unknown-reference', `${at}.category_id`, `No category has id ${categoryId}.`)
    }
    if (
      !Array.isArray(bbox) ||
      bbox.length !== 4 ||
      !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      return report(
        'bbox',
        `${at}.bbox`,
        `"bbox" must be 4 finite numbers [x, y, width, height], not ${show(bbox)}.`,
      )
    }
    const [x, y, w, h] = bbox as [number, number, number, number]
    if (w <= 0 || h <= 0) return report('bbox', `${at}.bbox`, `The box ${show(bbox)} has no area.`)
    const size = isInt(imageId) ? imageSizes.get(imageId) : undefined
    if (!size || Number.isNaN(size.width) || Number.isNaN(size.height)) return
    const s = EDGE_SLACK
    if (x < -s || y < -s || x + w > size.width + s || y + h > size.height + s) {
      report(
        'box-outside-image',
        `${at}.bbox`,
        `The box ${show(bbox)} reaches outside its ${size.width}x${size.height} image.`,
      )
    }
  })
  return used
}
