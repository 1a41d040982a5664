import { checkApiKey, checkCountInference, type RouteHandler } from '../context'
import { HttpError, MESSAGES } from '../errors'
import { loadRequestImage } from '../image-input'
import { checkImageField, Validator } from '../validate'
import { inferHosted, useHostedModel } from './hosted-model'
import {
  BODY,
  checkCommonFields,
  readConfidence,
  readModelBody,
  readStringList,
} from './request-body'

/** POST /infer/object_detection: JSON only, confidence 0..1 without rescaling, batches (§1.2). */
export const objectDetectionRoute: RouteHandler = async (ctx) => {
  const body = readModelBody(ctx)
  const v = new Validator()
  const common = checkCommonFields(v, body)
  const image = checkImageField(v, body, 'image', BODY)
  const modelId = v.field<string>(body, 'model_id', 'str', BODY, { required: true })
  v.field(body, 'model_type', 'str', BODY)
  const confidence = readConfidence(v, body, 0.4)
  const iouThreshold = v.field<number>(body, 'iou_threshold', 'float', BODY) ?? 0.3
  const classAgnostic = v.field<boolean>(body, 'class_agnostic_nms', 'bool', BODY) ?? false
  const classFilter = readStringList(v, body, 'class_filter') ?? null
  const maxDetections = v.field<number>(body, 'max_detections', 'int', BODY) ?? 300
  v.field(body, 'max_candidates', 'int', BODY)
  v.field(body, 'fix_batch_size', 'bool', BODY)
  const visualize = v.field<boolean>(body, 'visualize_predictions', 'bool', BODY) ?? false
  const labels = v.field<boolean>(body, 'visualization_labels', 'bool', BODY) ?? false
  const stroke = v.field<number>(body, 'visualization_stroke_width', 'int', BODY) ?? 1
  v.field(body, 'disable_active_learning', 'bool', BODY)
  v.field(body, 'active_learning_target_dataset', 'str', BODY)
  v.throwIfAny()
  checkCountInference(ctx)
  checkApiKey(ctx, body, false)
  if (!modelId) throw new HttpError(400, { message: MESSAGES.invalidModelId })
  const model = useHostedModel(ctx, modelId)
  const params = {
    confidence,
    iouThreshold,
    classAgnostic,
    classFilter,
    maxDetections,
    visualize,
    labels,
    stroke,
  }
  return ctx.state.runInference(async (started) => {
    const images = Array.isArray(image) ? image : [image]
    const bodies: unknown[] = []
    for (const item of images) {
      const raster = await loadRequestImage(item, common.autoOrient)
      bodies.push((await inferHosted(raster, model, params, common.id, started)).body)
    }
    return { body: Array.isArray(image) ? bodies : bodies[0] }
  })
}
