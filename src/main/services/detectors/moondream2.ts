import type { Detection } from '../../../shared/contract'
import type { Moondream2Spec } from '../../../shared/model-spec'
import {
  buildMoondreamRequest,
  LMM_ROUTE,
  moondreamPrompts,
  parseMoondreamResponse,
} from '../inference/moondream2'
import { axisScale } from '../inference/predictions'
import { fittedWarning, type DetectorContext, type DetectorOutput } from './context'
import { noteServerSize, postJsonOk } from './request'

/**
 * One Moondream2 request per prompt, in order (§1.6: a prompt is one object name; §6.13: the model
 * lock runs them one at a time anyway), the same upload each time; boxes merged, each of its prompt.
 */
export async function detectMoondream2(
  ctx: DetectorContext,
  spec: Moondream2Spec,
): Promise<DetectorOutput> {
  const prompts = moondreamPrompts(spec.prompts)
  const upload = await ctx.prepare(ctx.imageId)
  const original = { width: upload.originalWidth, height: upload.originalHeight }
  const scale = axisScale(upload, original)
  const detections: Detection[] = []
  let serverTime: number | null = null
  for (const [index, prompt] of prompts.entries()) {
    ctx.status('uploading', `Prompt ${index + 1} of ${prompts.length}: "${prompt}"`)
    const body = buildMoondreamRequest({
      imageBase64: upload.base64,
      modelId: spec.modelId,
      prompt,
      apiKey: ctx.server.apiKey,
      transport: ctx.server.keyTransport,
    })
    const json = await postJsonOk(ctx, LMM_ROUTE, body, `the model "${spec.modelId}"`)
    const parsed = parseMoondreamResponse(json, {
      prompt,
      modelId: spec.modelId,
      scale,
      imageWidth: original.width,
      imageHeight: original.height,
    })
    noteServerSize(ctx, LMM_ROUTE, upload, parsed.serverImage)
    detections.push(...parsed.detections)
    if (parsed.time !== null) serverTime = (serverTime ?? 0) + parsed.time
  }
  return {
    detections,
    mapping: prompts.map((prompt) => ({ prompt, className: prompt })),
    warnings: fittedWarning(upload),
    width: original.width,
    height: original.height,
    uploadWidth: upload.width,
    uploadHeight: upload.height,
    uploadBytes: upload.bytes,
    serverTime,
    renderedImageUrl: null,
  }
}
