import { checkApiKey, checkCountInference, type RouteHandler } from '../context'
import { detectMoondream } from '../detectors'
import { HttpError, internalError, MESSAGES, notFoundError } from '../errors'
import { loadRequestImage } from '../image-input'
import { detectionResponse, toPrediction } from '../predictions'
import { findRegions } from '../regions'
import { checkImageField, Validator } from '../validate'
import { BODY, checkCommonFields, readModelBody } from './request-body'

/** POST /infer/lmm and /infer/lmm/{model_id}: Moondream2 detection, Mode O (§1.6). */
export const lmmRoute: RouteHandler = async (ctx) => {
  const body = readModelBody(ctx)
  const v = new Validator()
  const common = checkCommonFields(v, body)
  const image = checkImageField(v, body, 'image', BODY)
  const bodyModelId = v.field<string>(body, 'model_id', 'str', BODY, { required: true })
  const prompt = v.field<string>(body, 'prompt', 'str', BODY)
  v.field(body, 'enable_thinking', 'bool', BODY, { nullable: false })
  v.field(body, 'max_new_tokens', 'int', BODY)
  v.throwIfAny()
  checkCountInference(ctx)
  const pathModelId = ctx.params.model_id
  if (pathModelId !== undefined && bodyModelId != null && bodyModelId !== pathModelId)
    throw new HttpError(400, {
      detail: `Model ID mismatch: path model_id '${pathModelId}' differs from body model_id '${bodyModelId}'.`,
    })
  const modelId = bodyModelId ?? pathModelId
  checkApiKey(ctx, body, true)
  if (!modelId) throw new HttpError(400, { message: MESSAGES.invalidModelId })
  if (!modelId.startsWith('moondream2/')) throw notFoundError()
  ctx.useModel({ modelId, taskType: 'lmm', inputSize: null })
  return ctx.state.runInference(async (started) => {
    if (Array.isArray(image) || prompt == null) throw internalError()
    const raster = await loadRequestImage(image, common.autoOrient)
    const found = detectMoondream(findRegions(raster), prompt)
    const response = detectionResponse(
      {
        inferenceId: common.id,
        time: (performance.now() - started) / 1000,
        image: { width: raster.width, height: raster.height },
        predictions: found.map((d) => toPrediction(d, true)),
      },
      'O',
    )
    return { body: response }
  })
}
