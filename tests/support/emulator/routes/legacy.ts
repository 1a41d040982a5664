import { randomUUID } from 'node:crypto'
import { checkApiKey, checkCountInference, type RouteContext, type RouteHandler } from '../context'
import { HttpError, imageLoadError, MESSAGES } from '../errors'
import { parseMultipart } from '../http-io'
import { containsRawBytes, decodeImageBytes, loadBase64Image, loadUrlImage } from '../image-input'
import type { RasterImage } from '../regions'
import { Validator } from '../validate'
import { inferHosted, useHostedModel } from './hosted-model'

/** Legacy route's OOM guard: confidence never goes below 1% (§1.3). */
const CONFIDENCE_LOWER_BOUND = 0.01
const QUERY = ['query']

type Payload =
  { kind: 'url'; url: string } | { kind: 'base64'; bytes: Buffer } | { kind: 'file'; bytes: Buffer }

/** The body dependency: `?image=` wins, else a Content-Type is required; multipart reads part `file`. */
function readPayload(ctx: RouteContext): Payload {
  if (ctx.query.image !== undefined) return { kind: 'url', url: ctx.query.image }
  const contentType = ctx.req.headers['content-type']
  if (!contentType) throw new HttpError(400, { message: MESSAGES.noContentType })
  if (!contentType.toLowerCase().includes('multipart/form-data'))
    return { kind: 'base64', bytes: ctx.raw }
  const part = parseMultipart(contentType, ctx.raw).find((p) => p.name === 'file')
  if (!part) throw imageLoadError(MESSAGES.missingFilePart)
  return { kind: 'file', bytes: part.data }
}

async function loadPayload(payload: Payload, autoOrient: boolean): Promise<RasterImage> {
  if (payload.kind === 'url') return loadUrlImage(payload.url, autoOrient)
  if (payload.kind === 'base64') {
    if (containsRawBytes(payload.bytes)) throw imageLoadError(MESSAGES.rawBytes)
    return loadBase64Image(payload.bytes.toString('latin1'), autoOrient)
  }
  const raster = await decodeImageBytes(payload.bytes, autoOrient)
  if (raster === null) throw imageLoadError('Could not decode bytes into image.')
  return raster
}

/** Values >= 1 are percentages on this route (§1.3). */
function rescale(value: number): number {
  return value >= 1 ? value / 100 : value
}

/** GET|POST /{dataset_id}/{version_id}: hosted-style route with query parameters, Mode O (§1.3). */
export const legacyRoute: RouteHandler = async (ctx) => {
  const payload = readPayload(ctx)
  const q = ctx.query as Record<string, unknown>
  const v = new Validator()
  const named = q.confidence === 'best' || q.confidence === 'default'
  const confidence = named ? 0.4 : (v.field<number>(q, 'confidence', 'float', QUERY) ?? 0.4)
  const overlap = v.field<number>(q, 'overlap', 'float', QUERY) ?? 0.3
  v.field(q, 'keypoint_confidence', 'float', QUERY)
  const format = (q.format as string | undefined) ?? 'json'
  const labels = v.field<boolean>(q, 'labels', 'bool', QUERY) ?? false
  const stroke = v.field<number>(q, 'stroke', 'int', QUERY) ?? 1
  const maxDetections = v.field<number>(q, 'max_detections', 'int', QUERY) ?? 300
  const noOrient = v.field<boolean>(q, 'disable_preproc_auto_orient', 'bool', QUERY) ?? false
  for (const name of ['countinference', 'disable_active_learning', 'disable_model_monitoring'])
    v.field(q, name, 'bool', QUERY)
  v.field(q, 'tradeoff_factor', 'float', QUERY)
  v.throwIfAny()
  checkCountInference(ctx)
  checkApiKey(ctx, undefined, true)
  const model = useHostedModel(ctx, `${ctx.params.dataset_id}/${ctx.params.version_id}`)
  if ((q.image_type as string | undefined)?.toLowerCase() === 'numpy')
    throw imageLoadError(MESSAGES.numpyUnsupported)
  const params = {
    confidence: Math.max(CONFIDENCE_LOWER_BOUND, rescale(confidence)),
    iouThreshold: rescale(overlap),
    classAgnostic: false,
    classFilter: null,
    maxDetections,
    visualize: format === 'image' || format === 'image_and_json',
    labels,
    stroke,
  }
  return ctx.state.runInference(async (started) => {
    const raster = await loadPayload(payload, !noOrient)
    const result = await inferHosted(raster, model, params, randomUUID(), started)
    if (format === 'image' && result.jpeg) return { body: result.jpeg, contentType: 'image/jpeg' }
    return { body: result.body }
  })
}
