import { AppError } from '../../../shared/errors'
import type { Owlv2Spec } from '../../../shared/model-spec'
import { formatMegabytes } from '../images'
import {
  buildOwlv2Request,
  buildOwlv2Training,
  OWLV2_ROUTE,
  parseOwlv2Response,
} from '../inference/owlv2'
import { axisScale } from '../inference/predictions'
import { fittedWarning, type DetectorContext, type DetectorOutput } from './context'
import { noteServerSize, postJsonOk } from './request'

const FITTED_REFERENCES =
  "Some reference images were sent smaller or at lower quality to stay under the profile's upload limit."

/**
 * One OWLv2 request (§1.5): reference images with example boxes teach the classes, then the query
 * image is searched. References are prepared once and kept, so repeated runs send the same bytes
 * and hit the server's embedding cache.
 */
export async function detectOwlv2(ctx: DetectorContext, spec: Owlv2Spec): Promise<DetectorOutput> {
  const used = spec.references.filter((ref) => ref.boxes.length > 0)
  const references = await Promise.all(
    used.map(async (ref) => ({ upload: await ctx.prepare(ref.imageId, true), boxes: ref.boxes })),
  )
  const training = buildOwlv2Training(references)
  const query = await ctx.prepare(ctx.imageId)
  const body = buildOwlv2Request({
    imageBase64: query.base64,
    trainingData: training.trainingData,
    confidence: spec.confidence,
    versionId: spec.versionId,
    apiKey: ctx.server.apiKey,
    transport: ctx.server.keyTransport,
  })
  const size = JSON.stringify(body).length
  const limit = ctx.upload.maxBytes ?? 0
  const count = training.trainingData.length
  const refs = `${count} reference ${count === 1 ? 'image' : 'images'}`
  if (limit > 0 && size > limit) {
    throw new AppError(
      'image-rejected',
      `The request with ${refs} is ${formatMegabytes(size)}, over this profile's upload limit of ${formatMegabytes(limit)}.`,
      { hint: 'Use fewer reference images, or a smaller upload side.' },
    )
  }
  ctx.status('uploading', `Sending the image and ${refs} (${formatMegabytes(size)})`)
  const json = await postJsonOk(ctx, OWLV2_ROUTE, body, `OWLv2 (${spec.versionId})`)
  const original = { width: query.originalWidth, height: query.originalHeight }
  const parsed = parseOwlv2Response(json, {
    scale: axisScale(query, original),
    imageWidth: original.width,
    imageHeight: original.height,
  })
  noteServerSize(ctx, OWLV2_ROUTE, query, parsed.serverImage)
  const fittedRefs = references.some((r) => r.upload.fittedToBytes !== null)
  return {
    detections: parsed.detections,
    mapping: training.classes.map((cls) => ({ prompt: cls, className: cls })),
    warnings: [
      ...training.warnings,
      ...fittedWarning(query),
      ...(fittedRefs ? [FITTED_REFERENCES] : []),
    ],
    width: original.width,
    height: original.height,
    uploadWidth: query.width,
    uploadHeight: query.height,
    uploadBytes: query.bytes,
    serverTime: parsed.time,
    renderedImageUrl: null,
  }
}
