import type { Owlv2Class } from './detectors'
import { internalError, modelInputError } from './errors'
import { decodeBase64Strict, decodeImageBytes, fetchUrlBytes } from './image-input'
import type { ColourName } from './palette'
import { boxIou, findRegions, type Region } from './regions'

export interface TrainBox {
  x: number
  y: number
  w: number
  h: number
  cls: string
  negative: boolean
}

export interface TrainingImage {
  value: unknown
  boxes: TrainBox[]
}

/** A training box becomes an embedding only when some proposal overlaps it with IoU > 0.3 (§1.5). */
const PROPOSAL_IOU = 0.3
const CACHE_LIMIT = 32

/** Reference images are hashed by their string, so repeats are cheap (§1.5 caching). */
const regionCache = new Map<string, Region[]>()

/** Only `value` counts and its `type` is ignored; base64 is decoded strictly (§1.5). */
async function referenceRegions(value: unknown): Promise<Region[]> {
  if (typeof value !== 'string') throw modelInputError('Reference image value must be a string.')
  const cached = regionCache.get(value)
  if (cached) return cached
  let bytes: Buffer | null
  if (/^https?:\/\//i.test(value)) {
    bytes = await fetchUrlBytes(value).catch(() => {
      throw modelInputError('Could not load reference image from URL.')
    })
  } else {
    bytes = decodeBase64Strict(value)
    if (bytes === null) throw modelInputError('Could not decode reference image - invalid base64.')
  }
  const raster = await decodeImageBytes(bytes, true)
  if (raster === null) throw modelInputError('Could not decode reference image.')
  const regions = findRegions(raster)
  regionCache.set(value, regions)
  if (regionCache.size > CACHE_LIMIT) regionCache.delete(regionCache.keys().next().value as string)
  return regions
}

/** Colour of the best-overlapping region for a centre-format box, or null when it would be dropped. */
function embedBox(box: TrainBox, regions: Region[]): ColourName | null {
  const corners = {
    x0: box.x - box.w / 2,
    y0: box.y - box.h / 2,
    x1: box.x + box.w / 2,
    y1: box.y + box.h / 2,
  }
  let best: Region | null = null
  let bestIou = PROPOSAL_IOU
  for (const region of regions) {
    const iou = boxIou(corners, region)
    if (iou > bestIou) {
      best = region
      bestIou = iou
    }
  }
  return best?.colour ?? null
}

/** Sorted classes from training data; dropped boxes shift later labels via the zip (§1.5), negative-only is 500. */
export async function buildOwlv2Classes(training: TrainingImage[]): Promise<Owlv2Class[]> {
  const byName = new Map<string, Owlv2Class>()
  for (const image of training) {
    const regions = await referenceRegions(image.value)
    const embedded = image.boxes
      .map((box) => embedBox(box, regions))
      .filter((colour): colour is ColourName => colour !== null)
    embedded.forEach((colour, index) => {
      const { cls, negative } = image.boxes[index] as TrainBox
      const entry = byName.get(cls) ?? { name: cls, positives: new Set(), negatives: new Set() }
      ;(negative ? entry.negatives : entry.positives).add(colour)
      byName.set(cls, entry)
    })
  }
  const classes = [...byName.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )
  if (classes.some((cls) => cls.positives.size === 0)) throw internalError()
  return classes
}
