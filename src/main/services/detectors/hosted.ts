import { AppError } from '../../../shared/errors'
import type { HostedSpec } from '../../../shared/model-spec'
import { bufferImageSize, formatMegabytes, type PreparedUpload } from '../images'
import {
  buildHostedQuery,
  HOSTED_BODY_TYPE,
  hostedRoute,
  LEGACY_MIN_CONFIDENCE_PERCENT,
  parseHostedResponse,
} from '../inference/hosted'
import { axisScale } from '../inference/predictions'
import { fittedWarning, type DetectorContext, type DetectorOutput } from './context'
import { isOk, joinUrl, noteServerSize, requestOptions, responseError } from './request'

const LOW_CONFIDENCE =
  'Confidence below 1% is read as 1% by the server, so fainter boxes are not returned.'

/** The pixels to send (raw base64 body), or nothing when the server fetches `imageUrl` itself (§1.3, §5). */
interface Source {
  text: string | null
  upload: PreparedUpload | null
  width: number
  height: number
}

/**
 * A custom or hosted model on the legacy route `POST /{project}/{version}` (§1.3, §5). The key goes
 * in the query, which this route reads on every server version. With `format: 'image'` a second call
 * fetches the server's own rendering; the boxes always come from the JSON answer.
 */
export async function detectHosted(
  ctx: DetectorContext,
  spec: HostedSpec,
): Promise<DetectorOutput> {
  const route = hostedRoute(spec)
  const model = `the model "${spec.project}/${spec.version}"`
  const source = await gatherSource(ctx, spec)
  ctx.status(
    'uploading',
    source.upload === null
      ? 'Asking the server to fetch the image from its URL'
      : `Sending the image (${formatMegabytes(source.upload.bytes)})`,
  )
  const res = await call(ctx, spec, source, 'json')
  if (!isOk(res)) throw await responseError(ctx, res, { route, model })
  const parsed = parseHostedResponse(res.json, {
    ...(source.upload === null ? {} : { scale: axisScale(source.upload, source) }),
    imageWidth: source.width,
    imageHeight: source.height,
    classes: spec.classes,
    modelName: `${spec.project}/${spec.version}`,
  })
  const warnings: string[] = []
  if (source.upload !== null) {
    noteServerSize(ctx, route, source.upload, parsed.serverImage)
    warnings.push(...fittedWarning(source.upload))
  } else {
    warnings.push(...urlSizeWarning(parsed.serverImage, source))
  }
  if (spec.confidence < LEGACY_MIN_CONFIDENCE_PERCENT) warnings.push(LOW_CONFIDENCE)
  let renderedImageUrl: string | null = null
  if (spec.format === 'image') {
    ctx.status('uploading', 'Fetching the picture the server drew')
    const rendering = await fetchRendering(ctx, spec, source, model)
    if (typeof rendering === 'string') warnings.push(rendering)
    else renderedImageUrl = rendering.url
  }
  return {
    detections: parsed.detections,
    mapping: [],
    warnings,
    width: source.width,
    height: source.height,
    uploadWidth: source.upload?.width ?? parsed.serverImage.width,
    uploadHeight: source.upload?.height ?? parsed.serverImage.height,
    uploadBytes: source.upload?.bytes ?? 0,
    serverTime: parsed.time,
    renderedImageUrl,
  }
}

async function gatherSource(ctx: DetectorContext, spec: HostedSpec): Promise<Source> {
  if (spec.imageUrl !== undefined) {
    const size = await ctx.imageSize(ctx.imageId)
    return { text: null, upload: null, ...size }
  }
  const upload = await ctx.prepare(ctx.imageId)
  return {
    text: upload.base64,
    upload,
    width: upload.originalWidth,
    height: upload.originalHeight,
  }
}

function call(ctx: DetectorContext, spec: HostedSpec, source: Source, format: 'json' | 'image') {
  const url = `${joinUrl(ctx.server.baseUrl, hostedRoute(spec))}?${buildHostedQuery(spec, format)}`
  const options = requestOptions(ctx, 'query')
  if (format === 'image') options.headers = { accept: 'image/jpeg' }
  return ctx.http.postText(url, source.text, HOSTED_BODY_TYPE, options)
}

/** The server's rendering, registered for display; a plain warning instead when it cannot be had. */
async function fetchRendering(
  ctx: DetectorContext,
  spec: HostedSpec,
  source: Source,
  model: string,
): Promise<{ url: string } | string> {
  try {
    const res = await call(ctx, spec, source, 'image')
    if (!isOk(res)) {
      const error = await responseError(ctx, res, { route: hostedRoute(spec), model })
      return `The server's picture of its boxes could not be fetched: ${error.message}`
    }
    const size = res.bytes === undefined ? null : await bufferImageSize(res.bytes)
    if (res.bytes === undefined || size === null) {
      return 'The server did not send a picture of its boxes (it answered format=image with something else).'
    }
    return { url: ctx.addRendition({ buffer: res.bytes, mime: 'image/jpeg', ...size }) }
  } catch (err) {
    if (ctx.signal.aborted || (err instanceof AppError && err.code === 'cancelled')) throw err
    const message = err instanceof AppError ? err.message : 'an unexpected error'
    return `The server's picture of its boxes could not be fetched: ${message}`
  }
}

/** The server measured the image it fetched; boxes were scaled to the opened image when sizes differ. */
function urlSizeWarning(
  server: { width: number; height: number },
  opened: { width: number; height: number },
): string[] {
  if (server.width === opened.width && server.height === opened.height) return []
  const shape =
    Math.abs(server.width / server.height - opened.width / opened.height) >
    0.01 * (opened.width / opened.height)
      ? ' Their shapes differ: check that the URL shows the same picture.'
      : ''
  return [
    `The server's copy of the image is ${server.width}×${server.height} pixels and the opened image ${opened.width}×${opened.height}, so the boxes were scaled to fit.${shape}`,
  ]
}
