import type { Detection, PromptMapping } from '../../../shared/contract'
import { boxFromCentre, clampBox, scaleBox } from '../../../shared/geometry'
import { mapPromptToClass } from '../../../shared/prompts'
import type { KeyTransport } from './http-client'
import { parseObjectDetectionResponse } from './response-schema'

export const GROUNDING_DINO_ROUTE = '/grounding_dino/infer'

export interface GroundingDinoRequestInput {
  imageBase64: string
  prompts: string[]
  boxThreshold: number
  textThreshold: number
  classAgnosticNms: boolean
  apiKey?: string | null
  transport: KeyTransport
}

export interface GroundingDinoBody {
  image: { type: 'base64'; value: string }
  text: string[]
  box_threshold: number
  text_threshold: number
  class_agnostic_nms: boolean
  api_key?: string
}

/** Body for POST /grounding_dino/infer: a single image object, never a list (§1.4, §1.0). */
export function buildGroundingDinoRequest(input: GroundingDinoRequestInput): GroundingDinoBody {
  const body: GroundingDinoBody = {
    image: { type: 'base64', value: input.imageBase64 },
    text: input.prompts,
    box_threshold: input.boxThreshold,
    text_threshold: input.textThreshold,
    class_agnostic_nms: input.classAgnosticNms,
  }
  if (input.transport === 'body' && input.apiKey) body.api_key = input.apiKey
  return body
}

export interface ParseContext {
  mapping: PromptMapping[]
  /** original / uploaded: multiply upload pixels by this to get oriented original pixels. */
  uploadScale: number
  /** Oriented original image size, to clamp boxes to. */
  imageWidth: number
  imageHeight: number
}

export interface ParsedDetections {
  detections: Detection[]
  /** The size the server decoded (the oriented upload), per §2.2. */
  serverImage: { width: number; height: number }
  /** Inference seconds the server reported, when it did. */
  time: number | null
}

/**
 * Parses a Grounding DINO answer (Mode F, or Mode O from proxies) into the app's detections:
 * centre boxes to top-left (§6.2), upload pixels to original pixels, clipped to the image.
 */
export function parseGroundingDinoResponse(json: unknown, ctx: ParseContext): ParsedDetections {
  const response = parseObjectDetectionResponse(json)
  const detections: Detection[] = []
  for (const p of response.predictions) {
    const uploaded = boxFromCentre(p.x, p.y, p.width, p.height)
    const box = clampBox(scaleBox(uploaded, ctx.uploadScale), ctx.imageWidth, ctx.imageHeight)
    if (box.width <= 0 || box.height <= 0) continue
    const className = mapPromptToClass(p.class, ctx.mapping)
    const detection: Detection = {
      id: globalThis.crypto.randomUUID(),
      className,
      confidence: p.confidence,
      box,
    }
    if (className !== p.class) detection.prompt = p.class
    detections.push(detection)
  }
  return {
    detections,
    serverImage: { width: response.image.width, height: response.image.height },
    time: response.time ?? null,
  }
}
