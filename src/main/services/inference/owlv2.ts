import type { ExemplarBox } from '../../../shared/model-spec'
import { AppError } from '../../../shared/errors'
import { boxToIntegerCentre, clampBox } from '../../../shared/geometry'
import type { ParsedDetections } from './grounding-dino'
import type { KeyTransport } from './http-client'
import { axisScale, scaleBoxAxes, toDetections, type AxisScale, type Size } from './predictions'
import { parseObjectDetectionResponse } from './response-schema'

export const OWLV2_ROUTE = '/owlv2/infer'

export const COUNTER_EXAMPLE_WARNING =
  "Counter-examples are sent, but the server's default OwlV2 backend handles them unreliably: they can hide true matches."

/** `TrainBox` (§1.5): integer centre x,y and size, in the uploaded reference's oriented pixels. */
export interface Owlv2TrainBox {
  x: number
  y: number
  w: number
  h: number
  cls: string
  negative: boolean
}

export interface Owlv2TrainingImage {
  image: { type: 'base64'; value: string }
  boxes: Owlv2TrainBox[]
}

/** A reference image as uploaded, with the example boxes drawn on it in original oriented pixels. */
export interface Owlv2ReferenceInput {
  upload: {
    base64: string
    width: number
    height: number
    originalWidth: number
    originalHeight: number
  }
  boxes: readonly ExemplarBox[]
}

export interface Owlv2Training {
  trainingData: Owlv2TrainingImage[]
  /** Classes sent, sorted as the server sorts them (§1.5). */
  classes: string[]
  warnings: string[]
}

/**
 * Builds `training_data` (§1.5, §6.5): boxes clipped to their reference and moved into its uploaded
 * pixels as integer centres; classes with only counter-examples are never sent (the server answers
 * 500), nor references left without boxes. Throws 'invalid-input' when no example remains.
 */
export function buildOwlv2Training(references: readonly Owlv2ReferenceInput[]): Owlv2Training {
  let outside = 0
  const converted = references.map((ref) => {
    const original: Size = { width: ref.upload.originalWidth, height: ref.upload.originalHeight }
    const toUpload = axisScale(original, ref.upload)
    const boxes: Owlv2TrainBox[] = []
    for (const example of ref.boxes) {
      const box = trainBox(example, original, toUpload)
      if (box === null) outside++
      else boxes.push(box)
    }
    return { value: ref.upload.base64, boxes }
  })
  const positive = new Set(
    converted.flatMap((r) => r.boxes.filter((b) => !b.negative).map((b) => b.cls)),
  )
  const negativeOnly = new Set(
    converted.flatMap((r) => r.boxes.filter((b) => !positive.has(b.cls)).map((b) => b.cls)),
  )
  const trainingData = converted
    .map((r) => ({ value: r.value, boxes: r.boxes.filter((b) => positive.has(b.cls)) }))
    .filter((r) => r.boxes.length > 0)
    .map((r): Owlv2TrainingImage => ({ image: { type: 'base64', value: r.value }, boxes: r.boxes }))
  if (trainingData.length === 0) {
    throw new AppError(
      'invalid-input',
      'OWLv2 needs at least one example box that is not a counter-example.',
      { hint: 'Draw a box around an object you want found on one of the reference images.' },
    )
  }
  const warnings: string[] = []
  if (trainingData.some((r) => r.boxes.some((b) => b.negative)))
    warnings.push(COUNTER_EXAMPLE_WARNING)
  for (const cls of negativeOnly) {
    warnings.push(
      `"${cls}" has only counter-examples, so it was not sent: OWLv2 needs at least one example box of a class.`,
    )
  }
  if (outside > 0) {
    warnings.push(
      `${outside} example ${outside === 1 ? 'box lies' : 'boxes lie'} outside ${outside === 1 ? 'its' : 'their'} reference image and ${outside === 1 ? 'was' : 'were'} left out.`,
    )
  }
  return { trainingData, classes: [...positive].sort(), warnings }
}

function trainBox(example: ExemplarBox, original: Size, toUpload: AxisScale): Owlv2TrainBox | null {
  const clipped = clampBox(example.box, original.width, original.height)
  if (clipped.width <= 0 || clipped.height <= 0) return null
  const centre = boxToIntegerCentre(scaleBoxAxes(clipped, toUpload))
  return { ...centre, cls: example.className, negative: example.negative }
}

export interface Owlv2RequestInput {
  imageBase64: string
  trainingData: Owlv2TrainingImage[]
  confidence: number
  versionId: string
  apiKey?: string | null
  transport: KeyTransport
}

export interface Owlv2Body {
  image: { type: 'base64'; value: string }
  training_data: Owlv2TrainingImage[]
  confidence: number
  owlv2_version_id: string
  api_key?: string
}

/** Body for POST /owlv2/infer: one query image, never a list (a list answers 500, §1.5). */
export function buildOwlv2Request(input: Owlv2RequestInput): Owlv2Body {
  const body: Owlv2Body = {
    image: { type: 'base64', value: input.imageBase64 },
    training_data: input.trainingData,
    confidence: input.confidence,
    owlv2_version_id: input.versionId,
  }
  if (input.transport === 'body' && input.apiKey) body.api_key = input.apiKey
  return body
}

export interface Owlv2ParseContext {
  /** Uploaded query pixels -> oriented original pixels. */
  scale: AxisScale
  imageWidth: number
  imageHeight: number
}

/** Parses an OWLv2 answer (Mode F, §1.5); keys on `class`, since class_id indexes the server's own sorted list. */
export function parseOwlv2Response(json: unknown, ctx: Owlv2ParseContext): ParsedDetections {
  const response = parseObjectDetectionResponse(json)
  return {
    detections: toDetections(response.predictions, ctx),
    serverImage: { width: response.image.width, height: response.image.height },
    time: response.time ?? null,
  }
}
