import { randomUUID } from 'node:crypto'
import { dropNulls, float32, pyFloat } from './py-json'
import { boxIou } from './regions'

/** One model output in xyxy oriented pixels, before it becomes a centre-box prediction. */
export interface Detection {
  x0: number
  y0: number
  x1: number
  y1: number
  confidence: number
  className: string
  classId: number
}

export type ResponseMode = 'F' | 'O'

/** Greedy NMS by descending confidence, per class unless class-agnostic. */
export function nms(
  detections: Detection[],
  iouThreshold: number,
  classAgnostic: boolean,
): Detection[] {
  const sorted = [...detections].sort((a, b) => b.confidence - a.confidence)
  const kept: Detection[] = []
  for (const candidate of sorted) {
    const suppressed = kept.some(
      (other) =>
        (classAgnostic || other.className === candidate.className) &&
        boxIou(other, candidate) > iouThreshold,
    )
    if (!suppressed) kept.push(candidate)
  }
  return kept
}

/** `ObjectDetectionPrediction` in pydantic field order (§0); Mode O later drops the nulls. */
export function toPrediction(
  detection: Detection,
  exactConfidence = false,
): Record<string, unknown> {
  const width = detection.x1 - detection.x0
  const height = detection.y1 - detection.y0
  return {
    x: pyFloat(detection.x0 + width / 2),
    y: pyFloat(detection.y0 + height / 2),
    width: pyFloat(width),
    height: pyFloat(height),
    confidence: exactConfidence ? pyFloat(detection.confidence) : float32(detection.confidence),
    class: detection.className,
    class_confidence: null,
    class_id: detection.classId,
    tracker_id: null,
    detection_id: randomUUID(),
    parent_id: null,
  }
}

export interface ResponseParts {
  visualization?: string | null
  inferenceId: string | null
  time: number
  image: { width: number; height: number }
  predictions: Record<string, unknown>[]
}

/** `ObjectDetectionInferenceResponse` in field order; Mode F keeps nulls, Mode O drops them (§0). */
export function detectionResponse(parts: ResponseParts, mode: ResponseMode): unknown {
  const response = {
    visualization: parts.visualization ?? null,
    inference_id: parts.inferenceId,
    frame_id: null,
    time: pyFloat(parts.time),
    image: { width: parts.image.width, height: parts.image.height },
    predictions: parts.predictions,
  }
  return mode === 'F' ? response : dropNulls(response)
}
