import { AppError } from '../../../shared/errors'
import type { HostedSpec } from '../../../shared/model-spec'
import type { ParsedDetections } from './grounding-dino'
import { axisScale, toDetections, type AxisScale } from './predictions'
import { parseObjectDetectionResponse } from './response-schema'

/**
 * Body content type for the base64 text, as the hosted docs send it (§5); the server reads any
 * non-multipart body as raw base64 and never form-decodes it, so the text must not be URL-encoded (§1.3).
 */
export const HOSTED_BODY_TYPE = 'application/x-www-form-urlencoded'

/** The legacy route's path: exactly two segments, `/{project}/{version}` (§1.3). */
export function hostedRoute(spec: Pick<HostedSpec, 'project' | 'version'>): string {
  return `/${encodeURIComponent(spec.project)}/${spec.version}`
}

/**
 * The query text for a percentage so that the legacy route reads exactly `percent / 100` (§1.3): it
 * divides values >= 1 by 100 but takes values below 1 as they are, so "1" means 1% and 0.5% must go
 * as "0.005" (sending "0.5" would mean 50%). The server then raises confidence below 0.01 to 0.01.
 */
export function legacyPercentParam(percent: number): string {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`A percentage must be within 0..100, got ${percent}`)
  }
  return plainDecimal(percent >= 1 ? percent : percent / 100)
}

/** Decimal text without exponent or binary noise (0.7 / 100 is 0.006999..., sent as "0.007"). */
function plainDecimal(value: number): string {
  const fixed = value.toFixed(12).replace(/\.?0+$/, '')
  return fixed === '' || fixed === '-0' ? '0' : fixed
}

/** The server never filters below 1% confidence on this route (§1.3 CONFIDENCE_LOWER_BOUND_OOM_PREVENTION). */
export const LEGACY_MIN_CONFIDENCE_PERCENT = 1

/**
 * Query string for one call (§1.3, §5): confidence and overlap in the documented 0-100 scale,
 * `classes` comma-joined (hosted honours it, the local server ignores it), `format`, and `image`
 * when the server should fetch a public URL. The API key is added by the HTTP client.
 */
export function buildHostedQuery(
  spec: Pick<HostedSpec, 'confidence' | 'overlap' | 'classes' | 'imageUrl'>,
  format: 'json' | 'image',
): string {
  const query = new URLSearchParams()
  query.set('confidence', legacyPercentParam(spec.confidence))
  query.set('overlap', legacyPercentParam(spec.overlap))
  query.set('format', format)
  if (spec.classes.length > 0) query.set('classes', spec.classes.join(','))
  if (spec.imageUrl !== undefined) query.set('image', spec.imageUrl)
  return query.toString()
}

export interface HostedParseContext {
  /** Server pixels -> oriented original pixels; absent, the server's reported size maps to the original (URL input). */
  scale?: AxisScale
  imageWidth: number
  imageHeight: number
  /** Only these classes are kept; empty keeps all (the local server ignores `classes`, §5). */
  classes: readonly string[]
  modelName: string
}

/** Parses a legacy-route answer (Mode O, §1.3): object-detection boxes, filtered to `classes`. */
export function parseHostedResponse(json: unknown, ctx: HostedParseContext): ParsedDetections {
  const record = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {}
  if (record.is_stub === true) {
    throw new AppError('bad-response', `${ctx.modelName} has no trained weights yet.`, {
      hint: 'Train the version on Roboflow, or pick a version that has been trained.',
    })
  }
  if ('predictions' in record && !looksLikeBoxes(record.predictions)) {
    throw new AppError('bad-response', `${ctx.modelName} did not answer with boxes.`, {
      hint: 'Only object-detection (or segmentation) models can label boxes here.',
    })
  }
  const response = parseObjectDetectionResponse(json)
  const wanted = new Set(ctx.classes)
  const serverImage = { width: response.image.width, height: response.image.height }
  const original = { width: ctx.imageWidth, height: ctx.imageHeight }
  return {
    detections: toDetections(response.predictions, {
      scale: ctx.scale ?? axisScale(serverImage, original),
      imageWidth: ctx.imageWidth,
      imageHeight: ctx.imageHeight,
      classOf: (cls) => (wanted.size === 0 || wanted.has(cls) ? cls : null),
    }),
    serverImage,
    time: response.time ?? null,
  }
}

/** Classification answers `predictions` as a list without boxes or as an object (§1.3 task types). */
function looksLikeBoxes(predictions: unknown): boolean {
  if (!Array.isArray(predictions)) return false
  const first: unknown = predictions[0]
  return first === undefined || (typeof first === 'object' && first !== null && 'x' in first)
}
