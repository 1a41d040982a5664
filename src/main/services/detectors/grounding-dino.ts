import type { GroundingDinoSpec } from '../../../shared/model-spec'
import { buildGroundingDinoPrompts } from '../../../shared/prompts'
import { formatMegabytes } from '../images'
import {
  buildGroundingDinoRequest,
  GROUNDING_DINO_ROUTE,
  parseGroundingDinoResponse,
} from '../inference/grounding-dino'
import { fittedWarning, type DetectorContext, type DetectorOutput } from './context'
import { noteServerSize, postJsonOk } from './request'

/** One Grounding DINO request with every class as a sanitised prompt (§1.4). */
export async function detectGroundingDino(
  ctx: DetectorContext,
  spec: GroundingDinoSpec,
): Promise<DetectorOutput> {
  const { prompts, mapping, merged } = buildGroundingDinoPrompts(spec.classes)
  const upload = await ctx.prepare(ctx.imageId)
  const body = buildGroundingDinoRequest({
    imageBase64: upload.base64,
    prompts,
    boxThreshold: spec.boxThreshold,
    textThreshold: spec.textThreshold,
    classAgnosticNms: spec.classAgnosticNms,
    apiKey: ctx.server.apiKey,
    transport: ctx.server.keyTransport,
  })
  ctx.status('uploading', `Sending the image (${formatMegabytes(upload.bytes)})`)
  const json = await postJsonOk(ctx, GROUNDING_DINO_ROUTE, body, 'Grounding DINO', {
    prompts: { prompts, boxThreshold: spec.boxThreshold, textThreshold: spec.textThreshold },
  })
  const parsed = parseGroundingDinoResponse(json, {
    mapping,
    uploadScale: upload.scale,
    imageWidth: upload.originalWidth,
    imageHeight: upload.originalHeight,
  })
  noteServerSize(ctx, GROUNDING_DINO_ROUTE, upload, parsed.serverImage)
  const warnings = merged.map(
    (m) =>
      `"${m.className}" reads the same as "${m.mergedInto}" once sent ("${m.prompt}"), so its boxes are labelled "${m.mergedInto}".`,
  )
  return {
    detections: parsed.detections,
    mapping,
    warnings: [...warnings, ...fittedWarning(upload)],
    width: upload.originalWidth,
    height: upload.originalHeight,
    uploadWidth: upload.width,
    uploadHeight: upload.height,
    uploadBytes: upload.bytes,
    serverTime: parsed.time,
    renderedImageUrl: null,
  }
}
