import { checkApiKey, checkCountInference, type RouteHandler } from '../context'
import { detectGroundingDino } from '../detectors'
import { loadRequestImage } from '../image-input'
import { detectionResponse, nms, toPrediction } from '../predictions'
import { findRegions } from '../regions'
import { checkImageField, Validator } from '../validate'
import { BODY, checkCommonFields, readModelBody, readStringList } from './request-body'

/** Fixed NMS IoU and cap of the default implementation (§1.4). */
const NMS_IOU = 0.5
const MAX_DETECTIONS = 300

/** POST /grounding_dino/infer: Mode F, inference_id null, single image only (§1.4). */
export const groundingDinoRoute: RouteHandler = async (ctx) => {
  const body = readModelBody(ctx)
  const v = new Validator()
  checkCommonFields(v, body)
  const image = checkImageField(v, body, 'image', BODY)
  const text = readStringList(v, body, 'text', { required: true, nullable: false })
  const boxThreshold = v.field<number>(body, 'box_threshold', 'float', BODY) ?? 0.5
  const textField = v.field<number>(body, 'text_threshold', 'float', BODY)
  const textThreshold = textField === undefined ? 0.5 : (textField ?? boxThreshold)
  const agnostic = v.field<boolean>(body, 'class_agnostic_nms', 'bool', BODY) ?? false
  const version = v.field<string>(body, 'grounding_dino_version_id', 'str', BODY) ?? 'default'
  v.field(body, 'model_id', 'str', BODY)
  v.throwIfAny()
  checkCountInference(ctx)
  checkApiKey(ctx, body, true)
  ctx.useModel({
    modelId: `grounding_dino/${version}`,
    taskType: 'object-detection',
    inputSize: 800,
  })
  return ctx.state.runInference(async (started) => {
    const raster = await loadRequestImage(image, true)
    const found = detectGroundingDino(findRegions(raster), text ?? [], {
      boxThreshold,
      textThreshold,
    })
    const kept = nms(found, NMS_IOU, agnostic).slice(0, MAX_DETECTIONS)
    const response = detectionResponse(
      {
        inferenceId: null,
        time: (performance.now() - started) / 1000,
        image: { width: raster.width, height: raster.height },
        predictions: kept.map((d) => toPrediction(d)),
      },
      'F',
    )
    return { body: response }
  })
}
