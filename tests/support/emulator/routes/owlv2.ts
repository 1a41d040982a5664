import { checkApiKey, checkCountInference, type RouteHandler } from '../context'
import { detectOwlv2 } from '../detectors'
import { responseValidationError } from '../errors'
import { loadRequestImage } from '../image-input'
import { buildOwlv2Classes, type TrainBox, type TrainingImage } from '../owlv2-references'
import { detectionResponse, nms, toPrediction } from '../predictions'
import { findRegions } from '../regions'
import { checkImageField, coerce, Validator } from '../validate'
import { drawDetections } from '../visualise'
import { BODY, checkCommonFields, readModelBody } from './request-body'

/** Per-class then global NMS at the adapter's fixed IoU, at most 300 boxes (§1.5). */
const NMS_IOU = 0.3
const MAX_DETECTIONS = 300

function readTrainingData(v: Validator, body: Record<string, unknown>): TrainingImage[] {
  const list = v.field<unknown[]>(body, 'training_data', 'list', BODY, {
    required: true,
    nullable: false,
  })
  const result: TrainingImage[] = []
  list?.forEach((item, i) => {
    const loc = [...BODY, 'training_data', i]
    const model = coerce('model', item)
    if (!model.ok) return v.push({ type: model.type, loc, msg: model.msg, input: item })
    const entry = item as Record<string, unknown>
    const image = checkImageField(v, entry, 'image', loc, false) as
      Record<string, unknown> | undefined
    const boxes = v.field<unknown[]>(entry, 'boxes', 'list', loc, {
      required: true,
      nullable: false,
    })
    const parsed: TrainBox[] = []
    boxes?.forEach((raw, j) => {
      const boxLoc = [...loc, 'boxes', j]
      const boxModel = coerce('model', raw)
      if (!boxModel.ok)
        return v.push({ type: boxModel.type, loc: boxLoc, msg: boxModel.msg, input: raw })
      const box = raw as Record<string, unknown>
      const int = (key: string) =>
        v.field<number>(box, key, 'int', boxLoc, { required: true, nullable: false }) ?? 0
      const [x, y, w, h] = [int('x'), int('y'), int('w'), int('h')]
      const cls =
        v.field<string>(box, 'cls', 'str', boxLoc, { required: true, nullable: false }) ?? ''
      const negative =
        v.field<boolean>(box, 'negative', 'bool', boxLoc, { nullable: false }) ?? false
      parsed.push({ x, y, w, h, cls, negative })
    })
    result.push({ value: image?.value, boxes: parsed })
  })
  return result
}

/** POST /owlv2/infer: few-shot from integer centre boxes on references, Mode F (§1.5). */
export const owlv2Route: RouteHandler = async (ctx) => {
  const body = readModelBody(ctx)
  const v = new Validator()
  const common = checkCommonFields(v, body)
  const image = checkImageField(v, body, 'image', BODY)
  const training = readTrainingData(v, body)
  const confidence = v.field<number>(body, 'confidence', 'float', BODY) ?? 0.99
  const visualize = v.field<boolean>(body, 'visualize_predictions', 'bool', BODY) ?? false
  const labels = v.field<boolean>(body, 'visualization_labels', 'bool', BODY) ?? false
  const stroke = v.field<number>(body, 'visualization_stroke_width', 'int', BODY) ?? 1
  const version =
    v.field<string>(body, 'owlv2_version_id', 'str', BODY) ?? 'owlv2-large-patch14-ensemble'
  v.field(body, 'model_id', 'str', BODY)
  v.throwIfAny()
  checkCountInference(ctx)
  checkApiKey(ctx, body, true)
  ctx.useModel({ modelId: `owlv2/${version}`, taskType: 'object-detection', inputSize: 960 })
  return ctx.state.runInference(async (started) => {
    if (Array.isArray(image)) throw responseValidationError()
    const raster = await loadRequestImage(image, true)
    const classes = await buildOwlv2Classes(training)
    const found = detectOwlv2(findRegions(raster), classes, confidence)
    const perClass = nms(found, NMS_IOU, false)
    const kept = nms(perClass, NMS_IOU, true).slice(0, MAX_DETECTIONS)
    const visualization = visualize
      ? (await drawDetections(raster, kept, { stroke, labels })).toString('base64')
      : null
    const response = detectionResponse(
      {
        visualization,
        inferenceId: common.id,
        time: (performance.now() - started) / 1000,
        image: { width: raster.width, height: raster.height },
        predictions: kept.map((d) => toPrediction(d)),
      },
      'F',
    )
    return { body: response }
  })
}
