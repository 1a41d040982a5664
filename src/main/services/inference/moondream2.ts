import { AppError } from '../../../shared/errors'
import type { ParsedDetections } from './grounding-dino'
import type { KeyTransport } from './http-client'
import { toDetections, type AxisScale } from './predictions'
import { parseObjectDetectionResponse } from './response-schema'

export const LMM_ROUTE = '/infer/lmm'

export interface MoondreamRequestInput {
  imageBase64: string
  modelId: string
  /** One object name: the whole prompt is what Moondream2 looks for (§1.6). */
  prompt: string
  apiKey?: string | null
  transport: KeyTransport
}

export interface MoondreamBody {
  api_key?: string
  model_id: string
  prompt: string
  image: { type: 'base64'; value: string }
}

/**
 * Body for POST /infer/lmm in the key order `infer_lmm` sends (§1.6): api_key (body transport only),
 * model_id (a required key, §1.6), prompt (never omitted: a null prompt fails), then the image.
 */
export function buildMoondreamRequest(input: MoondreamRequestInput): MoondreamBody {
  const key = input.transport === 'body' && input.apiKey ? { api_key: input.apiKey } : {}
  return {
    ...key,
    model_id: input.modelId,
    prompt: input.prompt,
    image: { type: 'base64', value: input.imageBase64 },
  }
}

/** The prompts to send, one request each, without repeats (§6.6). */
export function moondreamPrompts(prompts: readonly string[]): string[] {
  return [...new Set(prompts.map((p) => p.trim()).filter((p) => p !== ''))]
}

export interface MoondreamParseContext {
  /** The prompt this request sent; every box is of this class (§1.6). */
  prompt: string
  modelId: string
  scale: AxisScale
  imageWidth: number
  imageHeight: number
}

/**
 * Parses a Moondream2 answer (Mode O, §1.6): an object-detection response whose boxes all belong to
 * the prompt, confidence 1.0 as returned. Other LMMs answer `{response}` text, which has no boxes.
 */
export function parseMoondreamResponse(
  json: unknown,
  ctx: MoondreamParseContext,
): ParsedDetections {
  if (isTextAnswer(json)) {
    throw new AppError(
      'bad-response',
      `The model "${ctx.modelId}" answered with text, not boxes.`,
      { hint: 'Use a Moondream2 model id such as moondream2/moondream2-2b.' },
    )
  }
  const response = parseObjectDetectionResponse(json)
  return {
    detections: toDetections(response.predictions, { ...ctx, classOf: () => ctx.prompt }),
    serverImage: { width: response.image.width, height: response.image.height },
    time: response.time ?? null,
  }
}

function isTextAnswer(json: unknown): boolean {
  return json !== null && typeof json === 'object' && 'response' in json && !('predictions' in json)
}
